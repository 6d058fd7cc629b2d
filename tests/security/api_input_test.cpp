// Malformed review bodies and ids: 400 with a plain message, never a 500 or
// a library's exception text, and the case stays as it was.
#include "security/security_fixture.h"

namespace prov::test {
namespace {

class ApiInput : public ServedCase {
 protected:
  HttpReply post(const std::string& path, const std::string& body) {
    auto headers = review_headers(port_, token_);
    headers["Content-Length"] = std::to_string(body.size());
    return http_exchange(port_, request_text("POST", path, port_, headers, body));
  }
};

TEST_F(ApiInput, WrongJsonTypesAndBlankExaminersAre400) {
  const CaseState before = case_state(case_);
  const std::string path = review_path(case_.finding);
  const std::vector<std::string> bodies = {
      R"({"status":5})",
      R"({"status":null})",
      R"({"status":["confirmed"]})",
      R"({"status":"confirmed","examiner":["x"]})",
      R"({"status":"confirmed","examiner":17})",
      R"({"status":"confirmed","note":{"a":1}})",
      R"({"status":"confirmed","note":false})",
      R"({"status":"confirmed","examiner":""})",
      R"({"status":"confirmed","examiner":"   "})",
      R"({"status":"confirmed","examiner":"\t\n "})",
      R"({"status":"confirmed","examiner":"eve\u001b[2J"})",
      R"({"status":"confirmed","finding":2})",
      R"(["confirmed"])",
      R"("confirmed")",
      "null",
      "",
      R"({"status":"confirmed")",
      "{\"status\":\"confirmed\",\"note\":\"\xff\xfe\"}",
      std::string(30000, '[') + std::string(30000, ']'),
      R"({"status":"confirmed","note":)" + std::string(30000, '[') + "1" + std::string(30000, ']') + "}",
      R"({"status":1e999999})",
  };
  for (const auto& body : bodies) {
    const auto reply = post(path, body);
    EXPECT_EQ(reply.status, 400) << body.substr(0, 80) << " -> " << reply.body;
    EXPECT_TRUE(is_plain_error(reply)) << body.substr(0, 80);
  }
  // No length at all: refused at once, not read until the client gives up.
  const auto t0 = std::chrono::steady_clock::now();
  auto headers = review_headers(port_, token_);
  const auto reply = http_exchange(port_, request_text("POST", path, port_, headers));
  EXPECT_EQ(reply.status, 411);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));

  const CaseState after = case_state(case_);
  EXPECT_EQ(after.reviews, before.reviews);
  EXPECT_EQ(after.custody_entries, before.custody_entries);
}

TEST_F(ApiInput, HugeAndMalformedIdsAre400) {
  const std::string confirm = R"({"status":"confirmed"})";
  for (const std::string id : {"99999999999999999999", "9223372036854775808", "18446744073709551616",
                               "00000000000000000000000000001", "9007199254740993"}) {
    auto reply = post("/api/findings/" + id + "/review", confirm);
    EXPECT_EQ(reply.status, 400) << id << " -> " << reply.body;
    EXPECT_TRUE(is_plain_error(reply)) << id;
    reply = http_exchange(port_, request_text("GET", "/api/items/" + id, port_));
    EXPECT_EQ(reply.status, 400) << id << " -> " << reply.body;
    EXPECT_TRUE(is_plain_error(reply)) << id;
    reply = http_exchange(port_, request_text("GET", "/api/items/" + id + "/report.html", port_));
    EXPECT_EQ(reply.status, 400) << id;
  }
  // Ids that are fine numbers but name nothing.
  EXPECT_EQ(post("/api/findings/4242/review", confirm).status, 404);
  EXPECT_EQ(http_exchange(port_, request_text("GET", "/api/items/4242", port_)).status, 404);
  EXPECT_EQ(case_state(case_).reviews, 0u);
}

}  // namespace
}  // namespace prov::test
