#include <gtest/gtest.h>
#include <png.h>

#include <cmath>
#include <numbers>
#include <random>

#include "integrity/scanner.h"
#include "report/overview_figures.h"
#include "report/png_image.h"

namespace prov::report {
namespace {

std::string decode_base64(const std::string& text) {
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned value = 0;
  int bits = -8;
  for (char c : text) {
    if (c == '=') break;
    const auto pos = alphabet.find(c);
    if (pos == std::string::npos) continue;
    value = (value << 6) | static_cast<unsigned>(pos);
    bits += 6;
    if (bits >= 0) {
      out.push_back(static_cast<char>((value >> bits) & 0xFF));
      bits -= 8;
    }
  }
  return out;
}

// Reads PNG bytes back with libpng's own reader.
RgbImage read_png(const std::string& bytes) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  EXPECT_TRUE(png_image_begin_read_from_memory(&image, bytes.data(), bytes.size()));
  image.format = PNG_FORMAT_RGB;
  RgbImage out;
  out.width = static_cast<int>(image.width);
  out.height = static_cast<int>(image.height);
  out.pixels.resize(PNG_IMAGE_SIZE(image));
  EXPECT_TRUE(png_image_finish_read(&image, nullptr, out.pixels.data(), 0, nullptr));
  return out;
}

// A tone in syllable-like bursts (3 per second, silent between) over a noise floor near -50 dBFS.
Signal tone(double hz, double seconds, int rate = 16000, bool bursts = false) {
  Signal s;
  s.sample_rate = rate;
  std::mt19937 rng(7);
  std::normal_distribution<float> noise(0.0f, bursts ? 3e-3f : 1e-4f);
  for (int i = 0; i < static_cast<int>(seconds * rate); ++i) {
    const double t = static_cast<double>(i) / rate;
    const double envelope = bursts ? std::pow(std::max(0.0, std::sin(2 * std::numbers::pi * 3 * t)), 2) : 1.0;
    s.samples.push_back(static_cast<float>(0.5 * envelope * std::sin(2 * std::numbers::pi * hz * t)) + noise(rng));
  }
  return s;
}

TEST(Png, RoundTripsThroughLibpng) {
  RgbImage img{3, 2, {255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 40, 50, 60, 70, 80, 90}};
  const std::string bytes = encode_png(img);
  ASSERT_GE(bytes.size(), 8u);
  EXPECT_EQ(bytes.substr(1, 3), "PNG");
  const RgbImage back = read_png(bytes);
  EXPECT_EQ(back.width, 3);
  EXPECT_EQ(back.height, 2);
  EXPECT_EQ(back.pixels, img.pixels);
  EXPECT_EQ(decode_base64(base64_encode(bytes)), bytes);
}

TEST(Png, RejectsMismatchedPixelBuffer) {
  EXPECT_THROW(encode_png(RgbImage{4, 4, std::vector<uint8_t>(10)}), std::runtime_error);
}

TEST(Spectrogram, ToneIsTheBrightestRowAtItsFrequency) {
  const Signal s = tone(1000.0, 3.0);
  const RgbImage img = spectrogram_image(s, 200);
  ASSERT_EQ(img.height, 256);
  ASSERT_GT(img.width, 50);
  // Brightest (most yellow: largest R+G) row in the middle column.
  const int x = img.width / 2;
  int best_row = -1, best = -1;
  for (int y = 0; y < img.height; ++y) {
    const auto* p = &img.pixels[(static_cast<std::size_t>(y) * img.width + x) * 3];
    if (p[0] + p[1] > best) {
      best = p[0] + p[1];
      best_row = y;
    }
  }
  const int expected_row = 256 - 1000 * 512 / 16000;  // bin 32, drawn from the top
  EXPECT_NEAR(best_row, expected_row, 1);
}

TEST(OverviewFigures, WaveformSpectrogramAndIntegrityChartsWithFindingBands) {
  Signal s = tone(440.0, 10.0, 16000, true);
  // Half a second of digital silence inside the tone: a digital-silence finding.
  for (std::size_t i = 3 * 16000; i < 3 * 16000 + 8000; ++i) s.samples[i] = 0.0f;
  const auto scan = integrity::scan(s);
  const nlohmann::json figures = overview_figures(s, scan);
  ASSERT_EQ(figures.size(), 5u);
  EXPECT_EQ(figures[0]["id"], "waveform");
  EXPECT_EQ(figures[1]["id"], "spectrogram");
  const std::string uri = figures[1]["png_data_uri"];
  ASSERT_EQ(uri.rfind("data:image/png;base64,", 0), 0u);
  const RgbImage img = read_png(decode_base64(uri.substr(22)));
  EXPECT_EQ(img.height, 256);
  for (std::size_t i = 0; i < figures.size(); ++i) {
    if (i == 1) continue;
    const std::string svg = figures[i]["svg"];
    EXPECT_EQ(svg.rfind("<svg", 0), 0u);
    EXPECT_NE(svg.find("</svg>"), std::string::npos);
  }
  ASSERT_EQ(scan.findings.size(), 1u);
  // The finding is shaded (with its summary as tooltip) on the waveform.
  EXPECT_NE(figures[0]["svg"].get<std::string>().find("digital silence"), std::string::npos);
}

TEST(OverviewFigures, EmptySignalGivesNoFigures) {
  EXPECT_TRUE(overview_figures(Signal{}, integrity::IntegrityResult{}).empty());
}

}  // namespace
}  // namespace prov::report
