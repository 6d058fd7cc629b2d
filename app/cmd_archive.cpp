// provenance archive add|match|list|remove: the recycled-audio archive.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <nlohmann/json.hpp>

#include "command_registry.h"
#include "core/error.h"
#include "core/terminal_text.h"
#include "fingerprint/archive_index.h"
#include "fingerprint/false_alarms.h"
#include "fingerprint/landmarks.h"
#include "fingerprint/reuse_findings.h"
#include "fingerprint/segment_matcher.h"
#include "fingerprint/spectral_peaks.h"
#include "media/decode.h"
#include "media/hash.h"
#include "media/probe.h"
#include "progress_bar.h"
#include "video_archive.h"

namespace prov::cli {
namespace {

namespace fp = fingerprint;

struct ArchiveOptions {
  std::string archive;
  std::vector<std::string> files;
  std::string file;
  std::string title, source, released;
  std::string sensitivity = "normal";
  int64_t id = 0;
  bool json = false;
  bool no_progress = false;
};

std::string default_archive() {
  if (const char* env = std::getenv("PROVENANCE_ARCHIVE"); env && *env) return env;
  return "provenance-archive.sqlite";
}

media::DecodedAudio decode_for_fingerprints(const std::string& path, const std::function<void(double)>& progress) {
  media::DecodeOptions options;
  options.analysis_rate = 16000;
  return media::decode_audio(path, options, {}, progress);
}

nlohmann::json item_json(const fp::ArchiveItem& item) {
  return {{"id", item.id},
          {"sha256", item.sha256},
          {"title", item.metadata.title},
          {"source", item.metadata.source},
          {"released", item.metadata.released},
          {"original_path", item.metadata.original_path},
          {"duration_s", item.duration_s},
          {"added_utc", item.added_utc},
          {"landmarks", item.landmark_count},
          {"video_frames", item.video_frame_count}};
}

std::string clock(double s) {
  const auto t = static_cast<long long>(std::max(0.0, s));
  return fmt::format("{}:{:02}:{:04.1f}", t / 3600, (t / 60) % 60, std::max(0.0, s) - static_cast<double>(t - t % 60));
}

// Extensions taken from a folder; files named on the command line are always tried.
bool looks_like_media(const std::filesystem::path& p) {
  static const char* known[] = {"wav", "mp3", "flac", "m4a", "aac", "ogg", "oga", "opus", "wma", "amr", "aif", "aiff",
                                "caf", "ac3", "mka", "mp4", "m4v", "mkv", "webm", "mov", "avi", "3gp", "mpg", "mpeg",
                                "ts", "flv", "wmv"};
  std::string ext = p.extension().string();
  if (ext.empty()) return false;
  ext.erase(0, 1);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::any_of(std::begin(known), std::end(known), [&](const char* k) { return ext == k; });
}

// The files to add: files as given, folders searched recursively for media
// files (in name order), each path absolute and lexically normal.
std::vector<std::string> expand_inputs(const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const auto& input : inputs) {
    const fs::path path = fs::absolute(input).lexically_normal();
    if (!fs::is_directory(path)) {
      files.push_back(path.string());
      continue;
    }
    std::vector<std::string> found;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec))
      if (it->is_regular_file() && looks_like_media(it->path())) found.push_back(it->path().lexically_normal().string());
    if (ec) throw InputError(fmt::format("{}: cannot read the folder: {}", terminal_safe(path.string()), ec.message()));
    std::sort(found.begin(), found.end());
    if (found.empty())
      fmt::print(stderr, "warning: {}: no audio or video files in this folder\n", terminal_safe(path.string()));
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

void add(const ArchiveOptions& o) {
  const auto files = expand_inputs(o.files);
  if (files.size() > 1 && !o.title.empty())
    throw InputError("--title names one item: give it with a single FILE");
  auto index = fp::ArchiveIndex::open(o.archive, fp::ArchiveIndex::Mode::create_if_missing);
  ProgressBar bar("fingerprinting", !o.no_progress && !o.json && ProgressBar::stderr_is_terminal());
  nlohmann::json out = nlohmann::json::array();
  const double n = static_cast<double>(files.size());
  std::size_t failed = 0;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string& path = files[i];
    const std::string shown = terminal_safe(path);
    try {
      const auto identity = media::identify_file(path);
      if (auto known = index.find_sha256(identity.sha256)) {
        out.push_back({{"file", path}, {"status", "duplicate"}, {"item", item_json(*known)}});
        if (!o.json)
          fmt::print("{}: already archived as item {} (\"{}\"), same SHA-256\n", shown, known->id,
                     terminal_safe(fp::display_name(*known)));
        bar.update((i + 1) / n);
        continue;
      }
      const auto facts = media::probe_container(path);
      const bool with_audio = has_audio_stream(facts), with_video = has_video_stream(facts);
      if (!with_audio && !with_video) throw InputError(fmt::format("{}: has no audio or video stream", path));
      std::optional<fp::VideoFrameBlob> video;
      if (with_video) video = archive_video_frames(path, [&](double f) { bar.update((i + 0.5 * f) / n); });
      std::vector<fp::SpectralPeak> peaks;
      double duration_s = video ? video->duration_s : 0.0;
      if (with_audio) {
        const double from = with_video ? 0.5 : 0.0;
        const auto audio = decode_for_fingerprints(path, [&](double f) { bar.update((i + from + 0.4 * f) / n); });
        peaks = fp::find_spectral_peaks(audio.analysis);
        duration_s = audio.analysis.duration_s();
      }
      fp::ItemMetadata meta{o.title.empty() ? std::filesystem::path(path).stem().string() : o.title, o.source,
                            o.released, path};
      const auto result = index.add(identity.sha256, meta, duration_s, peaks, video ? &*video : nullptr);
      const auto item = *index.item(result.id);
      nlohmann::json entry = {{"file", path}, {"status", "added"}, {"item", item_json(item)}};
      std::string warning;
      if (item.landmark_count == 0 && item.video_frame_count == 0)
        warning = with_video ? "no landmarks and no usable video frame (silent, and black or flat pictures): "
                               "archived, but no query can ever match it"
                             : "no landmarks (silence, or no audible content): archived, but no query can ever "
                               "match it";
      else if (with_video && item.video_frame_count == 0)
        warning = "no usable video frame (black or flat pictures): only its audio can be matched";
      if (!warning.empty()) {
        entry["warning"] = warning;
        fmt::print(stderr, "warning: {}: {}\n", shown, warning);
      }
      out.push_back(entry);
      if (!o.json)
        fmt::print("{}: added as item {} (\"{}\", {:.1f} s, {} landmarks{})\n", shown, item.id,
                   terminal_safe(fp::display_name(item)), item.duration_s, item.landmark_count,
                   with_video ? fmt::format(", {} video frames", item.video_frame_count) : "");
    } catch (const std::exception& e) {
      // One unreadable file does not stop the batch; it is reported and counted.
      ++failed;
      out.push_back({{"file", path}, {"status", "failed"}, {"error", utf8_or_replacement(e.what())}});
      fmt::print(stderr, "{}: not added: {}\n", shown, terminal_safe(e.what()));
    }
    bar.update((i + 1) / n);
  }
  bar.finish();
  if (o.json) std::cout << nlohmann::json{{"archive", index.path()}, {"results", out}}.dump(2) << "\n";
  if (failed > 0)
    throw InputError(fmt::format("{} of {} file(s) could not be added (see above); the others were", failed,
                                 files.size()));
}

