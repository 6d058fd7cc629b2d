// The evaluation set in data/dating-eval against the shipped timelines: the
// probes (single sentences that must, or must not, give a hard bound) and the
// statements (the true date must stay inside the possible window).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "content/evaluation.h"
#include "fixtures.h"
#include "shipped_index.h"

namespace prov::content {
namespace {

const std::string kEval = std::string(PROVENANCE_SOURCE_DIR) + "/data/dating-eval/";

struct Probe {
  std::string expect, side, lang, kind, sentence;
  int line = 0;
};

std::vector<Probe> load_probes() {
  std::ifstream in(kEval + "probes.tsv");
  std::vector<Probe> out;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) cols.push_back(col);
    if (cols.size() != 5) ADD_FAILURE() << "probes.tsv line " << n << ": expected 5 columns";
    if (cols.size() != 5) continue;
    out.push_back({cols[0], cols[1], cols[2], cols[3], cols[4], n});
  }
  return out;
}

std::string explain(const DatingResult& r) {
  std::string s;
  for (const auto& ref : r.references) {
    s += "  " + to_string(ref.verdict) + " " + ref.rule + " " + (ref.event ? ref.event->id : ref.label) +
         (ref.hard ? " hard" : " soft") + " [" + ref.quote.matched + "] " + ref.reason + "\n";
  }
  return s;
}

TEST(DatingEvalSet, ProbesGiveHardBoundsOnlyWhereTheyShould) {
  const auto probes = load_probes();
  ASSERT_GE(probes.size(), 40u);
  std::size_t none = 0, hard = 0, arabic = 0;
  for (const auto& p : probes) {
    DatingOptions options;
    if (p.side != "-") options.speaker_side = p.side;
    const auto r = test::date_text(test::shipped_index(), p.sentence, options);
    bool any_hard = false;
    for (const auto& b : r.overall.bounds) any_hard = any_hard || b.hard;
    if (p.expect == "none") {
      ++none;
      EXPECT_FALSE(any_hard) << "line " << p.line << " (" << p.kind << "): " << p.sentence << "\n" << explain(r);
    } else {
      ++hard;
      EXPECT_TRUE(r.overall.window.earliest) << "line " << p.line << " (" << p.kind << "): " << p.sentence << "\n"
                                             << explain(r);
    }
    arabic += p.lang == "ar";
  }
  EXPECT_GE(none, 40u);
  EXPECT_GE(hard, 8u);
  EXPECT_GE(arabic, 20u);
}

TEST(DatingEvalSet, MeasuringStatementsStayInsideTheirWindows) {
  const auto cases = load_cases(kEval + "measuring");
  ASSERT_GE(cases.size(), 24u);
  const auto s = evaluate(cases, test::shipped_index(), false);
  EXPECT_EQ(s.errors, 0u) << format_evaluation(s);
  EXPECT_EQ(s.violations, 0u) << format_evaluation(s);
  EXPECT_EQ(s.trap_hard, 0u) << format_evaluation(s);
  // The bar is 70% of the measuring statements with a hard lower bound.
  EXPECT_GE(10 * s.hard_lower, 7 * s.cases.size()) << format_evaluation(s);
}

TEST(DatingEvalSet, TuningStatementsStayInsideTheirWindows) {
  const auto s = evaluate(load_cases(kEval + "tuning"), test::shipped_index(), true);
  EXPECT_EQ(s.errors, 0u) << format_evaluation(s);
  EXPECT_EQ(s.violations, 0u) << format_evaluation(s);
}

}  // namespace
}  // namespace prov::content
