// Issue 9, item 4: text from a recording or a user (tags, file names,
// examiner names, notes) printed by `case show` and `case log` must not reach
// the terminal raw, where an escape sequence can hide lines and a newline can
// forge one.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "casefile/case_fixture.h"

namespace prov::test {
namespace {

bool has_control_bytes(const std::string& text) {
  for (unsigned char c : text)
    if ((c < 0x20 && c != '\n') || c == 0x7f) return true;
  return false;
}

bool has_line_starting_with(const std::string& text, const std::string& prefix) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(prefix, 0) == 0) return true;
  return false;
}

TEST(TerminalOutput, HostileTagFileNameAndExaminerAreEscaped) {
  const std::string recording = real_recording();
  if (recording.empty()) GTEST_SKIP() << missing_shared_data("librispeech-sample");
  PROV_REQUIRE_PROGRAM("ffmpeg");
  TempDir dir;
  // A file name with a newline that would forge an item line, and an encoder
  // tag with an escape that would conceal everything printed after it.
  const std::string name = "statement\nitem 99  forged\x1b[8m.ogg";
  const std::string file = (dir / name).string();
  const auto made = run_command("ffmpeg -nostdin -loglevel error -y -i " + shell_quote(recording) +
                                " -metadata:s:a:0 encoder=" + shell_quote("evil\x1b[8mhidden") + " " +
                                shell_quote(file));
  ASSERT_EQ(made.exit_code, 0) << made.output;
  const std::string case_path = (dir / "case.db").string();
  const auto analysed = provenance_all("analyze " + shell_quote(file) + " --case " + shell_quote(case_path) +
                                       " --no-progress --examiner " + shell_quote("eve\x1b[8m\r"));
  ASSERT_EQ(analysed.exit_code, 0) << analysed.output;
  const auto marked = provenance_all("case mark " + shell_quote(case_path) + " 1 rejected --examiner " +
                                     shell_quote("mallory\x1b[2J") + " --note " + shell_quote("fine\nitem 98 forged"));
  ASSERT_EQ(marked.exit_code, 0) << marked.output;

  const auto show = provenance_stdout("case show " + shell_quote(case_path));
  ASSERT_EQ(show.exit_code, 0) << show.output;
  EXPECT_FALSE(has_control_bytes(show.output)) << show.output;
  EXPECT_FALSE(has_line_starting_with(show.output, "item 99")) << show.output;
  EXPECT_NE(show.output.find("evil\\x1b[8mhidden"), std::string::npos) << "the tag is shown, escaped:\n"
                                                                         << show.output;
  EXPECT_NE(show.output.find("statement\\nitem 99"), std::string::npos) << show.output;

  const auto log = provenance_stdout("case log " + shell_quote(case_path));
  ASSERT_EQ(log.exit_code, 0) << log.output;
  EXPECT_FALSE(has_control_bytes(log.output)) << log.output;
  EXPECT_FALSE(has_line_starting_with(log.output, "item 98")) << log.output;
  EXPECT_NE(log.output.find("eve\\x1b[8m\\r"), std::string::npos) << log.output;
  EXPECT_NE(log.output.find("mallory\\x1b[2J"), std::string::npos) << log.output;
  EXPECT_NE(log.output.find("custody chain intact"), std::string::npos) << log.output;
}

// Stored text that is not UTF-8 is shown as escaped bytes, not passed through.
TEST(TerminalOutput, InvalidUtf8InAFileNameIsShownEscaped) {
  const std::string recording = real_recording();
  if (recording.empty()) GTEST_SKIP() << missing_shared_data("librispeech-sample");
  TempDir dir;
  const std::string file = (dir / "bad\xff\xfename.flac").string();
  std::filesystem::copy_file(recording, file);
  const std::string case_path = (dir / "case.db").string();
  ASSERT_EQ(provenance_all("analyze " + shell_quote(file) + " --case " + shell_quote(case_path) + " --no-progress")
                .exit_code,
            0);
  const auto show = provenance_stdout("case show " + shell_quote(case_path));
  ASSERT_EQ(show.exit_code, 0) << show.output;
  EXPECT_EQ(show.output.find("\xff"), std::string::npos);
  EXPECT_NE(show.output.find("bad\\xff\\xfename.flac"), std::string::npos) << show.output;
}

}  // namespace
}  // namespace prov::test
