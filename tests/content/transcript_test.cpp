#include <gtest/gtest.h>

#include "content/transcript.h"
#include "core/error.h"
#include "support/test_support.h"

#include <fstream>

namespace prov::content {
namespace {

std::string error_of(const std::string& bytes, const std::string& name) {
  try {
    parse_transcript(bytes, name);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(Transcript, PlainTextParagraphsAreSegments) {
  const auto t = parse_transcript("First paragraph\nstill first.\n\n\nSecond one.\n", "a.txt");
  EXPECT_EQ(t.format, "text");
  ASSERT_EQ(t.segments.size(), 2u);
  EXPECT_EQ(t.segment_text(t.segments[0]), "First paragraph\nstill first.");
  EXPECT_EQ(t.segment_text(t.segments[1]), "Second one.");
  EXPECT_FALSE(t.segments[0].start_s);
}

TEST(Transcript, SrtCuesKeepTimesAndFileOffsets) {
  const std::string srt =
      "\xEF\xBB\xBF" "1\r\n00:00:01,500 --> 00:00:04,000\r\n<i>The battle</i> is over.\r\n\r\n"
      "2\r\n01:02:03,004 --> 01:02:05,000\r\nSecond line\r\ncontinues here\r\n";
  const auto t = parse_transcript(srt, "a.srt");
  EXPECT_EQ(t.format, "srt");
  ASSERT_EQ(t.segments.size(), 2u);
  EXPECT_DOUBLE_EQ(*t.segments[0].start_s, 1.5);
  EXPECT_DOUBLE_EQ(*t.segments[0].end_s, 4.0);
  EXPECT_DOUBLE_EQ(*t.segments[1].start_s, 3723.004);
  // Markup is blanked in place, so offsets still point into the file.
  EXPECT_EQ(t.segment_text(t.segments[0]), "   The battle     is over.");
  EXPECT_EQ(t.text.size(), srt.size());
  EXPECT_EQ(t.segment_text(t.segments[1]), "Second line\r\ncontinues here");
}

TEST(Transcript, WebVttWithShortTimesNotesAndSettings) {
  const std::string vtt =
      "WEBVTT - statement\n\nNOTE translated by desk\n\n"
      "intro\n00:05.000 --> 00:09.250 align:start\nRaqqa has not fallen.\n\n"
      "00:01:00.000 --> 00:01:02.000\n<v Speaker>Second cue.\n";
  const auto t = parse_transcript(vtt, "a.vtt");
  EXPECT_EQ(t.format, "vtt");
  ASSERT_EQ(t.segments.size(), 2u);
  EXPECT_DOUBLE_EQ(*t.segments[0].start_s, 5.0);
  EXPECT_DOUBLE_EQ(*t.segments[0].end_s, 9.25);
  EXPECT_EQ(t.segment_text(t.segments[0]), "Raqqa has not fallen.");
  EXPECT_DOUBLE_EQ(*t.segments[1].start_s, 60.0);
}

TEST(Transcript, InvalidUtf8NamesFileAndByteOffset) {
  EXPECT_EQ(error_of("Raqqa \xD8 fell", "bad.txt"), "bad.txt: invalid UTF-8 at byte 6");
  EXPECT_EQ(error_of("ok \xC0\xAF overlong", "o.txt"), "o.txt: invalid UTF-8 at byte 3");
  EXPECT_EQ(error_of("\xED\xA0\x80 surrogate", "s.txt"), "s.txt: invalid UTF-8 at byte 0");
  EXPECT_EQ(error_of(std::string("truncated \xE2\x82", 12), "t.txt"), "t.txt: invalid UTF-8 at byte 10");
}

TEST(Transcript, MalformedSrtTimeNamesTheLine) {
  const std::string srt =
      "1\n00:00:01,000 --> 00:00:02,000\nfine\n\n2\n00:00:03,000 --> 00:0x:04,000\nbroken\n";
  EXPECT_EQ(error_of(srt, "m.srt"), "m.srt: line 6: malformed SRT time '00:00:03,000 --> 00:0x:04,000'");
  const std::string backwards = "1\n00:00:05,000 --> 00:00:02,000\ntext\n";
  EXPECT_NE(error_of(backwards, "b.srt").find("b.srt: line 2: cue ends before it starts"), std::string::npos);
  const std::string vtt = "WEBVTT\n\n00:01.000 -> 00:02.000\ntext\n";
  EXPECT_NE(error_of(vtt, "v.vtt").find("v.vtt: line 3: cue without a timing line"), std::string::npos);
}

TEST(Transcript, LoadReportsMissingFile) {
  try {
    load_transcript("/nonexistent/x.srt");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "/nonexistent/x.srt: cannot open transcript");
  }
}

TEST(Transcript, LoadsFromDisk) {
  prov::test::TempDir dir;
  {
    std::ofstream out(dir / "a.vtt", std::ios::binary);
    out << "WEBVTT\n\n00:00.000 --> 00:01.000\nhello\n";
  }
  const auto t = load_transcript(dir / "a.vtt");
  EXPECT_EQ(t.segments.size(), 1u);
}

}  // namespace
}  // namespace prov::content

namespace prov::content {
namespace {

TEST(Transcript, RunawayParagraphIsReadInPieces) {
  std::string text;
  while (text.size() < 100000) text += "Raqqa has fallen and the battle goes on. ";
  const auto t = parse_transcript(text, "long.txt");
  ASSERT_GT(t.segments.size(), 5u);
  std::size_t covered = 0;
  for (std::size_t i = 0; i < t.segments.size(); ++i) {
    EXPECT_EQ(t.segments[i].index, static_cast<int>(i));
    EXPECT_LE(t.segments[i].end - t.segments[i].begin, 16u << 10);
    if (i > 0) {
      EXPECT_EQ(t.segments[i].begin, t.segments[i - 1].end);
    }
    covered += t.segments[i].end - t.segments[i].begin;
  }
  EXPECT_EQ(covered, text.size());
}

}  // namespace
}  // namespace prov::content
