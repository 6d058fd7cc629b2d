#pragma once
#include <map>
#include <string>
#include <vector>

#include "voice/background_training.h"

namespace prov::voice {

// One audio file of a named speaker.
struct SpeakerFile {
  std::string speaker;
  std::string path;
};

// DIR/SPEAKER/*.{flac,wav,mp3,...}: every sub-folder is one speaker. Sorted
// by speaker, then path, so that training is reproducible.
std::vector<SpeakerFile> list_speaker_folders(const std::string& dir);
// A CSV with a header naming `path` and `speaker` columns; paths relative to its folder.
std::vector<SpeakerFile> list_manifest(const std::string& csv_path);

// "speaker role" lines (# comments): which speakers train, calibrate, test.
std::map<std::string, std::string> read_speaker_roles(const std::string& path);

// Decodes each file to kVoiceRate and keeps its speech frames, on several
// threads; files with less than `min_speech_s` of speech are left out.
std::vector<LabelledSpeech> load_speech(const std::vector<SpeakerFile>& files, const FeatureParams& params,
                                        std::size_t threads = 0, double min_speech_s = 0.5);

}  // namespace prov::voice
