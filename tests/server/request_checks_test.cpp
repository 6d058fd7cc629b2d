#include <gtest/gtest.h>

#include <variant>

#include "server/request_checks.h"
#include "server/review_input.h"

namespace prov::server {
namespace {

TEST(ParseId, AcceptsBoundedDecimalIdsOnly) {
  EXPECT_EQ(parse_id("1"), std::optional<int64_t>(1));
  EXPECT_EQ(parse_id("0042"), std::optional<int64_t>(42));
  EXPECT_EQ(parse_id("9007199254740992"), std::optional<int64_t>(9007199254740992));
  for (const char* bad : {"", "0", "-1", "+1", "1.0", "1e3", " 1", "0x10", "9007199254740993",
                          "99999999999999999999", "18446744073709551617", "١٢"}) {
    EXPECT_FALSE(parse_id(bad)) << bad;
  }
}

TEST(HostHeader, OnlyThisServersNamesAndPort) {
  const BoundAddress loopback{"127.0.0.1", 8080};
  for (const char* good : {"127.0.0.1:8080", "localhost:8080", "LocalHost:8080", "[::1]:8080", " localhost:8080 "}) {
    EXPECT_TRUE(host_is_allowed(good, loopback)) << good;
  }
  for (const char* bad : {"evil.example:8080", "127.0.0.1:8081", "127.0.0.1", "localhost", "localhost.:8080",
                          "127.0.0.1.nip.io:8080", "10.0.0.5:8080", "[::1]", "::1:8080", "", ":8080",
                          "127.0.0.1:8080:8080", "127.0.0.1:+8080", "127.0.0.1:080800", "[::1:8080"}) {
    EXPECT_FALSE(host_is_allowed(bad, loopback)) << bad;
  }
  const BoundAddress all{"0.0.0.0", 80};
  EXPECT_TRUE(host_is_allowed("10.0.0.5", all));
  EXPECT_TRUE(host_is_allowed("[fe80::1]:80", all));
  EXPECT_FALSE(host_is_allowed("evil.example", all));
  const BoundAddress named{"casebox.lan", 9000};
  EXPECT_TRUE(host_is_allowed("casebox.lan:9000", named));
  EXPECT_FALSE(host_is_allowed("10.0.0.5:9000", named));
}

TEST(ContentType, JsonExactlyWithOptionalUtf8Charset) {
  for (const char* good : {"application/json", "Application/JSON", "application/json; charset=utf-8",
                           "application/json;charset=UTF-8", "application/json; charset=\"utf-8\""}) {
    EXPECT_TRUE(is_json_content_type(good)) << good;
  }
  for (const char* bad : {"", "text/plain", "application/jsonp", "application/json-patch+json", "application/jsonx",
                          "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                          "application/json; charset=latin1", "application/json; boundary=x", "text/json",
                          "application/json, text/plain"}) {
    EXPECT_FALSE(is_json_content_type(bad)) << bad;
  }
}

TEST(CrossSite, ForeignOriginsAndFetchSitesAreRefused) {
  const BoundAddress bound{"127.0.0.1", 8080};
  EXPECT_FALSE(refuse_cross_site("", "", bound));
  EXPECT_FALSE(refuse_cross_site("http://127.0.0.1:8080", "same-origin", bound));
  EXPECT_FALSE(refuse_cross_site("http://localhost:8080", "", bound));
  EXPECT_FALSE(refuse_cross_site("", "none", bound));
  for (const char* origin : {"http://evil.example", "null", "https://127.0.0.1:8080", "http://127.0.0.1:9090",
                             "http://127.0.0.1:8080.evil.example"}) {
    const auto refusal = refuse_cross_site(origin, "", bound);
    ASSERT_TRUE(refusal) << origin;
    EXPECT_EQ(refusal->status, 403);
  }
  for (const char* site : {"cross-site", "same-site", "bogus"}) {
    EXPECT_TRUE(refuse_cross_site("", site, bound)) << site;
  }
}

TEST(CaseToken, RandomAndCheckedExactly) {
  const std::string a = new_case_token(), b = new_case_token();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);
  EXPECT_FALSE(refuse_case_token(a, a));
  EXPECT_EQ(refuse_case_token("", a)->status, 403);
  EXPECT_EQ(refuse_case_token(b, a)->status, 409);
  EXPECT_EQ(refuse_case_token(a.substr(0, 31), a)->status, 409);
}

std::string refusal_of(std::string_view body, const std::string& examiner = "default") {
  const auto parsed = parse_review(body, examiner);
  const auto* refusal = std::get_if<Refusal>(&parsed);
  return refusal ? refusal->message : "";
}

TEST(ReviewInput, ParsesTheReviewAndRefusesWhatIsNotOne) {
  auto parsed = parse_review(R"({"status":"rejected","note":"two lines\nof note","examiner":"Dana"})", "x");
  ASSERT_TRUE(std::holds_alternative<ReviewInput>(parsed));
  EXPECT_EQ(std::get<ReviewInput>(parsed).status, "rejected");
  EXPECT_EQ(std::get<ReviewInput>(parsed).examiner, "Dana");
  EXPECT_EQ(std::get<ReviewInput>(parsed).note, "two lines\nof note");
  parsed = parse_review(R"({"status":"confirmed"})", "login-name");
  ASSERT_TRUE(std::holds_alternative<ReviewInput>(parsed));
  EXPECT_EQ(std::get<ReviewInput>(parsed).examiner, "login-name");

  EXPECT_EQ(refusal_of(R"({"status":5})"), "'status' must be a string");
  EXPECT_EQ(refusal_of(R"({"status":"confirmed","examiner":[]})"), "'examiner' must be a string");
  EXPECT_EQ(refusal_of(R"({"status":"confirmed","examiner":"  \t"})"), "an examiner name is required");
  EXPECT_EQ(refusal_of(R"({"status":"confirmed"})", " "), "an examiner name is required");
  EXPECT_EQ(refusal_of(R"({"status":"confirmed","examiner":"a\u0007b"})"), "the examiner name holds control characters");
  EXPECT_EQ(refusal_of(R"({"status":"confirmed","note":"a\u001bb"})"), "the note holds control characters");
  EXPECT_EQ(refusal_of(R"({"status":"confirmed","extra":"x"})"), "unknown field in the review");
  EXPECT_EQ(refusal_of(R"({"status":"maybe"})"), "status must be 'confirmed' or 'rejected'");
  EXPECT_EQ(refusal_of("[1,2]"), "the body is not a JSON object");
  EXPECT_EQ(refusal_of("{\"status\":\"confirmed\",\"note\":\"\xc0\xaf\"}"), "the body is not a JSON object");
  EXPECT_EQ(refusal_of(std::string(50000, '[')), "the review must be a flat JSON object");
  EXPECT_EQ(refusal_of(R"({"status":"confirmed","note":{"a":{"b":[1]}}})"), "the review must be a flat JSON object");
}

}  // namespace
}  // namespace prov::server
