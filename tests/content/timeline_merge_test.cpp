#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "content/dating_inputs.h"
#include "core/error.h"
#include "fixtures.h"
#include "support/test_support.h"

namespace prov::content {
namespace {

Timeline parse(const std::string& text, const std::string& name = "t.jsonl") {
  std::istringstream in(text);
  return parse_timeline(in, name);
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(TimelineMerge, UnknownKeyIsAnErrorWithItsLine) {
  const std::string text =
      "# comment\n"
      "{\"id\":\"a\",\"date\":\"2015-01-01\",\"cues\":[\"x\"],\"sources\":[\"s\"]}\n"
      "{\"id\":\"b\",\"date\":\"2015-01-01\",\"cues\":[\"y\"],\"strenght\":\"soft\",\"sources\":[\"s\"]}\n";
  const auto msg = error_of([&] { parse(text); });
  EXPECT_NE(msg.find("t.jsonl: line 3: unknown key \"strenght\""), std::string::npos) << msg;
  const auto cue = error_of([&] { parse("{\"id\":\"a\",\"date\":\"2015\",\"cues\":[{\"text\":\"x\",\"relaton\":\"after\"}],\"sources\":[\"s\"]}\n"); });
  EXPECT_NE(cue.find("line 1: unknown key \"relaton\""), std::string::npos) << cue;
}

TEST(TimelineMerge, UnknownGazetteerKeyIsAnError) {
  std::istringstream g("{\"id\":\"a\",\"name\":\"A\"}\n{\"id\":\"b\",\"alias\":[\"B\"]}\n");
  const auto msg = error_of([&] { parse_gazetteer(g, "g.jsonl"); });
  EXPECT_NE(msg.find("g.jsonl: line 2: unknown key \"alias\""), std::string::npos) << msg;
}

TEST(TimelineMerge, FutureDatesAreRefused) {
  const auto msg = error_of([&] { parse("{\"id\":\"a\",\"date\":\"2999-01-01\",\"cues\":[\"x\"],\"sources\":[\"s\"]}\n"); });
  EXPECT_NE(msg.find("after today"), std::string::npos) << msg;
}

TEST(TimelineMerge, LaterFileExtendsAnEventById) {
  Timeline all = parse("{\"id\":\"a\",\"date\":\"2015-01-01\",\"cues\":[\"first phrase\"],\"sources\":[\"s\"]}\n", "one.jsonl");
  merge_timeline(all, parse("{\"extends\":\"a\",\"cues\":[\"second phrase\"],\"sources\":[\"mine\"]}\n"
                            "{\"id\":\"b\",\"date\":\"2016-01-01\",\"cues\":[\"other\"],\"sources\":[\"s\"]}\n",
                            "two.jsonl"));
  ASSERT_EQ(all.events.size(), 2u);
  EXPECT_EQ(all.events[0].cues.size(), 2u);
  EXPECT_EQ(all.events[0].sources, (std::vector<std::string>{"s", "mine"}));
  EXPECT_TRUE(all.extensions.empty());
  const ReferenceIndex index(std::move(all), Gazetteer{});
  const auto r = test::date_text(index, "We remember the second phrase.");
  ASSERT_TRUE(r.overall.window.earliest);
  EXPECT_EQ(day_to_iso(*r.overall.window.earliest), "2015-01-01");
}

TEST(TimelineMerge, DuplicateIdAndUnknownExtensionAreErrors) {
  Timeline all = parse("{\"id\":\"a\",\"date\":\"2015-01-01\",\"cues\":[\"x\"],\"sources\":[\"s\"]}\n", "one.jsonl");
  const auto dup = error_of([&] {
    merge_timeline(all, parse("{\"id\":\"a\",\"date\":\"2016-01-01\",\"cues\":[\"y\"],\"sources\":[\"s\"]}\n", "two.jsonl"));
  });
  EXPECT_NE(dup.find("two.jsonl: line 1: event id 'a' is already defined in one.jsonl line 1"), std::string::npos) << dup;
  prov::test::TempDir dir;
  std::ofstream(dir / "x.jsonl") << "{\"extends\":\"nope\",\"cues\":[\"z\"]}\n";
  const auto unknown = error_of([&] { load_timelines({dir / "x.jsonl"}); });
  EXPECT_NE(unknown.find("line 1: \"extends\" names 'nope'"), std::string::npos) << unknown;
}

TEST(TimelineMerge, EventWithSeveralEntities) {
  std::istringstream g(
      "{\"id\":\"kabul\",\"type\":\"place\",\"name\":\"Kabul\",\"aliases\":[\"كابل\"]}\n"
      "{\"id\":\"sherpur\",\"type\":\"place\",\"name\":\"Sherpur\"}\n");
  Timeline t = parse(
      "{\"id\":\"strike\",\"kind\":\"death\",\"date\":\"2022-07-31\",\"entity\":[\"kabul\",\"sherpur\"],"
      "\"predicates\":[\"drone strike\",\"غارة\"],\"sources\":[\"s\"]}\n");
  const ReferenceIndex index(std::move(t), parse_gazetteer(g, "g.jsonl"));
  EXPECT_TRUE(test::date_text(index, "A drone strike hit a house in Sherpur.").overall.window.earliest);
  EXPECT_TRUE(test::date_text(index, "غارة على كابل").overall.window.earliest);
}

TEST(TimelineMerge, SideDecidesWhetherACaptureIsHard) {
  std::istringstream g("{\"id\":\"mosul\",\"type\":\"place\",\"name\":\"Mosul\",\"aliases\":[\"الموصل\"]}\n");
  Timeline t = parse(
      "{\"id\":\"taken\",\"date\":\"2014-06-10\",\"entity\":\"mosul\",\"predicates\":[\"liberated\",\"حرر\"],"
      "\"side\":[\"islamic-state\"],\"tense_sensitive\":false,\"sources\":[\"s\"]}\n"
      "{\"id\":\"retaken\",\"date\":\"2017-07-10\",\"entity\":\"mosul\",\"predicates\":[\"liberated\",\"حرر\"],"
      "\"side\":[\"iraq\"],\"tense_sensitive\":false,\"sources\":[\"s\"]}\n");
  const ReferenceIndex index(std::move(t), parse_gazetteer(g, "g.jsonl"));
  const std::string text = "Our brothers liberated Mosul.";
  const auto unknown = test::date_text(index, text);
  EXPECT_FALSE(unknown.overall.window.earliest) << "no side given: soft only";
  for (const auto& ref : unknown.references) EXPECT_EQ(ref.verdict, Verdict::softened);
  DatingOptions is;
  is.speaker_side = "Islamic State";
  const auto r = test::date_text(index, text, is);
  ASSERT_TRUE(r.overall.window.earliest);
  EXPECT_EQ(day_to_iso(*r.overall.window.earliest), "2014-06-10");
  bool dropped = false;
  for (const auto& ref : r.references) dropped = dropped || (ref.event->id == "retaken" && ref.verdict == Verdict::dropped);
  EXPECT_TRUE(dropped) << "the 2017 recapture was not by the speaker's side";
  DatingOptions iraq;
  iraq.speaker_side = "iraq";
  const auto ri = test::date_text(index, "حرر أبطالنا الموصل", iraq);
  ASSERT_TRUE(ri.overall.window.earliest);
  EXPECT_EQ(day_to_iso(*ri.overall.window.earliest), "2017-07-10");
}

TEST(TimelineMerge, EditorialBracketsAreNotSpeech) {
  const auto index = test::make_index();
  const auto r = test::date_text(index, "[Translator's note: the speaker means the fall of Raqqa.] ((Editor: Baghouz battle is over))");
  EXPECT_TRUE(r.overall.bounds.empty());
  ASSERT_EQ(r.editorial.size(), 2u);
  for (const auto& ref : r.references) EXPECT_EQ(ref.rule, "editorial");
}

TEST(TimelineMerge, EnglishStemsAndArabicLightStems) {
  const auto index = test::make_index();
  // "liberating" is not listed; its stem is that of "liberated".
  EXPECT_TRUE(test::date_text(index, "The day of liberating Raqqa came.").overall.window.earliest);
  // "سقطت" listed; "وسقوطها" reaches it through clitics and suffix stripping.
  EXPECT_TRUE(test::date_text(index, "الرقة وسقوطها").overall.window.earliest);
}

}  // namespace
}  // namespace prov::content