void print_audio_segments(const ArchiveOptions& o, const Findings& findings, std::size_t items, double duration_s) {
  if (findings.empty()) {
    fmt::print("{}: no segment of the {} archived items found ({:.1f} s searched)\n", terminal_safe(o.file), items,
               duration_s);
    return;
  }
  fmt::print("{}: {} reused segment(s)\n\n", terminal_safe(o.file), findings.size());
  fmt::print("{:<23} {:>5}  {:<30} {:<23} {:>6} {:>6} {:>5}  {}\n", "query span", "item", "title", "item span", "scale",
             "score", "sig.", "false alarms at this significance");
  for (const auto& f : findings) {
    const auto& e = f.evidence;
    std::string title = e["archive_title"].get<std::string>();
    if (title.size() > 30) title = title.substr(0, 27) + "...";
    fmt::print("{:<23} {:>5}  {:<30} {:<23} {:>6.3f} {:>6.2f} {:>5.1f}  {}{:.2g}/h\n",
               clock(f.start_s) + "-" + clock(f.end_s), e["archive_item_id"].get<int64_t>(), terminal_safe(title),
               clock(e["item_start_s"].get<double>()) + "-" + clock(e["item_end_s"].get<double>()),
               e["time_scale"].get<double>(), e["score"].get<double>(), e["significance"].get<double>(),
               e["false_alarms_upper_bound"].get<bool>() ? "< " : "", e["false_alarms_per_hour"].get<double>());
  }
}

