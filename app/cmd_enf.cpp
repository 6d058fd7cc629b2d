// `provenance enf extract|match|ref import|ref list`: the mains-hum (ENF)
// tools on their own, outside `analyze`.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "command_registry.h"
#include "core/error.h"
#include "enf/analysis.h"
#include "enf/reference_csv.h"
#include "enf/reference_db.h"
#include "media/decode.h"
#include "media/probe.h"
#include "progress_bar.h"

namespace prov::cli {
namespace {

using nlohmann::json;

struct EnfCliOptions {
  std::string file;
  std::vector<std::string> files;
  std::string grid_mode = "auto";  // 50, 60, auto
  std::string ref;
  std::string grid_name;
  std::string from, to, start;
  std::string csv_out;
  double nominal = 0;
  int time_column = 0, frequency_column = 1;
  std::size_t top = 5;
  bool json = false;
};

int nominal_from(const std::string& mode) {
  if (mode == "auto") return 0;
  if (mode == "50") return 50;
  if (mode == "60") return 60;
  throw CLI::ValidationError("--grid", "must be 50, 60 or auto");
}

// The file's audio, mono, at its own rate up to 16 kHz (enough for hum harmonics).
Signal load_audio(const std::string& path) {
  const auto facts = media::probe_container(path);
  int rate = 0;
  for (const auto& s : facts.streams)
    if (s.type == "audio") {
      rate = s.sample_rate;
      break;
    }
  if (rate <= 0) throw InputError(fmt::format("{}: no audio stream", path));
  media::DecodeOptions options;
  options.analysis_rate = rate > 16000 ? 16000 : 0;
  ProgressBar bar("decoding", ProgressBar::stderr_is_terminal());
  auto decoded = media::decode_audio(path, options, {}, [&](double f) { bar.update(f); });
  bar.finish();
  if (decoded.analysis.samples.empty()) throw InputError(fmt::format("{}: no audio samples decoded", path));
  return std::move(decoded.analysis);
}

std::string utc_text(double t) {
  const auto whole = static_cast<std::time_t>(std::floor(t));
  std::tm tm{};
  gmtime_r(&whole, &tm);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:04.1f}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                     tm.tm_min, tm.tm_sec + (t - std::floor(t)));
}

json presence_json(const enf::PresenceResult& p) {
  json harmonics = json::array();
  for (const auto& h : p.harmonics)
    harmonics.push_back({{"harmonic", h.harmonic}, {"median_snr_db", h.median_snr_db}, {"agreement", h.agreement},
                         {"carries_hum", h.carries_hum}});
  return {{"nominal_hz", p.nominal_hz}, {"present", p.present},       {"stable_pairs", p.stable_pairs},
          {"pairs", p.pairs},           {"p_value", p.p_value},       {"false_alarm_rate", p.false_alarm_rate},
          {"harmonics", harmonics},     {"reason", p.reason}};
}

void print_presence(const enf::EnfAnalysis& a) {
  std::cout << (a.presence.present ? "ENF present: " : "No usable ENF: ") << a.presence.reason << "\n";
  if (a.trace) {
    const json s = enf::trace_summary(*a.trace);
    std::cout << fmt::format("Trace: {} values every {} s from {:.1f} s, mean {:.4f} Hz, spread {:.1f} mHz, "
                             "{:.0f}% confident, harmonics {}\n",
                             s["values"].get<std::size_t>(), a.trace->step_s, a.trace->start_s,
                             s["mean_hz"].get<double>(), s["std_mhz"].get<double>(),
                             100 * s["confident_share"].get<double>(), s["harmonics"].dump());
  }
}

void write_trace_csv(const enf::EnfTrace& t, const std::string& path) {
  std::ofstream out(path);
  if (!out) throw InputError(fmt::format("{}: cannot write the trace CSV", path));
  out << "time_s,frequency_hz,confidence\n";
  for (std::size_t i = 0; i < t.size(); ++i)
    out << fmt::format("{:.3f},{:.6f},{:.3f}\n", t.time_of(i), t.frequency_hz[i], t.confidence[i]);
}

