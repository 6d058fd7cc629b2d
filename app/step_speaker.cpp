// The speaker part of `provenance analyze --speaker NAME`: the recording
// against the references enrolled for NAME in the case file (`speaker
// enroll`), as a calibrated likelihood ratio, and window by window for
// passages in another voice; plus the report section with its time axis.
#include <fmt/format.h>

#include <cmath>

#include "analysis_steps.h"
#include "core/error.h"
#include "report/svg_plot.h"
#include "speaker_io.h"
#include "speaker_profiles.h"
#include "voice/comparison.h"
#include "voice/model_file.h"
#include "voice/speaker_windows.h"

namespace prov::cli {
namespace {

using nlohmann::json;

struct SpeakerStepOptions {
  std::string name;
  std::string model;
  double window_s = 10;
};

SpeakerStepOptions& options() {
  static SpeakerStepOptions o;
  return o;
}

void add_options(CLI::App& analyze) {
  analyze.add_option("--speaker", options().name,
                     "Compare the voice with the references enrolled under this name (speaker enroll; needs --case)");
  analyze.add_option("--speaker-model", options().model, "Speaker model (default: the shipped background model)");
  analyze.add_option("--speaker-window", options().window_s, "Window length in seconds for speaker changes")
      ->check(CLI::Range(4.0, 600.0));
}

std::string window_figure(const std::vector<voice::WindowScore>& windows, const Findings& changes, double threshold) {
  report::Chart c;
  c.title = "Likelihood ratio of each window against the enrolled speaker";
  c.x_label = "time in recording (s)";
  c.y_label = "log10 LR";
  report::Series s{"window log10 LR", {}, {}, "#1f77b4", report::Series::Style::points};
  for (const auto& w : windows) {
    s.x.push_back(0.5 * (w.start_s + w.end_s));
    s.y.push_back(w.log10_lr);
  }
  c.series.push_back(std::move(s));
  c.series.push_back({"speaker-change threshold", {0, windows.empty() ? 1.0 : windows.back().end_s}, {threshold, threshold},
                      "#d62728", report::Series::Style::line});
  for (const auto& f : changes) c.bands.push_back({f.start_s, f.end_s, "rgba(214,39,40,0.25)", "another voice?"});
  return report::render_chart_svg(c);
}

Findings run(AnalysisContext& context) {
  const auto& o = options();
  if (o.name.empty()) return {};
  if (!context.store) throw InputError("--speaker compares with references enrolled in a case file: give --case");
  const auto references = enrolled_references(*context.store, o.name);
  if (references.empty())
    throw InputError(fmt::format("{}: no references enrolled as '{}' (provenance speaker enroll)", context.store->path(),
                                 o.name));
  check_references_unchanged(references);
  const std::string model_path = speaker_model_path(o.model);
  const voice::SpeakerModel model = voice::load_speaker_model(model_path);

  json section = {{"id", "speaker"}, {"title", "Speaker: " + o.name}, {"figures", json::array()}, {"facts", json::object()}};
  const voice::SpeechFrames speech = voice::speech_frames(context.audio.analysis, model.features);
  if (speech.speech_s() < 1.0) {
    section["summary"] = fmt::format("Only {:.1f} s of speech found: no speaker comparison.", speech.speech_s());
    context.report["sections"].push_back(section);
    return {};
  }
  std::vector<voice::FeatureMatrix> known;
  voice::BaumWelchStats known_stats;
  json reference_json = json::array();
  for (const auto& r : references) {
    known.push_back(speech_of_file(r.path, model.features));
    known_stats += model.stats(known.back());
    reference_json.push_back({{"sha256", r.sha256}, {"path", r.path}, {"conditions", r.conditions}});
  }
  const auto c = voice::compare_speakers(model, voice::normalised(speech.frames), known);
  const std::string limits = speaker_model_limits(model);
  Finding f;
  f.kind = "speaker";
  f.detector = "voice.speaker_comparison";
  f.start_s = 0;
  f.end_s = context.audio.decoded_duration_s();
  f.strength = std::clamp(std::fabs(c.log10_lr) / 6.0, 0.0, 1.0);
  f.summary = fmt::format("Voice against '{}': LR {:.3g} (log10 {:+.2f}), {}", o.name, std::pow(10.0, c.log10_lr),
                          c.log10_lr, c.verbal);
  f.method = "MFCC i-vectors, LDA and two-covariance PLDA, logistic-regression calibration to a likelihood ratio";
  f.parameters = {{"model", model_path}, {"speaker", o.name}};
  f.evidence = {{"lr", std::pow(10.0, c.log10_lr)},
                {"log10_lr", c.log10_lr},
                {"verbal", c.verbal},
                {"questioned_speech_s", c.questioned_speech_s},
                {"known_speech_s", c.known_speech_s},
                {"within_calibrated_durations", c.within_calibrated_durations},
                {"references", reference_json},
                {"calibrated_on", model.description.value("calibrated_on", json::object())},
                {"validation", model.description.value("validation", json::object())},
                {"limits", limits}};
  Findings findings = {f};

  voice::WindowParams wp;
  wp.window_s = o.window_s;
  wp.hop_s = o.window_s / 2;
  wp.min_speech_s = std::min(3.0, o.window_s / 2);
  const auto windows = voice::score_windows(model, speech, known_stats, wp);
  const auto changes = voice::speaker_change_findings(windows, wp);
  findings.insert(findings.end(), changes.begin(), changes.end());
  if (!windows.empty())
    section["figures"].push_back(
        {{"title", "Speaker windows"}, {"svg", window_figure(windows, changes, wp.change_log10_lr)}});
  section["summary"] = f.summary + fmt::format(". {} passage(s) in another voice. Limits: {}", changes.size(), limits);
  section["facts"]["comparison"] = f.evidence;
  context.report["sections"].push_back(section);
  return findings;
}

const AnalysisStepRegistration registration{{"speaker", 70, add_options, run}};
const FullRateNeed full_rate{[] { return !options().name.empty(); }};

}  // namespace
}  // namespace prov::cli