void print_video_segments(const ArchiveOptions& o, const VideoArchiveMatch& vm) {
  const auto& findings = vm.findings;
  if (findings.empty()) {
    fmt::print("{}: pictures: no segment of the {} archived videos found ({:.1f} s, {} frames searched)\n",
               terminal_safe(o.file), vm.archived_videos, vm.query.duration_s(), vm.query.frames.size());
    return;
  }
  fmt::print("{}: pictures: {} reused segment(s)\n\n", terminal_safe(o.file), findings.size());
  fmt::print("{:<23} {:>5}  {:<30} {:<23} {:>7} {:>5}  {}\n", "query span", "item", "title", "item span", "frames",
             "dist.", "");
  for (const auto& f : findings) {
    const auto& e = f.evidence;
    std::string title = e["archive_title"].get<std::string>();
    if (title.size() > 30) title = title.substr(0, 27) + "...";
    std::string note = e["whole_video"].get<bool>() ? "whole video: near-duplicate" : "";
    if (e["transform"].get<std::string>() != "identity")
      note += (note.empty() ? "" : ", ") + e["transform"].get<std::string>();
    fmt::print("{:<23} {:>5}  {:<30} {:<23} {:>7} {:>5.0f}  {}\n", clock(f.start_s) + "-" + clock(f.end_s),
               e["archive_item_id"].get<int64_t>(), terminal_safe(title),
               clock(e["item_start_s"].get<double>()) + "-" + clock(e["item_end_s"].get<double>()),
               fmt::format("{}/{}", e["matched_frames"].get<int>(), e["query_frames"].get<int>()),
               e["mean_distance_bits"].get<double>(), note);
  }
}

void match(const ArchiveOptions& o) {
  auto index = fp::ArchiveIndex::open(o.archive, fp::ArchiveIndex::Mode::open_existing);
  const auto facts = media::probe_container(o.file);
  const bool with_audio = has_audio_stream(facts), with_video = has_video_stream(facts);
  if (!with_audio && !with_video) throw InputError(fmt::format("{}: has no audio or video stream", o.file));
  ProgressBar bar("decoding", !o.no_progress && !o.json && ProgressBar::stderr_is_terminal());
  fp::MatchParams params;
  params.min_significance = fp::significance_for_sensitivity(o.sensitivity);
  const auto items = index.items();
  const double hours = index.stats().hours;
  Findings findings;
  double audio_duration = 0;
  if (with_audio) {
    const auto audio = decode_for_fingerprints(o.file, [&](double f) { bar.update(with_video ? 0.5 * f : f); });
    audio_duration = audio.analysis.duration_s();
    const auto matches =
        fp::match_segments(fp::query_landmarks(fp::find_spectral_peaks(audio.analysis)), index, params);
    findings = fp::reuse_findings(matches, items, hours, params);
  }
  std::optional<VideoArchiveMatch> pictures;
  const video::VideoMatchParams video_params;
  if (with_video)
    pictures = match_archived_video(o.file, index, video_params,
                                    [&](double f) { bar.update(with_audio ? 0.5 + 0.5 * f : f); });
  bar.finish();
  if (o.json) {
    nlohmann::json j = {{"file", o.file},           {"archive", index.path()},
                        {"archive_hours", hours},    {"duration_s", audio_duration},
                        {"sensitivity", o.sensitivity}, {"min_significance", params.min_significance},
                        {"segments", nlohmann::json::array()}};
    for (const auto& f : findings) j["segments"].push_back(to_json(f));
    if (pictures) {
      j["video"] = {{"duration_s", pictures->query.duration_s()},
                    {"frames_hashed", pictures->query.frames.size()},
                    {"archived_videos", pictures->archived_videos},
                    {"archived_frames", pictures->archived_frames},
                    {"segments", nlohmann::json::array()}};
      for (const auto& f : pictures->findings) j["video"]["segments"].push_back(to_json(f));
    }
    std::cout << j.dump(2) << "\n";
    return;
  }
  if (with_audio) print_audio_segments(o, findings, items.size(), audio_duration);
  if (with_audio && pictures) fmt::print("\n");
  if (pictures) print_video_segments(o, *pictures);
}

