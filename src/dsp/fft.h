#pragma once
#include <complex>
#include <cstddef>
#include <memory>
#include <vector>

namespace prov::dsp {

// Real-to-complex FFT of a fixed size (FFTW, single precision). Plans are
// made under a lock, so objects may be created from several threads; one
// object must not be used from two threads at once.
class RealFft {
 public:
  explicit RealFft(std::size_t size);
  ~RealFft();
  RealFft(const RealFft&) = delete;
  RealFft& operator=(const RealFft&) = delete;

  std::size_t size() const { return size_; }
  std::size_t bins() const { return size_ / 2 + 1; }
  // input: size() samples; output: bins() complex values.
  void forward(const float* input, std::complex<float>* output);
  // Power |X|^2 of each bin.
  void power(const float* input, float* power_out);

 private:
  std::size_t size_;
  struct Plan;
  std::unique_ptr<Plan> plan_;
};

// Inverse of RealFft (complex-to-real, unnormalised: output is size() times the signal).
class InverseRealFft {
 public:
  explicit InverseRealFft(std::size_t size);
  ~InverseRealFft();
  InverseRealFft(const InverseRealFft&) = delete;
  InverseRealFft& operator=(const InverseRealFft&) = delete;
  std::size_t size() const { return size_; }
  void inverse(const std::complex<float>* input, float* output);

 private:
  std::size_t size_;
  struct Plan;
  std::unique_ptr<Plan> plan_;
};

std::vector<float> hann_window(std::size_t size);

}  // namespace prov::dsp
