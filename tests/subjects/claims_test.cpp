#include <gtest/gtest.h>

#include <sstream>

#include "content/day.h"
#include "core/error.h"
#include "subjects/claims.h"

namespace prov::subjects {
namespace {

const content::Day kToday = content::day_from_civil(2026, 1, 1);

std::vector<ClaimInput> csv(const std::string& text) {
  std::istringstream in(text);
  return read_claims_csv(in, "claims.csv", kToday);
}
std::vector<ClaimInput> jsonl(const std::string& text) {
  std::istringstream in(text);
  return read_claims_jsonl(in, "claims.jsonl", kToday);
}

// The message of the InputError a bad file raises.
template <typename F>
std::string error_of(F&& read) {
  try {
    read();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

const std::string kHeader = "subject,status,event_date,place,published,claimant,published_in,source,assessment\n";

TEST(ClaimFiles, CsvWithQuotedFieldsAndLineNumbers) {
  const auto claims = csv(kHeader +
                          "Abu Bakr al-Baghdadi,killed,2017-05-28,,2017-06-16,Russian Ministry of Defence,"
                          "\"RIA Novosti, Moscow\",https://example.org/ria,\"unconfirmed;\nno body shown\"\n"
                          "\n"
                          "أبو بكر البغدادي,seen_in,2018,Hajin,2018-02-10,Iraqi intelligence,,report 12/2018,\n");
  ASSERT_EQ(claims.size(), 2u);
  EXPECT_EQ(claims[0].line, 2);
  EXPECT_EQ(claims[0].record.published_in, "RIA Novosti, Moscow");
  EXPECT_EQ(claims[0].record.assessment, "unconfirmed;\nno body shown");
  EXPECT_EQ(claims[1].line, 5) << "a quoted line break and a blank line move the count on";
  EXPECT_EQ(claims[1].subject, "أبو بكر البغدادي");
  EXPECT_EQ(claims[1].record.place, "Hajin");
  EXPECT_EQ(claim_deadline(claims[1].record), content::day_from_civil(2018, 12, 31)) << "a year covers all its days";
  EXPECT_EQ(claim_deadline(claims[0].record), content::day_from_civil(2017, 5, 28));
}

TEST(ClaimFiles, DeadlineIsThePublicationDayWhenNoEventDate) {
  const auto claims = csv(kHeader + "X,killed,,,2019-10-27,US President,,https://example.org/a,\n");
  EXPECT_EQ(claim_deadline(claims[0].record), content::day_from_civil(2019, 10, 27));
  EXPECT_FALSE(claim_earliest(claims[0].record).has_value());
}

TEST(ClaimFiles, EachBadCsvLineIsNamed) {
  const std::string good = "X,killed,,,2019-10-27,A,,https://example.org/a,\n";
  EXPECT_EQ(error_of([&] { csv(kHeader + good + "X,dead,,,2019-10-27,A,,src,\n"); }),
            "claims.csv: line 3: status 'dead' is not one of killed, injured, alive, captured, seen_in");
  EXPECT_EQ(error_of([&] { csv(kHeader + good + good + "X,killed,,,2019-13-01,A,,src,\n"); }),
            "claims.csv: line 4: published '2019-13-01' is not a date (YYYY-MM-DD)");
  EXPECT_EQ(error_of([&] { csv(kHeader + "X,killed,,,2019-10-27,A,,src\n"); }),
            "claims.csv: line 2: 8 field(s) but the header has 9");
  EXPECT_EQ(error_of([&] { csv(kHeader + good + "X,killed,,,2019-10-27,\"A,,src,\n"); }),
            "claims.csv: line 3: a quoted field is never closed");
  EXPECT_EQ(error_of([&] { csv(kHeader + "X,killed,,,2019-10-27,\"A\"x,,src,\n"); }),
            "claims.csv: line 2: text after a closing quote");
  EXPECT_EQ(error_of([&] { csv("subject,status,publisher\n"); }).rfind("claims.csv: line 1: unknown column 'publisher'", 0),
            0u);
  EXPECT_EQ(error_of([&] { csv(kHeader + "X,seen_in,,,2019-10-27,A,,src,\n"); }),
            "claims.csv: line 2: status seen_in needs a place");
  EXPECT_EQ(error_of([&] { csv(kHeader + "X,killed,2019-11,,2019-10-27,A,,src,\n"); }),
            "claims.csv: line 2: event_date '2019-11' is after the claim was published (2019-10-27)");
  EXPECT_EQ(error_of([&] { csv(kHeader + "X,killed,,,2027-01-01,A,,src,\n"); }),
            "claims.csv: line 2: published '2027-01-01' is after today");
  EXPECT_EQ(error_of([&] { csv(kHeader + ",killed,,,2019-10-27,A,,src,\n"); }),
            "claims.csv: line 2: field 'subject' is missing or empty");
  EXPECT_EQ(error_of([&] { csv(kHeader + "X,killed,,,2019-10-27,A,,\xff,\n"); }).rfind("claims.csv: line 2: ", 0), 0u);
  EXPECT_EQ(error_of([&] { csv(kHeader); }), "claims.csv: no claims after the header");
}

TEST(ClaimFiles, JsonLinesAndTheirBadLines) {
  const std::string good =
      R"({"subject": "X", "status": "alive", "published": "2019-09-16", "claimant": "al-Furqan", "source": "audio"})";
  const auto claims = jsonl("# claims\n" + good + "\n");
  ASSERT_EQ(claims.size(), 1u);
  EXPECT_EQ(claims[0].line, 2);
  EXPECT_EQ(claims[0].record.status, "alive");
  EXPECT_EQ(error_of([&] { jsonl(good + "\n{\"subject\": \"X\",\n"); }).rfind("claims.jsonl: line 2: malformed JSON", 0),
            0u);
  EXPECT_EQ(error_of([&] { jsonl(good + "\n" + good + "\n[1, 2]\n"); }), "claims.jsonl: line 3: expected a JSON object");
  EXPECT_EQ(error_of([&] {
              jsonl(R"({"subject": "X", "status": "killed", "published": 2019, "claimant": "A", "source": "s"})");
            }),
            "claims.jsonl: line 1: field 'published' must be a string");
  EXPECT_EQ(error_of([&] {
              jsonl(R"({"subject": "X", "status": "killed", "published": "2019-01-01", "claimant": "A", "source": "s", "sauce": "x"})");
            }).rfind("claims.jsonl: line 1: unknown field 'sauce'", 0),
            0u);
  EXPECT_EQ(error_of([&] { jsonl("\n"); }), "claims.jsonl: no claims in the file");
}

}  // namespace
}  // namespace prov::subjects