std::optional<int64_t> utc_option(const std::string& text, const char* name) {
  if (text.empty()) return std::nullopt;
  double t = 0;
  if (!enf::parse_utc(text, t)) throw CLI::ValidationError(name, "expected a UTC time such as 2024-03-01T12:00:00Z");
  return static_cast<int64_t>(std::floor(t));
}

void run_extract(const EnfCliOptions& o) {
  enf::EnfOptions options;
  options.nominal_hz = nominal_from(o.grid_mode);
  options.force_trace = options.nominal_hz != 0;
  const Signal signal = load_audio(o.file);
  const enf::EnfAnalysis a = enf::extract_enf(signal, options);
  if (!o.csv_out.empty() && a.trace) write_trace_csv(*a.trace, o.csv_out);
  if (o.json) {
    json out = {{"file", o.file}, {"duration_s", a.duration_s}, {"presence", presence_json(a.presence)}};
    out["tested"] = json::array();
    for (const auto& t : a.tested) out["tested"].push_back(presence_json(t));
    if (a.trace) {
      out["trace"] = enf::trace_summary(*a.trace);
      out["trace"]["frequency_hz"] = a.trace->frequency_hz;
      out["trace"]["confidence"] = a.trace->confidence;
    }
    std::cout << out.dump(2) << "\n";
    return;
  }
  print_presence(a);
  if (!o.csv_out.empty() && a.trace) std::cout << "Trace written to " << o.csv_out << "\n";
  if (!a.trace) std::cout << "(use --grid 50 or --grid 60 to extract a trace anyway)\n";
}

void run_match(const EnfCliOptions& o) {
  enf::EnfOptions options;
  options.nominal_hz = nominal_from(o.grid_mode);
  options.match.top = o.top;
  const auto db = enf::ReferenceDb::open(o.ref, false);
  const auto from = utc_option(o.from, "--from"), to = utc_option(o.to, "--to");
  std::vector<enf::ReferenceSeries> references;
  for (const auto& g : db.grids()) {
    if (!o.grid_name.empty() && g.name != o.grid_name) continue;
    if (options.nominal_hz && std::abs(g.nominal_hz - options.nominal_hz) > 1) continue;
    references.push_back(db.load(g.name, from, to));
  }
  if (references.empty())
    throw InputError(fmt::format("{}: no reference grid{} to match against", o.ref,
                                 o.grid_name.empty() ? "" : " named '" + o.grid_name + "'"));
  const Signal signal = load_audio(o.file);
  const enf::EnfAnalysis a = enf::analyze_enf(signal, options, references);
  if (o.json) {
    json out = {{"file", o.file}, {"presence", presence_json(a.presence)}, {"matches", json::array()}};
    for (const auto& gm : a.matches) {
      json cands = json::array();
      for (const auto& c : gm.result.candidates)
        cands.push_back({{"clip_start_utc", c.clip_start_utc}, {"clip_start", utc_text(c.clip_start_utc) + " UTC"},
                         {"correlation", c.correlation}, {"rmse_mhz", c.rmse_mhz}, {"offset_mhz", c.offset_mhz},
                         {"coverage", c.coverage}});
      out["matches"].push_back({{"grid", gm.grid}, {"candidates", cands},
                                {"correlation_margin", gm.result.correlation_margin},
                                {"rmse_ratio", gm.result.rmse_ratio}, {"lags_searched", gm.result.lags_searched},
                                {"note", gm.result.note}});
    }
    std::cout << out.dump(2) << "\n";
    return;
  }
  print_presence(a);
  if (!a.trace) {
    std::cout << "Nothing to match.\n";
    return;
  }
  for (const auto& gm : a.matches) {
    std::cout << fmt::format("\nGrid '{}': {} positions searched\n", gm.grid, gm.result.lags_searched);
    if (gm.result.candidates.empty()) {
      std::cout << "  no match: " << gm.result.note << "\n";
      continue;
    }
    std::cout << "  rank  recording starts at (UTC)   correlation  RMSE (mHz)  offset (mHz)  coverage\n";
    for (std::size_t i = 0; i < gm.result.candidates.size(); ++i) {
      const auto& c = gm.result.candidates[i];
      std::cout << fmt::format("  {:>4}  {:<26}  {:>11.3f}  {:>10.2f}  {:>12.2f}  {:>7.0f}%\n", i + 1,
                               utc_text(c.clip_start_utc), c.correlation, c.rmse_mhz, c.offset_mhz, 100 * c.coverage);
    }
    std::cout << fmt::format("  margin: correlation {:.3f} above the runner-up, RMSE ratio {:.2f}\n",
                             gm.result.correlation_margin, gm.result.rmse_ratio);
  }
}

