#include "analysis_steps.h"

#include <algorithm>

namespace prov::cli {
namespace {
std::vector<AnalysisStep>& steps() {
  static std::vector<AnalysisStep> all;
  return all;
}
std::vector<std::function<bool()>>& full_rate_needs() {
  static std::vector<std::function<bool()>> all;
  return all;
}
}  // namespace

AnalysisStepRegistration::AnalysisStepRegistration(AnalysisStep step) {
  auto& all = steps();
  all.push_back(std::move(step));
  std::stable_sort(all.begin(), all.end(),
                   [](const AnalysisStep& a, const AnalysisStep& b) { return a.order < b.order; });
}

const std::vector<AnalysisStep>& analysis_steps() { return steps(); }

FullRateNeed::FullRateNeed(std::function<bool()> needed) { full_rate_needs().push_back(std::move(needed)); }

bool full_rate_needed() {
  for (const auto& needed : full_rate_needs())
    if (needed()) return true;
  return false;
}

}  // namespace prov::cli
