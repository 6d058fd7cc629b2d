// Issue 9, item 9: two `analyze` runs creating the same new case file at once
// must both succeed (one waits for the other), never fail with a misleading
// error.
#include <gtest/gtest.h>

#include <filesystem>

#include "casefile/case_fixture.h"
#include "casefile/case_store.h"

namespace prov::test {
namespace {

TEST(ConcurrentCreate, TwoAnalyzeRunsCreatingOneCaseFileBothSucceed) {
  PROV_REQUIRE_SHARED_DATA("fsdd");
  const std::string recording = (shared_data_dir() / "fsdd" / "7_theo_3.wav").string();
  ASSERT_TRUE(std::filesystem::exists(recording)) << recording;
  TempDir dir;
  const std::string cli = shell_quote(PROVENANCE_CLI);
  constexpr int kRounds = 40;
  int failed_rounds = 0;
  for (int round = 0; round < kRounds; ++round) {
    const std::string case_path = (dir / ("case-" + std::to_string(round) + ".db")).string();
    const std::string run = cli + " analyze " + shell_quote(recording) + " --case " + shell_quote(case_path) +
                            " --no-progress </dev/null";
    const std::string out1 = (dir / "out1.txt").string(), out2 = (dir / "out2.txt").string();
    const auto r = run_command("{ " + run + " >" + shell_quote(out1) + " 2>&1 & a=$!; " + run + " >" +
                               shell_quote(out2) + " 2>&1 & b=$!; wait $a; x=$?; wait $b; y=$?; echo \"$x $y\"; "
                               "[ $x -eq 0 ] || cat " + shell_quote(out1) + "; [ $y -eq 0 ] || cat " +
                               shell_quote(out2) + "; }");
    if (r.output.rfind("0 0\n", 0) != 0) {
      ++failed_rounds;
      ADD_FAILURE() << "round " << round << ": exit codes and messages: " << r.output;
      continue;
    }
    auto store = casefile::CaseStore::open(case_path, casefile::CaseStore::Mode::open_existing);
    EXPECT_EQ(store.items().size(), 1u) << "round " << round;
    int intakes = 0, analyses = 0;
    for (const auto& e : store.custody_log()) {
      intakes += e.action == "intake";
      analyses += e.action == "analyze";
    }
    EXPECT_EQ(intakes, 1) << "round " << round;
    EXPECT_EQ(analyses, 2) << "round " << round;
    const auto verdict = store.verify();
    EXPECT_TRUE(verdict.intact()) << "round " << round << ": " << verdict.problems.front().detail;
  }
  EXPECT_EQ(failed_rounds, 0) << "of " << kRounds << " rounds";
}

}  // namespace
}  // namespace prov::test
