#include "fingerprint/candidate_hits.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <cmath>
#include <iterator>
#include <limits>
#include <span>
#include <stdexcept>

#include "core/parallel.h"

namespace prov::fingerprint {
namespace {

// The chance background of an offset bin is the mean of this many bins on
// each side: chance hits are not spread evenly (their offsets follow the
// overlap of query and item), so one mean per item would not do.
constexpr std::size_t kBackgroundBins = 32;
constexpr uint32_t kMaxItemId = 1u << 26;
// Offset x query-time cells of one item at most (bytes, per thread).
constexpr std::size_t kMaxCells = std::size_t{32} << 20;

struct Group {  // one hash: its query anchors and its postings
  std::size_t q0, q1, p0, p1;
};

int needed_to_stand_out(double expected, int floor) {
  return std::max(floor, static_cast<int>(std::ceil(expected + 4.0 * std::sqrt(expected))) + 1);
}

// Looks up each distinct hash of the query once, in one bracket of lookups.
void look_up(const std::vector<Landmark>& sorted, PostingSource& source, std::size_t cap, std::vector<Posting>& postings,
             std::vector<Group>& groups) {
  struct Bracket {
    explicit Bracket(PostingSource& s) : source(s) { source.begin_lookups(); }
    ~Bracket() { source.end_lookups(); }
    PostingSource& source;
  } bracket(source);
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i;
    while (j < sorted.size() && sorted[j].hash == sorted[i].hash) ++j;
    const std::size_t p0 = postings.size();
    if (source.lookup(sorted[i].hash, cap, postings) && postings.size() > p0) groups.push_back({i, j, p0, postings.size()});
    i = j;
  }
}

// Query time and item time overlap this long (quarter frames) at an offset.
double overlap_at(int64_t offset, int64_t query_end, int64_t item_end) {
  return static_cast<double>(std::max<int64_t>(0, std::min(query_end, item_end + offset) - std::max<int64_t>(0, offset)));
}

// Chance hits per offset bin over the whole overlap: the mean of the bins
// around it, itself left out.
std::vector<float> local_background(const std::vector<uint32_t>& counts) {
  const std::size_t n = counts.size();
  std::vector<uint64_t> prefix(n + 1, 0);
  for (std::size_t b = 0; b < n; ++b) prefix[b + 1] = prefix[b] + counts[b];
  std::vector<float> out(n, 0.0f);
  for (std::size_t b = 0; b < n; ++b) {
    const std::size_t lo = b > kBackgroundBins ? b - kBackgroundBins : 0, hi = std::min(n, b + 1 + kBackgroundBins);
    if (hi - lo > 1) out[b] = static_cast<float>(static_cast<double>(prefix[hi] - prefix[lo] - counts[b]) / static_cast<double>(hi - lo - 1));
  }
  return out;
}

// Candidate stretches: blocks of two offset bins by two query-time bins
// holding clearly more hits than chance puts there, where chance is the
// item's local background over the whole overlap scaled down to the block's
// share of that overlap. Each is widened by `reach` offset bins for the
// drift of a re-timed segment and by a time bin on each side. Returns the
// stretches per time bin, empty when there are none.
std::vector<std::vector<ItemCandidates::Stretch>> candidate_stretches(const std::vector<uint8_t>& cells, std::size_t n,
                                                                      std::size_t n_t, const std::vector<float>& background,
                                                                      int min_hits, std::size_t reach, int64_t width,
                                                                      int64_t time_width, int64_t query_end, int64_t item_end) {
  std::vector<std::vector<ItemCandidates::Stretch>> out;
  const auto cell = [&](std::size_t t, std::size_t b) -> int { return t < n_t && b < n ? cells[t * n + b] : 0; };
  const int trigger = std::max(1, (min_hits + 3) / 4);  // a block reaching min_hits has a cell with this many
  const auto test_block = [&](std::size_t t0, std::size_t b0) {
    const int sum = cell(t0, b0) + cell(t0, b0 + 1) + cell(t0 + 1, b0) + cell(t0 + 1, b0 + 1);
    if (sum < min_hits) return;
    const double pair = static_cast<double>(background[b0]) + (b0 + 1 < n ? background[b0 + 1] : 0.0f);
    const double overlap = overlap_at(static_cast<int64_t>(b0 + 1) * width - item_end, query_end, item_end);
    const double expected = pair * std::min(1.0, 2.0 * static_cast<double>(time_width) / std::max(1.0, overlap));
    const int need = std::min(needed_to_stand_out(expected, min_hits), 65535);
    if (sum < need) return;
    if (out.empty()) out.resize(n_t);
    for (std::size_t t = t0 > 0 ? t0 - 1 : 0; t <= std::min(n_t - 1, t0 + 2); ++t)
      out[t].push_back({static_cast<uint32_t>(b0 > reach ? b0 - reach : 0), static_cast<uint32_t>(std::min(n - 1, b0 + 1 + reach)),
                        static_cast<uint16_t>(need)});
  };
  // Hot cells are found a word at a time: most cells hold 0 or 1 chance hit.
  // A cell holding `trigger` or more has a bit at or above trigger's highest bit set.
  const auto floor_bit = static_cast<uint8_t>(std::bit_floor(static_cast<unsigned>(trigger)));
  const uint64_t high = 0x0101010101010101ull * static_cast<uint8_t>(~(floor_bit - 1u) & 0xffu);
  for (std::size_t w = 0; w < cells.size(); w += 8) {
    if (w + 8 <= cells.size()) {
      uint64_t word;
      std::memcpy(&word, cells.data() + w, 8);
      if ((word & high) == 0) continue;
    }
    for (std::size_t c = w; c < std::min(cells.size(), w + 8); ++c) {
      if (cells[c] < trigger) continue;
      const std::size_t t = c / n, b = c % n;
      for (std::size_t t0 = t > 0 ? t - 1 : 0; t0 <= t; ++t0)
        for (std::size_t b0 = b > 0 ? b - 1 : 0; b0 <= b; ++b0) test_block(t0, b0);
    }
  }
  // Overlapping stretches of a time bin merged, keeping the lower need.
  for (auto& row : out) {
    if (row.size() < 2) continue;
    std::sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.first_bin < b.first_bin; });
    std::vector<ItemCandidates::Stretch> merged{row.front()};
    for (std::size_t k = 1; k < row.size(); ++k) {
      auto& last = merged.back();
      if (row[k].first_bin <= last.last_bin + 1) {
        last.last_bin = std::max(last.last_bin, row[k].last_bin);
        last.needed = std::min(last.needed, row[k].needed);
      } else {
        merged.push_back(row[k]);
      }
    }
    row.swap(merged);
  }
  return out;
}

}  // namespace

