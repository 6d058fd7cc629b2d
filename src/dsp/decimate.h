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
  const std::vector<float>& coefficients() const { return taps_; }

 private:
  int factor_;
  double output_rate_;
  std::vector<float> taps_;  // odd length, centred
};

// The same filter and down-sampling over input that arrives in blocks: the
// output equals Decimator::process over the whole input at once, while only
// about one filter length of input is held (so hours of audio can be reduced
// as they are decoded).
class StreamingDecimator {
 public:
  explicit StreamingDecimator(Decimator decimator);
  // Appends the outputs that `input` completes to `out`.
  void push(const float* input, std::size_t count, std::vector<float>& out);
  // Appends the last outputs (input past the end counts as zero).
  void finish(std::vector<float>& out);
  const Decimator& decimator() const { return decimator_; }

 private:
  void emit_ready(std::vector<float>& out, bool at_end);
  Decimator decimator_;
  std::vector<float> buffer_;     // input from absolute index buffer_start_ on
  std::size_t buffer_start_ = 0;
  std::size_t total_in_ = 0;
  std::size_t next_out_ = 0;      // index of the next output sample
};

// The largest factor that keeps `min_output_rate` or more.
int decimation_factor_for(double input_rate, double min_output_rate);

}  // namespace prov::dsp
