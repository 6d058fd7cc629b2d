#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace prov::server {

// The waveform of a whole recording as the page draws it: the lowest and
// highest sample of each bucket, in 1/127 of full scale, so that an hour at
// 100 buckets a second is 720 kB and any zoom level is made by merging
// buckets, never by decoding again.
struct WaveformPeaks {
  int sample_rate = 0;            // of the signal the peaks were taken from
  std::size_t bucket_len = 0;     // samples per bucket at the finest level
  std::size_t samples = 0;        // length of the signal
  std::vector<int8_t> min, max;   // one pair per bucket

  double buckets_per_second() const {
    return bucket_len > 0 ? static_cast<double>(sample_rate) / static_cast<double>(bucket_len) : 0.0;
  }
  // The same waveform with `factor` neighbouring buckets merged into one.
  WaveformPeaks coarsened(std::size_t factor) const;
};

// Collects peaks as blocks of mono samples stream past (memory: two bytes a
// bucket).
class WaveformPeaksBuilder {
 public:
  WaveformPeaksBuilder(int sample_rate, std::size_t bucket_len);
  void feed(const float* mono, std::size_t count);
  WaveformPeaks finish();

 private:
  WaveformPeaks peaks_;
  float lo_ = 0, hi_ = 0;
  std::size_t in_bucket_ = 0;
};

}  // namespace prov::server
