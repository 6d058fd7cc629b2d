#include "support/integrity_corpus.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <numbers>
#include <set>
#include <sstream>
#include <stdexcept>

#include "media/decode.h"
#include "integrity/scan_fixtures.h"
#include "support/test_support.h"

namespace prov::bench {
namespace fs = std::filesystem;
namespace {

struct Part {
  int rate = 0;
  std::vector<float> samples;
};

Part decode(const fs::path& path) {
  Signal s = media::decode_mono(path.string(), 0);
  return {s.sample_rate, std::move(s.samples)};
}

void add_joined(std::vector<Recording>& out, const std::string& corpus, const std::string& name,
                const std::vector<fs::path>& files) {
  std::map<int, std::vector<std::vector<float>>> by_rate;  // joins never mix sample rates
  for (const fs::path& f : files) {
    Part p = decode(f);
    by_rate[p.rate].push_back(std::move(p.samples));
  }
  for (auto& [rate, parts] : by_rate) {
    const std::string label = by_rate.size() > 1 ? name + "@" + std::to_string(rate / 1000) + "k" : name;
    // The same arithmetic as test::crossfade_join: part k overlaps the end of
    // what came before by min(fade, length so far, its own length).
    const auto fade = static_cast<std::size_t>(std::lround(kJoinFadeS * rate));
    std::vector<double> joins;
    std::size_t length = 0;
    for (const auto& part : parts) {
      const std::size_t overlap = std::min({fade, length, part.size()});
      if (length > 0) joins.push_back((static_cast<double>(length) - 0.5 * static_cast<double>(overlap)) / rate);
      length += part.size() - overlap;
    }
    out.push_back({corpus, label, rate, test::crossfade_join(parts, rate, kJoinFadeS), std::move(joins)});
  }
}

struct ManifestRow {
  std::string path, speaker;
};

std::vector<ManifestRow> read_manifest(const fs::path& csv) {
  std::ifstream in(csv);
  if (!in) throw std::runtime_error("cannot read " + csv.string());
  std::vector<ManifestRow> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::stringstream fields(line);
    ManifestRow row;
    std::getline(fields, row.path, ',');
    std::getline(fields, row.speaker, ',');
    if (!row.path.empty()) rows.push_back(row);
  }
  std::sort(rows.begin(), rows.end(), [](const ManifestRow& a, const ManifestRow& b) { return a.path < b.path; });
  return rows;
}

// speechocean762: every fourth speaker (sorted by id) tunes, the other 30 measure.
void speechocean(Split split, std::vector<Recording>& out) {
  const fs::path root = test::shared_data_dir() / "speechocean762";
  std::vector<fs::path> speakers;
  for (const auto& e : fs::directory_iterator(root)) {
    if (e.is_directory()) speakers.push_back(e.path());
  }
  std::sort(speakers.begin(), speakers.end());
  for (std::size_t i = 0; i < speakers.size(); ++i) {
    if ((i % 4 == 0) != (split == Split::tuning)) continue;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(speakers[i])) {
      if (e.path().extension() == ".flac") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    add_joined(out, "speechocean762", speakers[i].filename().string(), files);
  }
}

// LibriSpeech: the first three of the ten ten-utterance readers (by id) and
// every single utterance whose position is 0-2 mod 10 tune; the rest measure.
void librispeech(Split split, std::vector<Recording>& out) {
  const fs::path root = test::shared_data_dir() / "librispeech-sample";
  std::map<std::string, std::vector<fs::path>> by_reader;
  for (const ManifestRow& r : read_manifest(root / "manifest.csv")) by_reader[r.speaker].push_back(root / r.path);
  std::vector<std::string> readers;
  std::vector<fs::path> singles;
  for (const auto& [reader, files] : by_reader) {
    if (files.size() > 1) readers.push_back(reader);
    else singles.push_back(files[0]);
  }
  std::sort(readers.begin(), readers.end());
  std::sort(singles.begin(), singles.end());
  for (std::size_t i = 0; i < readers.size(); ++i) {
    if ((i < 3) != (split == Split::tuning)) continue;
    add_joined(out, "librispeech", readers[i], by_reader[readers[i]]);
  }
  for (std::size_t i = 0; i < singles.size(); ++i) {
    if ((i % 10 < 3) != (split == Split::tuning)) continue;
    add_joined(out, "librispeech", singles[i].stem().string(), {singles[i]});
  }
}

// VCTK: p225, p226 and p230 tune; p227, p228, p233 and p236 measure. The 48 kHz
// and the 16 kHz copies of a speaker are separate recordings.
void vctk(Split split, std::vector<Recording>& out) {
  const fs::path root = test::shared_data_dir() / "vctk-sample";
  const std::set<std::string> tuning{"p225", "p226", "p230"};
  std::map<std::string, std::vector<fs::path>> by_speaker;
  for (const ManifestRow& r : read_manifest(root / "manifest.csv")) by_speaker[r.speaker].push_back(root / r.path);
  for (const auto& [speaker, files] : by_speaker) {
    if (tuning.contains(speaker) != (split == Split::tuning)) continue;
    add_joined(out, "vctk", speaker, files);
  }
}

// FSDD: george and jackson tune; nicolas, theo and yweweler measure. lucas is
// left out: his later takes are a second session (noise floor 13 dB higher),
// which the edit benchmark uses as a real two-session splice.
void fsdd(Split split, std::vector<Recording>& out) {
  const fs::path root = test::shared_data_dir() / "fsdd";
  const std::vector<std::string> speakers = split == Split::tuning
                                                ? std::vector<std::string>{"george", "jackson"}
                                                : std::vector<std::string>{"nicolas", "theo", "yweweler"};
  for (const std::string& speaker : speakers) {
    std::vector<fs::path> files;
    for (int take = 0; take < 40; ++take) {
      for (int digit = 0; digit < 10; ++digit) {
        files.push_back(root / (std::to_string(digit) + "_" + speaker + "_" + std::to_string(take) + ".wav"));
      }
    }
    add_joined(out, "fsdd", speaker, files);
  }
}

}  // namespace

