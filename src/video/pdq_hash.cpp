#include "video/pdq_hash.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <numbers>
#include <stdexcept>
#include <vector>

namespace prov::video {
namespace {

constexpr int kSize = 64;    // the picture is brought to 64x64
constexpr int kKept = 16;    // 16x16 coefficients, frequencies 1..16 in each direction

// Rows of the 1-D DCT-II basis for frequencies 1..16 (the constant one says
// only how bright the picture is, so it is left out).
const std::array<std::array<float, kSize>, kKept>& dct_rows() {
  static const auto rows = [] {
    std::array<std::array<float, kSize>, kKept> m{};
    const double scale = std::sqrt(2.0 / kSize);
    for (int k = 0; k < kKept; ++k)
      for (int j = 0; j < kSize; ++j)
        m[k][j] = static_cast<float>(scale * std::cos(std::numbers::pi / (2.0 * kSize) * (k + 1) * (2 * j + 1)));
    return m;
  }();
  return rows;
}

// One box-filter pass of odd width `window` along a line of `n` values
// `stride` apart; the window is cut short at the ends.
void box_pass(float* line, int n, int stride, int window, std::vector<float>& scratch) {
  const int half = window / 2;
  scratch.resize(n);
  for (int i = 0; i < n; ++i) scratch[i] = line[static_cast<std::size_t>(i) * stride];
  double sum = 0;
  int lo = 0, hi = -1;  // current window [lo, hi]
  for (int i = 0; i < n; ++i) {
    const int want_lo = std::max(0, i - half), want_hi = std::min(n - 1, i + half);
    while (hi < want_hi) sum += scratch[++hi];
    while (lo < want_lo) sum -= scratch[lo++];
    line[static_cast<std::size_t>(i) * stride] = static_cast<float>(sum / (hi - lo + 1));
  }
}

// Tent-filtered (two box passes) downsampling of any picture to 64x64,
// which keeps resampling artefacts of the source size out of the hash.
std::vector<float> to_64x64(const GreyImage& picture) {
  const int w = picture.width, h = picture.height;
  if (w <= 0 || h <= 0 || picture.pixels.size() < static_cast<std::size_t>(w) * h)
    throw std::invalid_argument("pdq_hash: empty picture");
  std::vector<float> image(picture.pixels.begin(), picture.pixels.begin() + static_cast<std::ptrdiff_t>(w) * h);
  std::vector<float> scratch;
  const int window_x = std::max(1, (w + kSize - 1) / kSize) | 1;
  const int window_y = std::max(1, (h + kSize - 1) / kSize) | 1;
  if (window_x > 1)
    for (int y = 0; y < h; ++y)
      for (int pass = 0; pass < 2; ++pass) box_pass(&image[static_cast<std::size_t>(y) * w], w, 1, window_x, scratch);
  if (window_y > 1)
    for (int x = 0; x < w; ++x)
      for (int pass = 0; pass < 2; ++pass) box_pass(&image[x], h, w, window_y, scratch);
  // Each output pixel reads the filtered picture at its own centre,
  // interpolated, so that the sampling grid is symmetric: a mirrored or
  // rotated picture gives the mirrored or rotated 64x64 one.
  auto taps = [](int n) {
    std::vector<std::pair<int, float>> t(kSize);
    for (int i = 0; i < kSize; ++i) {
      const double pos = std::clamp((i + 0.5) * n / kSize - 0.5, 0.0, n - 1.0);
      const int lo = std::min(n - 2, static_cast<int>(pos));
      t[i] = n == 1 ? std::pair(0, 0.0f) : std::pair(lo, static_cast<float>(pos - lo));
    }
    return t;
  };
  const auto tx = taps(w), ty = taps(h);
  auto value = [&](int x, int y) { return image[static_cast<std::size_t>(y) * w + x]; };
  std::vector<float> out(kSize * kSize);
  for (int y = 0; y < kSize; ++y) {
    const auto [y0, fy] = ty[y];
    const int y1 = std::min(h - 1, y0 + 1);
    for (int x = 0; x < kSize; ++x) {
      const auto [x0, fx] = tx[x];
      const int x1 = std::min(w - 1, x0 + 1);
      const float top = value(x0, y0) + fx * (value(x1, y0) - value(x0, y0));
      const float bottom = value(x0, y1) + fx * (value(x1, y1) - value(x0, y1));
      out[y * kSize + x] = top + fy * (bottom - top);
    }
  }
  return out;
}

// Neighbour differences in whole percent of full scale, so that the smooth
// shading of a fade or a sky (under 1% a step) counts for nothing, summed
// and divided so that a picture with ordinary detail reaches 100.
int gradient_quality(const std::vector<float>& image) {
  long sum = 0;
  auto step = [](float a, float b) { return static_cast<long>(std::abs(a - b) * 100.0f / 255.0f); };
  for (int y = 0; y < kSize; ++y)
    for (int x = 0; x + 1 < kSize; ++x) sum += step(image[y * kSize + x + 1], image[y * kSize + x]);
  for (int y = 0; y + 1 < kSize; ++y)
    for (int x = 0; x < kSize; ++x) sum += step(image[(y + 1) * kSize + x], image[y * kSize + x]);
  return static_cast<int>(std::min<long>(100, sum / 90));
}

Hash256 threshold_at_median(const std::array<float, kKept * kKept>& c) {
  std::array<float, kKept * kKept> sorted = c;
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
  const float median = sorted[sorted.size() / 2];
  Hash256 h;
  for (int i = 0; i < kKept * kKept; ++i)
    if (c[i] > median) h.set(i);
  return h;
}

}  // namespace

std::string Hash256::hex() const {
  std::string out;
  for (int w = 3; w >= 0; --w) out += fmt::format("{:016x}", words[w]);
  return out;
}

const char* to_string(Dihedral d) {
  switch (d) {
    case Dihedral::identity: return "identity";
    case Dihedral::mirror: return "mirrored";
    case Dihedral::flip: return "upside down";
    case Dihedral::rotate_180: return "rotated 180";
    case Dihedral::transpose: return "transposed";
    case Dihedral::rotate_90: return "rotated 90 clockwise";
    case Dihedral::rotate_270: return "rotated 90 anticlockwise";
    case Dihedral::anti_transpose: return "anti-transposed";
  }
  return "?";
}

PdqHashes pdq_hash_dihedral(const GreyImage& picture) {
  const std::vector<float> image = to_64x64(picture);
  const auto& d = dct_rows();
  // B = D A D^T, kept 16x16: first along rows (A D^T: 64x16), then columns.
  std::array<float, kSize * kKept> rows_done{};
  for (int y = 0; y < kSize; ++y)
    for (int v = 0; v < kKept; ++v) {
      float s = 0;
      for (int x = 0; x < kSize; ++x) s += image[y * kSize + x] * d[v][x];
      rows_done[y * kKept + v] = s;
    }
  std::array<float, kKept * kKept> coeffs{};
  for (int u = 0; u < kKept; ++u)
    for (int v = 0; v < kKept; ++v) {
      float s = 0;
      for (int y = 0; y < kSize; ++y) s += d[u][y] * rows_done[y * kKept + v];
      coeffs[u * kKept + v] = s;
    }

  PdqHashes out;
  out.quality = gradient_quality(image);
  // Variant = optional transpose, then optional left-right and up-down
  // flips. Flipping a picture's columns negates the coefficients of odd
  // horizontal frequency (index v even, since index v is frequency v+1).
  struct Ops {
    Dihedral which;
    bool transpose, mirror_x, mirror_y;
  };
  static constexpr Ops ops[] = {
      {Dihedral::identity, false, false, false}, {Dihedral::mirror, false, true, false},
      {Dihedral::flip, false, false, true},      {Dihedral::rotate_180, false, true, true},
      {Dihedral::transpose, true, false, false}, {Dihedral::rotate_90, true, true, false},
      {Dihedral::rotate_270, true, false, true}, {Dihedral::anti_transpose, true, true, true},
  };
  std::array<float, kKept * kKept> variant{};
  for (const auto& op : ops) {
    for (int u = 0; u < kKept; ++u)
      for (int v = 0; v < kKept; ++v) {
        float c = op.transpose ? coeffs[v * kKept + u] : coeffs[u * kKept + v];
        if (op.mirror_x && v % 2 == 0) c = -c;
        if (op.mirror_y && u % 2 == 0) c = -c;
        variant[u * kKept + v] = c;
      }
    out.hashes[static_cast<std::size_t>(op.which)] = threshold_at_median(variant);
  }
  return out;
}

PdqHash pdq_hash(const GreyImage& picture) {
  const PdqHashes all = pdq_hash_dihedral(picture);
  return {all.of(Dihedral::identity), all.quality};
}

double mean_luma(const GreyImage& picture) {
  if (picture.pixels.empty()) return 0;
  double sum = 0;
  for (const uint8_t p : picture.pixels) sum += p;
  return sum / static_cast<double>(picture.pixels.size());
}

}  // namespace prov::video
