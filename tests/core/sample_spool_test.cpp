#include "core/sample_spool.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace prov {
namespace {

std::vector<float> tone(std::size_t n) {
  std::vector<float> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<float>(std::sin(0.37 * static_cast<double>(i)) + 1e-4 * i);
  return x;
}

// Appends in uneven pieces and reads ranges that cross block edges and the unspilled tail.
void expect_same_as(const std::vector<float>& truth, SampleSpool& spool) {
  for (std::size_t i = 0; i < truth.size();) {
    const std::size_t piece = std::min<std::size_t>(1 + (i * 7) % 613, truth.size() - i);
    spool.append(truth.data() + i, piece);
    i += piece;
  }
  ASSERT_EQ(spool.size(), truth.size());
  for (const auto& [first, count] : std::vector<std::pair<std::size_t, std::size_t>>{
           {0, 1}, {0, truth.size()}, {999, 2}, {1000, 1000}, {4321, 1789}, {truth.size() - 5, 5}}) {
    std::vector<float> got(count);
    spool.read(first, count, got.data());
    for (std::size_t j = 0; j < count; ++j) ASSERT_EQ(got[j], truth[first + j]) << "sample " << first + j;
  }
  std::vector<float> one(1);
  EXPECT_THROW(spool.read(truth.size(), 1, one.data()), std::out_of_range);
}

TEST(SampleSpool, GivesBackWhatWasAppendedFromItsTemporaryFile) {
  const auto truth = tone(10'507);  // ten full blocks and a partial one
  SampleSpool spool(800.0, 1000);
  EXPECT_TRUE(spool.on_disk()) << "a temporary file in $TMPDIR or /tmp";
  expect_same_as(truth, spool);
  EXPECT_EQ(spool.sample_rate(), 800.0);
}

TEST(SampleSpool, WithoutATemporaryDirectoryItKeepsTheSamplesInMemory) {
  const char* old = std::getenv("TMPDIR");
  const std::string saved = old ? old : "";
  setenv("TMPDIR", "/nonexistent/provenance-no-such-dir", 1);
  SampleSpool spool(800.0, 1000);
  if (old) setenv("TMPDIR", saved.c_str(), 1); else unsetenv("TMPDIR");
  EXPECT_FALSE(spool.on_disk());
  expect_same_as(tone(10'507), spool);
}

}  // namespace
}  // namespace prov
