// Request bodies are limited to 64 KiB however they are sent. A 300 MB
// chunked upload must be cut early: the server's memory stays small and the
// case file does not grow.
#include <fmt/format.h>

#include "security/security_fixture.h"

namespace prov::test {
namespace {

constexpr std::size_t kStream = 300u << 20;  // what the client tries to send
constexpr std::size_t kChunk = 1u << 20;

struct StreamResult {
  std::size_t sent = 0;  // body bytes the server let through before it stopped reading
  HttpReply reply;
};

// Streams a review whose note never ends, as chunked transfer encoding.
StreamResult stream_chunked(int port, const std::string& path, const std::string& token) {
  auto headers = review_headers(port, token);
  headers["Transfer-Encoding"] = "chunked";
  RawConnection connection(port);
  StreamResult result;
  if (!connection.send_all(request_text("POST", path, port, headers))) return result;
  const std::string opening = R"({"status":"confirmed","note":")";
  std::string chunk = fmt::format("{:x}\r\n{}\r\n", opening.size(), opening);
  if (!connection.send_all(chunk)) return result;
  chunk = fmt::format("{:x}\r\n{}\r\n", kChunk, std::string(kChunk, 'A'));
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (result.sent < kStream && std::chrono::steady_clock::now() < until) {
    if (!connection.send_all(chunk, std::chrono::seconds(2))) break;
    result.sent += kChunk;
  }
  if (result.sent >= kStream) connection.send_all("1\r\n\"\r\n1\r\n}\r\n0\r\n\r\n");
  result.reply = parse_reply(connection.read_response(std::chrono::seconds(20)));
  return result;
}

class BodyLimit : public ServedCase {
 protected:
  void SetUp() override {
    ServedCase::SetUp();
    if (HasFatalFailure()) return;
    before_ = case_state(case_);
  }
  void expect_case_untouched_and_server_alive() {
    const CaseState after = case_state(case_);
    EXPECT_EQ(after.custody_entries, before_.custody_entries);
    EXPECT_EQ(after.reviews, before_.reviews);
    EXPECT_LE(after.file_bytes, before_.file_bytes + 64 * 1024) << "the case file grew";
    EXPECT_LT(server_->peak_rss_kib(), 200 * 1024) << "the server held the body in memory";
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_EQ(http_exchange(port_, request_text("GET", "/api/case", port_)).status, 200);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
  }

  CaseState before_;
};

TEST_F(BodyLimit, ChunkedReviewOf300MBIsCutAtTheLimit) {
  const StreamResult r = stream_chunked(port_, review_path(case_.finding), token_);
  EXPECT_LT(r.sent, 64u << 20) << "the server kept reading a body far beyond 64 KiB";
  // The answer may be lost when the connection is cut while the client still
  // sends; when it arrives it is 413.
  if (r.reply.status != 0) {
    EXPECT_EQ(r.reply.status, 413) << r.reply.body;
    EXPECT_TRUE(is_plain_error(r.reply));
  }
  expect_case_untouched_and_server_alive();
}

TEST_F(BodyLimit, ChunkedBodiesToOtherPathsAreNotRead) {
  for (const std::string path : {"/api/case", "/", "/api/findings/1/other"}) {
    const StreamResult r = stream_chunked(port_, path, token_);
    EXPECT_LT(r.sent, 64u << 20) << path << ": the server kept reading a body it has no use for";
  }
  expect_case_untouched_and_server_alive();
}

TEST_F(BodyLimit, DeclaredOversizeAndSmugglingFramesAreRefusedUnread) {
  auto headers = review_headers(port_, token_);
  headers["Content-Length"] = std::to_string(kStream);
  RawConnection big(port_);
  ASSERT_TRUE(big.send_all(request_text("POST", review_path(case_.finding), port_, headers)));
  const auto reply = parse_reply(big.read_response(std::chrono::seconds(5)));
  EXPECT_EQ(reply.status, 413) << "answered before the body is sent";
  EXPECT_TRUE(big.closed_by_peer(std::chrono::seconds(2)));

  // Both a length and chunked framing: ambiguous, refused.
  headers["Content-Length"] = "10";
  headers["Transfer-Encoding"] = "chunked";
  EXPECT_EQ(http_exchange(port_, request_text("POST", review_path(case_.finding), port_, headers) + "0\r\n\r\n").status, 400);
  expect_case_untouched_and_server_alive();
}

}  // namespace
}  // namespace prov::test
