// Two cases open at once: a review must land only in the case whose page
// sent it. Each server start names its case with a token; a request that
// carries another server's token, or none, changes nothing.
#include "security/security_fixture.h"

namespace prov::test {
namespace {

const std::string kConfirm = R"({"status":"confirmed","note":"seen on case A's page"})";

TEST(TwoCases, AReviewFromCaseAsPageIsRefusedByCaseBsServer) {
  TempDir dir;
  const SmallCase a = make_small_case(dir, "a.db");
  const SmallCase b = make_small_case(dir, "b.db");
  ServeProcess server_a(a.path);
  ServeProcess server_b(b.path);
  ASSERT_TRUE(server_a.listening()) << server_a.output();
  ASSERT_TRUE(server_b.listening()) << server_b.output();
  const std::string token_a = case_token(server_a.port());
  const std::string token_b = case_token(server_b.port());
  ASSERT_EQ(token_a.size(), 32u) << "GET /api/case gives no 128-bit case token";
  ASSERT_EQ(token_b.size(), 32u);
  ASSERT_NE(token_a, token_b);
  const CaseState before = case_state(b);

  // Case A's page talking to case B's server (the same finding number exists in both).
  const int port_b = server_b.port();
  auto reply = http_exchange(port_b, request_text("POST", review_path(b.finding), port_b, review_headers(port_b, token_a), kConfirm));
  EXPECT_EQ(reply.status, 409) << reply.body;
  EXPECT_TRUE(is_plain_error(reply));
  // No case named at all.
  reply = http_exchange(port_b, request_text("POST", review_path(b.finding), port_b, review_headers(port_b, ""), kConfirm));
  EXPECT_EQ(reply.status, 403) << reply.body;
  // A token of the right length but wrong in its last digit.
  std::string near = token_b;
  near.back() = near.back() == '0' ? '1' : '0';
  reply = http_exchange(port_b, request_text("POST", review_path(b.finding), port_b, review_headers(port_b, near), kConfirm));
  EXPECT_EQ(reply.status, 409) << reply.body;
  EXPECT_EQ(case_state(b).reviews, before.reviews);
  EXPECT_EQ(case_state(b).custody_entries, before.custody_entries);

  // B's own page is heard, and only B's case changes.
  reply = http_exchange(port_b, request_text("POST", review_path(b.finding), port_b, review_headers(port_b, token_b), kConfirm));
  EXPECT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(case_state(b).reviews, before.reviews + 1);
  EXPECT_EQ(case_state(a).reviews, 0u);
}

TEST(TwoCases, ARestartedServerRefusesThePageOfItsEarlierStart) {
  TempDir dir;
  const SmallCase a = make_small_case(dir, "a.db");
  std::string old_token;
  int port = 0;
  {
    ServeProcess first(a.path);
    ASSERT_TRUE(first.listening()) << first.output();
    port = first.port();
    old_token = case_token(port);
    ASSERT_FALSE(old_token.empty()) << "GET /api/case gives no case token";
  }
  ServeProcess again(a.path, port);
  ASSERT_TRUE(again.listening()) << again.output();
  const auto reply =
      http_exchange(port, request_text("POST", review_path(a.finding), port, review_headers(port, old_token), kConfirm));
  EXPECT_EQ(reply.status, 409) << reply.body;
  EXPECT_EQ(case_state(a).reviews, 0u);
}

}  // namespace
}  // namespace prov::test