bool is_csv(const std::string& path) {
  auto ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".csv" || ext == ".txt" || ext == ".tsv";
}

void run_import(const EnfCliOptions& o) {
  if (o.grid_name.empty()) throw CLI::ValidationError("--grid", "name the grid the reference belongs to");
  auto db = enf::ReferenceDb::open(o.ref, true);
  json results = json::array();
  for (const auto& file : o.files) {
    enf::ReferenceSeries series;
    std::string kind;
    if (is_csv(file)) {
      const double nominal = o.nominal > 0 ? o.nominal : 0;
      auto samples = enf::read_frequency_csv(file, o.time_column, o.frequency_column);
      double mean = 0;
      for (const auto& s : samples) mean += s.frequency_hz;
      mean /= static_cast<double>(samples.size());
      series = enf::to_per_second(std::move(samples), o.grid_name, nominal > 0 ? nominal : (mean < 55 ? 50 : 60));
      kind = "csv";
    } else {
      if (o.start.empty())
        throw CLI::ValidationError("--start", "a mains recording needs the UTC time of its first sample");
      double start = 0;
      if (!enf::parse_utc(o.start, start)) throw CLI::ValidationError("--start", "expected a UTC time");
      enf::EnfOptions options;
      options.nominal_hz = o.nominal == 60 ? 60 : o.nominal == 50 ? 50 : 0;
      const enf::EnfAnalysis a = enf::extract_enf(load_audio(file), options);
      if (!a.trace) throw InputError(fmt::format("{}: no mains frequency found in the recording: {}", file, a.presence.reason));
      series = enf::reference_from_trace(*a.trace, start, o.grid_name);
      kind = "recording";
    }
    const auto summary = db.import(series, kind, std::filesystem::absolute(file).string());
    results.push_back({{"file", file}, {"grid", summary.grid}, {"first_utc", summary.first_utc},
                       {"last_utc", summary.last_utc}, {"seconds_written", summary.seconds_written},
                       {"seconds_missing", summary.seconds_missing}, {"seconds_replaced", summary.seconds_replaced}});
    if (!o.json)
      std::cout << fmt::format("{}: {} s of grid '{}' from {} to {} UTC ({} s missing inside{})\n", file,
                               summary.seconds_written, summary.grid, utc_text(static_cast<double>(summary.first_utc)),
                               utc_text(static_cast<double>(summary.last_utc)), summary.seconds_missing,
                               summary.seconds_replaced
                                   ? fmt::format("; {} s already stored were replaced", summary.seconds_replaced)
                                   : "");
  }
  if (o.json) std::cout << results.dump(2) << "\n";
}

