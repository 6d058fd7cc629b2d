// Accuracy of dating from content on data/dating-cases (statements with known
// dates, paraphrased from news reports): the table `provenance date eval`
// prints, without and with the release date as an upper bound.
#include <iostream>

#include "content/evaluation.h"
#include "content/gazetteer.h"
#include "content/timeline.h"

int main() {
  using namespace prov::content;
  const std::string data = std::string(PROVENANCE_SOURCE_DIR) + "/data/";
  const ReferenceIndex index(load_timeline(data + "timeline/iraq-syria-2013-2020.jsonl"),
                             load_gazetteer(data + "timeline/gazetteer.jsonl"));
  const auto cases = load_cases(data + "dating-cases");
  std::cout << "== content only (no release date) ==\n"
            << format_evaluation(evaluate(cases, index, false)) << "\n== with the release date as upper bound ==\n"
            << format_evaluation(evaluate(cases, index, true));
  return 0;
}
