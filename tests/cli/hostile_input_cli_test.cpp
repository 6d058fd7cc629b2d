// Hostile and careless input to `analyze`: names that are not UTF-8, things
// that are not regular files, files that change while read, outputs that
// cannot be written, and the same bytes under another name.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/cli_fixtures.h"
#include "core/terminal_text.h"

namespace prov::test {
namespace {

using nlohmann::json;

class HostileInput : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_program("ffmpeg")) GTEST_SKIP() << "SKIPPED: program 'ffmpeg' is not installed";
    speech_ = make_speech_m4a(dir_, "speech.m4a");
    case_ = (dir_ / "case.db").string();
  }
  std::string analyze(const std::string& file, const std::string& extra = "") {
    return "analyze " + shell_quote(file) + " --case " + shell_quote(case_) + " --no-progress " + extra;
  }
  TempDir dir_;
  std::string speech_, case_;
};

TEST_F(HostileInput, NameThatIsNotUtf8KeepsItsBytesAndValidJson) {
  const std::string name = std::string("statement-\xff\xfe-") + "\x1b[2J.m4a";
  const std::string path = (dir_ / name).string();
  std::filesystem::copy_file(speech_, path);
  const std::string absolute = std::filesystem::absolute(path).string();

  const auto r = provenance(analyze(path, "--json") + " 2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const json doc = json::parse(r.output);  // throws (fails) on invalid UTF-8
  EXPECT_EQ(doc["item"]["path"], utf8_or_replacement(absolute));
  EXPECT_NE(doc["item"]["path"].get<std::string>().find("\xEF\xBF\xBD"), std::string::npos) << "U+FFFD";
  EXPECT_EQ(doc["item"]["path_bytes"], bytes_hex(absolute)) << "original bytes kept";

  for (const std::string command : {"case show --json ", "case log --json "}) {
    const auto shown = provenance(command + shell_quote(case_) + " 2>/dev/null");
    ASSERT_EQ(shown.exit_code, 0) << command << shown.output;
    json parsed;
    EXPECT_NO_THROW(parsed = json::parse(shown.output)) << command;
    EXPECT_NE(shown.output.find(bytes_hex(absolute)), std::string::npos) << command << ": bytes in hex";
  }
  const auto summary = provenance(analyze(path));
  EXPECT_EQ(summary.exit_code, 0) << summary.output;
  EXPECT_EQ(summary.output.find('\x1b'), std::string::npos) << "no raw escape reaches the terminal";
}

TEST_F(HostileInput, FifoAndDevicesAreRefusedNotWaitedOn) {
  // The name carries an escape sequence: the error must show it escaped.
  const std::string fifo = (dir_ / "pipe\x1b[2J.wav").string();
  ASSERT_EQ(run_command("mkfifo " + shell_quote(fifo)).exit_code, 0);
  for (const std::string& path : {fifo, std::string("/dev/zero")}) {
    const auto r = run_command("timeout 20 " + shell_quote(PROVENANCE_CLI) + " " + analyze(path) + " </dev/null");
    EXPECT_EQ(r.exit_code, 1) << path << " (124 = hung): " << r.output;
    EXPECT_NE(r.output.find("not a regular file"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find('\x1b'), std::string::npos) << "raw escape in the error message";
    EXPECT_FALSE(std::filesystem::exists(case_));
  }
}

TEST_F(HostileInput, FileThatGrowsWhileReadIsRefused) {
  const std::string path = (dir_ / "growing.m4a").string();
  std::filesystem::copy_file(speech_, path);
  // A writer appends to the file every 10 ms for as long as the analysis
  // runs; the analysis starts only once the writer has been seen at work.
  const std::string quoted = shell_quote(path);
  const auto r = run_command("(while :; do printf 'xxxxxxxx' >> " + quoted + "; sleep 0.01; done) & w=$!; s0=$(stat -c %s " +
                             quoted + "); while [ \"$(stat -c %s " + quoted + ")\" = \"$s0\" ]; do sleep 0.005; done; " +
                             shell_quote(PROVENANCE_CLI) + " " + analyze(path) + " </dev/null 2>&1; rc=$?; kill $w; exit $rc");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("changed while being analysed"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(case_)) << "nothing is recorded about bytes that were not analysed";
}

TEST_F(HostileInput, OutputsThatCannotBeWrittenAreRefusedBeforeAnalysis) {
  ASSERT_EQ(provenance(analyze(speech_)).exit_code, 0);
  const std::string before = file_sha256(case_);
  const std::string report = (dir_ / "no-such-folder" / "report.html").string();
  auto r = provenance(analyze(speech_, "--report " + shell_quote(report)));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("HTML report"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("does not exist"), std::string::npos) << r.output;
  EXPECT_EQ(file_sha256(case_), before) << "no run saved when its report cannot be written";

  std::filesystem::create_directory(dir_ / "taken.json");
  r = provenance(analyze(speech_, "--report-json " + shell_quote((dir_ / "taken.json").string())));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("is a folder"), std::string::npos) << r.output;
  EXPECT_EQ(file_sha256(case_), before);

  const std::string lost_case = (dir_ / "gone" / "case.db").string();
  r = provenance("analyze " + shell_quote(speech_) + " --case " + shell_quote(lost_case));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("cannot write the case file"), std::string::npos) << r.output;
}

