#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "core/sample_source.h"

namespace prov {

// Samples appended as they arrive (e.g. a band-limited copy made while
// decoding) and read back by range, with only one block held in memory: full
// blocks go to a temporary file that is unlinked as soon as it is made, so
// nothing is left behind, whatever the way the program ends. Where no
// temporary file can be made (no writable $TMPDIR or /tmp), the samples stay
// in memory and the answers are the same.
class SampleSpool final : public SampleSource {
 public:
  explicit SampleSpool(double sample_rate, std::size_t block_samples = 1 << 16);
  ~SampleSpool() override;
  SampleSpool(const SampleSpool&) = delete;
  SampleSpool& operator=(const SampleSpool&) = delete;

  void append(const float* samples, std::size_t count);
  std::size_t size() const override { return spooled_ + tail_.size(); }
  double sample_rate() const override { return rate_; }
  void read(std::size_t first, std::size_t count, float* out) const override;
  // Whether the samples went to a temporary file (false: all in memory).
  bool on_disk() const { return fd_ >= 0; }

 private:
  void spill();

  double rate_;
  std::size_t block_;
  int fd_ = -1;
  std::size_t spooled_ = 0;  // samples in the file (or in memory_ without one)
  std::vector<float> memory_;  // every spilled sample when no file could be made
  std::vector<float> tail_;    // samples not yet spilled
};

}  // namespace prov
