#pragma once
#include <cstddef>

namespace prov::voice {

// The short-time frame grid shared by speech activity and features, so that
// frame i of one is frame i of the other.
struct FrameGrid {
  int sample_rate = 16000;
  std::size_t window = 400;  // 25 ms at 16 kHz
  std::size_t hop = 160;     // 10 ms at 16 kHz

  std::size_t frame_count(std::size_t samples) const {
    return samples < window ? 0 : 1 + (samples - window) / hop;
  }
  double hop_s() const { return static_cast<double>(hop) / sample_rate; }
  double centre_s(std::size_t frame) const {
    return (static_cast<double>(frame * hop) + 0.5 * static_cast<double>(window)) / sample_rate;
  }
};

// The analysis rate every voice method expects: speech carries little
// speaker information above 8 kHz and every corpus used here has it.
constexpr int kVoiceRate = 16000;

}  // namespace prov::voice
