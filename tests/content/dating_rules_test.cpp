#include <gtest/gtest.h>

#include "content/hijri.h"
#include "core/error.h"
#include "fixtures.h"

namespace prov::content {
namespace {

using test::date_text;
using test::make_index;

const ReferenceIndex& index() {
  static const ReferenceIndex i = make_index();
  return i;
}

Day d(const char* iso) { return parse_iso_range(iso)->earliest; }

TEST(DatingRules, CompletedBattleSetsHardLowerBoundAtItsEnd) {
  const auto r = date_text(index(), "Praise be to God. The battle for Baghouz is over, and the caliphate remains.");
  const auto& w = r.overall.window;
  ASSERT_TRUE(w.earliest);
  EXPECT_EQ(*w.earliest, d("2019-03-23"));
  EXPECT_FALSE(w.latest);
  const Bound& b = r.overall.bounds[*w.earliest_by];
  EXPECT_EQ(b.cite.rule, "mention.completed");
  EXPECT_EQ(b.cite.event_id, "baghouz-battle");
  ASSERT_TRUE(b.cite.quote);
  EXPECT_EQ(b.cite.quote->matched, "battle for Baghouz");
  EXPECT_NE(b.cite.quote->sentence.find("The battle for Baghouz is over"), std::string::npos);
  EXPECT_EQ(b.cite.sources, std::vector<std::string>{"test"});
}

TEST(DatingRules, NegatedFallIsOnlyASoftUpperBound) {
  // Denials are also made after the fact ("Raqqa has not fallen" in 2018).
  const auto r = date_text(index(), "Raqqa has not fallen.");
  const auto& w = r.overall.window;
  EXPECT_FALSE(w.earliest);
  EXPECT_FALSE(w.latest);
  ASSERT_TRUE(w.likely_latest);
  EXPECT_EQ(*w.likely_latest, d("2017-10-17"));
  EXPECT_EQ(r.overall.bounds[*w.likely_latest_by].cite.rule, "mention.negated");
  EXPECT_EQ(r.overall.bounds[*w.likely_latest_by].cite.tense, "negated");
  ASSERT_EQ(r.references.size(), 1u);
  EXPECT_EQ(r.references[0].verdict, Verdict::softened);
}

TEST(DatingRules, DenyingAClaimGivesNoBound) {
  const auto r = date_text(index(), "Raqqa has not fallen, whatever the crusaders claim.");
  EXPECT_TRUE(r.overall.bounds.empty());
  ASSERT_EQ(r.references.size(), 1u);
  EXPECT_EQ(r.references[0].verdict, Verdict::dropped);
  EXPECT_EQ(r.references[0].modality, "reported");
}

TEST(DatingRules, CompletedFallMeansAfterTheFall) {
  const auto r = date_text(index(), "Even though Rakka fell, we are steadfast.");
  ASSERT_TRUE(r.overall.window.earliest);
  EXPECT_EQ(*r.overall.window.earliest, d("2017-10-17"));
}

TEST(DatingRules, FutureWordingGivesNoBound) {
  const auto r = date_text(index(), "Ar-Raqqah will never be taken, and Mosul? Raqqa will fall soon.");
  EXPECT_TRUE(r.overall.bounds.empty()) << "future wording says nothing about whether it happened";
  ASSERT_FALSE(r.references.empty());
  for (const auto& ref : r.references) {
    EXPECT_EQ(ref.verdict, Verdict::dropped);
    EXPECT_EQ(ref.modality, "future");
    EXPECT_NE(ref.reason.find("'will'"), std::string::npos) << ref.reason;
  }
}

TEST(DatingRules, NegatedFutureSaysNothing) {
  const auto r = date_text(index(), "Raqqa will never fall.");
  EXPECT_TRUE(r.overall.bounds.empty());
}

TEST(DatingRules, OngoingBattleGivesTheBattleSpan) {
  const auto r = date_text(index(), "The battle of Mosul continues and our soldiers hold firm.");
  const auto& w = r.overall.window;
  ASSERT_TRUE(w.earliest && w.latest);
  EXPECT_EQ(*w.earliest, d("2016-10-17"));
  EXPECT_EQ(*w.latest, d("2017-07-10"));
  EXPECT_EQ(r.overall.bounds[*w.earliest_by].cite.rule, "mention.ongoing");
}

TEST(DatingRules, ArabicNegationWithClitics) {
  // "and Raqqa did not fall" with the conjunction wa- on the verb and the
  // article on the city; harakat and tatweel in the text.
  const auto r = date_text(index(), "إن الرَّقَّة لم تسقـط ولن تسقط بإذن الله.");
  const auto& w = r.overall.window;
  ASSERT_TRUE(w.likely_latest);
  EXPECT_EQ(*w.likely_latest, d("2017-10-17"));
  EXPECT_FALSE(w.latest) << "a denial is soft";
  EXPECT_FALSE(w.earliest);
}

TEST(DatingRules, ArabicCliticsOnTheEntity) {
  // "after the fall of Raqqa" written with bi- and the article: بسقوط + الرقة,
  // and "in Baghouz" as fi + الباغوز: "وبعد سقوط الرقة".
  const auto r = date_text(index(), "وبعد سقوط الرقة انتقل الإخوة إلى الباغوز.");
  ASSERT_TRUE(r.overall.window.earliest);
  EXPECT_EQ(*r.overall.window.earliest, d("2017-10-17"));
  const auto r2 = date_text(index(), "انتهت معركة الباغوز وبقيت الدولة.");
  ASSERT_TRUE(r2.overall.window.earliest);
  EXPECT_EQ(*r2.overall.window.earliest, d("2019-03-23"));
  const auto r3 = date_text(index(), "ولمعركة الموصل رجال ما زالت تقاتل.");
  ASSERT_TRUE(r3.overall.window.earliest && r3.overall.window.latest);
  EXPECT_EQ(*r3.overall.window.latest, d("2017-07-10"));
}

TEST(DatingRules, ArabicFuturePrefix) {
  const auto r = date_text(index(), "والرقة ستسقط قريبا.");
  EXPECT_TRUE(r.overall.bounds.empty());
  ASSERT_EQ(r.references.size(), 1u);
  EXPECT_EQ(r.references[0].modality, "future");
  EXPECT_EQ(r.references[0].verdict, Verdict::dropped);
}

TEST(DatingRules, CueWithOwnRelation) {
  const auto r = date_text(index(), "As the late al-Adnani told you, fight them.");
  ASSERT_TRUE(r.overall.window.earliest);
  EXPECT_EQ(*r.overall.window.earliest, d("2016-08-30"));
  EXPECT_EQ(r.overall.bounds[*r.overall.window.earliest_by].cite.rule, "cue.after");
  const auto r2 = date_text(index(), "قال الشيخ الشهيد أبو محمد العدناني");
  ASSERT_TRUE(r2.overall.window.earliest);
  EXPECT_EQ(*r2.overall.window.earliest, d("2016-08-30"));
}

TEST(DatingRules, ExplicitGregorianDate) {
  const auto r = date_text(index(), "On 10 June 2014 the soldiers entered the city.");
  ASSERT_TRUE(r.overall.window.likely_earliest);
  EXPECT_EQ(*r.overall.window.likely_earliest, d("2014-06-10"));
  EXPECT_FALSE(r.overall.window.earliest) << "a date mentioned is a soft bound";
  EXPECT_EQ(r.overall.bounds[0].cite.rule, "date.mentioned.gregorian");
  const auto us = date_text(index(), "It was June 29, 2014.");
  ASSERT_TRUE(us.overall.window.likely_earliest);
  EXPECT_EQ(*us.overall.window.likely_earliest, d("2014-06-29"));
  const auto ar = date_text(index(), "في ١٠ حزيران ٢٠١٤ دخل الجنود المدينة");
  ASSERT_TRUE(ar.overall.window.likely_earliest);
  EXPECT_EQ(*ar.overall.window.likely_earliest, d("2014-06-10"));
}

TEST(DatingRules, HijriDateWidenedByTwoDays) {
  // 1 Ramadan 1435 = 28 June 2014 (Umm al-Qura); the window is widened.
  const auto r = date_text(index(), "Today, 1 Ramadan 1435 AH, we announce the caliphate.");
  const auto& w = r.overall.window;
  ASSERT_TRUE(w.likely_earliest && w.likely_latest);
  EXPECT_LE(*w.likely_earliest, d("2014-06-26"));
  EXPECT_GE(*w.likely_latest, d("2014-06-30"));
  EXPECT_LE(*w.likely_latest - *w.likely_earliest, 6);
  EXPECT_EQ(r.overall.bounds[*w.likely_earliest_by].cite.rule, "date.today.hijri");
  const auto ar = date_text(index(), "اليوم غرة رمضان ١٤٣٥ هـ");
  ASSERT_TRUE(ar.overall.window.likely_earliest);
  EXPECT_EQ(*ar.overall.window.likely_earliest, *w.likely_earliest);
  const auto year = date_text(index(), "كتب في عام 1438 هـ");
  ASSERT_TRUE(year.overall.window.likely_earliest);
  // 1 Muharram 1438 = 2 October 2016.
  EXPECT_LE(*year.overall.window.likely_earliest, d("2016-10-02"));
  EXPECT_GE(*year.overall.window.likely_earliest, d("2016-09-28"));
}

TEST(DatingRules, RamadanGreetingNarrowsABoundedWindow) {
  DatingOptions options;
  options.released = d("2019-12-31");
  const auto r = date_text(index(), "The battle for Baghouz is over. Ramadan Mubarak to the Muslims.", options);
  const auto& w = r.overall.window;
  ASSERT_TRUE(w.likely_earliest && w.likely_latest);
  // Ramadan 1440 ran from about 6 May to 4 June 2019.
  EXPECT_GE(*w.likely_earliest, d("2019-05-02"));
  EXPECT_LE(*w.likely_earliest, d("2019-05-06"));
  EXPECT_GE(*w.likely_latest, d("2019-06-03"));
  EXPECT_LE(*w.likely_latest, d("2019-06-07"));
  EXPECT_EQ(*w.earliest, d("2019-03-23"));
  EXPECT_EQ(*w.latest, d("2019-12-31"));
}

TEST(DatingRules, ReleaseDateIsAHardUpperBound) {
  DatingOptions options;
  options.released = d("2019-04-29");
  const auto r = date_text(index(), "The battle of Baghouz is over.", options);
  ASSERT_TRUE(r.overall.window.latest);
  EXPECT_EQ(*r.overall.window.latest, d("2019-04-29"));
  EXPECT_EQ(r.overall.bounds[*r.overall.window.latest_by].cite.rule, "release");
}

TEST(DatingRules, ContradictionQuotesBothPassages) {
  const auto r = date_text(index(), "Raqqa fell to the crusaders.\n\nThe battle for Baghouz is over.",
                           DatingOptions{d("2018-01-01"), {}, {}, {}, "", {}});
  EXPECT_FALSE(r.overall.window.consistent);
  ASSERT_FALSE(r.overall.conflicts.empty());
  const Conflict& c = r.overall.conflicts.front();
  EXPECT_EQ(c.kind, "hard");
  EXPECT_EQ(c.lower.cite.event_id, "baghouz-battle");
  EXPECT_EQ(c.upper.cite.rule, "release");
  const auto findings = to_findings(r, nlohmann::json::object());
  bool found = false;
  for (const auto& f : findings) {
    if (f.kind != "inconsistency" || f.detector != "content.contradiction") continue;
    found = true;
    EXPECT_NE(f.summary.find("The battle for Baghouz is over"), std::string::npos);
  }
  EXPECT_TRUE(found);
}

TEST(DatingRules, SegmentsDatedApartAreFlagged) {
  const std::string srt =
      "1\n00:00:01,000 --> 00:00:05,000\nThe battle of Mosul continues.\n\n"
      "2\n00:41:10,000 --> 00:41:20,000\nOur brothers in Sri Lanka struck the crusaders.\n";
  const auto r = date_transcript(parse_transcript(srt, "s.srt"), index(), {});
  ASSERT_EQ(r.segments.size(), 2u);
  ASSERT_EQ(r.segment_conflicts.size(), 1u);
  const Conflict& c = r.segment_conflicts.front();
  EXPECT_EQ(c.lower.cite.event_id, "sri-lanka-easter");
  ASSERT_TRUE(c.lower.cite.quote && c.lower.cite.quote->start_s);
  EXPECT_DOUBLE_EQ(*c.lower.cite.quote->start_s, 2470.0);
  EXPECT_EQ(c.upper.cite.event_id, "mosul-offensive");
}

TEST(DatingRules, RejectedBoundIsLeftOut) {
  DatingOptions options;
  options.released = d("2018-01-01");
  const auto first = date_text(index(), "The battle for Baghouz is over.", options);
  ASSERT_FALSE(first.overall.window.consistent);
  const std::string id = first.overall.conflicts.front().lower.cite.bound_id;
  options.rejected.insert(id);
  const auto second = date_text(index(), "The battle for Baghouz is over.", options);
  EXPECT_TRUE(second.overall.window.consistent);
  EXPECT_EQ(second.rejected, std::vector<std::string>{id});
}

TEST(DatingRules, RejectedEventIsLeftOutAndUnknownIdIsAnError) {
  DatingOptions options;
  options.rejected_events.insert("baghouz-battle");
  const auto r = date_text(index(), "The battle for Baghouz is over.", options);
  EXPECT_TRUE(r.overall.bounds.empty());
  EXPECT_EQ(r.rejected, std::vector<std::string>{"event baghouz-battle"});
  options.rejected_events = {"baghuz-battle"};
  EXPECT_THROW(date_text(index(), "The battle for Baghouz is over.", options), InputError);
}

TEST(DatingRules, ConfirmedDeathIsAHardUpperBound) {
  DatingOptions options;
  options.died = d("2016-08-30");
  const auto r = date_text(index(), "Raqqa has not fallen.", options);
  ASSERT_TRUE(r.overall.window.latest);
  EXPECT_EQ(*r.overall.window.latest, d("2016-08-30"));
  EXPECT_EQ(r.overall.bounds[*r.overall.window.latest_by].cite.rule, "died");
}

TEST(DatingRules, QuoteOffsetsPointIntoTheFile) {
  const std::string text = "Première ligne.\n\nThe battle for Baghuz is over.";
  const auto r = date_text(index(), text);
  ASSERT_FALSE(r.references.empty());
  const Quote& q = r.references.front().quote;
  EXPECT_EQ(text.substr(q.byte_begin, q.byte_end - q.byte_begin), "battle for Baghuz");
  EXPECT_EQ(q.byte_begin - q.char_begin, 1u) << "one two-byte character (è) precedes the quote";
  EXPECT_EQ(q.segment, 1);
}

TEST(DatingRules, NothingFoundMeansNoBounds) {
  const auto r = date_text(index(), "Fear God and be patient.");
  EXPECT_TRUE(r.references.empty());
  EXPECT_TRUE(r.overall.window.consistent);
  EXPECT_FALSE(r.overall.window.earliest || r.overall.window.latest);
  const auto findings = to_findings(r, nlohmann::json::object());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].strength, 0.0);
}

}  // namespace
}  // namespace prov::content