void list(const ArchiveOptions& o) {
  auto index = fp::ArchiveIndex::open(o.archive, fp::ArchiveIndex::Mode::open_existing);
  const auto items = index.items();
  const auto stats = index.stats();
  if (o.json) {
    nlohmann::json j = {{"archive", index.path()},
                        {"hours", stats.hours},
                        {"file_bytes", stats.file_bytes},
                        {"items", nlohmann::json::array()}};
    for (const auto& item : items) j["items"].push_back(item_json(item));
    std::cout << j.dump(2) << "\n";
    return;
  }
  fmt::print("{}: {} item(s), {:.2f} h, {:.1f} MB\n", index.path(), items.size(), stats.hours,
             stats.file_bytes / 1e6);
  if (items.empty()) return;
  fmt::print("\n{:>5}  {:<30} {:<16} {:<10} {:>9}  {}\n", "id", "title", "source", "released", "duration",
             "sha256");
  for (const auto& item : items)
    fmt::print("{:>5}  {:<30} {:<16} {:<10} {:>8.1f}s  {}\n", item.id, fp::display_name(item).substr(0, 30),
               item.metadata.source.substr(0, 16), item.metadata.released, item.duration_s,
               item.sha256.substr(0, 16));
}

void remove(const ArchiveOptions& o) {
  auto index = fp::ArchiveIndex::open(o.archive, fp::ArchiveIndex::Mode::open_existing);
  const auto item = index.item(o.id);
  if (!item) throw InputError(fmt::format("{}: no item {} in the archive", index.path(), o.id));
  index.remove(o.id);
  if (o.json)
    std::cout << nlohmann::json{{"archive", index.path()}, {"removed", item_json(*item)}}.dump(2) << "\n";
  else
    fmt::print("removed item {} (\"{}\") from {}\n", item->id, fp::display_name(*item), index.path());
}

// Empty when `text` is a real calendar date YYYY-MM-DD that is not after today (UTC).
std::string release_date_error(const std::string& text) {
  unsigned y = 0, m = 0, d = 0;
  char tail = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3 || text[4] != '-' ||
      text[7] != '-')
    return "a release date is written YYYY-MM-DD, e.g. 2014-07-05, not \"" + terminal_safe(text) + "\"";
  using namespace std::chrono;
  const year_month_day date{year{static_cast<int>(y)}, month{m}, day{d}};
  // Sound was first recorded in 1877; an earlier year is a typing error.
  if (!date.ok() || y < 1877) return text + " is not a real date";
  const year_month_day today{floor<days>(system_clock::now())};
  if (sys_days{date} > sys_days{today}) return text + " is in the future";
  return {};
}

void add_common(CLI::App* cmd, ArchiveOptions& o) {
  cmd->add_option("--archive", o.archive,
                  "Archive file, or a folder holding fingerprints.sqlite (default: $PROVENANCE_ARCHIVE, else "
                  "./provenance-archive.sqlite)");
  cmd->add_flag("--json", o.json, "Machine-readable output on stdout");
}

