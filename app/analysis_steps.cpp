#include "analysis_steps.h"

#include <algorithm>

namespace prov::cli {
namespace {
std::vector<AnalysisStep>& steps() {
  static std::vector<AnalysisStep> all;
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

}  // namespace prov::cli
