#pragma once
#include <map>
#include <string>
#include <vector>

#include "voice/background_training.h"
#include "voice/speech_corpus.h"

namespace prov::voice::test {

// speechocean762 files of the speakers with `role` in the fixed split
// (data/speaker/speechocean762_split.txt), at most `speakers` speakers and
// `per_speaker` files each.
std::vector<SpeakerFile> split_files(const std::string& role, std::size_t speakers, std::size_t per_speaker);

// A file of ../shared/data/librispeech-sample/librispeech_test-other.
std::string librispeech_file(const std::string& name);

// A background model small enough to train inside a test (a few seconds),
// trained on training-role speakers and calibrated on calibration-role ones.
const SpeakerModel& tiny_model();

}  // namespace prov::voice::test
