#include "speaker_io.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "core/error.h"
#include "media/decode.h"
#include "voice/frames.h"

namespace prov::cli {
namespace fs = std::filesystem;

voice::SpeechFrames speech_frames_of_file(const std::string& path, const voice::FeatureParams& params,
                                          double min_speech_s) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw InputError(fmt::format("{}: no such file", path));
  const Signal signal = media::decode_mono(path, voice::kVoiceRate);
  if (signal.samples.empty()) throw InputError(fmt::format("{}: no audio samples decoded", path));
  auto speech = voice::speech_frames(signal, params);
  const double seconds = speech.speech_s();
  if (seconds < min_speech_s)
    throw InputError(fmt::format("{}: only {:.1f} s of speech found in {:.1f} s of audio (at least {:.1f} s needed)",
                                 path, seconds, signal.duration_s(), min_speech_s));
  return speech;
}

voice::FeatureMatrix speech_of_file(const std::string& path, const voice::FeatureParams& params, double min_speech_s) {
  return voice::normalised(speech_frames_of_file(path, params, min_speech_s).frames);
}

std::string speaker_model_path(const std::string& requested) {
  if (!requested.empty()) return requested;
  if (const char* env = std::getenv("PROVENANCE_SPEAKER_MODEL"); env && *env) return env;
  std::vector<fs::path> candidates;
#ifdef PROVENANCE_DATA_DIR
  candidates.emplace_back(fs::path(PROVENANCE_DATA_DIR) / "speaker/default.model");
#endif
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) candidates.push_back(exe.parent_path().parent_path() / "share/provenance/speaker/default.model");
  for (const auto& c : candidates)
    if (fs::is_regular_file(c, ec)) return c.string();
  throw InputError("no speaker model: pass --model, or build the default with scripts/train_speaker_background.sh");
}

std::string speaker_model_limits(const voice::SpeakerModel& model) {
  if (model.description.contains("limits")) return model.description["limits"].get<std::string>();
  return "validated only on the data named in the model; casework needs validation on data relevant to the case";
}

}  // namespace prov::cli