int ItemCandidates::needed_at(double offset_frames, double query_frames) const {
  const auto q = static_cast<int64_t>(std::floor(offset_frames * kQuarterFramesPerFrame)) + shift;
  const auto t = static_cast<int64_t>(std::floor(query_frames * kQuarterFramesPerFrame)) / time_width;
  if (q < 0 || t < 0 || t >= static_cast<int64_t>(stretches.size())) return 0;
  const auto b = static_cast<uint32_t>(q / width);
  int needed = 0;
  for (const auto& s : stretches[static_cast<std::size_t>(t)])
    if (b >= s.first_bin && b <= s.last_bin) needed = needed == 0 ? s.needed : std::min<int>(needed, s.needed);
  return needed;
}

double ItemCandidates::chance_density(double offset_frames) const {
  const auto q = static_cast<int64_t>(std::floor(offset_frames * kQuarterFramesPerFrame)) + shift;
  const auto b = std::clamp<int64_t>(q / width, 0, static_cast<int64_t>(background.size()) - 1);
  // A floor of half a chance hit per bin over the overlap: an item whose
  // neighbourhood happens to be empty is no proof that chance hits cannot
  // occur there.
  constexpr double kFloorPerBin = 0.5;
  const double per_bin = std::max<double>(kFloorPerBin, background.empty() ? 0.0 : background[static_cast<std::size_t>(b)]);
  const double overlap = std::max(static_cast<double>(time_width), overlap_at(b * width + width / 2 - shift, query_end, shift));
  const double quarter2 = static_cast<double>(kQuarterFramesPerFrame) * kQuarterFramesPerFrame;
  return per_bin / (static_cast<double>(width) * overlap) * quarter2;
}