void run_list(const EnfCliOptions& o) {
  const auto db = enf::ReferenceDb::open(o.ref, false);
  const auto grids = db.grids();
  if (o.json) {
    json out = json::array();
    for (const auto& g : grids)
      out.push_back({{"grid", g.name}, {"nominal_hz", g.nominal_hz}, {"first_utc", g.first_utc},
                     {"last_utc", g.last_utc}, {"seconds_with_data", g.seconds_with_data}, {"gaps", g.gaps},
                     {"sources", g.sources}});
    std::cout << out.dump(2) << "\n";
    return;
  }
  if (grids.empty()) std::cout << "No grids in " << o.ref << "\n";
  for (const auto& g : grids)
    std::cout << fmt::format("{} ({} Hz): {} to {} UTC, {:.1f} h of data, {} gaps, {} sources\n", g.name, g.nominal_hz,
                             utc_text(static_cast<double>(g.first_utc)), utc_text(static_cast<double>(g.last_utc)),
                             g.seconds_with_data / 3600.0, g.gaps, g.sources);
}

const CommandRegistration registration{"enf", [](CLI::App& app) {
  auto o = std::make_shared<EnfCliOptions>();
  auto* enf = app.add_subcommand("enf", "Mains hum (ENF): extract, match against grid references, manage references");
  enf->require_subcommand(1);

  auto* extract = enf->add_subcommand("extract", "Test for mains hum and extract its ENF trace (1 value/s)");
  extract->add_option("file", o->file, "Audio or video file")->required()->check(CLI::ExistingFile);
  extract->add_option("--grid", o->grid_mode, "Nominal mains frequency: 50, 60 or auto")->capture_default_str();
  extract->add_option("--csv", o->csv_out, "Write the trace (time_s, frequency_hz, confidence) here");
  extract->add_flag("--json", o->json, "Machine-readable output on stdout");
  extract->callback([o] { run_extract(*o); });

  auto* match = enf->add_subcommand("match", "Date a recording by matching its ENF against a reference file");
  match->add_option("file", o->file, "Audio or video file")->required()->check(CLI::ExistingFile);
  match->add_option("--ref", o->ref, "ENF reference file (see `enf ref import`)")->required();
  match->add_option("--grid", o->grid_mode, "Nominal mains frequency: 50, 60 or auto")->capture_default_str();
  match->add_option("--grid-name", o->grid_name, "Match only this grid of the reference file");
  match->add_option("--from", o->from, "Search from this UTC time");
  match->add_option("--to", o->to, "Search up to this UTC time");
  match->add_option("--top", o->top, "Candidates to report")->check(CLI::Range(1, 50))->capture_default_str();
  match->add_flag("--json", o->json, "Machine-readable output on stdout");
  match->callback([o] { run_match(*o); });

  auto* ref = enf->add_subcommand("ref", "Manage ENF reference files");
  ref->require_subcommand(1);
  auto* import = ref->add_subcommand("import", "Import grid frequency (CSV: UTC time, Hz) or mains recordings");
  import->add_option("ref", o->ref, "Reference file (created if missing)")->required();
  import->add_option("files", o->files, "CSV files or mains recordings (WAV, ...)")->required()->check(CLI::ExistingFile);
  import->add_option("--grid", o->grid_name, "Grid name, e.g. continental-europe")->required();
  import->add_option("--nominal", o->nominal, "Nominal frequency (50 or 60; default from the data)")
      ->check(CLI::IsMember({50.0, 60.0}));
  import->add_option("--start", o->start, "UTC time of the first sample of a mains recording");
  import->add_option("--time-column", o->time_column, "CSV column of the UTC time (0-based)")->capture_default_str();
  import->add_option("--frequency-column", o->frequency_column, "CSV column of the frequency (0-based)")
      ->capture_default_str();
  import->add_flag("--json", o->json, "Machine-readable output on stdout");
  import->callback([o] { run_import(*o); });

  auto* list = ref->add_subcommand("list", "List the grids in a reference file");
  list->add_option("ref", o->ref, "Reference file")->required()->check(CLI::ExistingFile);
  list->add_flag("--json", o->json, "Machine-readable output on stdout");
  list->callback([o] { run_list(*o); });
}};

}  // namespace
}  // namespace prov::cli
