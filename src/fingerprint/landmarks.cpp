#include "fingerprint/landmarks.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_map>

namespace prov::fingerprint {
namespace {

// Bit layout of a hash: anchor band | d12 | d13 | time ratio | span.
constexpr int kBandBits = 4, kDiffBits = 6, kRatioBits = 3, kSpanBits = 4;

struct Quantity {
  float value = 0;  // in steps
  int levels = 0;
  float margin = 0;
};

// The cells a value falls in: its own, plus the neighbour when it lies near an edge.
int cells_of(const Quantity& q, bool probe, std::array<int, 2>& out) {
  const float v = std::clamp(q.value, 0.0f, static_cast<float>(q.levels) - 1e-3f);
  const int cell = static_cast<int>(v);
  out[0] = cell;
  if (!probe) return 1;
  const float frac = v - static_cast<float>(cell);
  if (frac < q.margin && cell > 0) {
    out[1] = cell - 1;
    return 2;
  }
  if (frac > 1.0f - q.margin && cell + 1 < q.levels) {
    out[1] = cell + 1;
    return 2;
  }
  return 1;
}

uint32_t pack(int band, int d12, int d13, int ratio, int span) {
  uint32_t h = static_cast<uint32_t>(band);
  h = (h << kDiffBits) | static_cast<uint32_t>(d12);
  h = (h << kDiffBits) | static_cast<uint32_t>(d13);
  h = (h << kRatioBits) | static_cast<uint32_t>(ratio);
  h = (h << kSpanBits) | static_cast<uint32_t>(span);
  return h;
}

template <typename Emit>
void for_each_triplet(const std::vector<SpectralPeak>& peaks, int fanout, const LandmarkParams& p, Emit&& emit) {
  std::vector<std::size_t> partners;
  for (std::size_t i = 0; i < peaks.size(); ++i) {
    const SpectralPeak& a = peaks[i];
    partners.clear();
    for (std::size_t j = i + 1; j < peaks.size() && static_cast<int>(partners.size()) < fanout; ++j) {
      const float dt = peaks[j].frame - a.frame;
      if (dt > p.max_span_frames) break;
      if (dt <= 0.5f) continue;
      if (std::fabs(std::log2(peaks[j].freq_hz / a.freq_hz)) > p.max_octaves) continue;
      partners.push_back(j);
    }
    for (std::size_t x = 0; x < partners.size(); ++x) {
      for (std::size_t y = x + 1; y < partners.size(); ++y) {
        const SpectralPeak* b = &peaks[partners[x]];
        const SpectralPeak* c = &peaks[partners[y]];
        // Near-simultaneous partners are ordered by frequency, which jitter does not flip.
        if (std::fabs(c->frame - b->frame) < 0.5f && c->freq_hz < b->freq_hz) std::swap(b, c);
        const float span = std::max(b->frame, c->frame) - a.frame;
        if (span < p.min_span_frames) continue;
        emit(a, *b, *c, span);
      }
    }
  }
}

std::array<Quantity, 5> quantities(const SpectralPeak& a, const SpectralPeak& b, const SpectralPeak& c, float span,
                                   const LandmarkParams& p) {
  const int diff_levels = 1 << kDiffBits;
  const float diff_offset = p.max_octaves / p.diff_step_octaves;
  std::array<Quantity, 5> q;
  q[0] = {std::log2(a.freq_hz / p.min_hz) / p.anchor_band_octaves, 1 << kBandBits, p.anchor_margin};
  q[1] = {std::log2(b.freq_hz / a.freq_hz) / p.diff_step_octaves + diff_offset, diff_levels, p.diff_margin};
  q[2] = {std::log2(c.freq_hz / a.freq_hz) / p.diff_step_octaves + diff_offset, diff_levels, p.diff_margin};
  const float ratio = std::clamp((b.frame - a.frame) / span, 0.0f, 1.0f);
  q[3] = {ratio * static_cast<float>(p.ratio_levels), std::min(p.ratio_levels, 1 << kRatioBits), p.ratio_margin};
  q[4] = {(std::log2(span) - 1.0f) / p.span_step_log2, 1 << kSpanBits, p.span_margin};
  return q;
}

uint32_t anchor_of(const SpectralPeak& a) {
  return static_cast<uint32_t>(std::lround(std::max(0.0f, a.frame) * kQuarterFramesPerFrame));
}

}  // namespace

std::vector<Landmark> archive_landmarks(const std::vector<SpectralPeak>& peaks, const LandmarkParams& p) {
  std::vector<Landmark> out;
  out.reserve(peaks.size() * 3);
  std::unordered_map<uint32_t, int> repeats;
  for_each_triplet(peaks, p.archive_fanout, p, [&](const auto& a, const auto& b, const auto& c, float span) {
    const auto q = quantities(a, b, c, span, p);
    std::array<std::array<int, 2>, 5> cells;
    for (std::size_t k = 0; k < q.size(); ++k) cells_of(q[k], false, cells[k]);
    const uint32_t h = pack(cells[0][0], cells[1][0], cells[2][0], cells[3][0], cells[4][0]);
    if (++repeats[h] > p.max_repeats_per_item) return;
    out.push_back({h, anchor_of(a)});
  });
  return out;
}

std::vector<Landmark> query_landmarks(const std::vector<SpectralPeak>& peaks, const LandmarkParams& p) {
  std::vector<Landmark> out;
  out.reserve(peaks.size() * 30);
  for_each_triplet(peaks, p.query_fanout, p, [&](const auto& a, const auto& b, const auto& c, float span) {
    const auto q = quantities(a, b, c, span, p);
    std::array<std::array<int, 2>, 5> cells;
    std::array<int, 5> counts;
    for (std::size_t k = 0; k < q.size(); ++k) counts[k] = cells_of(q[k], true, cells[k]);
    // Drop the least likely probes first (the later quantities) when there are too many.
    int total = 1;
    for (std::size_t k = 0; k < counts.size(); ++k) {
      if (total * counts[k] > p.max_probes) counts[k] = 1;
      total *= counts[k];
    }
    const uint32_t anchor = anchor_of(a);
    for (int i0 = 0; i0 < counts[0]; ++i0)
      for (int i1 = 0; i1 < counts[1]; ++i1)
        for (int i2 = 0; i2 < counts[2]; ++i2)
          for (int i3 = 0; i3 < counts[3]; ++i3)
            for (int i4 = 0; i4 < counts[4]; ++i4)
              out.push_back({pack(cells[0][i0], cells[1][i1], cells[2][i2], cells[3][i3], cells[4][i4]), anchor});
  });
  return out;
}

}  // namespace prov::fingerprint