std::vector<ItemCandidates> candidate_hits(const std::vector<Landmark>& query, PostingSource& source,
                                           const MatchParams& p) {
  std::vector<Landmark> sorted = query;
  std::sort(sorted.begin(), sorted.end(), [](const Landmark& a, const Landmark& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.anchor < b.anchor;
  });
  sorted.erase(std::unique(sorted.begin(), sorted.end(),
                           [](const Landmark& a, const Landmark& b) { return a.hash == b.hash && a.anchor == b.anchor; }),
               sorted.end());
  std::vector<Posting> postings;
  std::vector<Group> groups;
  look_up(sorted, source, p.max_postings_per_hash, postings, groups);
  uint32_t query_end = 0;
  for (const auto& l : sorted) query_end = std::max(query_end, l.anchor);

  // The postings regrouped by item (a counting sort), so that each item's
  // offset histogram is small enough to stay in cache while it fills.
  uint32_t max_item = 0;
  for (const auto& post : postings) max_item = std::max(max_item, post.item);
  // Item ids are numbered from 1 as items are added; one far beyond any
  // real archive comes from a damaged file, and would size the tables below.
  if (max_item > kMaxItemId) throw std::runtime_error("archive: damaged posting list (item id out of range)");
  std::vector<std::size_t> start(std::size_t{max_item} + 2, 0);
  for (const auto& post : postings) ++start[post.item + 1];
  for (std::size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
  struct ItemPosting {
    uint32_t anchor;
    uint32_t group;
  };
  std::vector<ItemPosting> by_item(postings.size());
  {
    std::vector<std::size_t> fill(start.begin(), start.end() - 1);
    for (std::size_t g = 0; g < groups.size(); ++g)
      for (std::size_t k = groups[g].p0; k < groups[g].p1; ++k)
        by_item[fill[postings[k].item]++] = {postings[k].anchor, static_cast<uint32_t>(g)};
  }
  postings.clear();
  postings.shrink_to_fit();

  const int64_t width = std::max<int64_t>(1, std::llround(p.seed_window_s / p.hop_s * kQuarterFramesPerFrame));
  const auto reach = static_cast<std::size_t>(std::ceil(p.max_drift_s / p.seed_window_s)) + 2;
  const int64_t base_time_width = std::max<int64_t>(1, std::llround(p.chance_window_s / p.hop_s * kQuarterFramesPerFrame));
  // Items are independent: they are shared out between threads (every
  // threads-th item to each), and the results put back in item order.
  const std::size_t threads = thread_count(0, max_item + std::size_t{1}, 16);
  std::vector<std::vector<ItemCandidates>> per_thread(threads);
  on_threads(threads, [&](std::size_t first) {
    std::vector<uint32_t> counts;
    std::vector<uint8_t> cells;
    std::vector<uint64_t> keys;
    for (std::size_t item = first; item <= max_item; item += threads) {
      const std::span<const ItemPosting> mine(by_item.data() + start[item], start[item + 1] - start[item]);
      uint64_t hits = 0;
      uint32_t item_end = 0;
      for (const auto& ip : mine) {
        hits += groups[ip.group].q1 - groups[ip.group].q0;
        item_end = std::max(item_end, ip.anchor);
      }
      if (hits < static_cast<uint64_t>(p.min_matched_anchors)) continue;

      // Pass 1: histograms of offsets (query minus item time), bins one
      // seed window wide, over the whole query and per stretch of query
      // time; offset + item_end is never negative.
      const auto n = static_cast<std::size_t>((int64_t{query_end} + item_end) / width + 1);
      const auto bin_of = [&](uint32_t query_anchor, uint32_t item_anchor) {
        return static_cast<std::size_t>((int64_t{query_anchor} + item_end - item_anchor) / width);
      };
      // Very long queries and items get wider time bins, so the cells stay
      // within bounds (a 10-hour query against a 10-hour item would need
      // hundreds of MB); the test only gets coarser there.
      int64_t time_width = base_time_width;
      while (time_width <= query_end && n * static_cast<std::size_t>(query_end / time_width + 1) > kMaxCells) time_width *= 2;
      const auto n_t = static_cast<std::size_t>(query_end / time_width + 1);
      counts.assign(n, 0);
      cells.assign(n * n_t, 0);
      for (const auto& ip : mine)
        for (std::size_t q = groups[ip.group].q0; q < groups[ip.group].q1; ++q) {
          const std::size_t b = bin_of(sorted[q].anchor, ip.anchor);
          ++counts[b];
          uint8_t& cell = cells[sorted[q].anchor / time_width * n + b];
          cell += cell < 255;
        }
      std::vector<float> background = local_background(counts);
      auto stretches = candidate_stretches(cells, n, n_t, background, p.min_matched_anchors, reach, width, time_width,
                                           query_end, item_end);
      if (stretches.empty()) continue;
      const auto in_stretch = [&](uint32_t query_anchor, std::size_t b) {
        for (const auto& s : stretches[query_anchor / time_width])
          if (b >= s.first_bin && b <= s.last_bin) return true;
        return false;
      };

      // Pass 2: only the hits in candidate stretches are kept, as
      // (query anchor << 32 | item anchor), each pair once, in query-time order.
      keys.clear();
      for (const auto& ip : mine)
        for (std::size_t q = groups[ip.group].q0; q < groups[ip.group].q1; ++q)
          if (in_stretch(sorted[q].anchor, bin_of(sorted[q].anchor, ip.anchor)))
            keys.push_back((uint64_t{sorted[q].anchor} << 32) | ip.anchor);
      std::sort(keys.begin(), keys.end());
      keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
      if (keys.size() < static_cast<std::size_t>(p.min_matched_anchors)) continue;
      ItemCandidates c;
      c.item = static_cast<uint32_t>(item);
      c.shift = item_end;
      c.width = width;
      c.time_width = time_width;
      c.query_end = query_end;
      c.stretches = std::move(stretches);
      c.background = std::move(background);
      c.hits.reserve(keys.size());
      constexpr float kQuarter = 1.0f / kQuarterFramesPerFrame;
      for (const uint64_t key : keys)
        c.hits.push_back({c.item, static_cast<float>(key >> 32) * kQuarter, static_cast<float>(key & 0xffffffffu) * kQuarter});
      per_thread[first].push_back(std::move(c));
    }
  });
  std::vector<ItemCandidates> out;
  for (auto& part : per_thread) std::move(part.begin(), part.end(), std::back_inserter(out));
  std::sort(out.begin(), out.end(), [](const ItemCandidates& a, const ItemCandidates& b) { return a.item < b.item; });
  return out;
}

}  // namespace prov::fingerprint
