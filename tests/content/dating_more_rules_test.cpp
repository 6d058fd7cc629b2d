#include <gtest/gtest.h>

#include "core/error.h"
#include <sstream>

#include "content/utf8_text.h"
#include "fixtures.h"

namespace prov::content {
namespace {

using test::date_text;

const ReferenceIndex& index() {
  static const ReferenceIndex i = test::make_index();
  return i;
}

Day d(const char* iso) { return parse_iso_range(iso)->earliest; }

TEST(DatingMoreRules, FallBeforeReleaseIsAnInconsistencyWithTheReleaseDate) {
  DatingOptions options;
  options.released = d("2017-06-01");
  const auto r = date_text(index(), "Raqqa has fallen, and we are not weakened.", options);
  ASSERT_FALSE(r.overall.window.consistent);
  ASSERT_EQ(r.overall.conflicts.size(), 1u);
  EXPECT_EQ(r.overall.conflicts[0].upper.cite.rule, "release");
  const auto findings = to_findings(r, nlohmann::json::object());
  bool found = false;
  for (const auto& f : findings) {
    if (f.detector != "content.contradiction") continue;
    found = true;
    EXPECT_NE(f.summary.find("Raqqa has fallen"), std::string::npos) << f.summary;
    EXPECT_NE(f.summary.find("the release date"), std::string::npos) << f.summary;
    EXPECT_DOUBLE_EQ(f.strength, 0.9);
  }
  EXPECT_TRUE(found);
}

TEST(DatingMoreRules, SoftCueAgainstHardBoundIsASoftInconsistency) {
  const auto r = date_text(index(), "The battle for Baghouz is over. Strike them before the fall of Raqqa.");
  EXPECT_TRUE(r.overall.window.consistent);
  ASSERT_EQ(r.overall.conflicts.size(), 1u);
  EXPECT_EQ(r.overall.conflicts[0].kind, "soft");
  EXPECT_EQ(r.overall.conflicts[0].upper.cite.rule, "mention.deadline");
  EXPECT_EQ(*r.overall.window.likely_earliest, d("2019-03-23")) << "the contradicted soft bound is left out";
}

TEST(DatingMoreRules, HypotheticalGivesNoBound) {
  const auto r = date_text(index(), "Would we be defeated if Raqqa fell? Never.");
  EXPECT_TRUE(r.overall.bounds.empty());
  ASSERT_EQ(r.references.size(), 1u);
  EXPECT_EQ(r.references[0].modality, "conditional");
  EXPECT_EQ(r.references[0].verdict, Verdict::dropped);
}

TEST(DatingMoreRules, HijriMonthAndYearWithoutDay) {
  // Dhu al-Hijjah 1440 ran from about 2 August to 30 August 2019.
  const auto r = date_text(index(), "Written in Dhu al-Hijjah 1440.");
  ASSERT_TRUE(r.overall.window.likely_earliest);
  EXPECT_GE(*r.overall.window.likely_earliest, d("2019-07-29"));
  EXPECT_LE(*r.overall.window.likely_earliest, d("2019-08-02"));
  const auto ar = date_text(index(), "كتب في ذي الحجة ١٤٤٠ هـ");
  ASSERT_TRUE(ar.overall.window.likely_earliest);
  EXPECT_EQ(*ar.overall.window.likely_earliest, *r.overall.window.likely_earliest);
}

TEST(DatingMoreRules, FutureDateIsASoftUpperBound) {
  const auto r = date_text(index(), "We will meet you on 1 January 2016, God willing.");
  ASSERT_TRUE(r.overall.window.likely_latest);
  EXPECT_EQ(*r.overall.window.likely_latest, d("2016-01-01"));
  EXPECT_FALSE(r.overall.window.likely_earliest);
}

TEST(DatingMoreRules, NegatedDateSaysNothing) {
  EXPECT_TRUE(date_text(index(), "It was not 10 June 2014.").overall.bounds.empty());
}

TEST(DatingMoreRules, ArabicRamadanGreetingNarrowsWindow) {
  DatingOptions options;
  options.released = d("2016-12-31");
  const auto r = date_text(index(), "رمضان كريم. والمعركة في الموصل مستمرة، ومعركة الموصل لا تزال قائمة.", options);
  const auto& w = r.overall.window;
  ASSERT_TRUE(w.consistent);
  EXPECT_EQ(*w.earliest, d("2016-10-17"));
  // No Ramadan lies between 17 Oct and 31 Dec 2016: a season inconsistency.
  ASSERT_EQ(r.overall.conflicts.size(), 1u);
  EXPECT_EQ(r.overall.conflicts[0].kind, "season");
}

TEST(DatingMoreRules, UnboundedSeasonIsANote) {
  const auto r = date_text(index(), "Ramadan Kareem to all the Muslims.");
  EXPECT_TRUE(r.overall.bounds.empty());
  ASSERT_EQ(r.overall.notes.size(), 1u);
  EXPECT_NE(r.overall.notes[0].find("Ramadan"), std::string::npos);
}

TEST(DatingMoreRules, EmptyAndWhitespaceTranscripts) {
  EXPECT_TRUE(date_text(index(), "").references.empty());
  EXPECT_TRUE(date_text(index(), "\n\n  \n").references.empty());
}

TEST(DatingMoreRules, HugeTranscriptIsRefused) {
  std::string big((64u << 20) + 1, 'a');
  try {
    parse_transcript(std::move(big), "huge.txt");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("huge.txt: transcript too large"), std::string::npos);
  }
}

TEST(DatingMoreRules, BinaryFileIsRejectedAsInvalidUtf8) {
  const std::string wav_header("RIFF\x24\x80\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00\x80\x3e", 28);
  try {
    parse_transcript(wav_header, "audio.wav");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "audio.wav: invalid UTF-8 at byte 5");
  }
}

}  // namespace
}  // namespace prov::content

