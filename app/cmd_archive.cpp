// provenance archive add|match|list|remove: the recycled-audio archive.
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <nlohmann/json.hpp>

#include "command_registry.h"
#include "core/error.h"
#include "fingerprint/archive_index.h"
#include "fingerprint/landmarks.h"
#include "fingerprint/reuse_findings.h"
#include "fingerprint/segment_matcher.h"
#include "fingerprint/spectral_peaks.h"
#include "media/decode.h"
#include "media/hash.h"
#include "progress_bar.h"

namespace prov::cli {
namespace {

namespace fp = fingerprint;

struct ArchiveOptions {
  std::string archive;
  std::vector<std::string> files;
  std::string file;
  std::string title, source, released;
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
          {"landmarks", item.landmark_count}};
}

std::string clock(double s) {
  const auto t = static_cast<long long>(std::max(0.0, s));
  return fmt::format("{}:{:02}:{:04.1f}", t / 3600, (t / 60) % 60, std::max(0.0, s) - static_cast<double>(t - t % 60));
}

void add(const ArchiveOptions& o) {
  if (o.files.size() > 1 && !o.title.empty())
    throw InputError("--title names one item: give it with a single FILE");
  auto index = fp::ArchiveIndex::open(o.archive, fp::ArchiveIndex::Mode::create_if_missing);
  ProgressBar bar("fingerprinting", !o.no_progress && !o.json && ProgressBar::stderr_is_terminal());
  nlohmann::json out = nlohmann::json::array();
  const double n = static_cast<double>(o.files.size());
  for (std::size_t i = 0; i < o.files.size(); ++i) {
    const std::string& path = o.files[i];
    const auto identity = media::identify_file(path);
    if (auto known = index.find_sha256(identity.sha256)) {
      out.push_back({{"file", path}, {"status", "duplicate"}, {"item", item_json(*known)}});
      if (!o.json) fmt::print("{}: already archived as item {} (\"{}\"), same SHA-256\n", path, known->id,
                              fp::display_name(*known));
      bar.update((i + 1) / n);
      continue;
    }
    const auto audio = decode_for_fingerprints(path, [&](double f) { bar.update((i + 0.8 * f) / n); });
    const auto peaks = fp::find_spectral_peaks(audio.analysis);
    fp::ItemMetadata meta{o.title.empty() ? std::filesystem::path(path).stem().string() : o.title, o.source,
                          o.released, std::filesystem::absolute(path).string()};
    const auto result = index.add(identity.sha256, meta, audio.analysis.duration_s(), peaks);
    const auto item = *index.item(result.id);
    out.push_back({{"file", path}, {"status", "added"}, {"item", item_json(item)}});
    if (!o.json)
      fmt::print("{}: added as item {} (\"{}\", {:.1f} s, {} landmarks)\n", path, item.id, fp::display_name(item),
                 item.duration_s, item.landmark_count);
    bar.update((i + 1) / n);
  }
  bar.finish();
  if (o.json) std::cout << nlohmann::json{{"archive", index.path()}, {"results", out}}.dump(2) << "\n";
}

void match(const ArchiveOptions& o) {
  auto index = fp::ArchiveIndex::open(o.archive, fp::ArchiveIndex::Mode::open_existing);
  ProgressBar bar("decoding", !o.no_progress && !o.json && ProgressBar::stderr_is_terminal());
  const auto audio = decode_for_fingerprints(o.file, [&](double f) { bar.update(f); });
  bar.finish();
  const fp::MatchParams params;
  const auto matches = fp::match_segments(fp::query_landmarks(fp::find_spectral_peaks(audio.analysis)), index, params);
  const auto items = index.items();
  const auto findings = fp::reuse_findings(matches, items, params);
  if (o.json) {
    nlohmann::json j = {{"file", o.file}, {"archive", index.path()}, {"duration_s", audio.analysis.duration_s()},
                        {"segments", nlohmann::json::array()}};
    for (const auto& f : findings) j["segments"].push_back(to_json(f));
    std::cout << j.dump(2) << "\n";
    return;
  }
  if (findings.empty()) {
    fmt::print("{}: no segment of the {} archived items found ({:.1f} s searched)\n", o.file, items.size(),
               audio.analysis.duration_s());
    return;
  }
  fmt::print("{}: {} reused segment(s)\n\n", o.file, findings.size());
  fmt::print("{:<23} {:>5}  {:<30} {:<23} {:>6} {:>6}\n", "query span", "item", "title", "item span", "scale",
             "score");
  for (const auto& f : findings) {
    const auto& e = f.evidence;
    std::string title = e["archive_title"].get<std::string>();
    if (title.size() > 30) title = title.substr(0, 27) + "...";
    fmt::print("{:<23} {:>5}  {:<30} {:<23} {:>6.3f} {:>6.2f}\n",
               clock(f.start_s) + "-" + clock(f.end_s), e["archive_item_id"].get<int64_t>(), title,
               clock(e["item_start_s"].get<double>()) + "-" + clock(e["item_end_s"].get<double>()),
               e["time_scale"].get<double>(), e["score"].get<double>());
  }
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
  auto* archive = app.add_subcommand("archive", "Recycled-audio archive: add earlier releases, find reused segments");
  archive->require_subcommand(1);

  auto* add_cmd = archive->add_subcommand("add", "Fingerprint files into the archive (a file already there is skipped)");
  add_cmd->add_option("FILE", o->files, "Audio or video files")->required()->check(CLI::ExistingFile);
  add_cmd->add_option("--title", o->title, "Title (one FILE only; default: the file name)");
  add_cmd->add_option("--source", o->source, "Where it was published or obtained");
  add_cmd->add_option("--released", o->released, "Release date, e.g. 2014-07-05");
  add_cmd->add_flag("--no-progress", o->no_progress, "No progress bar");
  add_common(add_cmd, *o);
  add_cmd->callback([o] { resolve(*o); add(*o); });

  auto* match_cmd = archive->add_subcommand("match", "Find every segment of FILE that reuses archived audio");
  match_cmd->add_option("FILE", o->file, "Audio or video file")->required()->check(CLI::ExistingFile);
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
