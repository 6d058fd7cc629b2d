#include "voice/speech_corpus.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/error.h"
#include "core/parallel.h"
#include "media/decode.h"

namespace prov::voice {
namespace fs = std::filesystem;

std::vector<SpeakerFile> list_speaker_folders(const std::string& dir) {
  static const std::set<std::string> audio = {".flac", ".wav", ".mp3", ".ogg", ".opus", ".m4a", ".aac", ".wma"};
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw InputError(fmt::format("{}: not a folder of speaker folders", dir));
  std::vector<SpeakerFile> files;
  for (const auto& speaker : fs::directory_iterator(dir)) {
    if (!speaker.is_directory()) continue;
    for (const auto& f : fs::recursive_directory_iterator(speaker.path())) {
      std::string ext = f.path().extension().string();
      std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
      if (f.is_regular_file() && audio.count(ext))
        files.push_back({speaker.path().filename().string(), f.path().string()});
    }
  }
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return std::tie(a.speaker, a.path) < std::tie(b.speaker, b.path); });
  return files;
}

std::vector<SpeakerFile> list_manifest(const std::string& csv_path) {
  std::ifstream in(csv_path);
  if (!in) throw InputError(fmt::format("{}: cannot read the manifest", csv_path));
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  std::stringstream hs(line);
  for (std::string cell; std::getline(hs, cell, ',');) header.push_back(cell);
  const auto path_col = std::find(header.begin(), header.end(), "path") - header.begin();
  const auto speaker_col = std::find(header.begin(), header.end(), "speaker") - header.begin();
  if (path_col >= static_cast<long>(header.size()) || speaker_col >= static_cast<long>(header.size()))
    throw InputError(fmt::format("{}: manifest needs 'path' and 'speaker' columns", csv_path));
  const fs::path base = fs::path(csv_path).parent_path();
  std::vector<SpeakerFile> files;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream ls(line);
    for (std::string cell; std::getline(ls, cell, ',');) cells.push_back(cell);
    if (cells.size() < header.size()) continue;
    files.push_back({cells[static_cast<std::size_t>(speaker_col)], (base / cells[static_cast<std::size_t>(path_col)]).string()});
  }
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return std::tie(a.speaker, a.path) < std::tie(b.speaker, b.path); });
  return files;
}

std::map<std::string, std::string> read_speaker_roles(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(fmt::format("{}: cannot read the speaker split", path));
  std::map<std::string, std::string> roles;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::stringstream ls(line);
    std::vector<std::string> words;
    for (std::string w; ls >> w;) words.push_back(w);
    if (words.size() >= 2) roles[words.front()] = words.back();
  }
  return roles;
}

std::vector<LabelledSpeech> load_speech(const std::vector<SpeakerFile>& files, const FeatureParams& params,
                                        std::size_t threads, double min_speech_s) {
  std::vector<LabelledSpeech> speech(files.size());
  const std::size_t t = thread_count(threads, files.size(), 4);
  on_threads(t, [&](std::size_t thread) {
    for (std::size_t i = thread; i < files.size(); i += t) {
      const Signal signal = media::decode_mono(files[i].path, kVoiceRate);
      speech[i] = {files[i].speaker, speech_frames(signal, params).frames};
    }
  });
  std::erase_if(speech, [&](const LabelledSpeech& s) { return static_cast<double>(s.frames.rows()) * 0.010 < min_speech_s; });
  return speech;
}

}  // namespace prov::voice
