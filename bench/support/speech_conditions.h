#pragma once
#include <string>

#include "core/signal.h"

namespace prov::bench {

// Degraded copies of 16 kHz speech for the robustness table:
//   "clean", "telephone" (300-3400 Hz band, as an 8 kHz channel passes it),
//   "noise10" (the running-tap recording of ../shared/data/noise added at
//   10 dB SNR, offset by `seed`), "mp3_32k" (MP3 at 32 kbit/s with the
//   ffmpeg program, decoded back).
Signal degrade(const Signal& speech, const std::string& condition, const Signal& noise, unsigned seed);

}  // namespace prov::bench
