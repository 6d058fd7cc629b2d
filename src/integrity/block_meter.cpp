#include "integrity/block_meter.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace prov::integrity {
namespace {

std::size_t fft_size_for(int rate, std::size_t block_len) {
  // About 40 ms of signal: fine enough for codec low-pass edges, one per block.
  const double wanted = 0.040 * rate;
  std::size_t n = 64;
  while (n < wanted && n * 2 <= block_len) n *= 2;
  return n;
}

float to_db(double mean_square) {
  if (mean_square <= 1e-14) return kSilenceDb;
  return static_cast<float>(10.0 * std::log10(mean_square));
}

}  // namespace

BlockMeter::BlockMeter(int sample_rate, const ScanOptions& options)
    : rate_(sample_rate),
      options_(options),
      frame_len_(std::max<std::size_t>(8, static_cast<std::size_t>(std::lround(options.frame_s * sample_rate)))),
      block_len_(frame_len_ * static_cast<std::size_t>(std::max(1, options.frames_per_block))),
      fft_(fft_size_for(sample_rate, frame_len_ * static_cast<std::size_t>(std::max(1, options.frames_per_block)))),
      window_(dsp::hann_window(fft_.size())),
      fft_in_(fft_.size()),
      power_(fft_.bins()),
      zero_level_(static_cast<float>(options.digital_zero_level)),
      clip_level_(static_cast<float>(options.clip_level)),
      min_zero_run_(std::max<std::int64_t>(1, std::llround(options.min_digital_silence_s * sample_rate))) {
  if (sample_rate < 2000) throw std::invalid_argument("integrity scan needs a sample rate of at least 2 kHz");
  const double bin_hz = static_cast<double>(rate_) / fft_.size();
  const double nyquist = rate_ / 2.0;
  speech_lo_bin_ = std::max<std::size_t>(1, static_cast<std::size_t>(300.0 / bin_hz));
  speech_hi_bin_ = std::max(speech_lo_bin_ + 1, static_cast<std::size_t>(std::min(3000.0, 0.8 * nyquist) / bin_hz));
  profile_.block_s = static_cast<double>(block_len_) / rate_;
  group_db_.resize(power_.size() / kBinsPerGroup);
  suffix_max_db_.resize(group_db_.size());
  edge_groups_ = std::max<std::size_t>(2, static_cast<std::size_t>(1000.0 / (bin_hz * kBinsPerGroup)));
  pending_.reserve(block_len_);
}

void BlockMeter::feed(const float* x, std::size_t n) {
  while (n > 0) {
    if (pending_.empty() && n >= block_len_) {
      measure_block(x, block_len_);  // whole blocks straight from the caller's buffer
      x += block_len_;
      n -= block_len_;
      continue;
    }
    const std::size_t take = std::min(n, block_len_ - pending_.size());
    pending_.insert(pending_.end(), x, x + take);
    x += take;
    n -= take;
    if (pending_.size() == block_len_) {
      measure_block(pending_.data(), block_len_);
      pending_.clear();
    }
  }
}

void BlockMeter::flush() {
  if (pending_.size() >= frame_len_) {
    measure_block(pending_.data(), pending_.size());
  } else if (!pending_.empty()) {
    track_runs(pending_.data(), pending_.size(), position_);
    position_ += static_cast<std::int64_t>(pending_.size());
  }
  pending_.clear();
  const double end_s = static_cast<double>(position_) / rate_;
  if (zero_run_ >= min_zero_run_) zero_runs_.push_back({static_cast<double>(zero_start_) / rate_, end_s, 0});
  if (clip_run_ >= options_.min_clip_run) clip_runs_.push_back({static_cast<double>(clip_start_) / rate_, end_s, clip_sign_});
  zero_run_ = clip_run_ = 0;
}

void BlockMeter::measure_block(const float* x, std::size_t n) {
  double block_sum = 0.0, block_sq = 0.0;
  double quietest = std::numeric_limits<double>::infinity();
  for (std::size_t f = 0; f + frame_len_ <= n; f += frame_len_) {
    // Four partial sums let the compiler keep the pipeline full.
    float s[4] = {0, 0, 0, 0}, q[4] = {0, 0, 0, 0};
    std::size_t i = 0;
    for (; i + 4 <= frame_len_; i += 4) {
      for (int k = 0; k < 4; ++k) {
        const float v = x[f + i + k];
        s[k] += v;
        q[k] += v * v;
      }
    }
    for (; i < frame_len_; ++i) {
      s[0] += x[f + i];
      q[0] += x[f + i] * x[f + i];
    }
    const double frame_sum = static_cast<double>(s[0]) + s[1] + s[2] + s[3];
    const double frame_sq = static_cast<double>(q[0]) + q[1] + q[2] + q[3];
    block_sum += frame_sum;
    block_sq += frame_sq;
    quietest = std::min(quietest, frame_sq / frame_len_);
  }
  const std::size_t measured = (n / frame_len_) * frame_len_;
  for (std::size_t i = measured; i < n; ++i) {
    block_sum += x[i];
    block_sq += static_cast<double>(x[i]) * x[i];
  }
  track_runs(x, n, position_);
  position_ += static_cast<std::int64_t>(n);
  total_sum_ += block_sum;

  profile_.level_db.push_back(to_db(block_sq / n));
  profile_.quietest_db.push_back(to_db(quietest));
  profile_.dc.push_back(static_cast<float>(block_sum / n));
  profile_.bandwidth_hz.push_back(bandwidth_of(x, n));
}

