// The overview sketch stays the same size however long the recording, and
// still shows where things happen in it.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "report/overview_figures.h"
#include "report/overview_sketch.h"

namespace prov::report {
namespace {

TEST(OverviewSketch, SizeIsBoundedAndEventsStayInPlace) {
  constexpr int rate = 16000;
  constexpr double hours = 1.0;
  const auto total = static_cast<std::size_t>(hours * 3600 * rate);
  // Quiet noise-free hiss with a loud 3 kHz burst from 40 % to 42 % of the length.
  const std::size_t burst_from = total * 40 / 100, burst_to = total * 42 / 100;
  OverviewSketch sketch(rate);
  std::vector<float> block(4096);
  uint32_t state = 1;
  for (std::size_t start = 0; start < total; start += block.size()) {
    const std::size_t n = std::min(block.size(), total - start);
    for (std::size_t i = 0; i < n; ++i) {
      state = state * 1664525u + 1013904223u;
      const std::size_t k = start + i;
      const float hiss = 0.001f * (static_cast<float>(state >> 8) / 16777216.0f - 0.5f);
      block[i] = hiss + (k >= burst_from && k < burst_to ? 0.8f * std::sin(2 * M_PI * 3000.0 * k / rate) : 0.0f);
    }
    sketch.feed(block.data(), n);
  }
  EXPECT_EQ(sketch.samples(), total);
  EXPECT_LE(sketch.frames(), 1200u);
  EXPECT_GE(sketch.frames(), 600u);
  EXPECT_LE(sketch.envelope_max().size(), 2400u);
  EXPECT_GE(sketch.envelope_max().size(), 1200u);

  // Envelope: loud only inside the burst.
  const auto highs = sketch.envelope_max();
  for (std::size_t b = 0; b < highs.size(); ++b) {
    const std::size_t from = b * sketch.bucket_len(), to = from + sketch.bucket_len();
    if (to <= burst_from || from >= burst_to) {
      ASSERT_LT(highs[b], 0.01f) << "bucket " << b;
    }
    if (from >= burst_from && to <= burst_to) {
      ASSERT_GT(highs[b], 0.7f) << "bucket " << b;
    }
  }
  // Spectrogram: the 3 kHz row is bright inside the burst, dark outside.
  const RgbImage img = spectrogram_image(sketch);
  ASSERT_EQ(img.height, 256);
  const int row = 256 - 1 - (3000 * 512 / rate - 1);  // bin 96, drawn from the top
  auto brightness = [&](int x) {
    const auto* p = &img.pixels[(static_cast<std::size_t>(row) * img.width + x) * 3];
    return p[0] + p[1];
  };
  const int inside = static_cast<int>(0.41 * img.width), before = static_cast<int>(0.2 * img.width);
  EXPECT_GT(brightness(inside), brightness(before) + 100);
}

TEST(OverviewSketch, ShortSignalGivesTheSameFiguresAsBefore) {
  Signal s;
  s.sample_rate = 16000;
  for (int i = 0; i < 16000 * 2; ++i) s.samples.push_back(0.5f * std::sin(2 * M_PI * 440.0 * i / 16000));
  OverviewSketch sketch(16000);
  sketch.feed(s.samples.data(), s.samples.size());
  EXPECT_EQ(sketch.frames(), (s.samples.size() - 512) / 128 + 1) << "short files keep every 128-sample frame";
  EXPECT_EQ(sketch.bucket_len(), 16u);
  EXPECT_EQ(waveform_svg(s, {}), waveform_svg(sketch, {}));
}

}  // namespace
}  // namespace prov::report
