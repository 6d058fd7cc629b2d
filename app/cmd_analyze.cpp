// provenance analyze FILE: intake, probe, decode once, integrity scan, the
// optional analysis steps, then one transaction into the case store and the
// reports.
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <memory>
#include <optional>

#include "analysis_steps.h"
#include "command_registry.h"
#include "content/dating_inputs.h"
#include "core/error.h"
#include "core/sample_spool.h"
#include "core/sha256.h"
#include "dsp/decimate.h"
#include "enf/hum_spectrogram.h"
#include "examiner.h"
#include "integrity/scanner.h"
#include "media/decode.h"
#include "media/hash.h"
#include "media/metadata_findings.h"
#include "media/probe.h"
#include "output_check.h"
#include "progress_bar.h"
#include "report/conclusions.h"
#include "report/html_report.h"
#include "report/item_report.h"
#include "report/json_text.h"
#include "report/overview_figures.h"
#include "report/terminal_summary.h"
#include "report/subject_sections.h"
#include "subjects/names.h"

namespace prov::cli {
namespace {

struct AnalyzeOptions {
  std::string file;
  std::string case_path;
  std::string subject;
  std::string released;  // the content step's --released, kept with the subject link
  std::string report_path;
  std::string report_json_path;
  std::string examiner;
  bool json = false;
  bool allow_truncated = false;
  bool no_progress = false;
  bool progress_lines = false;
};

// Everything the run keeps of the audio. The 16 kHz copy streams through
// the hum-band decimator and the overview sketch as it is decoded, and is
// held whole only when a step needs it (see FullRateNeed).
struct DecodeAndScan {
  media::DecodedAudio audio;
  integrity::IntegrityResult integrity;
  std::unique_ptr<SampleSpool> hum;  // the mains-hum band, spooled to a temporary file
  std::optional<report::OverviewSketch> sketch;
};

// Below this native rate (e.g. 400 Hz mains references) the integrity meters
// have no band to measure; the scan is skipped and the report says so.
constexpr int kMinIntegrityRate = 2000;

DecodeAndScan decode_and_scan(const std::string& path, const media::DecodeOptions& options, bool progress) {
  std::unique_ptr<integrity::IntegrityScanner> scanner;
  ProgressBar bar("decoding + scanning", progress);
  auto on_block = [&](const float* mono, std::size_t frames, int rate) {
    if (rate < kMinIntegrityRate) return;
    if (!scanner) scanner = std::make_unique<integrity::IntegrityScanner>(rate);
    scanner->feed(mono, frames);
  };
  DecodeAndScan result;
  std::optional<dsp::StreamingDecimator> hum_band;
  std::vector<float> hum_block;
  auto on_analysis = [&](const float* mono, std::size_t samples) {
    if (!hum_band) {
      hum_band.emplace(enf::hum_band_decimator(options.analysis_rate));
      result.hum = std::make_unique<SampleSpool>(hum_band->decimator().output_rate());
      result.sketch.emplace(options.analysis_rate);
    }
    hum_block.clear();
    hum_band->push(mono, samples, hum_block);
    result.hum->append(hum_block.data(), hum_block.size());
    result.sketch->feed(mono, samples);
  };
  result.audio = media::decode_audio(path, options, on_block, [&](double f) { bar.update(f); }, on_analysis);
  if (hum_band) {
    hum_block.clear();
    hum_band->finish(hum_block);
    result.hum->append(hum_block.data(), hum_block.size());
  } else {
    result.hum = std::make_unique<SampleSpool>(enf::hum_band_decimator(options.analysis_rate).output_rate());
  }
  bar.finish();
  if (result.audio.native_rate < kMinIntegrityRate) {
    Finding note;
    note.kind = "integrity";
    note.detector = "integrity.not_run";
    note.end_s = result.audio.decoded_duration_s();
    note.summary = fmt::format("integrity scan not run: native rate {} Hz is below {} Hz", result.audio.native_rate,
                               kMinIntegrityRate);
    note.method = "integrity scan needs the speech band";
    result.integrity.findings.push_back(std::move(note));
    return result;
  }
  if (!scanner) scanner = std::make_unique<integrity::IntegrityScanner>(result.audio.native_rate);
  result.integrity = scanner->finish();
  return result;
}

nlohmann::json run_parameters(const AnalyzeOptions& o, const media::DecodeOptions& decode) {
  nlohmann::json p = {{"analysis_rate_hz", decode.analysis_rate},
                      {"max_duration_s", decode.max_duration_s},
                      {"allow_truncated", o.allow_truncated},
                      {"integrity", integrity::to_json(integrity::ScanOptions{})}};
  if (!o.subject.empty()) p["subject"] = o.subject;
  return p;
}

void analyze(const AnalyzeOptions& o) {
  ProgressBar::use_lines(o.progress_lines);
  const bool progress = o.progress_lines || (!o.no_progress && ProgressBar::stderr_is_terminal());
  namespace fs = std::filesystem;

  // Every file the run will write is checked before any work, so that a run
  // is not analysed and saved only to fail at the end. A case file that
  // exists is opened (and so checked) now; a new one is only created once the
  // analysis has succeeded.
  if (!o.released.empty()) content::parse_full_date(o.released, "--released");
  if (!o.case_path.empty()) require_writable_output(o.case_path, "case file");
  if (!o.report_path.empty()) require_writable_output(o.report_path, "HTML report");
  if (!o.report_json_path.empty()) require_writable_output(o.report_json_path, "JSON report");
  std::optional<casefile::CaseStore> store;
  if (!o.case_path.empty() && fs::exists(o.case_path)) {
    store = casefile::CaseStore::open(o.case_path, casefile::CaseStore::Mode::open_existing);
  }
  // The subject is attributed in the case file, so it must be one of its subjects.
  std::optional<int64_t> subject_id;
  if (!o.subject.empty() && !o.case_path.empty()) {
    if (!store) {
      throw InputError(fmt::format("{}: no subject '{}' in a new case file; add it first with: provenance subject add "
                                   "NAME --case {}",
                                   o.case_path, o.subject, o.case_path));
    }
    subject_id = subjects::require_subject(casefile::subjects(*store), o.subject, o.case_path).id;
  }

  const auto identity = media::identify_file(o.file);
  const auto container = media::probe_container(o.file);
  media::DecodeOptions decode_options;
  decode_options.allow_truncated = o.allow_truncated;
  decode_options.keep_analysis = full_rate_needed();
  auto decoded = decode_and_scan(o.file, decode_options, progress);
  decoded.audio.analysis.item_id = identity.sha256;
  // The findings must belong to the bytes the custody log names.
  media::require_unchanged(o.file, identity);

  Findings findings = media::metadata_findings(
      container, {decoded.audio.decoded_duration_s(), decoded.audio.decode_errors}, std::chrono::system_clock::now());
  findings.insert(findings.end(), decoded.integrity.findings.begin(), decoded.integrity.findings.end());

  nlohmann::json step_report = {{"sections", nlohmann::json::array()}};
  AnalysisContext context{o.file, identity.sha256, decoded.audio, *decoded.hum, container,
                          store ? &*store : nullptr, step_report, progress};
  nlohmann::json parameters = run_parameters(o, decode_options);
  for (const auto& step : analysis_steps()) {
    Findings produced = step.run(context);
    findings.insert(findings.end(), produced.begin(), produced.end());
  }
  // The custody log records the settings of every analysis that ran.
  for (const auto& section : step_report["sections"]) {
    if (section.contains("parameters")) parameters["steps"][section.value("id", "step")] = section["parameters"];
  }

  if (!store) {
    store = casefile::CaseStore::open(o.case_path.empty() ? ":memory:" : o.case_path,
                                      casefile::CaseStore::Mode::create_if_missing);
  }
  const std::string actor = examiner_name(o.examiner);
  int64_t run_id = 0;
  nlohmann::json doc;
  store->transaction([&] {
    const bool known = store->find_item(identity.sha256).has_value();
    casefile::ItemRecord record;
    record.sha256 = identity.sha256;
    record.size_bytes = identity.size_bytes;
    record.original_path = fs::absolute(o.file).string();
    record.container = media::to_json(container);
    record.decoded_duration_s = decoded.audio.decoded_duration_s();
    const int64_t item_id = store->register_item(record);
    // Paths are kept as the file system gives them (the item record holds the
    // raw bytes); JSON gets valid UTF-8 plus the bytes in hex where needed.
    nlohmann::json located = nlohmann::json::object();
    report::set_text_with_bytes(located, "path", record.original_path);
    if (!known) {
      nlohmann::json intake = located;
      intake["size_bytes"] = identity.size_bytes;
      store->append_custody({actor, "intake", identity.sha256, intake});
    }
    // The path of this run, so that the same bytes analysed under another
    // name leave that name in the log.
    nlohmann::json run_entry = parameters;
    run_entry.update(located);
    run_id = store->append_custody({actor, "analyze", identity.sha256, run_entry});
    for (const auto& f : findings) store->add_finding(item_id, run_id, f);
    if (subject_id && !casefile::link_adds_nothing(*store, *subject_id, item_id, o.released)) {
      const int64_t link = casefile::link_subject_item(*store, *subject_id, item_id, o.released, actor);
      store->append_custody({actor, "subject_link", identity.sha256,
                             {{"subject", *subject_id}, {"name", o.subject}, {"link", link}, {"run", run_id},
                              {"released", o.released}}});
    }

    doc = report::item_report(*store, *store->find_item(identity.sha256), run_id);
    doc["item"]["native_rate"] = decoded.audio.native_rate;
    doc["item"]["channels"] = decoded.audio.channels;
    doc["item"]["channel_layout"] = decoded.audio.channel_layout;
    doc["item"]["codec"] = decoded.audio.codec;
    doc["run"] = {{"id", run_id}, {"examiner", actor}, {"parameters", parameters}};
    doc["integrity"] = integrity::summary_json(decoded.integrity);
    doc["sections"] = step_report["sections"];
    if (subject_id) report::refresh_subject_sections(*store, item_id, doc);
    doc["figures"] = decoded.sketch ? report::overview_figures(*decoded.sketch, decoded.integrity)
                                    : nlohmann::json::array();
    store->save_run_report(run_id, item_id, doc);
  });

  nlohmann::json answers = nlohmann::json::array();
  for (const auto& c : report::conclusions(doc)) answers.push_back(report::to_json(c));
  doc["conclusions"] = std::move(answers);

  // From here the run is in the case file: a report that cannot be written
  // must not read as "analysis could not run".
  try {
    if (!o.report_path.empty()) {
      const std::string html = report::render_html_report(doc);
      write_file_atomically(o.report_path, html);
      if (!o.case_path.empty()) {
        nlohmann::json entry = {{"sha256", sha256_hex(html)}, {"run", run_id}};
        report::set_text_with_bytes(entry, "path", fs::absolute(o.report_path).string());
        store->transaction([&] { store->append_custody({actor, "report", identity.sha256, entry}); });
      }
    }
    if (!o.report_json_path.empty()) write_file_atomically(o.report_json_path, doc.dump(2));
  } catch (const std::exception& e) {
    if (o.case_path.empty()) throw;
    throw RunSavedReportFailed(fmt::format(
        "{} (the run was saved in {} as run {}; write the report again with: provenance case export {} {} --out FILE)",
        e.what(), o.case_path, run_id, o.case_path, identity.sha256.substr(0, 12)));
  }
  if (o.json) {
    std::cout << doc.dump(2) << "\n";
  } else {
    std::cout << report::render_terminal_summary(doc, isatty(STDOUT_FILENO) == 1);
  }
}

CommandRegistration registration{"analyze", [](CLI::App& app) {
  auto options = std::make_shared<AnalyzeOptions>();
  auto* cmd = app.add_subcommand("analyze", "Analyse one audio or video file and record the findings");
  cmd->add_option("file", options->file, "Media file (any container FFmpeg reads)")->required();
  cmd->add_option("--case", options->case_path, "Case file (SQLite); created if missing");
  cmd->add_option("--subject", options->subject,
                  "The subject (name or alias, see `provenance subject add`) the recording is attributed to: the item "
                  "is linked to it in the case file and the report gains its proof-of-life timeline");
  cmd->add_option("--report", options->report_path, "Write a self-contained HTML report here");
  cmd->add_option("--report-json", options->report_json_path, "Write the JSON report here");
  cmd->add_option("--examiner", options->examiner, "Name recorded in the custody log (default: login name)");
  cmd->add_flag("--json", options->json, "Print the JSON report on stdout");
  cmd->add_flag("--allow-truncated", options->allow_truncated,
                "Analyse what decodes from a truncated or damaged file instead of refusing it");
  cmd->add_flag("--no-progress", options->no_progress, "Never draw a progress bar");
  cmd->add_flag("--progress-lines", options->progress_lines,
                "Report progress as lines \"progress<TAB>step<TAB>fraction\" on stderr (for programs)");
  for (const auto& step : analysis_steps()) {
    if (step.add_options) step.add_options(*cmd);
  }
  cmd->callback([options, cmd] {
    // The release date is the content step's option; an attributed item keeps it too.
    if (const auto* released = cmd->get_option_no_throw("--released"); released && released->count() > 0) {
      options->released = released->as<std::string>();
    }
    analyze(*options);
  });
}};

}  // namespace
}  // namespace prov::cli
