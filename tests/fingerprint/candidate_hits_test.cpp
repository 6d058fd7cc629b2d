#include <gtest/gtest.h>

#include <map>
#include <random>
#include <stdexcept>

#include "fingerprint/candidate_hits.h"
#include "fingerprint/segment_matcher.h"

namespace fp = prov::fingerprint;

namespace {

// Postings held in memory: what an archive would return for each hash.
class MemorySource : public fp::PostingSource {
 public:
  bool lookup(uint32_t hash, std::size_t cap, std::vector<fp::Posting>& out) override {
    const auto it = lists.find(hash);
    if (it == lists.end()) return true;
    if (it->second.size() > cap) return false;
    out.insert(out.end(), it->second.begin(), it->second.end());
    return true;
  }
  void begin_lookups() override { ++brackets; }
  std::map<uint32_t, std::vector<fp::Posting>> lists;
  int brackets = 0;
};

constexpr uint32_t kQuartersPerSecond = 250;  // 16 ms frames, quarter frames

}  // namespace

// A 10-minute query against a one-hour item that shares 8 s of it, buried in
// chance hits at every offset: only the shared stretch survives, and a
// segment is fitted at its true offset.
TEST(CandidateHits, AReusedStretchStandsOutOfChanceHits) {
  std::mt19937 rng(3);
  MemorySource source;
  std::vector<fp::Landmark> query;
  const uint32_t query_len = 600 * kQuartersPerSecond, item_len = 3600 * kQuartersPerSecond;
  std::uniform_int_distribution<uint32_t> q_at(0, query_len), a_at(0, item_len), any_hash(1000, 200000);
  // Chance: 60 query landmarks a second, each hash also somewhere in the item.
  for (uint32_t i = 0; i < 60 * 600; ++i) {
    const uint32_t h = any_hash(rng);
    query.push_back({h, q_at(rng)});
    source.lists[h].push_back({7, a_at(rng)});
  }
  // Reuse: query 100-108 s is item 2000-2008 s, 20 shared landmarks a second.
  for (uint32_t i = 0; i < 160; ++i) {
    const uint32_t h = 300000 + i;
    const uint32_t t = 100 * kQuartersPerSecond + i * kQuartersPerSecond / 20;
    query.push_back({h, t});
    source.lists[h].push_back({7, t + 1900 * kQuartersPerSecond});
  }
  for (auto& [hash, list] : source.lists)
    std::sort(list.begin(), list.end(), [](const fp::Posting& a, const fp::Posting& b) { return a.anchor < b.anchor; });

  const auto candidates = fp::candidate_hits(query, source, {});
  EXPECT_EQ(source.brackets, 1);
  ASSERT_EQ(candidates.size(), 1u);
  // Kept: the shared stretch and the chance hits near its offset and query
  // time, not the 36,000 others.
  EXPECT_GE(candidates[0].hits.size(), 160u);
  EXPECT_LT(candidates[0].hits.size(), 600u);

  const auto matches = fp::match_segments(query, source);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_NEAR(matches[0].query_start_s, 100.0, 0.3);
  EXPECT_NEAR(matches[0].item_start_s, 2000.0, 0.3);
  EXPECT_NEAR(matches[0].time_scale, 1.0, 0.01);
}

TEST(CandidateHits, ChanceHitsAloneGiveNoSegment) {
  std::mt19937 rng(4);
  MemorySource source;
  std::vector<fp::Landmark> query;
  std::uniform_int_distribution<uint32_t> q_at(0, 600 * kQuartersPerSecond), a_at(0, 3600 * kQuartersPerSecond),
      any_hash(1000, 100000);
  for (uint32_t i = 0; i < 100 * 600; ++i) {
    const uint32_t h = any_hash(rng);
    query.push_back({h, q_at(rng)});
    source.lists[h].push_back({1 + i % 5, a_at(rng)});
  }
  for (auto& [hash, list] : source.lists)
    std::sort(list.begin(), list.end(), [](const fp::Posting& a, const fp::Posting& b) {
      return std::pair(a.item, a.anchor) < std::pair(b.item, b.anchor);
    });
  EXPECT_TRUE(fp::match_segments(query, source).empty());
}

TEST(CandidateHits, ADamagedItemIdIsAnErrorNotAHugeAllocation) {
  MemorySource source;
  source.lists[5] = {{4000000000u, 10}};
  const std::vector<fp::Landmark> query = {{5, 10}, {5, 20}, {5, 30}, {5, 40}, {5, 50}, {5, 60}, {5, 70}};
  EXPECT_THROW(fp::candidate_hits(query, source, {}), std::runtime_error);
}
