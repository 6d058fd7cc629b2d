#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>
#include <regex>

#include "core/finding.h"
#include "integrity/scanner.h"
#include "media/decode.h"
#include "report/html_report.h"
#include "report/overview_figures.h"
#include "report/svg_plot.h"
#include "report/terminal_summary.h"
#include "support/test_support.h"

namespace prov::report {
namespace {

using nlohmann::json;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Real FSDD speech joined with sox, with 0.4 s of digital silence cut into it.
Signal speech_with_gap(const test::TempDir& dir) {
  const auto fsdd = test::shared_data_dir() / "fsdd";
  std::string cmd = "sox -R -D";
  for (int i = 0; i < 3; ++i) {
    for (int d = 0; d < 10; ++d) {
      cmd.append(" ").append(test::shell_quote((fsdd / (std::to_string(d) + "_jackson_" + std::to_string(i) + ".wav")).string()));
    }
  }
  cmd.append(" ").append(test::shell_quote((dir / "speech.wav").string()));
  EXPECT_EQ(test::run_command(cmd).exit_code, 0);
  Signal s = media::decode_mono((dir / "speech.wav").string(), 0);
  const std::size_t start = s.samples.size() / 2;
  for (std::size_t i = start; i < start + static_cast<std::size_t>(0.4 * s.sample_rate); ++i) s.samples[i] = 0.0f;
  return s;
}

json report_for(const Signal& s, const integrity::IntegrityResult& scan) {
  json findings = json::array();
  int id = 1;
  for (const Finding& f : scan.findings) {
    json j = to_json(f);
    j["id"] = id++;
    findings.push_back(j);
  }
  Finding meta;
  meta.kind = "metadata";
  meta.detector = "media.encoder";
  meta.summary = "Encoder tag says <script>alert('x')</script>";
  meta.status = FindingStatus::rejected;
  findings.push_back(to_json(meta));
  return {{"tool", {{"name", "provenance"}, {"version", "0.1.0"}}},
          {"generated_utc", "2026-11-23T10:00:00Z"},
          {"item",
           {{"path", "/evidence/<b>statement</b>.wav"},
            {"sha256", "ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12"},
            {"size_bytes", 123456},
            {"intake_utc", "2026-11-23T09:59:00Z"},
            {"decoded_duration_s", s.duration_s()},
            {"native_rate", s.sample_rate},
            {"channels", 1}}},
          {"container",
           {{"format", "wav"},
            {"duration_s", s.duration_s()},
            {"encoder", "Lavf59.27.100"},
            {"tags", {{"title", "<script>alert(1)</script>"}, {"comment", "a & b"}}},
            {"streams", json::array({{{"index", 0}, {"type", "audio"}, {"codec", "pcm_s16le"}, {"sample_rate", 8000}}})}}},
          {"findings", findings},
          {"integrity", integrity::summary_json(scan)},
          {"sections", json::array({{{"id", "enf"},
                                     {"title", "Mains hum (ENF)"},
                                     {"summary", "No hum found <none>."},
                                     {"facts", {{"band_hz", 50}}},
                                     {"figures", json::array({{{"title", "hostile"},
                                                               {"svg", "<svg><script>alert(2)</script></svg>"}}})}}})},
          {"figures", overview_figures(s, scan)},
          {"custody", json::array({{{"at_utc", "2026-11-23T09:59:00Z"},
                                    {"actor", "examiner"},
                                    {"action", "intake"},
                                    {"item_sha256", "ab12"},
                                    {"tool_version", "0.1.0"},
                                    {"parameters", {{"path", "/evidence/x.wav"}}},
                                    {"entry_hash", "feedbeef"}}})},
          {"run", {{"id", 1}, {"parameters", {{"integrity", integrity::to_json(integrity::ScanOptions{})}}}}}};
}

TEST(HtmlReport, RealScanRendersFindingsFiguresAndCustodyWithEverythingEscaped) {
  PROV_REQUIRE_SHARED_DATA("fsdd");
  PROV_REQUIRE_PROGRAM("sox");
  test::TempDir dir;
  const Signal s = speech_with_gap(dir);
  const auto scan = integrity::scan(s);
  ASSERT_EQ(scan.findings.size(), 1u);
  const std::string html = render_html_report(report_for(s, scan));

  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("</html>"), std::string::npos);
  // No script survives, from tags, summaries or a step's figure.
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;statement&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(html.find("data:image/svg+xml;base64,"), std::string::npos);  // the hostile SVG, as an inert image
  // Nothing is fetched from elsewhere.
  EXPECT_FALSE(std::regex_search(html, std::regex("(src|href)=\"https?:")));
  // Identity, container, findings with status, analysis section, custody, settings.
  EXPECT_NE(html.find("ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12"), std::string::npos);
  EXPECT_NE(html.find("Lavf59.27.100"), std::string::npos);
  EXPECT_NE(html.find("pcm_s16le"), std::string::npos);
  EXPECT_NE(html.find("integrity.digital_silence"), std::string::npos);
  EXPECT_NE(html.find(escape_xml(scan.findings[0].summary)), std::string::npos);
  EXPECT_NE(html.find(">rejected<"), std::string::npos);
  EXPECT_NE(html.find(">proposed<"), std::string::npos);
  EXPECT_NE(html.find("Mains hum (ENF)"), std::string::npos);
  EXPECT_NE(html.find("No hum found &lt;none&gt;."), std::string::npos);
  EXPECT_NE(html.find("feedbeef"), std::string::npos);
  EXPECT_NE(html.find("Min digital silence (s)"), std::string::npos);
  // Overview: four inline SVG charts and the spectrogram PNG.
  EXPECT_EQ(count(html, "<svg xmlns"), 4u);
  EXPECT_EQ(count(html, "data:image/png;base64,"), 1u);
}

TEST(HtmlReport, ToleratesAMinimalOrOddlyShapedReport) {
  for (const json& report : {json::object(), json{{"findings", "not a list"}, {"item", 3}, {"figures", {1, 2}}},
                             json{{"findings", json::array({{{"kind", "edit"}}})}}}) {
    const std::string html = render_html_report(report);
    EXPECT_NE(html.find("</html>"), std::string::npos);
  }
}

TEST(HtmlReport, RejectsPngUrisThatAreNotBase64Png) {
  const json report = {{"figures", json::array({{{"title", "bad"}, {"png_data_uri", "javascript:alert(1)"}},
                                                {{"title", "bad2"}, {"png_data_uri", "data:image/png;base64,AA\" onerror=\"x"}}})}};
  const std::string html = render_html_report(report);
  EXPECT_EQ(html.find("javascript:"), std::string::npos);
  EXPECT_EQ(html.find("onerror"), std::string::npos);
}

TEST(TerminalSummary, ShortPlainOrColouredAndFreeOfControlCharacters) {
  json report = {{"item", {{"path", "clip\x1b[2J.wav"}, {"sha256", "ab12"}, {"decoded_duration_s", 60.0},
                           {"codec", "aac"}, {"native_rate", 44100}, {"channels", 1}}},
                 {"findings", json::array()}};
  for (int i = 0; i < 20; ++i) {
    report["findings"].push_back({{"kind", i == 7 ? "edit" : "metadata"}, {"start_s", i}, {"end_s", i + 1},
                                  {"summary", "finding " + std::to_string(i)}, {"strength", 0.1}});
  }
  const std::string plain = render_terminal_summary(report, false);
  EXPECT_EQ(plain.find('\x1b'), std::string::npos);
  EXPECT_NE(plain.find("ab12"), std::string::npos);
  EXPECT_NE(plain.find("60.00 s, aac, 44100 Hz, 1 ch"), std::string::npos);
  EXPECT_NE(plain.find("Findings  20"), std::string::npos);
  EXPECT_NE(plain.find("... and 5 more"), std::string::npos);
  // The edit comes first.
  EXPECT_LT(plain.find("finding 7"), plain.find("finding 0"));
  const std::string coloured = render_terminal_summary(report, true);
  EXPECT_NE(coloured.find("\x1b[31m"), std::string::npos);
  EXPECT_NE(plain.find("Answers"), std::string::npos);
  EXPECT_LT(count(plain, "\n"), 31u) << "header, six answer lines, at most 15 findings and the remainder";
}

}  // namespace
}  // namespace prov::report
