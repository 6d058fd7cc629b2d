#include "voice/voice_fixtures.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>

#include "support/test_support.h"

namespace prov::voice::test {

std::vector<SpeakerFile> split_files(const std::string& role, std::size_t speakers, std::size_t per_speaker) {
  const auto roles = read_speaker_roles(std::string(PROVENANCE_SOURCE_DIR) + "/data/speaker/speechocean762_split.txt");
  std::map<std::string, std::size_t> taken;
  std::vector<SpeakerFile> out;
  for (const auto& f : list_speaker_folders((prov::test::shared_data_dir() / "speechocean762").string())) {
    auto r = roles.find(f.speaker);
    if (r == roles.end() || r->second != role) continue;
    if (!taken.count(f.speaker) && taken.size() >= speakers) continue;
    if (taken[f.speaker]++ < per_speaker) out.push_back(f);
  }
  return out;
}

std::string librispeech_file(const std::string& name) {
  return (prov::test::shared_data_dir() / "librispeech-sample/librispeech_test-other" / name).string();
}

const SpeakerModel& tiny_model() {
  static const SpeakerModel model = [] {
    BackgroundParams p;
    p.ubm.components = 16;
    p.total_variability.rank = 30;
    p.total_variability.iterations = 4;
    p.calibration_segment_s = {3.0, 10.0};
    const FeatureParams features;
    SpeakerModel m = train_speaker_model(load_speech(split_files("train", 10, 12), features), p);
    calibrate(m, load_speech(split_files("calibrate", 4, 12), features), p);
    return m;
  }();
  return model;
}

}  // namespace prov::voice::test
