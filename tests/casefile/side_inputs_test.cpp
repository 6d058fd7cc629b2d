// Issue 9, item 12: files read beside the recording (transcript, timeline,
// gazetteer, ENF reference, fingerprint archive) are logged in the custody log by SHA-256
// and size, not only by path.
#include <gtest/gtest.h>

#include <filesystem>

#include "casefile/case_fixture.h"
#include "casefile/case_store.h"

namespace prov::test {
namespace {
namespace fs = std::filesystem;

void expect_logged(const nlohmann::json& logged, const fs::path& file) {
  ASSERT_TRUE(logged.is_object()) << "expected {path, sha256, size_bytes} for " << file << ", got " << logged.dump();
  EXPECT_EQ(logged.value("sha256", ""), file_sha256(file.string())) << file;
  EXPECT_EQ(logged.value("size_bytes", uint64_t{0}), fs::file_size(file)) << file;
  EXPECT_EQ(fs::path(logged.value("path", "")), fs::absolute(file)) << file;
}

TEST(SideInputs, TranscriptTimelineGazetteerEnfReferenceAndArchiveAreLoggedByHash) {
  PROV_REQUIRE_SHARED_DATA("fsdd");
  PROV_REQUIRE_SHARED_DATA("enf-whu-ref");
  const fs::path source(PROVENANCE_SOURCE_DIR);
  const fs::path transcript = source / "data" / "dating-cases" / "2014-06-29-adnani-caliphate.txt";
  const fs::path timeline = source / "data" / "timeline" / "iraq-syria-2013-2020.jsonl";
  const fs::path gazetteer = source / "data" / "timeline" / "gazetteer.jsonl";
  ASSERT_TRUE(fs::exists(transcript) && fs::exists(timeline) && fs::exists(gazetteer));
  const std::string recording = (shared_data_dir() / "fsdd" / "3_jackson_7.wav").string();
  TempDir dir;
  const std::string archive = (dir / "archive.sqlite").string();
  const auto added = provenance_all("archive add " + shell_quote((shared_data_dir() / "fsdd" / "3_jackson_8.wav").string()) +
                                    " --archive " + shell_quote(archive) + " --no-progress");
  ASSERT_EQ(added.exit_code, 0) << added.output;
  const std::string reference = (dir / "grid.enfdb").string();
  const auto imported = provenance_all("enf ref import " + shell_quote(reference) + " " +
                                       shell_quote((shared_data_dir() / "enf-whu-ref" / "001_ref.wav").string()) +
                                       " --grid whu --start 2020-01-01T00:00:00Z");
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  const std::string case_path = (dir / "case.db").string();
  const auto analysed = provenance_all("analyze " + shell_quote(recording) + " --case " + shell_quote(case_path) +
                                       " --no-progress --transcript " + shell_quote(transcript.string()) +
                                       " --timeline " + shell_quote(timeline.string()) + " --archive " +
                                       shell_quote(archive) + " --enf-ref " + shell_quote(reference));
  ASSERT_EQ(analysed.exit_code, 0) << analysed.output;

  auto store = casefile::CaseStore::open(case_path, casefile::CaseStore::Mode::open_existing);
  nlohmann::json steps;
  for (const auto& e : store.custody_log())
    if (e.action == "analyze") steps = e.parameters.value("steps", nlohmann::json::object());
  ASSERT_TRUE(steps.contains("content")) << steps.dump(2);
  expect_logged(steps["content"]["transcript"], transcript);
  ASSERT_EQ(steps["content"]["timelines"].size(), 1u) << steps.dump(2);
  expect_logged(steps["content"]["timelines"].at(0), timeline);
  ASSERT_EQ(steps["content"]["gazetteers"].size(), 1u) << steps.dump(2);
  expect_logged(steps["content"]["gazetteers"].at(0), gazetteer);  // found beside the timeline, not named
  ASSERT_TRUE(steps.contains("archive")) << steps.dump(2);
  expect_logged(steps["archive"]["archive"], archive);
  ASSERT_TRUE(steps.contains("enf")) << steps.dump(2);
  expect_logged(steps["enf"]["enf_reference"], reference);
}

}  // namespace
}  // namespace prov::test