namespace prov::content {
namespace {

using test::date_text;

const ReferenceIndex& index_for_iso() {
  static const ReferenceIndex i = test::make_index();
  return i;
}

TEST(DatingMoreRules2, IsoDateInText) {
  const auto r = date_text(index_for_iso(), "Statement issued 2019-04-29 by the media office.");
  ASSERT_TRUE(r.overall.window.likely_earliest);
  EXPECT_EQ(day_to_iso(*r.overall.window.likely_earliest), "2019-04-29");
  EXPECT_TRUE(date_text(index_for_iso(), "Call 2019-0429 or 12-2019-04.").overall.bounds.empty());
}

TEST(DatingMoreRules2, CodePointIndexMatchesDirectCount) {
  std::string text;
  for (int i = 0; i < 3000; ++i) text += (i % 3 == 0) ? "الرقة " : "Raqqa ";
  const CodePointIndex index(text);
  for (std::size_t at : {std::size_t{0}, std::size_t{1}, std::size_t{4095}, std::size_t{4096}, std::size_t{9000},
                         text.size()}) {
    EXPECT_EQ(index(at), code_points_before(text, at)) << at;
  }
}

}  // namespace
}  // namespace prov::content

namespace prov::content {
namespace {

TEST(DatingMoreRules3, ArabicEidGreetingSpansBothEidsInTheWindow) {
  DatingOptions options;
  options.released = parse_iso_range("2019-12-31")->earliest;
  const auto r = test::date_text(index_for_iso(), "عيدكم مبارك وتقبل الله منا ومنكم. انتهت معركة الباغوز.", options);
  const auto& w = r.overall.window;
  ASSERT_TRUE(w.likely_earliest && w.likely_latest);
  // Eid al-Fitr 1440 began about 4 June 2019, Eid al-Adha about 11 August.
  EXPECT_GE(*w.likely_earliest, parse_iso_range("2019-05-31")->earliest);
  EXPECT_LE(*w.likely_earliest, parse_iso_range("2019-06-04")->earliest);
  EXPECT_GE(*w.likely_latest, parse_iso_range("2019-08-13")->earliest);
  EXPECT_LE(*w.likely_latest, parse_iso_range("2019-08-18")->earliest);
  EXPECT_EQ(r.overall.bounds[*w.likely_earliest_by].cite.event_id, "greeting-eid");
}

}  // namespace
}  // namespace prov::content

namespace prov::content {
namespace {

TEST(DatingMoreRules4, OpenStateBoundsOnlyFromBelow) {
  std::istringstream g(test::kGazetteer);
  std::istringstream t(
      R"({"id":"holds","kind":"state","label":"Group holds Mosul","start":"2014-06-10","cues":["{mosul} under the caliphate"],"sources":["s"]})");
  const ReferenceIndex idx(parse_timeline(t, "t.jsonl"), parse_gazetteer(g, "g.jsonl"));
  const auto r = test::date_text(idx, "Mosul under the caliphate is at peace.");
  ASSERT_TRUE(r.overall.window.earliest);
  EXPECT_EQ(day_to_iso(*r.overall.window.earliest), "2014-06-10");
  EXPECT_FALSE(r.overall.window.latest);
}

}  // namespace
}  // namespace prov::content

namespace prov::content {
namespace {

TEST(DatingMoreRules5, RelativeTimeShiftsTheLikelyBound) {
  const auto r = test::date_text(index_for_iso(), "Two years after Raqqa fell, we are still here.");
  const auto& w = r.overall.window;
  ASSERT_TRUE(w.earliest && w.likely_earliest);
  EXPECT_EQ(day_to_iso(*w.earliest), "2017-10-17");
  // 17 Oct 2017 + 730 days - 60 days of tolerance.
  EXPECT_EQ(day_to_iso(*w.likely_earliest), "2019-08-18");
  EXPECT_EQ(r.overall.bounds[*w.likely_earliest_by].cite.rule, "mention.completed+relative");
  const auto ar = test::date_text(index_for_iso(), "بعد عامين من سقوط الرقة ما زلنا هنا.");
  ASSERT_TRUE(ar.overall.window.likely_earliest);
  EXPECT_EQ(*ar.overall.window.likely_earliest, *w.likely_earliest);
}

TEST(DatingMoreRules5, AnniversaryIsASoftWindow) {
  const auto r = test::date_text(index_for_iso(), "On the second anniversary of the battle of Baghouz we remember.");
  const auto& w = r.overall.window;
  ASSERT_TRUE(w.likely_earliest && w.likely_latest);
  // The battle ran from 9 February to 23 March 2019.
  EXPECT_LE(*w.likely_earliest, parse_iso_range("2021-02-09")->earliest);
  EXPECT_GE(*w.likely_latest, parse_iso_range("2021-03-23")->earliest);
  EXPECT_LE(*w.likely_latest - *w.likely_earliest, 80);
  EXPECT_FALSE(w.latest) << "an anniversary sets no hard upper bound";
  EXPECT_EQ(day_to_iso(*w.earliest), "2019-02-09");
  const auto ar = test::date_text(index_for_iso(), "في الذكرى الثانية لمعركة الباغوز نتذكر.");
  ASSERT_TRUE(ar.overall.window.likely_earliest);
  EXPECT_EQ(*ar.overall.window.likely_earliest, *w.likely_earliest);
}

}  // namespace
}  // namespace prov::content
