// Pages of other sites cannot use the server: not by posting to it (CSRF),
// not by re-pointing their own DNS name at 127.0.0.1 to read it (DNS
// rebinding), not by framing the page to steer clicks.
#include "security/security_fixture.h"

namespace prov::test {
namespace {

const std::string kConfirm = R"({"status":"confirmed"})";

class CrossSite : public ServedCase {
 protected:
  HttpReply post_review(const std::map<std::string, std::string>& changes, const std::string& body = kConfirm) {
    auto headers = review_headers(port_, token_);
    for (const auto& [name, value] : changes) headers[name] = value;
    return http_exchange(port_, request_text("POST", review_path(case_.finding), port_, headers, body));
  }
  std::string host(const std::string& name) const { return name + ":" + std::to_string(port_); }
};

TEST_F(CrossSite, RebindingHostNamesAreRefusedOnEveryPath) {
  for (const std::string path : {"/api/case", "/", "/app.js", "/api/custody", "/api/items/1"}) {
    for (const std::string& bad : {host("evil.example"), host("127.0.0.1.nip.io"), "127.0.0.1:" + std::to_string(port_ + 1),
                                  std::string("127.0.0.1"), std::string("localhost.:") + std::to_string(port_)}) {
      const auto reply = http_exchange(port_, request_text("GET", path, port_, {{"Host", bad}}));
      EXPECT_EQ(reply.status, 421) << path << " with Host " << bad;
      EXPECT_EQ(reply.body.find("case.db"), std::string::npos) << "case data answered to Host " << bad;
    }
  }
  // A request with no Host header at all.
  const auto reply = http_exchange(port_, "GET /api/case HTTP/1.0\r\n\r\n");
  EXPECT_NE(reply.status, 200);
  // The names of this machine's loopback are fine.
  for (const std::string& good : {host("127.0.0.1"), host("localhost"), host("LOCALHOST"), host("[::1]")}) {
    EXPECT_EQ(http_exchange(port_, request_text("GET", "/api/case", port_, {{"Host", good}})).status, 200) << good;
  }
}

TEST_F(CrossSite, ReviewsFromOtherSitesAreRefused) {
  const CaseState before = case_state(case_);
  EXPECT_EQ(post_review({{"Origin", "http://evil.example"}}).status, 403);
  EXPECT_EQ(post_review({{"Origin", "http://127.0.0.1:" + std::to_string(port_ + 1)}}).status, 403);
  EXPECT_EQ(post_review({{"Origin", "null"}}).status, 403);
  EXPECT_EQ(post_review({{"Sec-Fetch-Site", "cross-site"}}).status, 403);
  EXPECT_EQ(post_review({{"Sec-Fetch-Site", "same-site"}}).status, 403);
  // What a plain form or a no-CORS fetch can send.
  EXPECT_EQ(post_review({{"Content-Type", "text/plain"}}).status, 415);
  EXPECT_EQ(post_review({{"Content-Type", "application/x-www-form-urlencoded"}}, "status=confirmed").status, 415);
  EXPECT_EQ(post_review({{"Content-Type", "multipart/form-data; boundary=x"}}).status, 415);
  // Near misses of application/json.
  EXPECT_EQ(post_review({{"Content-Type", "application/jsonp"}}).status, 415);
  EXPECT_EQ(post_review({{"Content-Type", "application/json-patch+json"}}).status, 415);
  EXPECT_EQ(post_review({{"Content-Type", "application/json; boundary=x"}}).status, 415);
  // A preflight gets no permission.
  const auto preflight = http_exchange(port_, request_text("OPTIONS", review_path(case_.finding), port_,
                                                      {{"Origin", "http://evil.example"},
                                                       {"Access-Control-Request-Method", "POST"},
                                                       {"Access-Control-Request-Headers", "x-provenance-case"}}));
  EXPECT_EQ(preflight.headers.count("access-control-allow-origin"), 0u);
  EXPECT_GE(preflight.status, 400);
  const CaseState after = case_state(case_);
  EXPECT_EQ(after.reviews, before.reviews);
  EXPECT_EQ(after.custody_entries, before.custody_entries);

  // The page's own request, charset included, is heard.
  EXPECT_EQ(post_review({{"Content-Type", "application/json; charset=utf-8"}}).status, 201);
  EXPECT_EQ(case_state(case_).reviews, before.reviews + 1);
}

TEST_F(CrossSite, ThePageCannotBeFramedOrSniffed) {
  for (const std::string path : {"/", "/api/items/1/report.html"}) {
    auto reply = http_exchange(port_, request_text("GET", path, port_));
    ASSERT_EQ(reply.status, 200) << path;
    EXPECT_NE(reply.headers["content-security-policy"].find("frame-ancestors 'none'"), std::string::npos) << path;
    EXPECT_EQ(reply.headers["x-frame-options"], "DENY") << path;
    EXPECT_EQ(reply.headers["x-content-type-options"], "nosniff") << path;
  }
}

}  // namespace
}  // namespace prov::test
