#include "fingerprint/candidate_hits.h"

#include <algorithm>
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

// Candidate stretches of an item's offset histogram: two neighbouring bins
// holding clearly more than the local background, widened by `reach` bins
// for the drift of a re-timed segment. Returns, per bin, the hits a seed
// window must hold there (0 outside every stretch); empty when none.
std::vector<uint16_t> candidate_stretches(const std::vector<uint32_t>& counts, int min_hits, std::size_t reach) {
  const std::size_t n = counts.size();
  std::vector<uint64_t> prefix(n + 1, 0);
  for (std::size_t b = 0; b < n; ++b) prefix[b + 1] = prefix[b] + counts[b];
  std::vector<uint16_t> needed;
  for (std::size_t b = 0; b + 1 < n; ++b) {
    const uint64_t pair = uint64_t{counts[b]} + counts[b + 1];
    if (pair < static_cast<uint64_t>(min_hits)) continue;
    const std::size_t lo = b > kBackgroundBins ? b - kBackgroundBins : 0, hi = std::min(n, b + 2 + kBackgroundBins);
    const double others = static_cast<double>(prefix[hi] - prefix[lo] - pair);
    const double expected = hi - lo > 2 ? 2.0 * others / static_cast<double>(hi - lo - 2) : 0.0;
    const auto need = static_cast<uint16_t>(std::min(needed_to_stand_out(expected, min_hits), 65535));
    if (pair < need) continue;
    if (needed.empty()) needed.assign(n, 0);
    for (std::size_t k = b > reach ? b - reach : 0; k <= std::min(n - 1, b + 1 + reach); ++k)
      needed[k] = needed[k] == 0 ? need : std::min(needed[k], need);
  }
  return needed;
}

}  // namespace

int ItemCandidates::needed_at(double offset_frames) const {
  const auto q = static_cast<int64_t>(std::floor(offset_frames * kQuarterFramesPerFrame)) + shift;
  if (q < 0 || q / width >= static_cast<int64_t>(needed.size())) return 0;
  return needed[static_cast<std::size_t>(q / width)];
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
  // Items are independent: they are shared out between threads (every
  // threads-th item to each), and the results put back in item order.
  const std::size_t threads = thread_count(0, max_item + std::size_t{1}, 16);
  std::vector<std::vector<ItemCandidates>> per_thread(threads);
  on_threads(threads, [&](std::size_t first) {
    std::vector<uint32_t> counts;
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

      // Pass 1: a histogram of offsets (query minus item time), bins one
      // seed window wide; offset + item_end is never negative.
      const auto n = (int64_t{query_end} + item_end) / width + 1;
      const auto bin_of = [&](uint32_t query_anchor, uint32_t item_anchor) {
        return static_cast<std::size_t>((int64_t{query_anchor} + item_end - item_anchor) / width);
      };
      counts.assign(static_cast<std::size_t>(n), 0);
      for (const auto& ip : mine)
        for (std::size_t q = groups[ip.group].q0; q < groups[ip.group].q1; ++q) ++counts[bin_of(sorted[q].anchor, ip.anchor)];
      std::vector<uint16_t> needed = candidate_stretches(counts, p.min_matched_anchors, reach);
      if (needed.empty()) continue;

      // Pass 2: only the hits in candidate stretches are kept, as
      // (query anchor << 32 | item anchor), each pair once, in query-time order.
      keys.clear();
      for (const auto& ip : mine)
        for (std::size_t q = groups[ip.group].q0; q < groups[ip.group].q1; ++q)
          if (needed[bin_of(sorted[q].anchor, ip.anchor)] != 0)
            keys.push_back((uint64_t{sorted[q].anchor} << 32) | ip.anchor);
      std::sort(keys.begin(), keys.end());
      keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
      if (keys.size() < static_cast<std::size_t>(p.min_matched_anchors)) continue;
      ItemCandidates c;
      c.item = static_cast<uint32_t>(item);
      c.shift = item_end;
      c.width = width;
      c.needed = std::move(needed);
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
