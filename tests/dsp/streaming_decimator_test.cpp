// The streaming decimator gives exactly what the whole-signal decimator gives,
// whatever the block sizes, while holding about one filter length of input.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "dsp/decimate.h"

namespace prov::test {
namespace {

std::vector<float> hum_and_noise(std::size_t n, double rate) {
  std::mt19937 rng(7);
  std::normal_distribution<float> noise(0.0f, 0.1f);
  std::vector<float> x(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double t = static_cast<double>(i) / rate;
    x[i] = static_cast<float>(0.3 * std::sin(2 * M_PI * 50.02 * t) + 0.2 * std::sin(2 * M_PI * 1234.5 * t)) + noise(rng);
  }
  return x;
}

TEST(StreamingDecimator, MatchesWholeSignalForAnyBlockSize) {
  const double rate = 16000;
  const std::vector<float> x = hum_and_noise(16000 * 7 + 123, rate);
  for (const int factor : {1, 4, 20}) {
    const dsp::Decimator whole(rate, factor, 312, rate / factor - 312);
    const std::vector<float> expected = whole.process(x.data(), x.size());
    for (const std::size_t block : {std::size_t{1}, std::size_t{37}, std::size_t{1024}, std::size_t{50000}}) {
      SCOPED_TRACE(testing::Message() << "factor " << factor << ", block " << block);
      dsp::StreamingDecimator stream(whole);
      std::vector<float> got;
      for (std::size_t i = 0; i < x.size(); i += block)
        stream.push(x.data() + i, std::min(block, x.size() - i), got);
      stream.finish(got);
      ASSERT_EQ(got.size(), expected.size());
      for (std::size_t i = 0; i < got.size(); ++i) ASSERT_EQ(got[i], expected[i]) << "sample " << i;
    }
  }
}

TEST(StreamingDecimator, ShortInputAndNothingAtAll) {
  const dsp::Decimator d(16000, 20, 312, 488);
  const std::vector<float> x = hum_and_noise(50, 16000);
  dsp::StreamingDecimator stream(d);
  std::vector<float> got;
  stream.push(x.data(), x.size(), got);
  stream.finish(got);
  EXPECT_EQ(got, d.process(x.data(), x.size()));
  dsp::StreamingDecimator empty(d);
  std::vector<float> none;
  empty.finish(none);
  EXPECT_TRUE(none.empty());
}

}  // namespace
}  // namespace prov::test
