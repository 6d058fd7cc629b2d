// Accuracy of dating from content on the evaluation set data/dating-eval
// (statements with known dates, paraphrased from news reports; the tuning and
// measuring halves apart) and on the older data/dating-cases, against every
// shipped timeline: the tables `provenance date eval` prints.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "content/dating_inputs.h"
#include "content/evaluation.h"

int main() {
  using namespace prov::content;
  const std::filesystem::path data = std::filesystem::path(PROVENANCE_SOURCE_DIR) / "data";
  std::vector<std::string> timelines;
  for (const auto& entry : std::filesystem::directory_iterator(data / "timeline")) {
    if (entry.path().extension() == ".jsonl" && entry.path().filename() != "gazetteer.jsonl") {
      timelines.push_back(entry.path().string());
    }
  }
  std::sort(timelines.begin(), timelines.end());
  const ReferenceIndex index = load_reference_index(timelines, {});
  std::cout << "timeline events: " << index.timeline().events.size() << "\n";
  for (const char* set : {"dating-eval/measuring", "dating-eval/tuning", "dating-cases"}) {
    const auto cases = load_cases(data / set);
    std::cout << "\n== " << set << ": content only (no release date) ==\n"
              << format_evaluation(evaluate(cases, index, false));
  }
  return 0;
}
