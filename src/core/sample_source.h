#pragma once
#include <algorithm>
#include <cstddef>
#include <span>

namespace prov {

// Mono samples at a fixed rate, read by range. Long analyses read the signal
// in tiles through this, so the samples may live in memory or in a spool file.
class SampleSource {
 public:
  virtual ~SampleSource() = default;
  virtual std::size_t size() const = 0;
  virtual double sample_rate() const = 0;
  // Copies samples [first, first + count) to out; the range must lie inside.
  virtual void read(std::size_t first, std::size_t count, float* out) const = 0;
};

// Samples already in memory (not copied: they must outlive this view).
class SampleView final : public SampleSource {
 public:
  SampleView(std::span<const float> samples, double sample_rate) : samples_(samples), rate_(sample_rate) {}
  std::size_t size() const override { return samples_.size(); }
  double sample_rate() const override { return rate_; }
  void read(std::size_t first, std::size_t count, float* out) const override {
    std::copy_n(samples_.data() + first, count, out);
  }

 private:
  std::span<const float> samples_;
  double rate_;
};

}  // namespace prov
