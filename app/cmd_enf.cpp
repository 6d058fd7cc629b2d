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
  std::string nominal = "auto";  // 50, 60, auto
  std::string ref;
  std::string grid_name;
  std::string from, to, start;
  std::string csv_out;
  int time_column = 0, frequency_column = 1;
  std::size_t top = 5;
  bool json = false;
};

int nominal_from(const std::string& mode) {
  if (mode == "auto") return 0;
  if (mode == "50") return 50;
  if (mode == "60") return 60;
  throw CLI::ValidationError("--nominal", "must be 50, 60 or auto");
}

const char* kNominalHelp = "Nominal mains frequency in Hz: 50, 60 or auto";
const char* kStampHelp =
    "Values are stamped at the centres of their analysis windows: value i describes the window centred at "
    "first_value_at_s + i * step_s (the first centre is half a window after the start)";

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

// --from / --to: a plain date is the whole UTC day (--to includes it).
std::optional<int64_t> utc_option(const std::string& text, const char* name, bool end_of_day) {
  if (text.empty()) return std::nullopt;
  double t = 0;
  bool date_only = false;
  const std::string problem = enf::parse_user_time(text, t, date_only);
  if (!problem.empty()) throw CLI::ValidationError(name, "'" + text + "': " + problem);
  if (date_only && end_of_day) t += 86399;
  return static_cast<int64_t>(std::floor(t));
}
void run_extract(const EnfCliOptions& o) {
  enf::EnfOptions options;
  options.nominal_hz = nominal_from(o.nominal);
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
    if (a.edits) out["edits"] = enf::edit_scan_json(*a.edits, options.edits);
    std::cout << out.dump(2) << "\n";
    return;
  }
  print_presence(a);
  if (!o.csv_out.empty() && a.trace) std::cout << "Trace written to " << o.csv_out << "\n";
  if (!a.trace) std::cout << "(use --nominal 50 or --nominal 60 to extract a trace anyway)\n";
}

