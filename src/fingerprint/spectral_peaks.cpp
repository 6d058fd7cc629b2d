#include "fingerprint/spectral_peaks.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/parallel.h"
#include "dsp/fft.h"

namespace prov::fingerprint {
namespace {

// Vertex offset of the parabola through (-1, a), (0, b), (1, c), in [-0.5, 0.5].
float parabolic_offset(float a, float b, float c) {
  const float denom = a - 2 * b + c;
  if (denom >= 0) return 0.0f;
  return std::clamp(0.5f * (a - c) / denom, -0.5f, 0.5f);
}

struct Geometry {
  std::size_t frame_len = 0;
  std::size_t hop = 0;
  std::size_t first_bin = 0;
  std::size_t bin_count = 0;
  double bin_hz = 0;
  std::size_t frame_count = 0;
};

Geometry geometry_for(const Signal& signal, const PeakParams& p) {
  if (signal.sample_rate < 4000) throw std::invalid_argument("fingerprinting needs a sample rate of at least 4 kHz");
  Geometry g;
  g.frame_len = static_cast<std::size_t>(std::lround(p.frame_s * signal.sample_rate));
  g.hop = static_cast<std::size_t>(std::lround(p.hop_s * signal.sample_rate));
  g.bin_hz = static_cast<double>(signal.sample_rate) / g.frame_len;
  const double top_hz = std::min(p.max_hz, 0.5 * signal.sample_rate - g.bin_hz);
  g.first_bin = static_cast<std::size_t>(std::ceil(p.min_hz / g.bin_hz));
  const auto last_bin = static_cast<std::size_t>(std::floor(top_hz / g.bin_hz));
  g.bin_count = last_bin > g.first_bin ? last_bin - g.first_bin + 1 : 0;
  const std::size_t n = signal.samples.size();
  g.frame_count = n >= g.frame_len ? (n - g.frame_len) / g.hop + 1 : 0;
  return g;
}

// Log-power rows (in-band bins only) for frames [begin, end).
class BandSpectrogram {
 public:
  BandSpectrogram(const Signal& signal, const Geometry& g)
      : signal_(signal), g_(g), fft_(g.frame_len), window_(dsp::hann_window(g.frame_len)),
        frame_(g.frame_len), power_(fft_.bins()) {
    // Normalise so a full-scale sine reads about 0 dB whatever the frame length.
    double sum = 0;
    for (float w : window_) sum += w;
    scale_ = static_cast<float>(4.0 / (sum * sum));
  }

  void compute(std::size_t begin, std::size_t end, std::vector<float>& rows, std::vector<float>& row_mean) {
    rows.resize((end - begin) * g_.bin_count);
    row_mean.resize(end - begin);
    for (std::size_t f = begin; f < end; ++f) {
      const float* x = signal_.samples.data() + f * g_.hop;
      for (std::size_t i = 0; i < g_.frame_len; ++i) frame_[i] = x[i] * window_[i];
      fft_.power(frame_.data(), power_.data());
      float* row = rows.data() + (f - begin) * g_.bin_count;
      double mean = 0;
      for (std::size_t b = 0; b < g_.bin_count; ++b) {
        row[b] = 10.0f * std::log10(power_[g_.first_bin + b] * scale_ + 1e-14f);
        mean += row[b];
      }
      row_mean[f - begin] = static_cast<float>(mean / static_cast<double>(g_.bin_count));
    }
  }

