#pragma once
#include <string>

#include "voice/speaker_model.h"

namespace prov::voice {

// A speaker model on disk: a magic line, a JSON header (description,
// feature settings, calibration, array shapes), then the arrays as
// little-endian float32. Throws InputError on an unreadable or foreign file.
void save_speaker_model(const SpeakerModel& model, const std::string& path);
SpeakerModel load_speaker_model(const std::string& path);

}  // namespace prov::voice