TEST_F(HostileInput, RunSavedButReportNotWrittenHasItsOwnExitCode) {
  // The folder takes files, so the check before analysis passes; the name is
  // longer than the file system allows, which only the write itself finds.
  const std::string report = (dir_ / (std::string(300, 'r') + ".html")).string();
  const auto r = provenance(analyze(speech_, "--report " + shell_quote(report)));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("the run was saved in"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("case export"), std::string::npos) << r.output;
  const auto log = provenance("case log --json " + shell_quote(case_));
  ASSERT_EQ(log.exit_code, 0) << log.output;
  const json entries = json::parse(log.output)["entries"];
  int analyses = 0;
  for (const auto& e : entries) analyses += e["action"] == "analyze";
  EXPECT_EQ(analyses, 1);
}

TEST_F(HostileInput, SameBytesUnderAnotherNameLogThatName) {
  ASSERT_EQ(provenance(analyze(speech_)).exit_code, 0);
  const std::string copy = (dir_ / "renamed-copy.m4a").string();
  std::filesystem::copy_file(speech_, copy);
  ASSERT_EQ(provenance(analyze(copy)).exit_code, 0);
  const auto log = provenance("case log --json " + shell_quote(case_));
  ASSERT_EQ(log.exit_code, 0) << log.output;
  const json entries = json::parse(log.output)["entries"];
  std::vector<std::string> analysed_paths;
  for (const auto& e : entries)
    if (e["action"] == "analyze") analysed_paths.push_back(e["parameters"].value("path", ""));
  ASSERT_EQ(analysed_paths.size(), 2u);
  EXPECT_EQ(analysed_paths[0], std::filesystem::absolute(speech_).string());
  EXPECT_EQ(analysed_paths[1], std::filesystem::absolute(copy).string());
}

TEST_F(HostileInput, MkvWithVideoLongerThanAudioIsAnalysed) {
  const std::string mkv = (dir_ / "statement.mkv").string();
  ASSERT_EQ(run_command("ffmpeg -nostdin -loglevel error -y -i " + shell_quote(speech_) +
                        " -f lavfi -i testsrc=size=160x120:rate=10:d=15 -map 1:v -map 0:a -c:v mpeg4 -c:a libopus " +
                        shell_quote(mkv))
                .exit_code,
            0);
  const auto r = provenance(analyze(mkv, "--json"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const json findings = json::parse(r.output)["findings"];
  bool differ = false;
  for (const auto& f : findings) differ |= f["detector"] == "metadata.audio_video_length_differ";
  EXPECT_TRUE(differ);
}

}  // namespace
}  // namespace prov::test
