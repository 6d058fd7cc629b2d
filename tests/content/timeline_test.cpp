#include <gtest/gtest.h>

#include <sstream>

#include "content/hijri.h"
#include "content/references.h"
#include "core/error.h"
#include "fixtures.h"

namespace prov::content {
namespace {

std::string timeline_error(const std::string& text) {
  std::istringstream in(text);
  try {
    parse_timeline(in, "events.jsonl");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(Timeline, ParsesEventsStatesAndHolidays) {
  std::istringstream in(test::kTimeline);
  const auto t = parse_timeline(in, "t.jsonl");
  ASSERT_EQ(t.events.size(), 5u);
  const Event& raqqa = t.events[0];
  EXPECT_EQ(raqqa.id, "raqqa-falls");
  EXPECT_EQ(raqqa.line, 3);
  EXPECT_EQ(raqqa.start.earliest, parse_iso_range("2017-10-17")->earliest);
  EXPECT_TRUE(raqqa.tense_sensitive);
  const Event& battle = t.events[1];
  EXPECT_EQ(battle.kind, EventKind::state);
  EXPECT_EQ(battle.implies, Relation::during);
  ASSERT_TRUE(battle.end);
}

TEST(Timeline, UserDefinedHoliday) {
  std::istringstream in(
      R"({"id":"ashura","kind":"holiday","label":"Ashura","hijri":[{"month":1,"from":10,"to":10}],"cues":["day of Ashura"],"sources":["s"]})");
  const auto t = parse_timeline(in, "t.jsonl");
  ASSERT_EQ(t.events.size(), 1u);
  EXPECT_EQ(t.events[0].kind, EventKind::holiday);
  EXPECT_EQ(t.events[0].hijri.at(0).month, 1);
  EXPECT_EQ(t.events[0].hijri.at(0).from_day, 10);
  std::istringstream bad(R"({"id":"x","kind":"holiday","hijri":[{"month":13}],"cues":["x"],"sources":["s"]})");
  EXPECT_THROW(parse_timeline(bad, "t.jsonl"), InputError);
}

TEST(Timeline, DatePrecisionWidensTheRange) {
  std::istringstream in(R"({"id":"x","date":"2017-08","cues":["x"],"sources":["s"]})");
  const auto t = parse_timeline(in, "t.jsonl");
  EXPECT_EQ(t.events[0].start.earliest, parse_iso_range("2017-08-01")->earliest);
  EXPECT_EQ(t.events[0].start.latest, parse_iso_range("2017-08-31")->earliest);
}

TEST(Timeline, MalformedLinesNameFileAndLine) {
  EXPECT_EQ(timeline_error("{\"id\":\"a\",\"date\":\"2014\",\"cues\":[\"a\"],\"sources\":[\"s\"]}\n\n{\"id\": oops}\n"),
            "events.jsonl: line 3: malformed JSON at column 8");
  EXPECT_EQ(timeline_error("[1,2]\n"), "events.jsonl: line 1: expected a JSON object");
  EXPECT_EQ(timeline_error(R"({"id":"a","kind":"battle","date":"2014","cues":["a"],"sources":["s"]})"),
            "events.jsonl: line 1: unknown kind 'battle' (event, state, death, term, holiday, claim)");
  EXPECT_EQ(timeline_error(R"({"id":"a","date":"2014-13-01","cues":["a"],"sources":["s"]})"),
            "events.jsonl: line 1: \"date\" is not a date (YYYY[-MM[-DD]])");
  EXPECT_EQ(timeline_error(R"({"id":"a","date":"2014","cues":["a"]})"),
            "events.jsonl: line 1: event 'a' needs \"sources\"");
  EXPECT_EQ(timeline_error("{\"id\":\"a\",\"date\":\"2014\",\"cues\":[\"a\"],\"sources\":[\"s\"]}\n"
                           "{\"id\":\"a\",\"date\":\"2015\",\"cues\":[\"b\"],\"sources\":[\"s\"]}\n"),
            "events.jsonl: line 2: duplicate id 'a'");
  EXPECT_EQ(timeline_error(std::string("{\"id\":\"a\",\"label\":\"\xFF\"}")),
            "events.jsonl: line 1: invalid UTF-8 at byte 19");
  EXPECT_EQ(timeline_error(R"({"id":"a","start":"2015","end":"2014","cues":["a"],"sources":["s"]})"),
            "events.jsonl: line 1: \"end\" is before \"start\"");
  // A number beyond a double's range (found by fuzzing): an error, not a crash.
  const std::string huge = timeline_error(R"({"id":"a","type":218e96529})");
  EXPECT_EQ(huge.rfind("events.jsonl: line 1: unreadable JSON", 0), 0u) << huge;
}

TEST(Timeline, UnknownEntityInCueIsReported) {
  std::istringstream t(R"({"id":"a","date":"2014","cues":["fall of {atlantis}"],"sources":["s"]})");
  std::istringstream g("");
  try {
    ReferenceIndex index(parse_timeline(t, "e.jsonl"), parse_gazetteer(g, "g.jsonl"));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "e.jsonl: line 1: cue of event 'a' names entity 'atlantis', which is not in the gazetteer");
  }
}

TEST(Gazetteer, MalformedLineAndMissingId) {
  std::istringstream bad("{\"id\":\"raqqa\",\"aliases\":[\"Rakka\"]}\n{\"name\":\"Mosul\"}\n");
  try {
    parse_gazetteer(bad, "g.jsonl");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "g.jsonl: line 2: entry needs a string \"id\"");
  }
}

TEST(Hijri, KnownConversions) {
  // Umm al-Qura: 1 Ramadan 1435 = 28 June 2014; 1 Shawwal 1440 = 4 June 2019.
  const auto ramadan = hijri_to_days(1435, 9, 1, 0);
  ASSERT_TRUE(ramadan);
  EXPECT_LE(ramadan->earliest, parse_iso_range("2014-06-28")->earliest);
  EXPECT_GE(ramadan->latest, parse_iso_range("2014-06-28")->earliest);
  EXPECT_LE(ramadan->latest - ramadan->earliest, 1);
  const auto eid = hijri_to_days(1440, 10, 1);
  ASSERT_TRUE(eid);
  EXPECT_LE(eid->earliest, parse_iso_range("2019-06-02")->earliest);
  EXPECT_GE(eid->latest, parse_iso_range("2019-06-06")->earliest);
  EXPECT_EQ(hijri_year_of(parse_iso_range("2014-07-04")->earliest), 1435);
  const auto months = hijri_occurrences({9, 1, 30}, {parse_iso_range("2016-01-01")->earliest,
                                                     parse_iso_range("2018-12-31")->earliest});
  EXPECT_EQ(months.size(), 3u);
}

TEST(StarterTimeline, LoadsAndIndexes) {
  const std::string dir = std::string(PROVENANCE_SOURCE_DIR) + "/data/timeline/";
  auto timeline = load_timeline(dir + "iraq-syria-2013-2020.jsonl");
  auto gazetteer = load_gazetteer(dir + "gazetteer.jsonl");
  EXPECT_GE(timeline.events.size(), 60u);
  EXPECT_GE(gazetteer.entities.size(), 30u);
  for (const auto& e : timeline.events) EXPECT_FALSE(e.sources.empty()) << e.id;
  const ReferenceIndex index(std::move(timeline), std::move(gazetteer));
  const auto r = test::date_text(index, "The battle of Baghuz is over. Our brothers in Sri Lanka avenged it.");
  ASSERT_TRUE(r.overall.window.earliest);
  EXPECT_EQ(day_to_iso(*r.overall.window.earliest), "2019-04-21");
}

}  // namespace
}  // namespace prov::content
