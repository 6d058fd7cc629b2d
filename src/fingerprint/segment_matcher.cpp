#include "fingerprint/segment_matcher.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <span>

#include "core/parallel.h"
#include "fingerprint/candidate_hits.h"

namespace prov::fingerprint {
namespace {

struct Line {
  double scale = 1, offset = 0, ta_ref = 0;  // tq = scale * (ta - ta_ref) + offset
  double predict(double ta) const { return scale * (ta - ta_ref) + offset; }
};

// Largest number of values within a window of `width` in a sorted list; returns its centre.
std::pair<int, double> densest_window(const std::vector<double>& sorted, double width) {
  int best = 0;
  double centre = 0;
  for (std::size_t lo = 0, hi = 0; hi < sorted.size(); ++hi) {
    while (sorted[hi] - sorted[lo] > width) ++lo;
    const int n = static_cast<int>(hi - lo + 1);
    if (n > best) {
      best = n;
      centre = 0.5 * (sorted[hi] + sorted[lo]);
    }
  }
  return {best, centre};
}

// Best line through the candidate hits: a vote over time-scale factors, each
// scale voting for the offset that most hits agree on.
Line fit_line(const std::vector<const Hit*>& candidates, const MatchParams& p, double tolerance) {
  std::vector<double> tas;
  for (const Hit* h : candidates) tas.push_back(h->ta);
  std::nth_element(tas.begin(), tas.begin() + tas.size() / 2, tas.end());
  Line best;
  best.ta_ref = tas[tas.size() / 2];
  std::vector<double> offsets(candidates.size());
  const int steps = static_cast<int>(std::lround(p.max_speed_deviation / p.scale_step));
  double best_score = -1;
  int best_k = 0;
  auto evaluate = [&](int k) {
    const double s = 1.0 + k * p.scale_step;
    for (std::size_t i = 0; i < candidates.size(); ++i) offsets[i] = candidates[i]->tq - s * (candidates[i]->ta - best.ta_ref);
    std::sort(offsets.begin(), offsets.end());
    const auto [votes, centre] = densest_window(offsets, 2 * tolerance);
    if (votes == 0) return;
    // Soft vote: hits near the line's centre count more, so that among scales
    // with equally many hits the one they fit best wins; exact ties go to the
    // scale nearest 1 (most reuse is not re-timed).
    const auto lo = std::lower_bound(offsets.begin(), offsets.end(), centre - tolerance);
    const auto hi = std::upper_bound(offsets.begin(), offsets.end(), centre + tolerance);
    const double median = *(lo + (hi - lo) / 2);
    double score = 0;
    for (auto it = lo; it != hi; ++it) score += 1.0 - 0.5 * std::abs(*it - median) / tolerance;
    if (score > best_score + 1e-9 || (std::abs(score - best_score) <= 1e-9 && std::abs(k) < std::abs(best_k))) {
      best_score = score;
      best.scale = s;
      best.offset = median;
      best_k = k;
    }
  };
  // Coarse steps first, then the fine steps around the best coarse one.
  constexpr int kCoarse = 4;
  for (int k = -(steps / kCoarse) * kCoarse; k <= steps; k += kCoarse) evaluate(k);
  const int centre_k = best_k;
  for (int d = -(kCoarse - 1); d < kCoarse; ++d)
    if (d != 0 && std::abs(centre_k + d) <= steps) evaluate(centre_k + d);
  return best;
}

// Least-squares refinement on the inliers when they span enough time to pin the slope.
Line refine(const Line& line, const std::vector<const Hit*>& inliers, const MatchParams& p, double min_span_frames) {
  if (inliers.size() < 8) return line;
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const Hit* h : inliers) {
    const double x = h->ta - line.ta_ref;
    sx += x;
    sy += h->tq;
    sxx += x * x;
    sxy += x * h->tq;
  }
  const double n = static_cast<double>(inliers.size());
  const double var = sxx - sx * sx / n;
  const double span = inliers.back()->ta - inliers.front()->ta;
  if (var <= 0 || std::abs(span) < min_span_frames) return line;
  Line out = line;
  out.scale = std::clamp((sxy - sx * sy / n) / var, 1.0 - p.max_speed_deviation, 1.0 + p.max_speed_deviation);
  out.offset = (sy - out.scale * sx) / n;
  return out;
}

// log10 of P(X >= k) for X Poisson with mean mu (mu may be tiny).
double poisson_tail_log10(double mu, int k) {
  if (k <= 0) return 0.0;
  mu = std::max(mu, 1e-300);
  const double log_mu = std::log(mu);
  // Terms j >= k, relative to the first; they fall fast once j > mu.
  double sum = 0, term = 1;
  for (int j = k; j < k + 200; ++j) {
    sum += term;
    term *= mu / (j + 1);
    if (term < 1e-17 * sum) break;
  }
  const double log_first = -mu + k * log_mu - std::lgamma(k + 1.0);
  return std::min(0.0, (log_first + std::log(sum)) / std::log(10.0));
}

// The query's distinct anchor times (frames), to tell how many of them a
// stretch of the query holds.
struct QueryAnchors {
  std::vector<float> sorted;
  double last = 0;
  std::ptrdiff_t between(double a, double b) const {
    return std::upper_bound(sorted.begin(), sorted.end(), b) - std::lower_bound(sorted.begin(), sorted.end(), a);
  }
};

// The segments of one item: seeds where many hits agree on an offset, a line
// fitted through each, split at long gaps.
std::vector<SegmentMatch> item_segments(const ItemCandidates& candidates, const QueryAnchors& query_anchors,
                                        const MatchParams& p) {
  std::vector<SegmentMatch> matches;
  const double tolerance = p.inlier_tolerance_s / p.hop_s;
  const double seed_width = p.seed_window_s / p.hop_s;
  const double max_gap = p.max_gap_s / p.hop_s;
  const double last_anchor = query_anchors.last;
  auto anchors_between = [&](double a, double b) { return query_anchors.between(a, b); };
  const std::span<const Hit> item_hits(candidates.hits);
  const int64_t item = candidates.item;

  // Hits ordered by their offset (query minus item time), for range queries.
  std::vector<std::pair<float, uint32_t>> keyed;
  keyed.reserve(item_hits.size());
  for (std::size_t k = 0; k < item_hits.size(); ++k)
    keyed.push_back({item_hits[k].tq - item_hits[k].ta, static_cast<uint32_t>(k)});
  std::sort(keyed.begin(), keyed.end());
  std::vector<std::size_t> by_diff(keyed.size());
  std::vector<double> diffs(keyed.size());
  for (std::size_t k = 0; k < keyed.size(); ++k) {
    diffs[k] = keyed[k].first;
    by_diff[k] = keyed[k].second;
  }
  auto range = [&](double lo, double hi) {
    return std::pair{std::lower_bound(diffs.begin(), diffs.end(), lo) - diffs.begin(),
                     std::upper_bound(diffs.begin(), diffs.end(), hi) - diffs.begin()};
  };

  // Seeds: offsets where many hits agree assuming no re-timing (a short
  // stretch drifts little), within two chance windows of query time,
  // strongest first. In a large archive an item collects chance hits at all
  // offsets; a seed must stand well above that background where it lies.
  struct Seed {
    int votes;
    double centre;
    float t0, t1;  // query time range, frames
  };
  std::vector<Seed> seeds;
  const double window = static_cast<double>(candidates.time_width) / kQuarterFramesPerFrame;
  {
    std::vector<float> offsets;
    const auto by_tq = [](const Hit& h, double t) { return h.tq < t; };
    for (std::size_t t = 0; t < candidates.stretches.size(); ++t) {
      if (candidates.stretches[t].empty() && (t + 1 >= candidates.stretches.size() || candidates.stretches[t + 1].empty()))
        continue;
      const auto t0 = static_cast<float>(static_cast<double>(t) * window), t1 = static_cast<float>((static_cast<double>(t) + 2) * window);
      const auto h0 = std::lower_bound(item_hits.begin(), item_hits.end(), double(t0), by_tq);
      const auto h1 = std::lower_bound(item_hits.begin(), item_hits.end(), double(t1), by_tq);
      offsets.clear();
      for (auto h = h0; h != h1; ++h) offsets.push_back(h->tq - h->ta);
      std::sort(offsets.begin(), offsets.end());
      for (std::size_t lo = 0, hi = 0; hi < offsets.size(); ++hi) {
        while (offsets[hi] - offsets[lo] > seed_width) ++lo;
        const int n = static_cast<int>(hi - lo + 1);
        const bool window_ends = hi + 1 == offsets.size() || offsets[hi + 1] - offsets[lo] > seed_width;
        if (!window_ends || n < p.min_matched_anchors) continue;
        const double centre = 0.5 * (offsets[lo] + offsets[hi]);
        int needed = 0;
        for (const double at : {double(t0), double(t0) + window}) {
          const int need = candidates.needed_at(centre, at);
          if (need > 0) needed = needed == 0 ? need : std::min(needed, need);
        }
        if (needed > 0 && n >= needed) seeds.push_back({n, centre, t0, t1});
      }
    }
  }
  std::stable_sort(seeds.begin(), seeds.end(), [](const Seed& a, const Seed& b) { return a.votes > b.votes; });
  // Non-maximum suppression: a weaker seed inside a stronger one's window
  // is the same offset, seen from a shifted window.
  {
    std::vector<Seed> kept;
    for (const auto& seed : seeds) {
      const bool same = std::any_of(kept.begin(), kept.end(), [&](const Seed& k) {
        return std::abs(k.centre - seed.centre) <= seed_width && k.t0 < seed.t1 && seed.t0 < k.t1;
      });
      if (!same) kept.push_back(seed);
    }
    seeds.swap(kept);
  }

  std::vector<bool> claimed(item_hits.size(), false);
  const double reach = p.max_drift_s / p.hop_s;
  for (const auto& [votes, centre, t0, t1] : seeds) {
    std::vector<const Hit*> seed;
    std::vector<std::size_t> seed_ids;
    const auto [s0, s1] = range(centre - seed_width, centre + seed_width);
    for (auto k = s0; k < s1; ++k)
      if (!claimed[by_diff[k]] && item_hits[by_diff[k]].tq >= t0 && item_hits[by_diff[k]].tq < t1) {
        seed.push_back(&item_hits[by_diff[k]]);
        seed_ids.push_back(by_diff[k]);
      }
    if (static_cast<int>(seed.size()) < p.min_matched_anchors) continue;

    Line line = fit_line(seed, p, tolerance);
    const bool retimed = std::abs(line.scale - 1.0) > 1e-9;
    const auto [r0, r1] = range(centre - reach, centre + reach);
    std::vector<const Hit*> inliers;
    std::vector<std::size_t> inlier_ids;
    for (int round = 0; round < 2; ++round) {
      inlier_ids.clear();
      for (auto r = r0; r < r1; ++r) {
        const std::size_t k = by_diff[r];
        if (!claimed[k] && std::abs(item_hits[k].tq - line.predict(item_hits[k].ta)) <= tolerance)
          inlier_ids.push_back(k);
      }
      std::sort(inlier_ids.begin(), inlier_ids.end());  // item_hits are in query-time order
      inliers.clear();
      for (std::size_t k : inlier_ids) inliers.push_back(&item_hits[k]);
      if (round == 0) line = refine(line, inliers, p, 4.0 / p.hop_s);
    }

    // Split the line's hits into runs at long gaps; each run is one segment,
    // its ends where its matches are dense.
    const double end_window = p.end_window_s / p.hop_s;
    const auto supported = [&](std::size_t k, std::size_t a, std::size_t b) {
      int others = 0;
      for (std::size_t j = k; j-- > a && inliers[k]->tq - inliers[j]->tq <= end_window;) others += inliers[j]->tq < inliers[k]->tq;
      for (std::size_t j = k + 1; j < b && inliers[j]->tq - inliers[k]->tq <= end_window; ++j) others += inliers[j]->tq > inliers[k]->tq;
      return others >= p.end_support;
    };
    for (std::size_t a = 0; a < inliers.size();) {
      std::size_t b = a + 1;
      while (b < inliers.size() && inliers[b]->tq - inliers[b - 1]->tq <= max_gap) ++b;
      const std::size_t next = b;
      std::size_t first = a, last = b;
      while (first < last && !supported(first, a, b)) ++first;
      while (last > first && !supported(last - 1, a, b)) --last;
      a = next;
      if (last - first < static_cast<std::size_t>(p.min_matched_anchors)) continue;
      std::vector<float> anchors;
      for (std::size_t k = first; k < last; ++k) anchors.push_back(inliers[k]->tq);
      anchors.erase(std::unique(anchors.begin(), anchors.end()), anchors.end());
      const Hit& h0 = *inliers[first];
      const Hit& h1 = *inliers[last - 1];
      const double q0 = std::max(0.0, h0.tq - p.start_extension_s / p.hop_s);
      const double q1 = std::min(last_anchor + p.end_extension_s / p.hop_s, h1.tq + p.end_extension_s / p.hop_s);
      const auto in_span = std::max<std::ptrdiff_t>(1, anchors_between(h0.tq, h1.tq));
      const double score = static_cast<double>(anchors.size()) / static_cast<double>(in_span);
      const double duration_s = (h1.tq - h0.tq) * p.hop_s;
      // Chance hits expected within the line's tolerance over the span.
      const double ta_mid = 0.5 * (h0.ta + h1.ta);
      const double chance = candidates.chance_density(line.predict(ta_mid) - ta_mid) * 2.0 * tolerance *
                            std::max<double>(h1.tq - h0.tq, 1.0 / p.hop_s);
      const double significance = -poisson_tail_log10(chance, static_cast<int>(anchors.size())) -
                                  (retimed ? std::log10(2.0 * std::lround(p.max_speed_deviation / p.scale_step) + 1) : 0.0);
      if (static_cast<int>(anchors.size()) >= p.min_matched_anchors && score >= p.min_score &&
          duration_s >= p.min_duration_s && significance >= p.min_significance) {
        SegmentMatch m;
        m.item = item;
        m.query_start_s = q0 * p.hop_s;
        m.query_end_s = q1 * p.hop_s;
        m.time_scale = line.scale;
        m.item_start_s = ((q0 - line.offset) / line.scale + line.ta_ref) * p.hop_s;
        m.item_end_s = ((q1 - line.offset) / line.scale + line.ta_ref) * p.hop_s;
        m.score = std::min(1.0, score);
        m.matched_anchors = static_cast<int>(anchors.size());
        m.significance = significance;
        matches.push_back(m);
      }
    }
    // The line's hits and the seed are spent, so later seeds find other offsets.
    for (std::size_t k : inlier_ids) claimed[k] = true;
    for (std::size_t k : seed_ids) claimed[k] = true;
  }
  return matches;
}

}  // namespace