 private:
  const Signal& signal_;
  const Geometry& g_;
  dsp::RealFft fft_;
  std::vector<float> window_, frame_, power_;
  float scale_ = 1;
};

// Running maximum over a window of +-radius along a strided line (van Herk would
// be faster; the radii are small enough that the direct form is cheap).
void running_max(const float* in, float* out, std::size_t count, std::size_t stride, int radius) {
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t lo = i >= static_cast<std::size_t>(radius) ? i - radius : 0;
    const std::size_t hi = std::min(count - 1, i + radius);
    float m = in[lo * stride];
    for (std::size_t j = lo + 1; j <= hi; ++j) m = std::max(m, in[j * stride]);
    out[i * stride] = m;
  }
}

// Peak candidates of frames [c0, c1): local maxima of the log spectrogram
// standing out of their frame's mean, with sub-bin and sub-frame positions.
void chunk_candidates(BandSpectrogram& spectrogram, const Geometry& g, const PeakParams& p, std::size_t c0,
                      std::size_t c1, std::vector<SpectralPeak>& candidates) {
  const std::size_t radius_t = static_cast<std::size_t>(p.time_radius_frames);
  const std::size_t r0 = c0 >= radius_t ? c0 - radius_t : 0;
  const std::size_t r1 = std::min(g.frame_count, c1 + radius_t);
  std::vector<float> rows, means;
  spectrogram.compute(r0, r1, rows, means);
  const std::size_t nrows = r1 - r0, nb = g.bin_count;
  std::vector<float> fmax(rows.size()), tmax(rows.size());
  for (std::size_t r = 0; r < nrows; ++r)
    running_max(rows.data() + r * nb, fmax.data() + r * nb, nb, 1, p.freq_radius_bins);
  for (std::size_t b = 0; b < nb; ++b) running_max(fmax.data() + b, tmax.data() + b, nrows, nb, p.time_radius_frames);
  for (std::size_t f = c0; f < c1; ++f) {
    const std::size_t r = f - r0;
    const float* row = rows.data() + r * nb;
    const float* mx = tmax.data() + r * nb;
    for (std::size_t b = 1; b + 1 < nb; ++b) {
      const float v = row[b];
      if (v < mx[b] || v < p.floor_db || v - means[r] < p.min_prominence_db) continue;
      // Plateaus (digital tones, silence) are not peaks: require a strict
      // maximum against the immediate neighbours.
      if (!(v > row[b - 1] && v > row[b + 1])) continue;
      const bool has_prev = r > 0, has_next = r + 1 < nrows;
      const float up = has_prev ? rows[(r - 1) * nb + b] : v - 1;
      const float down = has_next ? rows[(r + 1) * nb + b] : v - 1;
      if (!(v > up && v >= down)) continue;
      const float df = parabolic_offset(row[b - 1], v, row[b + 1]);
      const float dt = (has_prev && has_next) ? parabolic_offset(up, v, down) : 0.0f;
      candidates.push_back(
          {static_cast<float>(f) + dt, static_cast<float>((g.first_bin + b + df) * g.bin_hz), v - means[r]});
    }
  }
}

}  // namespace

std::vector<SpectralPeak> find_spectral_peaks(const Signal& signal, const PeakParams& p) {
  const Geometry g = geometry_for(signal, p);
  std::vector<SpectralPeak> peaks;
  if (g.frame_count == 0 || g.bin_count < 3) return peaks;
  const std::size_t block = std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(1.0 / p.hop_s)));
  const auto keep_per_block = static_cast<std::size_t>(std::lround(p.peaks_per_second * block * p.hop_s));

  // Chunks of 8 one-second blocks, each with time context on both sides, are
  // independent: long signals are shared out between threads, and the
  // chunks' candidates joined in chunk order, so the result never depends on
  // the number of threads.
  const std::size_t chunk = block * 8;
  const std::size_t chunks = (g.frame_count + chunk - 1) / chunk;
  const std::size_t threads = thread_count(p.threads > 0 ? static_cast<std::size_t>(p.threads) : 0, chunks, 4);
  std::vector<std::vector<SpectralPeak>> per_chunk(chunks);
  on_threads(threads, [&](std::size_t first) {
    BandSpectrogram spectrogram(signal, g);
    for (std::size_t c = first; c < chunks; c += threads)
      chunk_candidates(spectrogram, g, p, c * chunk, std::min(g.frame_count, (c + 1) * chunk), per_chunk[c]);
  });
  std::vector<SpectralPeak> candidates;
  for (auto& c : per_chunk) candidates.insert(candidates.end(), c.begin(), c.end());

  // Density: keep a peak when fewer than the allowed number of stronger peaks
  // lie within half a second either side. A sliding window, unlike fixed
  // blocks, picks the same peaks when the audio is shifted or re-timed.
  std::sort(candidates.begin(), candidates.end(),
            [](const SpectralPeak& a, const SpectralPeak& b) { return a.frame < b.frame; });
  const double half = 0.5 * static_cast<double>(block);
  const auto allowed = static_cast<std::ptrdiff_t>(keep_per_block);
  for (std::size_t i = 0, lo = 0, hi = 0; i < candidates.size(); ++i) {
    while (candidates[lo].frame < candidates[i].frame - half) ++lo;
    while (hi < candidates.size() && candidates[hi].frame <= candidates[i].frame + half) ++hi;
    std::ptrdiff_t stronger = 0;
    for (std::size_t k = lo; k < hi && stronger < allowed; ++k)
      stronger += candidates[k].prominence_db > candidates[i].prominence_db;
    if (stronger < allowed) peaks.push_back(candidates[i]);
  }
  return peaks;
}

}  // namespace prov::fingerprint
