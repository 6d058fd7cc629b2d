#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace {

using prov::test::run_command;
using prov::test::shell_quote;

const std::string kTimeline = std::string(PROVENANCE_SOURCE_DIR) + "/data/timeline/iraq-syria-2013-2020.jsonl";

// One second of 16-bit mono silence at 16 kHz: the content step needs a
// recording to attach to, not its sound.
void write_silent_wav(const std::filesystem::path& path) {
  const uint32_t rate = 16000, samples = 16000, data_bytes = samples * 2;
  std::ofstream out(path, std::ios::binary);
  auto u32 = [&](uint32_t v) { out.write(reinterpret_cast<const char*>(&v), 4); };
  auto u16 = [&](uint16_t v) { out.write(reinterpret_cast<const char*>(&v), 2); };
  out.write("RIFF", 4);
  u32(36 + data_bytes);
  out.write("WAVEfmt ", 8);
  u32(16);
  u16(1);
  u16(1);
  u32(rate);
  u32(rate * 2);
  u16(2);
  u16(16);
  out.write("data", 4);
  u32(data_bytes);
  const std::string zeros(data_bytes, '\0');
  out.write(zeros.data(), data_bytes);
}

TEST(CliAnalyzeContent, TranscriptGivesDateWindowFindingsAndAFigure) {
  prov::test::TempDir dir;
  write_silent_wav(dir / "s.wav");
  {
    std::ofstream t(dir / "s.vtt", std::ios::binary);
    t << "WEBVTT\n\n00:00.000 --> 00:00.500\nThe battle for Baghouz is over.\n\n"
         "00:00.500 --> 00:01.000\nThe battle of Mosul continues.\n";
  }
  const auto r = run_command(shell_quote(PROVENANCE_CLI) + " analyze " + shell_quote((dir / "s.wav").string()) +
                             " --transcript " + shell_quote((dir / "s.vtt").string()) + " --timeline " +
                             shell_quote(kTimeline) + " --no-progress --json 2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto doc = nlohmann::json::parse(r.output);
  int windows = 0, contradictions = 0, overlaps = 0;
  for (const auto& f : doc["findings"]) {
    const std::string detector = f.value("detector", "");
    if (detector == "content.date_window") ++windows;
    if (detector == "content.contradiction") {
      ++contradictions;
      EXPECT_NE(f["summary"].get<std::string>().find("The battle of Mosul continues"), std::string::npos);
    }
    if (detector == "content.segment_overlap") {
      ++overlaps;
      EXPECT_DOUBLE_EQ(f["start_s"].get<double>(), 0.0);
      EXPECT_DOUBLE_EQ(f["end_s"].get<double>(), 1.0);
    }
  }
  EXPECT_EQ(windows, 1);
  EXPECT_GE(contradictions, 1);
  EXPECT_GE(overlaps, 1);
  bool section = false;
  for (const auto& s : doc["sections"]) {
    if (s.value("id", "") != "content") continue;
    section = true;
    ASSERT_FALSE(s["figures"].empty());
    EXPECT_EQ(s["figures"][0]["svg"].get<std::string>().rfind("<svg", 0), 0u);
    EXPECT_FALSE(s["facts"]["consistent"].get<bool>());
  }
  EXPECT_TRUE(section);
}

TEST(CliAnalyzeContent, BadTranscriptFailsAndCreatesNoCase) {
  prov::test::TempDir dir;
  write_silent_wav(dir / "s.wav");
  {
    std::ofstream t(dir / "bad.srt", std::ios::binary);
    t << "1\n00:00:00,000 --> 00:00:0x,000\ntext\n";
  }
  const auto case_path = dir / "case.db";
  const auto r = run_command(shell_quote(PROVENANCE_CLI) + " analyze " + shell_quote((dir / "s.wav").string()) +
                             " --case " + shell_quote(case_path.string()) + " --transcript " +
                             shell_quote((dir / "bad.srt").string()) + " --timeline " + shell_quote(kTimeline) +
                             " --no-progress");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("bad.srt: line 2: malformed SRT time"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(case_path));
}

}  // namespace
