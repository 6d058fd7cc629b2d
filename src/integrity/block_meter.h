#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "dsp/fft.h"
#include "integrity/profile.h"
#include "integrity/scan_options.h"

namespace prov::integrity {

// Cheap per-block measurements of a stream: block and frame levels, DC, one
// windowed FFT for the bandwidth, and the digital-zero and clipping runs.
class BlockMeter {
 public:
  BlockMeter(int sample_rate, const ScanOptions& options);

  void feed(const float* mono, std::size_t frames);
  // Measures the last partial block and closes open runs.
  void flush();

  int sample_rate() const { return rate_; }
  std::size_t block_samples() const { return block_len_; }
  std::int64_t samples_seen() const { return position_; }
  std::size_t fft_size() const { return fft_.size(); }
  IntegrityProfile& profile() { return profile_; }
  std::vector<SampleRun>& zero_runs() { return zero_runs_; }
  std::vector<SampleRun>& clip_runs() { return clip_runs_; }
  double sum() const { return total_sum_; }

 private:
  void measure_block(const float* x, std::size_t n);
  void track_runs(const float* x, std::size_t n, std::int64_t first_sample);
  float bandwidth_of(const float* x, std::size_t n);

  int rate_;
  ScanOptions options_;
  std::size_t frame_len_;
  std::size_t block_len_;
  dsp::RealFft fft_;
  std::vector<float> window_;
  std::vector<float> fft_in_;
  std::vector<float> power_;
  std::size_t speech_lo_bin_, speech_hi_bin_;
  static constexpr std::size_t kBinsPerGroup = 4;
  std::size_t edge_groups_ = 2;  // groups in the 1 kHz just under a candidate edge
  std::vector<float> group_db_, suffix_max_db_;

  std::vector<float> pending_;  // samples of the block being filled
  std::int64_t position_ = 0;   // samples measured so far (whole blocks)
  double total_sum_ = 0.0;

  float zero_level_, clip_level_;
  std::int64_t min_zero_run_;
  std::int64_t zero_run_ = 0, zero_start_ = 0;
  std::int64_t clip_run_ = 0, clip_start_ = 0;
  int clip_sign_ = 0;

  IntegrityProfile profile_;
  std::vector<SampleRun> zero_runs_;
  std::vector<SampleRun> clip_runs_;
};

}  // namespace prov::integrity