void resolve(ArchiveOptions& o) {
  if (o.archive.empty()) o.archive = default_archive();
}

}  // namespace

static CommandRegistration reg{"archive", [](CLI::App& app) {
  auto o = std::make_shared<ArchiveOptions>();
  auto* archive = app.add_subcommand("archive", "Recycled-content archive: add earlier releases, find reused audio and video segments");
  archive->require_subcommand(1);

  auto* add_cmd = archive->add_subcommand(
      "add",
      "Fingerprint files into the archive (a file already there is skipped). A file that cannot be read is "
      "reported and the others are still added; the exit code is then 1.");
  add_cmd->add_option("FILE", o->files, "Audio or video files, or folders (searched recursively for media files)")
      ->required()
      ->check(CLI::ExistingPath);
  add_cmd->add_option("--title", o->title, "Title (one FILE only; default: the file name)");
  add_cmd->add_option("--source", o->source, "Where it was published or obtained");
  add_cmd->add_option("--released", o->released, "Release date, YYYY-MM-DD (a real date, not in the future)")
      ->check(CLI::Validator(release_date_error, "DATE", "release date"));
  add_cmd->add_flag("--no-progress", o->no_progress, "No progress bar");
  add_common(add_cmd, *o);
  add_cmd->callback([o] { resolve(*o); add(*o); });

  auto* match_cmd = archive->add_subcommand("match", "Find every segment of FILE that reuses archived audio or pictures");
  match_cmd->footer(
      "Each segment found is listed with:\n"
      "  scale  how fast the item plays in FILE: query time = scale x item time, so 1.000 is unchanged speed,\n"
      "         0.970 plays about 3% faster (re-timed or re-pitched audio); searched within 1 +- 0.06.\n"
      "  score  the share (0-1) of FILE's landmarks in the segment that match the item on one line; clean\n"
      "         copies reach 0.3-0.6, heavy noise or low bit rates 0.1 or less. It says how clean the copy is,\n"
      "         not how sure the match is.\n"
      "  sig.   significance: -log10 of the chance that random landmark hits line up like this (12 = one in\n"
      "         a million million), with a penalty when the segment is re-timed. This decides what is reported.\n"
      "  false alarms  how often a match of this significance was reported on real speech that reuses\n"
      "         nothing, per hour of query, measured for an archive of this size (bench/README.md).\n"
      "--sensitivity high reports weaker segments (more false alarms), low only the surest.\n"
      "A video's pictures are matched on their own (perceptual frame hashes), listed with:\n"
      "  frames  sampled frames of the span that match the item / all usable ones sampled in it (every 0.25 s)\n"
      "  dist.   mean Hamming distance of the matching frames' 256-bit hashes (0 = same picture; up to 44 matches)\n"
      "  a note when the whole video is a near-duplicate, or when the pictures are mirrored or rotated.");
  match_cmd->add_option("FILE", o->file, "Audio or video file (a video's pictures are matched too)")->required()->check(CLI::ExistingFile);
  match_cmd->add_option("--sensitivity", o->sensitivity,
                        "low | normal | high: the significance a segment needs (16, 12, 8); default normal")
      ->check(CLI::IsMember({"low", "normal", "high"}));
  match_cmd->add_flag("--no-progress", o->no_progress, "No progress bar");
  add_common(match_cmd, *o);
  match_cmd->callback([o] { resolve(*o); match(*o); });

  auto* list_cmd = archive->add_subcommand("list", "List archived items");
  add_common(list_cmd, *o);
  list_cmd->callback([o] { resolve(*o); list(*o); });

  auto* remove_cmd = archive->add_subcommand("remove", "Remove an item and its fingerprints");
  remove_cmd->add_option("ID", o->id, "Item id (see archive list)")->required();
  add_common(remove_cmd, *o);
  remove_cmd->callback([o] { resolve(*o); remove(*o); });
}};

}  // namespace prov::cli
