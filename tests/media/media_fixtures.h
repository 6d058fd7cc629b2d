#pragma once
#include <string>

#include "support/test_support.h"

namespace prov::test {

// Makes a 3-second stereo test tone (440 Hz left, 880 Hz right, -6 dBFS) at
// 44.1 kHz as WAV with sox; returns its path.
std::string make_stereo_tone_wav(const TempDir& dir);

// Encodes `input` with the ffmpeg CLI into `name` with the given arguments;
// fails the test when ffmpeg fails.
std::string ffmpeg_encode(const TempDir& dir, const std::string& input, const std::string& name,
                          const std::string& arguments);

}  // namespace prov::test
