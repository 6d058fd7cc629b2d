// The mains-hum (ENF) part of `provenance analyze`: presence, trace,
// discontinuities, and with --enf-ref the best alignments against the grid
// reference as date windows; plus the report section with its figures.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "analysis_steps.h"
#include "core/error.h"
#include "enf/analysis.h"
#include "enf/reference_db.h"
#include "report/svg_plot.h"
#include "side_input.h"

namespace prov::cli {
namespace {

using nlohmann::json;

struct EnfStepOptions {
  std::string reference;
  std::string nominal = "auto";
  std::string grid;  // a grid name of the reference file; empty: all
};

EnfStepOptions& options() {
  static EnfStepOptions o;
  return o;
}

void add_options(CLI::App& analyze) {
  analyze.add_option("--enf-ref", options().reference, "ENF reference file to date the recording against")
      ->check(CLI::ExistingFile);
  analyze.add_option("--nominal", options().nominal, "Nominal mains frequency for ENF in Hz: 50, 60 or auto")
      ->check(CLI::IsMember({"50", "60", "auto"}))
      ->capture_default_str();
  analyze.add_option("--grid", options().grid, "Date against only this grid of the --enf-ref file (a name)");
}

std::string trace_figure(const enf::EnfTrace& t) {
  report::Chart c;
  c.title = fmt::format("ENF trace ({} Hz grid), shaded where confidence is below 0.3", t.nominal_hz);
  c.x_label = "time in recording (s)";
  c.y_label = "frequency (Hz)";
  report::Series s{"ENF", {}, {}, "#1f77b4"};
  for (std::size_t i = 0; i < t.size(); ++i) {
    s.x.push_back(t.time_of(i));
    s.y.push_back(t.frequency_hz[i]);
    if (t.confidence[i] < 0.3) c.bands.push_back({t.time_of(i) - 0.5 * t.step_s, t.time_of(i) + 0.5 * t.step_s,
                                                  "rgba(127,127,127,0.3)", "low confidence"});
  }
  c.series.push_back(std::move(s));
  return report::render_chart_svg(c);
}

std::string confidence_figure(const enf::EnfTrace& t) {
  report::Chart c;
  c.title = "ENF confidence per value";
  c.x_label = "time in recording (s)";
  c.y_label = "confidence";
  c.y_min = 0;
  c.y_max = 1;
  c.height = 180;
  report::Series s{"confidence", {}, {}, "#2ca02c", report::Series::Style::steps};
  for (std::size_t i = 0; i < t.size(); ++i) s.x.push_back(t.time_of(i)), s.y.push_back(t.confidence[i]);
  c.series.push_back(std::move(s));
  return report::render_chart_svg(c);
}

std::string alignment_figure(const enf::EnfTrace& t, const enf::ReferenceSeries& ref, const enf::MatchCandidate& best) {
  report::Chart c;
  c.title = fmt::format("Best alignment against grid '{}' (r = {:.3f}, RMSE {:.1f} mHz)", ref.grid, best.correlation,
                        best.rmse_mhz);
  c.x_label = "time in recording (s)";
  c.y_label = "frequency (Hz)";
  report::Series clip{"recording", {}, {}, "#1f77b4"};
  report::Series grid{"reference (offset removed)", {}, {}, "#d62728"};
  for (std::size_t i = 0; i < t.size(); ++i) {
    clip.x.push_back(t.time_of(i));
    clip.y.push_back(t.frequency_hz[i]);
    const double utc = best.clip_start_utc + t.time_of(i) - 0.5;
    const auto j = static_cast<int64_t>(std::llround(utc)) - ref.first_utc;
    if (j < 0 || j >= static_cast<int64_t>(ref.size())) continue;
    const float v = ref.frequency_hz[static_cast<std::size_t>(j)];
    if (std::isnan(v)) continue;
    grid.x.push_back(t.time_of(i));
    grid.y.push_back(v + best.offset_mhz / 1000.0);
  }
  c.series.push_back(std::move(clip));
  c.series.push_back(std::move(grid));
  return report::render_chart_svg(c);
}

std::string discontinuity_figure(const enf::EditScan& scan, double threshold) {
  report::Chart c;
  c.title = fmt::format("Hum phase discontinuity score (harmonic {}); markers at reported breaks", scan.harmonic);
  c.x_label = "time in recording (s)";
  c.y_label = "score";
  c.height = 220;
  c.series.push_back({"score", scan.time_s, scan.score, "#9467bd"});
  if (!scan.time_s.empty())
    c.series.push_back({"threshold", {scan.time_s.front(), scan.time_s.back()}, {threshold, threshold}, "#7f7f7f"});
  for (const auto& e : scan.events) c.markers.push_back({e.time_s, "#d62728", fmt::format("{:.2f} s", e.time_s)});
  return report::render_chart_svg(c);
}

Findings run(AnalysisContext& context) {
  enf::EnfOptions o;
  o.nominal_hz = options().nominal == "50" ? 50 : options().nominal == "60" ? 60 : 0;
  std::vector<enf::ReferenceSeries> references;
  if (!options().reference.empty()) {
    const auto db = enf::ReferenceDb::open(options().reference, false);
    for (const auto& g : db.grids())
      if ((options().grid.empty() || g.name == options().grid) && (!o.nominal_hz || std::abs(g.nominal_hz - o.nominal_hz) < 1))
        references.push_back(db.load(g.name));
    if (!options().grid.empty() && references.empty())
      throw InputError(fmt::format("{}: no grid named '{}' of that nominal frequency", options().reference, options().grid));
  } else if (!options().grid.empty()) {
    throw InputError("--grid names a grid of the --enf-ref file; give --enf-ref as well");
  }
  json section = {{"id", "enf"}, {"title", "Mains hum (ENF)"}, {"figures", json::array()}, {"facts", json::object()}};
  section["parameters"] = {{"grid", options().grid},
                           {"enf_reference", options().reference.empty() ? json(nullptr) : side_input(options().reference)}};
  const SampleSource& hum = context.hum;  // the hum band only: ENF needs nothing above 312 Hz
  const double duration_s = static_cast<double>(hum.size()) / hum.sample_rate();
  if (duration_s < o.spectrogram.window_s) {
    section["summary"] = fmt::format("The recording is too short ({:.1f} s) for ENF analysis.", duration_s);
    context.report["sections"].push_back(section);
    return {};
  }
  const enf::EnfAnalysis a = enf::analyze_enf(hum, o, references);
  Findings findings = enf::enf_findings(a, o);

  std::string summary = a.presence.present ? "Mains hum present. " : "No usable mains hum. ";
  summary += a.presence.reason + ".";
  if (a.trace) {
    section["facts"]["trace"] = enf::trace_summary(*a.trace);
    section["figures"].push_back({{"title", "ENF trace"}, {"svg", trace_figure(*a.trace)}});
    section["figures"].push_back({{"title", "ENF confidence"}, {"svg", confidence_figure(*a.trace)}});
  }
  if (a.edits) {
    summary += fmt::format(" {} hum phase discontinuit{}.", a.edits->events.size(),
                           a.edits->events.size() == 1 ? "y" : "ies");
    section["figures"].push_back(
        {{"title", "ENF discontinuities"}, {"svg", discontinuity_figure(*a.edits, o.edits.threshold)}});
    section["facts"]["edits"] = enf::edit_scan_json(*a.edits, o.edits);
  }
  if (options().reference.empty()) {
    summary += " No ENF reference was given (--enf-ref), so the recording was not dated from its hum.";
  }
  for (std::size_t i = 0; i < a.matches.size(); ++i) {
    const auto& gm = a.matches[i];
    if (gm.result.candidates.empty()) {
      summary += fmt::format(" Grid '{}': no match ({}).", gm.grid, gm.result.note);
      continue;
    }
    const auto& best = gm.result.candidates.front();
    summary += fmt::format(" Grid '{}': {} ({}).", gm.grid, enf::verdict_name(gm.result.verdict),
                           gm.result.verdict_reason);
    section["facts"]["match_" + gm.grid] = enf::match_json(gm.result);
    const auto ref = std::find_if(references.begin(), references.end(), [&](const auto& r) { return r.grid == gm.grid; });
    if (ref != references.end() && a.trace)
      section["figures"].push_back({{"title", "Best reference alignment: " + gm.grid},
                                    {"svg", alignment_figure(*a.trace, *ref, best)}});
  }
  section["summary"] = summary;
  json tested = json::array();
  for (const auto& t : a.tested)
    tested.push_back({{"nominal_hz", t.nominal_hz}, {"present", t.present}, {"p_value", t.p_value}, {"reason", t.reason}});
  section["facts"]["presence"] = tested;
  context.report["sections"].push_back(section);
  return findings;
}

const AnalysisStepRegistration registration{{"enf", 20, add_options, run}};

}  // namespace
}  // namespace prov::cli
