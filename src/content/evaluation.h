#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "content/dating.h"

namespace prov::content {

// One evaluation case: a transcript file and a sidecar NAME.json with
//   {"true_date": "YYYY-MM-DD", "released": "YYYY-MM-DD", "source": "...",
//    "wording": "paraphrase" | "quote" | "translation", "note": "...",
//    "speaker_side": "...", "expect_hard_lower": true|false, "language": "en"|"ar"}
struct DatingCase {
  std::string name;
  std::filesystem::path transcript;
  Day true_day = 0;
  std::optional<Day> released;
  std::string source;
  std::string wording;
  std::string speaker_side;
  std::optional<bool> expect_hard_lower;
  std::string error;  // why the case could not be read (it is reported, not dated)
};

// Cases in a folder, sorted by name. A sidecar without a transcript or with a
// missing/invalid true_date becomes a case with `error` set; a folder that is
// missing or holds no cases is an InputError.
std::vector<DatingCase> load_cases(const std::filesystem::path& folder);

struct CaseOutcome {
  std::string name;
  Day true_day = 0;
  Window window;
  std::size_t references = 0;
  bool inside = false;         // true date within the possible (hard) window
  bool inside_likely = false;  // within the likely window
  bool violation = false;      // outside the hard window, or the window is inconsistent
  bool hard_lower = false;     // content gave a hard lower bound
  std::optional<bool> expect_hard_lower;
  std::string lower_by;        // the rule and event of the earliest bound
  std::string error;           // the case could not be dated: why
};

struct EvaluationSummary {
  std::vector<CaseOutcome> cases;
  std::size_t inside = 0, inside_likely = 0, violations = 0;
  std::size_t hard_lower = 0, errors = 0;
  std::size_t expected_hard = 0, expected_hard_met = 0;  // cases expecting a hard lower bound, and those that got one
  std::size_t traps = 0, trap_hard = 0;  // cases expecting none, and those that got one anyway
  std::optional<double> median_days_earliest_to_true;  // over cases with an earliest bound
  std::size_t with_earliest = 0;
  std::optional<double> median_width_days;  // over cases bounded on both sides
  std::size_t with_both = 0;
  std::optional<double> median_likely_width_days;
  std::size_t with_likely_both = 0;
};

// Dates every case (the release date is an upper bound only when
// `use_released`) and summarises against the true dates.
EvaluationSummary evaluate(const std::vector<DatingCase>& cases, const ReferenceIndex& index,
                           bool use_released);

// The table printed by `provenance date eval`.
std::string format_evaluation(const EvaluationSummary& summary);

}  // namespace prov::content
