#pragma once
#include <cstddef>
#include <memory>
#include <vector>

#include "dsp/fft.h"

namespace prov::report {

// What the overview figures need of a recording, gathered as it streams past
// in blocks, in memory that does not grow with its length: a min/max envelope
// of at most 2 x `columns` buckets and at most `columns` spectrogram frames
// (512-point, 256 bins each). When either fills up, neighbours are merged
// (envelope) or every other frame dropped (spectrogram) and the spacing
// doubles, so a 10-hour file ends with between columns/2 and columns frames,
// as a 10-minute one does. About 1.3 MB for 1200 columns.
class OverviewSketch {
 public:
  explicit OverviewSketch(int sample_rate, int columns = 1200);
  ~OverviewSketch();
  OverviewSketch(OverviewSketch&&) noexcept;
  OverviewSketch& operator=(OverviewSketch&&) noexcept;

  void feed(const float* mono, std::size_t count);

  int sample_rate() const { return rate_; }
  std::size_t samples() const { return total_; }
  double duration_s() const { return rate_ > 0 ? static_cast<double>(total_) / rate_ : 0.0; }

  // Envelope: bucket i covers samples [i * bucket_len, (i + 1) * bucket_len),
  // the last one possibly fewer.
  std::size_t bucket_len() const { return bucket_len_; }
  std::vector<float> envelope_min() const;
  std::vector<float> envelope_max() const;

  // Spectrogram: frame f starts at sample f * hop; dB of bins 1..256, frame-major.
  static constexpr std::size_t kFft = 512;
  static constexpr std::size_t kBins = kFft / 2;
  std::size_t hop() const { return hop_; }
  std::size_t frames() const { return frames_db_.size() / kBins; }
  const std::vector<float>& frames_db() const { return frames_db_; }

 private:
  void add_frame(const float* x);
  int rate_;
  std::size_t columns_;
  std::size_t total_ = 0;
  // envelope
  std::size_t bucket_len_ = 1;
  std::vector<float> min_, max_;
  float cur_min_ = 0, cur_max_ = 0;
  std::size_t cur_n_ = 0;
  // spectrogram
  std::size_t hop_ = kFft / 4;
  std::vector<float> frames_db_;
  std::vector<float> buffer_;  // input from absolute index buffer_start_ on
  std::size_t buffer_start_ = 0;
  std::unique_ptr<dsp::RealFft> fft_;
  std::vector<float> window_, in_, power_;
};

}  // namespace prov::report
