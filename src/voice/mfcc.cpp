#include "voice/mfcc.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "dsp/fft.h"

namespace prov::voice {
namespace {

double hz_to_mel(double hz) { return 2595.0 * std::log10(1.0 + hz / 700.0); }
double mel_to_hz(double mel) { return 700.0 * (std::pow(10.0, mel / 2595.0) - 1.0); }

// Triangular filters on the mel scale, as weights over FFT bins.
std::vector<std::vector<float>> mel_filterbank(const MfccParams& p, std::size_t bins) {
  const double low = hz_to_mel(p.low_hz), high = hz_to_mel(p.high_hz);
  std::vector<double> edges(static_cast<std::size_t>(p.mel_filters) + 2);
  for (std::size_t i = 0; i < edges.size(); ++i)
    edges[i] = mel_to_hz(low + (high - low) * static_cast<double>(i) / static_cast<double>(edges.size() - 1));
  const double bin_hz = static_cast<double>(p.grid.sample_rate) / static_cast<double>(p.fft_size);
  std::vector<std::vector<float>> bank(static_cast<std::size_t>(p.mel_filters), std::vector<float>(bins, 0.f));
  for (std::size_t m = 0; m < bank.size(); ++m)
    for (std::size_t b = 0; b < bins; ++b) {
      const double hz = static_cast<double>(b) * bin_hz;
      double w = 0;
      if (hz > edges[m] && hz <= edges[m + 1]) w = (hz - edges[m]) / (edges[m + 1] - edges[m]);
      else if (hz > edges[m + 1] && hz < edges[m + 2]) w = (edges[m + 2] - hz) / (edges[m + 2] - edges[m + 1]);
      bank[m][b] = static_cast<float>(w);
    }
  return bank;
}

}  // namespace

FeatureMatrix mfcc(const Signal& signal, const MfccParams& p) {
  const FrameGrid& g = p.grid;
  const std::size_t frames = g.frame_count(signal.samples.size());
  dsp::RealFft fft(p.fft_size);
  const std::size_t bins = fft.bins();
  const auto bank = mel_filterbank(p, bins);
  std::vector<float> window(g.window);
  for (std::size_t i = 0; i < g.window; ++i)
    window[i] = static_cast<float>(0.54 - 0.46 * std::cos(2 * std::numbers::pi * static_cast<double>(i) /
                                                          static_cast<double>(g.window - 1)));
  const std::size_t filters = bank.size();
  const auto cepstra = static_cast<std::size_t>(p.cepstra);
  Eigen::MatrixXf dct(cepstra, filters);
  for (std::size_t k = 0; k < cepstra; ++k)
    for (std::size_t m = 0; m < filters; ++m)
      dct(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(m)) = static_cast<float>(
          std::sqrt(2.0 / static_cast<double>(filters)) *
          std::cos(std::numbers::pi * static_cast<double>(k) * (static_cast<double>(m) + 0.5) / static_cast<double>(filters)));

  FeatureMatrix out(static_cast<Eigen::Index>(frames), p.cepstra);
  std::vector<float> buffer(p.fft_size), power(bins);
  Eigen::VectorXf log_mel(static_cast<Eigen::Index>(filters));
  const auto& x = signal.samples;
  for (std::size_t f = 0; f < frames; ++f) {
    const std::size_t begin = f * g.hop;
    std::fill(buffer.begin(), buffer.end(), 0.f);
    double mean = 0;
    for (std::size_t i = 0; i < g.window; ++i) mean += x[begin + i];
    mean /= static_cast<double>(g.window);
    float previous = begin > 0 ? x[begin - 1] - static_cast<float>(mean) : 0.f;
    for (std::size_t i = 0; i < g.window; ++i) {
      const float v = x[begin + i] - static_cast<float>(mean);
      buffer[i] = (v - static_cast<float>(p.preemphasis) * previous) * window[i];
      previous = v;
    }
    fft.power(buffer.data(), power.data());
    for (std::size_t m = 0; m < filters; ++m) {
      double e = 0;
      for (std::size_t b = 0; b < bins; ++b) e += double(bank[m][b]) * power[b];
      log_mel(static_cast<Eigen::Index>(m)) = static_cast<float>(std::log(e + 1e-10));
    }
    out.row(static_cast<Eigen::Index>(f)) = (dct * log_mel).transpose();
  }
  return out;
}

FeatureMatrix with_deltas(const FeatureMatrix& c, int reach) {
  const Eigen::Index n = c.rows(), d = c.cols();
  auto regression = [&](const FeatureMatrix& in) {
    FeatureMatrix out = FeatureMatrix::Zero(n, d);
    double norm = 0;
    for (int k = 1; k <= reach; ++k) norm += 2.0 * k * k;
    for (Eigen::Index t = 0; t < n; ++t)
      for (int k = 1; k <= reach; ++k) {
        const Eigen::Index ahead = std::min<Eigen::Index>(n - 1, t + k), behind = std::max<Eigen::Index>(0, t - k);
        out.row(t) += static_cast<float>(k / norm) * (in.row(ahead) - in.row(behind));
      }
    return out;
  };
  const FeatureMatrix delta = regression(c);
  const FeatureMatrix delta2 = regression(delta);
  FeatureMatrix out(n, 3 * d);
  out << c, delta, delta2;
  return out;
}

FeatureMatrix select_frames(const FeatureMatrix& frames, const std::vector<uint8_t>& keep) {
  const auto kept = static_cast<Eigen::Index>(std::count(keep.begin(), keep.end(), 1));
  FeatureMatrix out(kept, frames.cols());
  Eigen::Index row = 0;
  for (Eigen::Index t = 0; t < frames.rows() && t < static_cast<Eigen::Index>(keep.size()); ++t)
    if (keep[static_cast<std::size_t>(t)]) out.row(row++) = frames.row(t);
  out.conservativeResize(row, frames.cols());
  return out;
}

void normalise_mean_variance(FeatureMatrix& frames) {
  if (frames.rows() < 2) return;
  const Eigen::RowVectorXf mean = frames.colwise().mean();
  frames.rowwise() -= mean;
  const Eigen::RowVectorXf sd =
      (frames.array().square().colwise().sum() / static_cast<float>(frames.rows())).sqrt().max(1e-5f);
  frames.array().rowwise() /= sd.array();
}

}  // namespace prov::voice
