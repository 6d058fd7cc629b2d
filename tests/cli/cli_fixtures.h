#pragma once
#include <string>

#include "support/test_support.h"

namespace prov::test {

// Runs the built `provenance` program with the given arguments (already quoted).
CommandResult provenance(const std::string& arguments);

// A 6-second speech-like test file (espeak-ng when present, else a sox tone
// burst pattern), encoded as M4A with the ffmpeg CLI.
std::string make_speech_m4a(const TempDir& dir, const std::string& name = "speech.m4a");

}  // namespace prov::test