std::vector<SegmentMatch> match_segments(const std::vector<Landmark>& query, PostingSource& source,
                                         const MatchParams& p) {
  QueryAnchors anchors;
  for (const auto& l : query) anchors.sorted.push_back(l.anchor / float(kQuarterFramesPerFrame));
  std::sort(anchors.sorted.begin(), anchors.sorted.end());
  anchors.sorted.erase(std::unique(anchors.sorted.begin(), anchors.sorted.end()), anchors.sorted.end());
  anchors.last = anchors.sorted.empty() ? 0.0 : anchors.sorted.back();

  // Items are independent: shared out between threads, results kept in item order.
  const std::vector<ItemCandidates> candidates = candidate_hits(query, source, p);
  std::vector<std::vector<SegmentMatch>> per_item(candidates.size());
  std::vector<SegmentMatch> matches;
  const std::size_t threads = thread_count(0, candidates.size(), 2);
  on_threads(threads, [&](std::size_t first) {
    for (std::size_t i = first; i < candidates.size(); i += threads) per_item[i] = item_segments(candidates[i], anchors, p);
  });
  for (auto& m : per_item) matches.insert(matches.end(), m.begin(), m.end());

  // One stretch of the query cannot come from two places of the same item
  // (a speaker repeating a phrase makes weak look-alikes): keep the stronger.
  // Different items may share audio (re-uploads), so those are all kept.
  std::sort(matches.begin(), matches.end(),
            [](const SegmentMatch& a, const SegmentMatch& b) { return a.matched_anchors > b.matched_anchors; });
  std::vector<SegmentMatch> kept;
  for (const auto& m : matches) {
    const bool shadowed = std::any_of(kept.begin(), kept.end(), [&](const SegmentMatch& k) {
      const double overlap = std::min(k.query_end_s, m.query_end_s) - std::max(k.query_start_s, m.query_start_s);
      return k.item == m.item && overlap > 0.5 * (m.query_end_s - m.query_start_s);
    });
    if (!shadowed) kept.push_back(m);
  }
  matches.swap(kept);
  std::sort(matches.begin(), matches.end(), [](const SegmentMatch& a, const SegmentMatch& b) {
    return a.query_start_s != b.query_start_s ? a.query_start_s < b.query_start_s : a.item < b.item;
  });
  return matches;
}

}  // namespace prov::fingerprint
