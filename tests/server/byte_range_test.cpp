#include <gtest/gtest.h>

#include "server/byte_range.h"
#include "server/waveform_peaks.h"

namespace prov::test {
namespace {

using server::ByteRange;
using server::parse_byte_range;
using server::UnsatisfiableRange;
using server::WholeResource;

ByteRange range_of(std::string_view header, uint64_t size) {
  const auto r = parse_byte_range(header, size);
  EXPECT_TRUE(std::holds_alternative<ByteRange>(r)) << header;
  return std::holds_alternative<ByteRange>(r) ? std::get<ByteRange>(r) : ByteRange{};
}

TEST(ByteRange, TheThreeFormsOfOneRange) {
  EXPECT_EQ(range_of("bytes=0-", 1000).first, 0u);
  EXPECT_EQ(range_of("bytes=0-", 1000).last, 999u);
  EXPECT_EQ(range_of("bytes=100-199", 1000).length(), 100u);
  EXPECT_EQ(range_of("bytes=900-5000", 1000).last, 999u);  // clipped to the end
  EXPECT_EQ(range_of("bytes=-100", 1000).first, 900u);     // the last 100 bytes
  EXPECT_EQ(range_of("bytes=-5000", 1000).first, 0u);
  EXPECT_EQ(range_of(" bytes=5-5 ", 1000).length(), 1u);
}

TEST(ByteRange, RangesThatCannotBeMetAndOnesAnsweredWhole) {
  for (const char* bad : {"bytes=1000-", "bytes=2000-3000", "bytes=5-4", "bytes=-0", "bytes=x-", "bytes=1-x",
                          "items=0-1", "bytes=", "bytes=0", "bytes=99999999999999999999-"}) {
    EXPECT_TRUE(std::holds_alternative<UnsatisfiableRange>(parse_byte_range(bad, 1000))) << bad;
  }
  EXPECT_TRUE(std::holds_alternative<UnsatisfiableRange>(parse_byte_range("bytes=0-", 0)));
  EXPECT_TRUE(std::holds_alternative<WholeResource>(parse_byte_range("", 1000)));
  EXPECT_TRUE(std::holds_alternative<WholeResource>(parse_byte_range("bytes=0-1,5-9", 1000)));
}

TEST(WaveformPeaks, MinAndMaxPerBucketAndCoarserLevels) {
  server::WaveformPeaksBuilder builder(1000, 10);
  std::vector<float> signal(95, 0.0f);
  signal[3] = 0.5f;    // bucket 0
  signal[17] = -1.0f;  // bucket 1
  signal[94] = 2.0f;   // last, partial bucket; clipped to full scale
  builder.feed(signal.data(), 50);
  builder.feed(signal.data() + 50, 45);
  const auto peaks = builder.finish();
  ASSERT_EQ(peaks.min.size(), 10u);
  EXPECT_EQ(peaks.samples, 95u);
  EXPECT_DOUBLE_EQ(peaks.buckets_per_second(), 100.0);
  EXPECT_EQ(peaks.max[0], 64);  // 0.5 * 127, rounded
  EXPECT_EQ(peaks.min[0], 0);
  EXPECT_EQ(peaks.min[1], -127);
  EXPECT_EQ(peaks.max[9], 127);
  const auto coarse = peaks.coarsened(4);
  ASSERT_EQ(coarse.min.size(), 3u);
  EXPECT_EQ(coarse.max[0], 64);
  EXPECT_EQ(coarse.min[0], -127);
  EXPECT_EQ(coarse.max[2], 127);
  EXPECT_DOUBLE_EQ(coarse.buckets_per_second(), 25.0);
}

}  // namespace
}  // namespace prov::test
