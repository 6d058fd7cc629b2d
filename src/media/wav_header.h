#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace prov::media {

// What a RIFF/WAVE header says about its own audio, read from the bytes.
// FFmpeg clamps a data chunk that claims more than the file holds to what
// is there, so its duration cannot show the claim; this reads the claim.
struct WavDataClaim {
  double declared_s = 0.0;  // data chunk size / bytes per second
  double present_s = 0.0;   // the data bytes the file actually holds after the chunk header
  uint64_t declared_bytes = 0;
  uint64_t present_bytes = 0;
};

// The data chunk's claim, or nullopt when the file is not RIFF/WAVE, has no
// fmt or data chunk in its first 1 MiB, or leaves the length open (size 0 or
// 0xFFFFFFFF, as streaming writers do). RF64 and Wave64 are not read.
std::optional<WavDataClaim> read_wav_data_claim(const std::string& path);

}  // namespace prov::media
