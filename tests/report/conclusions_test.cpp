#include <gtest/gtest.h>

#include "report/conclusions.h"
#include "report/html_report.h"
#include "report/labels.h"

namespace prov::report {
namespace {

using nlohmann::json;

const Conclusion& answer(const std::vector<Conclusion>& all, const std::string& id) {
  for (const auto& c : all)
    if (c.id == id) return c;
  throw std::runtime_error("no conclusion " + id);
}

json edit(int id, double start, const std::string& status, double rate) {
  return {{"id", id},       {"kind", "edit"},       {"detector", "integrity.level_change"},
          {"start_s", start}, {"end_s", start + 1}, {"strength", 0.6},
          {"status", status}, {"summary", "level step"},
          {"evidence", {{"false_alarms_per_hour", rate}}}};
}

TEST(Conclusions, NothingRunMeansNotExaminedForEveryQuestion) {
  const auto all = conclusions(json::object());
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[0].id, "when");
  for (const auto& c : all) EXPECT_EQ(c.strength, "not examined") << c.id;
}

TEST(Conclusions, EditsAreAnsweredFromStandingFindingsWithTheirFalseAlarmRate) {
  json report = {{"integrity", {{"duration_s", 600}}},
                 {"findings", json::array({edit(4, 65, "proposed", 5.25), edit(9, 130, "proposed", 6.99)})}};
  auto c = answer(conclusions(report), "edited");
  EXPECT_NE(c.answer.find("Possibly: 2 possible edit point(s)"), std::string::npos) << c.answer;
  EXPECT_NE(c.answer.find("1:05"), std::string::npos) << c.answer;
  EXPECT_EQ(c.cited, (std::vector<std::string>{"#4", "#9"}));
  ASSERT_FALSE(c.limitations.empty());
  EXPECT_NE(c.limitations[0].find("6.1 false edit(s) per hour"), std::string::npos) << c.limitations[0];

  // An examiner's confirmation makes it a yes; rejected findings never count.
  report["findings"][0]["status"] = "confirmed";
  report["findings"][1]["status"] = "rejected";
  c = answer(conclusions(report), "edited");
  EXPECT_EQ(c.strength, "confirmed by the examiner");
  EXPECT_NE(c.answer.find("confirmed 1 of 1"), std::string::npos) << c.answer;

  report["findings"][0]["status"] = "rejected";
  c = answer(conclusions(report), "edited");
  EXPECT_EQ(c.strength, "cannot tell") << "no sign of editing is not proof of none";
  EXPECT_NE(c.answer.find("does not prove"), std::string::npos);
}

TEST(Conclusions, DateAnswerJoinsContentWindowAndEnfPlacement) {
  const json report = {
      {"findings", json::array({{{"id", 2}, {"kind", "date_window"}, {"strength", 0.9}, {"status", "proposed"}}})},
      {"sections",
       json::array({{{"id", "content"},
                     {"summary", "Recorded between ..."},
                     {"facts", {{"references", 3}, {"earliest", "2014-06-29"}, {"latest", "2016-10-17"},
                                {"consistent", true}}}},
                    {{"id", "enf"},
                     {"facts",
                      {{"match_wuhan",
                        {{"verdict", "placed"},
                         {"candidates", json::array({{{"clip_start", "2015-03-01 10:00:00 UTC"}}})},
                         {"false_placement", {{"rate", 0.005}, {"upper_95", 0.02}, {"measured_on", "ENF-WHU"}}}}}}}}})}};
  const auto c = answer(conclusions(report), "when");
  EXPECT_NE(c.answer.find("not before 2014-06-29 and not after 2016-10-17"), std::string::npos) << c.answer;
  EXPECT_NE(c.answer.find("2015-03-01 10:00:00 UTC on grid 'wuhan'"), std::string::npos) << c.answer;
  EXPECT_EQ(c.strength, "strong");
  EXPECT_EQ(c.cited, (std::vector<std::string>{"#2"}));
  bool rate_stated = false;
  for (const auto& l : c.limitations) rate_stated |= l.find("wrong for 0.5%") != std::string::npos;
  EXPECT_TRUE(rate_stated);
}

TEST(Conclusions, AmbiguousOrNoEnfMatchNeverNamesATime) {
  const json report = {{"sections", json::array({{{"id", "enf"},
                                                  {"facts", {{"match_a", {{"verdict", "ambiguous"},
                                                                          {"candidates", json::array({{{"clip_start", "X"}}})}}},
                                                             {"match_b", {{"verdict", "no_match"}}}}}}})}};
  const auto c = answer(conclusions(report), "when");
  EXPECT_EQ(c.answer.find("X"), std::string::npos) << c.answer;
  EXPECT_NE(c.answer.find("ambiguous"), std::string::npos);
  EXPECT_NE(c.answer.find("does not match grid 'b'"), std::string::npos);
  EXPECT_EQ(c.strength, "cannot tell") << "neither verdict bounds the date";
}

TEST(Conclusions, ReuseNamesTheArchivedItemsAndSpans) {
  const json report = {
      {"sections", json::array({{{"id", "archive"}, {"parameters", {{"archive_hours", 12.5}}}}})},
      {"findings", json::array({{{"id", 7}, {"kind", "reuse"}, {"strength", 0.9}, {"status", "proposed"},
                                 {"evidence", {{"archive_title", "Eid sermon"}, {"query_start_s", 61},
                                               {"query_end_s", 95}}}}})}};
  const auto c = answer(conclusions(report), "recycled");
  EXPECT_NE(c.answer.find("\"Eid sermon\" at 1:01-1:35"), std::string::npos) << c.answer;
  EXPECT_EQ(c.strength, "strong");
  const auto none = answer(
      conclusions({{"sections", json::array({{{"id", "archive"}, {"parameters", {{"archive_hours", 12.5}}}}})}}),
      "recycled");
  EXPECT_EQ(none.strength, "cannot tell");
  // The step reports itself even when no archive was given: that is "not examined".
  const auto unsearched = answer(
      conclusions({{"sections", json::array({{{"id", "archive"}, {"summary", "Not searched"}}})}}), "recycled");
  EXPECT_EQ(unsearched.strength, "not examined");
}

TEST(HtmlReport, ConclusionsComeFirstAndNotesAreNotFindings) {
  const json report = {
      {"item", {{"path", "/x/a.wav"}, {"sha256", "ab"}}},
      {"integrity", {{"duration_s", 60}}},
      {"sections", json::array({{{"id", "enf"}, {"title", "Mains hum (ENF)"},
                                 {"facts", {{"trace", {{"mean_hz", 50.01}, {"clipped_samples", 3}}}}}}})},
      {"findings", json::array({edit(1, 10, "confirmed", 5.25),
                                {{"id", 2}, {"kind", "note"}, {"summary", "No usable mains hum (ENF): none"}}})}};
  json with_review = report;
  with_review["findings"][0]["reviews"] =
      json::array({{{"status", "confirmed"}, {"examiner", "R. Roe"}, {"at_utc", "2026-12-01T10:00:00Z"},
                    {"note", "audible splice"}}});
  const std::string html = render_html_report(with_review);
  const auto conclusions_at = html.find("id=\"conclusions\"");
  ASSERT_NE(conclusions_at, std::string::npos);
  EXPECT_LT(conclusions_at, html.find("id=\"item\""));
  EXPECT_LT(conclusions_at, html.find("id=\"findings\""));
  // The note is listed as information, outside the findings table.
  const auto notes_at = html.find("id=\"notes\"");
  ASSERT_NE(notes_at, std::string::npos);
  EXPECT_GT(html.find("No usable mains hum"), notes_at);
  // Who decided, when and why.
  EXPECT_NE(html.find("R. Roe"), std::string::npos);
  EXPECT_NE(html.find("audible splice"), std::string::npos);
  // Nested facts as tables with labels, not raw keys or JSON.
  EXPECT_NE(html.find("Clipped samples"), std::string::npos);
  EXPECT_EQ(html.find("{&quot;"), std::string::npos);
}

TEST(Labels, KeysBecomeWordsWithUnits) {
  EXPECT_EQ(label_for("clipped_samples"), "Clipped samples");
  EXPECT_EQ(label_for("block_s"), "Block (s)");
  EXPECT_EQ(label_for("noise_mhz"), "Noise (mHz)");
  EXPECT_EQ(label_for("enf_reference"), "ENF reference");
  EXPECT_EQ(label_for("speech_level_db"), "Speech level (dB)");
  EXPECT_EQ(label_for("false_alarms_per_hour"), "False alarms per hour");
  EXPECT_EQ(label_for("sha256"), "SHA-256");
}

}  // namespace
}  // namespace prov::report
