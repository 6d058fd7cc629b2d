#pragma once
#include <cstddef>
#include <vector>

namespace prov::dsp {

// Low-pass filtering and integer down-sampling in one pass (polyphase: only
// the kept output samples are computed). The filter is a Kaiser-windowed sinc
// centred on each output sample, so output m sits at input time m * factor
// (zero phase); samples past either end count as zero.
class Decimator {
 public:
  // passband_hz: highest frequency that must pass unchanged; stopband_hz: lowest
  // frequency that must be removed before it can fold into the passband.
  // Attenuation is about 70 dB.
  Decimator(double input_rate, int factor, double passband_hz, double stopband_hz);

  int factor() const { return factor_; }
  double output_rate() const { return output_rate_; }
  std::size_t taps() const { return taps_.size(); }

  std::vector<float> process(const float* input, std::size_t count) const;

 private:
  int factor_;
  double output_rate_;
  std::vector<float> taps_;  // odd length, centred
};

// The largest factor that keeps `min_output_rate` or more.
int decimation_factor_for(double input_rate, double min_output_rate);

}  // namespace prov::dsp
