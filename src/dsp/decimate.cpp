#include "dsp/decimate.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace prov::dsp {
namespace {

double bessel_i0(double x) {
  double sum = 1.0, term = 1.0;
  for (int k = 1; k < 50; ++k) {
    term *= (x / (2.0 * k)) * (x / (2.0 * k));
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return sum;
}

// Eight independent partial sums let the compiler vectorise without
// reassociation flags.
float dot(const float* a, const float* b, std::ptrdiff_t n) {
  float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  std::ptrdiff_t i = 0;
  for (; i + 8 <= n; i += 8) {
    for (int j = 0; j < 8; ++j) acc[j] += a[i + j] * b[i + j];
  }
  float sum = 0.0f;
  for (; i < n; ++i) sum += a[i] * b[i];
  for (float v : acc) sum += v;
  return sum;
}

}  // namespace

Decimator::Decimator(double input_rate, int factor, double passband_hz, double stopband_hz)
    : factor_(factor), output_rate_(input_rate / factor) {
  if (input_rate <= 0 || factor < 1) throw std::invalid_argument("decimator: bad rate or factor");
  if (factor == 1) {
    taps_ = {1.0f};
    return;
  }
  if (!(stopband_hz > passband_hz)) throw std::invalid_argument("decimator: stopband must lie above passband");
  constexpr double attenuation_db = 70.0;
  const double beta = 0.1102 * (attenuation_db - 8.7);
  const double transition = 2.0 * std::numbers::pi * (stopband_hz - passband_hz) / input_rate;
  int length = static_cast<int>(std::ceil((attenuation_db - 8.0) / (2.285 * transition))) + 1;
  if (length % 2 == 0) ++length;
  const double cutoff = 0.5 * (passband_hz + stopband_hz) / input_rate;  // cycles per sample
  const int half = length / 2;
  taps_.resize(static_cast<std::size_t>(length));
  double sum = 0.0;
  for (int i = 0; i < length; ++i) {
    const int n = i - half;
    const double sinc = n == 0 ? 2.0 * cutoff : std::sin(2.0 * std::numbers::pi * cutoff * n) / (std::numbers::pi * n);
    const double r = static_cast<double>(n) / half;
    const double window = bessel_i0(beta * std::sqrt(std::max(0.0, 1.0 - r * r))) / bessel_i0(beta);
    taps_[static_cast<std::size_t>(i)] = static_cast<float>(sinc * window);
    sum += sinc * window;
  }
  for (auto& t : taps_) t = static_cast<float>(t / sum);
}

std::vector<float> Decimator::process(const float* input, std::size_t count) const {
  if (count == 0) return {};
  const std::size_t out_count = (count - 1) / static_cast<std::size_t>(factor_) + 1;
  std::vector<float> out(out_count);
  if (factor_ == 1) {
    std::copy(input, input + count, out.begin());
    return out;
  }
  const std::ptrdiff_t half = static_cast<std::ptrdiff_t>(taps_.size() / 2);
  const std::ptrdiff_t n = static_cast<std::ptrdiff_t>(count);
  const float* taps = taps_.data();
  const std::ptrdiff_t length = static_cast<std::ptrdiff_t>(taps_.size());
  for (std::size_t m = 0; m < out_count; ++m) {
    const std::ptrdiff_t centre = static_cast<std::ptrdiff_t>(m) * factor_;
    const std::ptrdiff_t first = centre - half;
    if (first >= 0 && first + length <= n) {
      out[m] = dot(taps, input + first, length);
    } else {
      double acc = 0.0;
      for (std::ptrdiff_t i = 0; i < length; ++i) {
        const std::ptrdiff_t j = first + i;
        if (j >= 0 && j < n) acc += taps[i] * input[j];
      }
      out[m] = static_cast<float>(acc);
    }
  }
  return out;
}

StreamingDecimator::StreamingDecimator(Decimator decimator) : decimator_(std::move(decimator)) {}

void StreamingDecimator::push(const float* input, std::size_t count, std::vector<float>& out) {
  buffer_.insert(buffer_.end(), input, input + count);
  total_in_ += count;
  emit_ready(out, false);
}

void StreamingDecimator::finish(std::vector<float>& out) { emit_ready(out, true); }

void StreamingDecimator::emit_ready(std::vector<float>& out, bool at_end) {
  const auto& taps = decimator_.coefficients();
  const std::size_t factor = static_cast<std::size_t>(decimator_.factor());
  const std::size_t half = taps.size() / 2;
  const std::size_t out_count = total_in_ == 0 ? 0 : (total_in_ - 1) / factor + 1;
  while (next_out_ < out_count) {
    const std::size_t centre = next_out_ * factor;
    if (!at_end && centre + half >= total_in_) break;  // needs input not yet seen
    // Input index j = centre - half + i; indices before 0 or past the end are zero.
    double acc = 0.0;
    float fast = 0.0f;
    const bool inside = centre >= half && centre + half < total_in_;
    if (inside) {
      const float* x = buffer_.data() + (centre - half - buffer_start_);
      fast = dot(taps.data(), x, static_cast<std::ptrdiff_t>(taps.size()));
    } else {
      for (std::size_t i = 0; i < taps.size(); ++i) {
        if (centre + i < half) continue;
        const std::size_t j = centre + i - half;
        if (j >= total_in_) break;
        acc += taps[i] * buffer_[j - buffer_start_];
      }
    }
    out.push_back(inside ? fast : static_cast<float>(acc));
    ++next_out_;
  }
  // Keep only the input that later outputs still reach.
  const std::size_t keep_from = next_out_ * factor > half ? next_out_ * factor - half : 0;
  if (keep_from > buffer_start_) {
    const std::size_t drop = std::min(keep_from - buffer_start_, buffer_.size());
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(drop));
    buffer_start_ += drop;
  }
}

int decimation_factor_for(double input_rate, double min_output_rate) {
  if (input_rate <= min_output_rate) return 1;
  return std::max(1, static_cast<int>(std::floor(input_rate / min_output_rate)));
}

}  // namespace prov::dsp