void run_match(const EnfCliOptions& o) {
  enf::EnfOptions options;
  options.nominal_hz = nominal_from(o.nominal);
  options.match.top = o.top;
  const auto from = utc_option(o.from, "--from", false), to = utc_option(o.to, "--to", true);
  if (from && to && *from > *to) throw CLI::ValidationError("--to", "is before --from");
  const auto db = enf::ReferenceDb::open(o.ref, false);
  std::vector<enf::ReferenceSeries> references;
  for (const auto& g : db.grids()) {
    if (!o.grid_name.empty() && g.name != o.grid_name) continue;
    if (options.nominal_hz && std::abs(g.nominal_hz - options.nominal_hz) > 1) continue;
    references.push_back(db.load(g.name, from, to));
  }
  if (references.empty())
    throw InputError(fmt::format("{}: no reference grid{} to match against{}", o.ref,
                                 o.grid_name.empty() ? "" : " named '" + o.grid_name + "'",
                                 o.grid_name == "50" || o.grid_name == "60"
                                     ? " (--grid names a grid; the mains frequency is --nominal)"
                                     : ""));
  const Signal signal = load_audio(o.file);
  const enf::EnfAnalysis a = enf::analyze_enf(signal, options, references);
  if (o.json) {
    json out = {{"file", o.file}, {"presence", presence_json(a.presence)}, {"matches", json::array()}};
    if (a.trace) out["trace"] = enf::trace_summary(*a.trace);
    for (const auto& gm : a.matches) {
      json m = enf::match_json(gm.result);
      m["grid"] = gm.grid;
      out["matches"].push_back(m);
    }
    if (a.edits) out["edits"] = enf::edit_scan_json(*a.edits, options.edits);
    std::cout << out.dump(2) << "\n";
    return;
  }
  print_presence(a);
  if (!a.trace) {
    std::cout << "Nothing to match.\n";
    return;
  }
  for (const auto& gm : a.matches) {
    const auto& m = gm.result;
    std::cout << fmt::format("\nGrid '{}': {} positions searched\n", gm.grid, m.lags_searched);
    if (m.candidates.empty()) {
      std::cout << "  verdict: no_match (" << m.note << ")\n";
      continue;
    }
    std::cout << fmt::format("  verdict: {} ({})\n", enf::verdict_name(m.verdict), m.verdict_reason);
    const auto& fp = m.false_placement;
    if (fp.trials)
      std::cout << fmt::format("  measured: {} of {} uncovered {:.0f}-s clips were wrongly placed (95% bound {:.1f}%)\n",
                               fp.placed, fp.trials, fp.clip_length_s, 100 * fp.upper_95);
    std::cout << "  rank  recording starts at (UTC)   RMSE (mHz)  correlation  offset (mHz)  coverage\n";
    for (std::size_t i = 0; i < m.candidates.size(); ++i) {
      const auto& c = m.candidates[i];
      std::cout << fmt::format("  {:>4}  {:<26}  {:>10.2f}  {:>11.3f}  {:>12.2f}  {:>7.0f}%\n", i + 1,
                               utc_text(c.clip_start_utc), c.rmse_mhz, c.correlation, c.offset_mhz, 100 * c.coverage);
    }
    std::cout << fmt::format("  margin (runner-up RMSE / best RMSE): {}; extraction noise {:.1f} mHz\n",
                             m.margin ? fmt::format("{:.2f}", *m.margin) : std::string("none (one position)"),
                             m.noise_mhz);
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
      const double nominal = nominal_from(o.nominal);
      auto samples = enf::read_frequency_csv(file, o.time_column, o.frequency_column);
      double mean = 0;
      for (const auto& s : samples) mean += s.frequency_hz;
      mean /= static_cast<double>(samples.size());
      series = enf::to_per_second(std::move(samples), o.grid_name, nominal > 0 ? nominal : (mean < 55 ? 50 : 60));
      kind = "csv";
    } else {
      if (o.start.empty())
        throw CLI::ValidationError("--start", "a mains recording needs the time of its first sample, with its zone");
      double start = 0;
      bool date_only = false;
      const std::string problem = enf::parse_user_time(o.start, start, date_only);
      if (!problem.empty()) throw CLI::ValidationError("--start", "'" + o.start + "': " + problem);
      if (date_only)
        throw CLI::ValidationError("--start", "'" + o.start + "': give the time of the first sample, not only the date");
      enf::EnfOptions options;
      options.nominal_hz = nominal_from(o.nominal);
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
  extract->footer(kStampHelp);
  extract->add_option("file", o->file, "Audio or video file")->required()->check(CLI::ExistingFile);
  extract->add_option("--nominal", o->nominal, kNominalHelp)
      ->check(CLI::IsMember({"50", "60", "auto"}))
      ->capture_default_str();
  extract->add_option("--csv", o->csv_out, "Write the trace (time_s at window centres, frequency_hz, confidence) here");
  extract->add_flag("--json", o->json, "Machine-readable output on stdout");
  extract->callback([o] { run_extract(*o); });

  auto* match = enf->add_subcommand("match", "Date a recording by matching its ENF against a reference file");
  match->footer("Verdict: placed (the best position stands out of all others by the margin measured for the clip "
                "length, and fits within the extraction noise), ambiguous, or no_match. " + std::string(kStampHelp));
  match->add_option("file", o->file, "Audio or video file")->required()->check(CLI::ExistingFile);
  match->add_option("--ref", o->ref, "ENF reference file (see `enf ref import`)")->required();
  match->add_option("--nominal", o->nominal, kNominalHelp)
      ->check(CLI::IsMember({"50", "60", "auto"}))
      ->capture_default_str();
  match->add_option("--grid", o->grid_name, "Match only this grid of the reference file (a name, e.g. continental-europe)");
  match->add_option("--from", o->from, "Search from this time (2024-03-01 = that UTC day; times need a zone: 2024-03-01T12:00:00Z)");
  match->add_option("--to", o->to, "Search up to this time (a plain date includes that whole UTC day)");
  match->add_option("--top", o->top, "Candidates to report")->check(CLI::Range(1, 50))->capture_default_str();
  match->add_flag("--json", o->json, "Machine-readable output on stdout");
  match->callback([o] { run_match(*o); });

  auto* ref = enf->add_subcommand("ref", "Manage ENF reference files");
  ref->require_subcommand(1);
  auto* import = ref->add_subcommand("import", "Import grid frequency (CSV: UTC time, Hz) or mains recordings");
  import->add_option("ref", o->ref, "Reference file (created if missing)")->required();
  import->add_option("files", o->files, "CSV files or mains recordings (WAV, ...)")->required()->check(CLI::ExistingFile);
  import->add_option("--grid", o->grid_name, "Grid name, e.g. continental-europe")->required();
  import->add_option("--nominal", o->nominal, kNominalHelp + std::string(" (auto: from the data)"))
      ->check(CLI::IsMember({"50", "60", "auto"}))
      ->capture_default_str();
  import->add_option("--start", o->start,
                     "Time of the first sample of a mains recording, with its zone (2024-03-01T10:00:00Z or +03:00)");
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
