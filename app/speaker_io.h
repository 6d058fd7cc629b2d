#pragma once
#include <string>
#include <vector>

#include "voice/speaker_model.h"

namespace prov::cli {

// The normalised speech frames of an audio file; InputError naming the file
// when it cannot be decoded or holds less than `min_speech_s` of speech.
voice::FeatureMatrix speech_of_file(const std::string& path, const voice::FeatureParams& params,
                                    double min_speech_s = 1.0);
// The same, unnormalised, with the time of each speech frame.
voice::SpeechFrames speech_frames_of_file(const std::string& path, const voice::FeatureParams& params,
                                          double min_speech_s = 1.0);

// --model, else $PROVENANCE_SPEAKER_MODEL, else the default model shipped
// with the program (data/speaker/default.model in the source tree or
// share/provenance/speaker/default.model beside the installed program).
std::string speaker_model_path(const std::string& requested);

// What a comparison's LR rests on, to print beside it.
std::string speaker_model_limits(const voice::SpeakerModel& model);

}  // namespace prov::cli