std::vector<Recording> unedited_recordings(Split split) {
  std::vector<Recording> out;
  speechocean(split, out);
  librispeech(split, out);
  vctk(split, out);
  fsdd(split, out);
  return out;
}

bool at_join(const std::vector<double>& joins_s, double start_s, double end_s) {
  const auto first = std::lower_bound(joins_s.begin(), joins_s.end(), start_s - kJoinMarginS);
  return first != joins_s.end() && *first <= end_s + kJoinMarginS;
}

double within_take_s(const Recording& r) {
  const double duration = r.duration_s();
  double covered = 0.0, reach = 0.0;  // union of the windows around the joins (joins are in order)
  for (double j : r.joins_s) {
    const double from = std::max({0.0, j - kJoinMarginS, reach});
    const double to = std::min(duration, j + kJoinMarginS);
    if (to > from) covered += to - from;
    reach = std::max(reach, to);
  }
  return duration - covered;
}

bool set_option(integrity::ScanOptions& o, const std::string& assignment) {
  const auto eq = assignment.find('=');
  if (eq == std::string::npos) return false;
  const std::string name = assignment.substr(0, eq);
  const double value = std::stod(assignment.substr(eq + 1));
  nlohmann::json j = integrity::to_json(o);
  if (!j.contains(name)) return false;
  const std::map<std::string, double*> doubles{
      {"digital_zero_level", &o.digital_zero_level}, {"min_digital_silence_s", &o.min_digital_silence_s},
      {"analog_floor_min_db", &o.analog_floor_min_db}, {"speech_context_s", &o.speech_context_s},
      {"clip_level", &o.clip_level}, {"clip_merge_s", &o.clip_merge_s}, {"step_window_s", &o.step_window_s},
      {"speech_above_floor_db", &o.speech_above_floor_db}, {"level_percentile", &o.level_percentile},
      {"level_jump_db", &o.level_jump_db}, {"level_jump_alone_db", &o.level_jump_alone_db},
      {"noise_floor_change_db", &o.noise_floor_change_db}, {"noise_window_s", &o.noise_window_s},
      {"noise_floor_percentile", &o.noise_floor_percentile}, {"gain_match_db", &o.gain_match_db},
      {"bandwidth_edge_db", &o.bandwidth_edge_db}, {"bandwidth_change_ratio", &o.bandwidth_change_ratio},
      {"bandwidth_change_min_hz", &o.bandwidth_change_min_hz}, {"dc_offset_min", &o.dc_offset_min},
      {"dc_step_min", &o.dc_step_min}, {"habitual_zero_runs", &o.habitual_zero_runs},
      {"level_min_speech_s", &o.level_min_speech_s}, {"gated_floor_db", &o.gated_floor_db},
      {"level_below_loud_db", &o.level_below_loud_db},
      {"bandwidth_cutoff_elsewhere_max", &o.bandwidth_cutoff_elsewhere_max}};
  if (auto it = doubles.find(name); it != doubles.end()) {
    *it->second = value;
    return true;
  }
  return false;
}