void BlockMeter::track_runs(const float* x, std::size_t n, std::int64_t first) {
  for (std::size_t i = 0; i < n; ++i) {
    const float v = x[i];
    const float a = std::fabs(v);
    if (a <= zero_level_) {
      if (zero_run_ == 0) zero_start_ = first + static_cast<std::int64_t>(i);
      ++zero_run_;
    } else if (zero_run_ != 0) {
      if (zero_run_ >= min_zero_run_) {
        zero_runs_.push_back({static_cast<double>(zero_start_) / rate_,
                              static_cast<double>(first + static_cast<std::int64_t>(i)) / rate_, 0});
      }
      zero_run_ = 0;
    }
    if (a >= clip_level_) [[unlikely]] {
      const int sign = v > 0 ? 1 : -1;
      if (clip_run_ != 0 && sign != clip_sign_) {
        if (clip_run_ >= options_.min_clip_run) {
          clip_runs_.push_back({static_cast<double>(clip_start_) / rate_,
                                static_cast<double>(first + static_cast<std::int64_t>(i)) / rate_, clip_sign_});
        }
        clip_run_ = 0;
      }
      if (clip_run_ == 0) {
        clip_start_ = first + static_cast<std::int64_t>(i);
        clip_sign_ = sign;
      }
      ++clip_run_;
    } else if (clip_run_ != 0) {
      if (clip_run_ >= options_.min_clip_run) {
        clip_runs_.push_back({static_cast<double>(clip_start_) / rate_,
                              static_cast<double>(first + static_cast<std::int64_t>(i)) / rate_, clip_sign_});
      }
      clip_run_ = 0;
    }
  }
}

float BlockMeter::bandwidth_of(const float* x, std::size_t n) {
  const std::size_t size = fft_.size();
  if (n < size) return std::numeric_limits<float>::quiet_NaN();
  const float* centre = x + (n - size) / 2;
  for (std::size_t i = 0; i < size; ++i) fft_in_[i] = centre[i] * window_[i];
  fft_.power(fft_in_.data(), power_.data());

  double reference = 0.0;
  for (std::size_t k = speech_lo_bin_; k < speech_hi_bin_; ++k) reference += power_[k];
  reference /= static_cast<double>(speech_hi_bin_ - speech_lo_bin_);
  // Below this the block holds no measurable signal (digital silence or near it).
  if (reference < 1e-12 * static_cast<double>(size)) return std::numeric_limits<float>::quiet_NaN();

  // Level of groups of bins, in dB; empty groups read as a deep floor.
  const std::size_t groups = power_.size() / kBinsPerGroup;
  for (std::size_t g = 0; g < groups; ++g) {
    double sum = 0.0;
    for (std::size_t j = 0; j < kBinsPerGroup; ++j) sum += power_[g * kBinsPerGroup + j];
    group_db_[g] = static_cast<float>(10.0 * std::log10(sum / kBinsPerGroup + 1e-20));
  }
  // Loudest group from each one up to Nyquist.
  for (std::size_t g = groups; g-- > 0;) {
    suffix_max_db_[g] = g + 1 < groups ? std::max(group_db_[g], suffix_max_db_[g + 1]) : group_db_[g];
  }
  // A codec or resampler low-pass is a cliff: everything above lies far below
  // the band just under it. Speech rolls off gradually and never makes one.
  const std::size_t first = std::max<std::size_t>(edge_groups_, speech_lo_bin_ / kBinsPerGroup + 1);
  for (std::size_t g = first; g < groups; ++g) {
    double below = 0.0;
    for (std::size_t j = g - edge_groups_; j < g; ++j) below += group_db_[j];
    below /= static_cast<double>(edge_groups_);
    if (below - suffix_max_db_[g] >= options_.bandwidth_edge_db) {
      return static_cast<float>(static_cast<double>(g * kBinsPerGroup) * rate_ / static_cast<double>(size));
    }
  }
  return static_cast<float>(rate_ / 2.0);
}

}  // namespace prov::integrity
