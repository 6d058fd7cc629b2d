#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "content/dating.h"

namespace prov::content {

// One evaluation case: a transcript file and a sidecar NAME.json with
//   {"true_date": "YYYY-MM-DD", "released": "YYYY-MM-DD", "source": "...",
//    "wording": "paraphrase" | "quote" | "translation", "note": "..."}
struct DatingCase {
  std::string name;
  std::filesystem::path transcript;
  Day true_day = 0;
  std::optional<Day> released;
  std::string source;
  std::string wording;
};

// Cases in a folder, sorted by name. Throws InputError on a sidecar without
// a transcript, a missing/invalid true_date, or an empty folder.
std::vector<DatingCase> load_cases(const std::filesystem::path& folder);

struct CaseOutcome {
  std::string name;
  Day true_day = 0;
  Window window;
  std::size_t references = 0;
  bool inside = false;         // true date within the possible (hard) window
  bool inside_likely = false;  // within the likely window
  bool violation = false;      // outside the hard window, or the window is inconsistent
};

struct EvaluationSummary {
  std::vector<CaseOutcome> cases;
  std::size_t inside = 0, inside_likely = 0, violations = 0;
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
