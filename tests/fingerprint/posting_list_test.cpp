#include <gtest/gtest.h>

#include <random>
#include <stdexcept>

#include "fingerprint/posting_list.h"

namespace fp = prov::fingerprint;

namespace {
bool same(const std::vector<fp::Posting>& a, const std::vector<fp::Posting>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].item != b[i].item || a[i].anchor != b[i].anchor) return false;
  return true;
}
}  // namespace

TEST(PostingList, RoundTripsAndAppendsWithoutDecoding) {
  std::mt19937 rng(7);
  std::vector<fp::Posting> all;
  for (uint32_t item = 1; item < 400; item += 1 + rng() % 5)
    for (uint32_t anchor = rng() % 50, n = 1 + rng() % 4; n > 0; --n, anchor += 1 + rng() % 900000) all.push_back({item, anchor});
  const std::size_t half = all.size() / 2;
  while (all[half - 1].item == all[half].item) all.erase(all.begin() + static_cast<std::ptrdiff_t>(half));
  const std::vector<fp::Posting> first(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(half));
  const std::vector<fp::Posting> second(all.begin() + static_cast<std::ptrdiff_t>(half), all.end());

  const std::string whole = fp::encode_postings(all);
  const std::string appended = fp::encode_postings(first) + fp::encode_postings(second, first.back().item);
  EXPECT_EQ(whole, appended);
  std::vector<fp::Posting> back;
  fp::decode_postings(whole, back);
  EXPECT_TRUE(same(back, all));
  // About four bytes a posting: the archive's size depends on it.
  EXPECT_LT(whole.size(), all.size() * 6);
}

TEST(PostingList, RefusesUnsortedInput) {
  EXPECT_THROW(fp::encode_postings({{3, 1}, {2, 1}}), std::logic_error);
  EXPECT_THROW(fp::encode_postings({{3, 9}, {3, 1}}), std::logic_error);
  EXPECT_THROW(fp::encode_postings({{3, 1}}, 3), std::logic_error);
}

TEST(PostingList, CorruptListsAreErrorsNotCrashes) {
  std::vector<fp::Posting> out;
  const std::string good = fp::encode_postings({{5, 10}, {5, 300}, {9, 4}});
  EXPECT_THROW(fp::decode_postings(good.substr(0, good.size() - 1), out), std::runtime_error);  // cut short
  EXPECT_THROW(fp::decode_postings(std::string("\x00\x01\x05", 3), out), std::runtime_error);     // item step 0
  EXPECT_THROW(fp::decode_postings(std::string("\x05\x00", 2), out), std::runtime_error);         // empty group
  EXPECT_THROW(fp::decode_postings(std::string("\x05\x7f\x01", 3), out), std::runtime_error);     // count too big
  EXPECT_THROW(fp::decode_postings(std::string("\xff\xff\xff\xff\xff\xff", 6), out), std::runtime_error);
}
