#include "server/waveform_peaks.h"

#include <algorithm>
#include <cmath>

namespace prov::server {
namespace {

int8_t quantised(float value) {
  const float clipped = std::clamp(std::isfinite(value) ? value : 0.0f, -1.0f, 1.0f);
  return static_cast<int8_t>(std::lround(clipped * 127.0f));
}

}  // namespace

WaveformPeaks WaveformPeaks::coarsened(std::size_t factor) const {
  if (factor <= 1) return *this;
  WaveformPeaks out;
  out.sample_rate = sample_rate;
  out.bucket_len = bucket_len * factor;
  out.samples = samples;
  for (std::size_t i = 0; i < min.size(); i += factor) {
    const std::size_t end = std::min(min.size(), i + factor);
    out.min.push_back(*std::min_element(min.begin() + static_cast<std::ptrdiff_t>(i),
                                        min.begin() + static_cast<std::ptrdiff_t>(end)));
    out.max.push_back(*std::max_element(max.begin() + static_cast<std::ptrdiff_t>(i),
                                        max.begin() + static_cast<std::ptrdiff_t>(end)));
  }
  return out;
}

WaveformPeaksBuilder::WaveformPeaksBuilder(int sample_rate, std::size_t bucket_len) {
  peaks_.sample_rate = sample_rate;
  peaks_.bucket_len = std::max<std::size_t>(bucket_len, 1);
}

void WaveformPeaksBuilder::feed(const float* mono, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    const float x = mono[i];
    if (in_bucket_ == 0) {
      lo_ = hi_ = x;
    } else {
      lo_ = std::min(lo_, x);
      hi_ = std::max(hi_, x);
    }
    if (++in_bucket_ == peaks_.bucket_len) {
      peaks_.min.push_back(quantised(lo_));
      peaks_.max.push_back(quantised(hi_));
      in_bucket_ = 0;
    }
  }
  peaks_.samples += count;
}

WaveformPeaks WaveformPeaksBuilder::finish() {
  if (in_bucket_ > 0) {
    peaks_.min.push_back(quantised(lo_));
    peaks_.max.push_back(quantised(hi_));
    in_bucket_ = 0;
  }
  return std::move(peaks_);
}

}  // namespace prov::server
