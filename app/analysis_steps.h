#pragma once
#include <CLI/CLI.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "casefile/case_store.h"
#include "core/finding.h"
#include "core/sample_source.h"
#include "media/decode.h"
#include "media/probe.h"

namespace prov::cli {

// What `provenance analyze` hands each analysis step.
struct AnalysisContext {
  std::string path;                       // the item as given
  std::string sha256;                     // its identity
  // audio.analysis: 16 kHz mono, held whole only when a FullRateNeed says
  // so (it costs 230 MB an hour); otherwise empty.
  const media::DecodedAudio& audio;
  const SampleSource& hum;                // the mains-hum band, mono at about 800 Hz, spooled (read by range)
  const media::ContainerFacts& container;
  casefile::CaseStore* store;             // null when no --case was given
  // The report under construction. A step adds its part with
  //   report["sections"].push_back({{"id","enf"},{"title","Mains hum (ENF)"},
  //     {"summary","..."},{"figures", json::array({{{"title",".."},{"svg","<svg..."}}})},
  //     {"facts", json::object()}});
  nlohmann::json& report;
  bool show_progress;                     // a terminal is attached
};

// One optional part of `analyze` (ENF, archive match, content dating, ...).
// Register from the step's own file:
//   static AnalysisStepRegistration reg{{"enf", 20, add_options, run}};
// `add_options` adds the step's flags to the analyze command (keep the values
// in the step's file); `run` returns the step's findings, or an empty list
// when the step has nothing to do (say why in its report section).
struct AnalysisStep {
  std::string name;
  int order = 100;  // steps run in ascending order
  std::function<void(CLI::App& analyze)> add_options;
  std::function<Findings(AnalysisContext& context)> run;
};

struct AnalysisStepRegistration {
  explicit AnalysisStepRegistration(AnalysisStep step);
};

const std::vector<AnalysisStep>& analysis_steps();  // sorted by order

// A step whose run() reads context.audio.analysis (the whole 16 kHz signal)
// says when, from its own file:
//   static FullRateNeed need{[] { return !archive_option().empty(); }};
// Unless one of them answers true (asked after the options are parsed),
// analyze streams past that copy instead of holding it.
struct FullRateNeed {
  explicit FullRateNeed(std::function<bool()> needed);
};
bool full_rate_needed();

}  // namespace prov::cli
