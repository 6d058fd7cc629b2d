#include "dsp/fft.h"

#include <fftw3.h>

#include <cmath>
#include <mutex>
#include <numbers>
#include <stdexcept>

namespace prov::dsp {
namespace {
std::mutex& planner_mutex() {
  static std::mutex m;
  return m;
}
}  // namespace

struct RealFft::Plan {
  float* in = nullptr;
  fftwf_complex* out = nullptr;
  fftwf_plan plan = nullptr;
};

RealFft::RealFft(std::size_t size) : size_(size), plan_(std::make_unique<Plan>()) {
  if (size < 2) throw std::invalid_argument("FFT size must be at least 2");
  std::lock_guard lock(planner_mutex());
  plan_->in = fftwf_alloc_real(size);
  plan_->out = fftwf_alloc_complex(size / 2 + 1);
  plan_->plan = fftwf_plan_dft_r2c_1d(static_cast<int>(size), plan_->in, plan_->out, FFTW_ESTIMATE);
}

RealFft::~RealFft() {
  std::lock_guard lock(planner_mutex());
  fftwf_destroy_plan(plan_->plan);
  fftwf_free(plan_->in);
  fftwf_free(plan_->out);
}

void RealFft::forward(const float* input, std::complex<float>* output) {
  std::copy(input, input + size_, plan_->in);
  fftwf_execute(plan_->plan);
  const auto* out = reinterpret_cast<const std::complex<float>*>(plan_->out);
  std::copy(out, out + bins(), output);
}

void RealFft::power(const float* input, float* power_out) {
  std::copy(input, input + size_, plan_->in);
  fftwf_execute(plan_->plan);
  for (std::size_t k = 0; k < bins(); ++k) {
    power_out[k] = plan_->out[k][0] * plan_->out[k][0] + plan_->out[k][1] * plan_->out[k][1];
  }
}

struct InverseRealFft::Plan {
  fftwf_complex* in = nullptr;
  float* out = nullptr;
  fftwf_plan plan = nullptr;
};

InverseRealFft::InverseRealFft(std::size_t size) : size_(size), plan_(std::make_unique<Plan>()) {
  if (size < 2) throw std::invalid_argument("FFT size must be at least 2");
  std::lock_guard lock(planner_mutex());
  plan_->in = fftwf_alloc_complex(size / 2 + 1);
  plan_->out = fftwf_alloc_real(size);
  plan_->plan = fftwf_plan_dft_c2r_1d(static_cast<int>(size), plan_->in, plan_->out, FFTW_ESTIMATE);
}

InverseRealFft::~InverseRealFft() {
  std::lock_guard lock(planner_mutex());
  fftwf_destroy_plan(plan_->plan);
  fftwf_free(plan_->in);
  fftwf_free(plan_->out);
}

void InverseRealFft::inverse(const std::complex<float>* input, float* output) {
  auto* in = reinterpret_cast<std::complex<float>*>(plan_->in);
  std::copy(input, input + size_ / 2 + 1, in);
  fftwf_execute(plan_->plan);
  std::copy(plan_->out, plan_->out + size_, output);
}

std::vector<float> hann_window(std::size_t size) {
  std::vector<float> w(size);
  for (std::size_t i = 0; i < size; ++i) {
    w[i] = static_cast<float>(0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * i / size));
  }
  return w;
}

}  // namespace prov::dsp