const std::vector<Encoding>& encodings() {
  static const std::vector<Encoding> all{
      {"lossless", "", ""},
      {"mp3-64k", "mp3", "-c:a libmp3lame -b:a 64k"},
      {"aac-96k", "m4a", "-c:a aac -b:a 96k"},
      {"resampled-44k1", "wav", "-ar 44100 -c:a pcm_s16le"},
  };
  return all;
}

namespace {

std::string encode_with_ffmpeg(const test::TempDir& dir, const std::vector<float>& samples, int rate,
                               const std::string& extension, const std::string& arguments) {
  const fs::path raw = dir.path() / "input.f32";
  const fs::path encoded = dir.path() / ("encoded." + extension);
  {
    std::ofstream f(raw, std::ios::binary);
    f.write(reinterpret_cast<const char*>(samples.data()), static_cast<std::streamsize>(samples.size() * sizeof(float)));
  }
  const std::string command = "ffmpeg -nostdin -v error -y -f f32le -ar " + std::to_string(rate) + " -ac 1 -i " +
                              test::shell_quote(raw.string()) + " " + arguments + " " +
                              test::shell_quote(encoded.string());
  const test::CommandResult r = test::run_command(command);
  if (r.exit_code != 0) throw std::runtime_error("ffmpeg failed: " + command + "\n" + r.output);
  return encoded.string();
}

}  // namespace

Signal through_ffmpeg(const std::vector<float>& samples, int rate, const std::string& extension,
                      const std::string& arguments, int out_rate) {
  test::TempDir dir;
  return media::decode_mono(encode_with_ffmpeg(dir, samples, rate, extension, arguments), out_rate);
}

integrity::IntegrityResult scan_encoded(const std::vector<float>& samples, int rate, const Encoding& encoding,
                                        const integrity::ScanOptions& options, const std::string& cache_dir,
                                        const std::string& key) {
  if (encoding.extension.empty()) {
    Signal s;
    s.sample_rate = rate;
    s.samples = samples;
    return integrity::scan(s, options);
  }
  test::TempDir dir;
  std::string encoded;
  const fs::path cached = cache_dir.empty() ? fs::path() : fs::path(cache_dir) / (key + "." + encoding.name + "." + encoding.extension);
  if (!cached.empty() && fs::exists(cached)) {
    encoded = cached.string();
  } else {
    encoded = encode_with_ffmpeg(dir, samples, rate, encoding.extension, encoding.arguments);
    if (!cached.empty()) {
      fs::create_directories(cached.parent_path());
      fs::copy_file(encoded, cached, fs::copy_options::overwrite_existing);
    }
  }
  std::unique_ptr<integrity::IntegrityScanner> scanner;
  media::decode_audio(encoded, {}, [&](const float* mono, std::size_t frames, int native) {
    if (!scanner) scanner = std::make_unique<integrity::IntegrityScanner>(native, options);
    scanner->feed(mono, frames);
  });
  if (!scanner) throw std::runtime_error("no audio decoded from " + encoded);
  return scanner->finish();
}

}  // namespace prov::bench
