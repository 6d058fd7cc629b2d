#include "report/overview_sketch.h"

#include <algorithm>
#include <cmath>

namespace prov::report {

OverviewSketch::OverviewSketch(int sample_rate, int columns)
    : rate_(sample_rate),
      columns_(static_cast<std::size_t>((std::max(2, columns) + 1) / 2 * 2)),  // even: frames halve evenly
      fft_(std::make_unique<dsp::RealFft>(kFft)),
      window_(dsp::hann_window(kFft)),
      in_(kFft),
      power_(kFft / 2 + 1) {}

OverviewSketch::~OverviewSketch() = default;
OverviewSketch::OverviewSketch(OverviewSketch&&) noexcept = default;
OverviewSketch& OverviewSketch::operator=(OverviewSketch&&) noexcept = default;

void OverviewSketch::feed(const float* x, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    if (cur_n_ == 0) {
      cur_min_ = cur_max_ = x[i];
    } else {
      cur_min_ = std::min(cur_min_, x[i]);
      cur_max_ = std::max(cur_max_, x[i]);
    }
    if (++cur_n_ < bucket_len_) continue;
    min_.push_back(cur_min_);
    max_.push_back(cur_max_);
    cur_n_ = 0;
    if (min_.size() == 2 * columns_) {  // merge neighbours, double the bucket
      for (std::size_t b = 0; b < columns_; ++b) {
        min_[b] = std::min(min_[2 * b], min_[2 * b + 1]);
        max_[b] = std::max(max_[2 * b], max_[2 * b + 1]);
      }
      min_.resize(columns_);
      max_.resize(columns_);
      bucket_len_ *= 2;
    }
  }

  buffer_.insert(buffer_.end(), x, x + count);
  total_ += count;
  while (true) {
    const std::size_t start = frames() * hop_;
    if (start + kFft > total_) break;
    add_frame(buffer_.data() + (start - buffer_start_));
  }
  const std::size_t next = frames() * hop_;
  if (next > buffer_start_) {
    const std::size_t drop = std::min(next - buffer_start_, buffer_.size());
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(drop));
    buffer_start_ += drop;
  }
}

void OverviewSketch::add_frame(const float* x) {
  for (std::size_t i = 0; i < kFft; ++i) in_[i] = x[i] * window_[i];
  fft_->power(in_.data(), power_.data());
  for (std::size_t b = 0; b < kBins; ++b) frames_db_.push_back(10.0f * std::log10(power_[b + 1] + 1e-12f));
  if (frames() == columns_) {  // keep every other frame, double the hop
    const std::size_t kept = columns_ / 2;
    for (std::size_t f = 1; f < kept; ++f)
      std::copy_n(frames_db_.begin() + static_cast<std::ptrdiff_t>(2 * f * kBins), kBins,
                  frames_db_.begin() + static_cast<std::ptrdiff_t>(f * kBins));
    frames_db_.resize(kept * kBins);
    hop_ *= 2;
  }
}

std::vector<float> OverviewSketch::envelope_min() const {
  std::vector<float> out = min_;
  if (cur_n_ > 0) out.push_back(cur_min_);
  return out;
}

std::vector<float> OverviewSketch::envelope_max() const {
  std::vector<float> out = max_;
  if (cur_n_ > 0) out.push_back(cur_max_);
  return out;
}

}  // namespace prov::report
