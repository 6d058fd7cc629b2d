// Uploads from the page: their own limit (2 GiB) and the same guards as a
// review (case token, origin, content type), without widening the 64 KiB
// limit of anything else.
#include <gtest/gtest.h>
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <future>
#include <thread>

#include "casefile/case_store.h"
#include "server/analysis_jobs.h"
#include "server/case_server.h"
#include "support/test_support.h"

namespace prov::test {
namespace {

// Sends the request head only and reads the status of the answer.
int status_of_raw_request(int port, const std::string& head) {
  const int sock = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(sock, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(sock);
    return -1;
  }
  [[maybe_unused]] const ssize_t sent = ::send(sock, head.data(), head.size(), MSG_NOSIGNAL);
  char buffer[512] = {};
  const ssize_t got = ::recv(sock, buffer, sizeof buffer - 1, 0);
  ::close(sock);
  const std::string reply(buffer, got > 0 ? static_cast<std::size_t>(got) : 0);
  return reply.rfind("HTTP/1.1 ", 0) == 0 ? std::stoi(reply.substr(9, 3)) : -1;
}

class UploadChecks : public ::testing::Test {
 protected:
  void SetUp() override {
    case_path_ = (dir_ / "case.db").string();
    { auto store = casefile::CaseStore::open(case_path_, casefile::CaseStore::Mode::create_if_missing); }
    server::ServerOptions options;
    options.case_path = case_path_;
    options.port = 0;
    options.media_cache = (dir_ / "cache").string();  // no analyzer program: uploads are checked, then 501
    server_ = std::make_unique<server::CaseServer>(options);
    std::promise<int> bound;
    auto port = bound.get_future();
    thread_ = std::thread([&] { server_->run([&](int p) { bound.set_value(p); }); });
    port_ = port.get();
    auto c = client();
    token_ = nlohmann::json::parse(c.Get("/api/case")->body)["case_token"].get<std::string>();
  }
  void TearDown() override {
    server_->stop();
    thread_.join();
  }
  httplib::Client client() const { return httplib::Client("127.0.0.1", port_); }

  TempDir dir_;
  std::string case_path_;
  std::unique_ptr<server::CaseServer> server_;
  std::thread thread_;
  int port_ = 0;
  std::string token_;
};

TEST_F(UploadChecks, GuardsComeBeforeTheBody) {
  auto c = client();
  const std::string bytes(1000, 'x');
  auto no_token = c.Post("/api/uploads", bytes, "application/octet-stream");
  ASSERT_TRUE(no_token);
  EXPECT_EQ(no_token->status, 403);
  auto other_case = c.Post("/api/uploads", {{"X-Provenance-Case", std::string(32, '0')}}, bytes,
                           "application/octet-stream");
  EXPECT_EQ(other_case->status, 409);
  auto form = c.Post("/api/uploads", {{"X-Provenance-Case", token_}}, bytes, "multipart/form-data; boundary=x");
  EXPECT_EQ(form->status, 415);
  auto foreign = c.Post("/api/uploads", {{"X-Provenance-Case", token_}, {"Origin", "http://evil.example"}}, bytes,
                        "application/octet-stream");
  EXPECT_EQ(foreign->status, 403);
  auto get = c.Get("/api/uploads");
  EXPECT_EQ(get->status, 405);
  // Through every check: this server has no program to analyse with.
  auto checked = c.Post("/api/uploads", {{"X-Provenance-Case", token_}}, bytes, "application/octet-stream");
  EXPECT_EQ(checked->status, 501) << checked->body;
}

TEST_F(UploadChecks, OnlyUploadsGetTheLargeLimit) {
  httplib::Client c = client();
  // A declared size over the limit is refused before a byte of the body is sent.
  const std::string head = "POST /api/uploads HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port_) +
                           "\r\nX-Provenance-Case: " + token_ +
                           "\r\nContent-Type: application/octet-stream\r\nContent-Length: " +
                           std::to_string(server::kMaxUpload + 1) + "\r\n\r\n";
  EXPECT_EQ(status_of_raw_request(port_, head), 413);

  const std::string request(70 * 1024, ' ');
  auto start = c.Post("/api/analyses", {{"X-Provenance-Case", token_}}, request, "application/json");
  ASSERT_TRUE(start);
  EXPECT_EQ(start->status, 413) << "a request to analyse is held to 64 KiB";
  auto review = c.Post("/api/findings/1/review", {{"X-Provenance-Case", token_}}, request, "application/json");
  EXPECT_EQ(review->status, 413);
  auto events = c.Get("/api/analyses/7/events");
  EXPECT_EQ(events->status, 404);
}

// With a program that fails in place of `provenance analyze`: the upload is
// kept read-only beside the case file, the analysis's end comes as an event,
// and a reconnecting client gets only the events after its last one.
TEST(UploadJobs, UploadIsKeptAndEventsResumeAfterTheLastSeen) {
  TempDir dir;
  const std::string case_path = (dir / "case.db").string();
  { auto store = casefile::CaseStore::open(case_path, casefile::CaseStore::Mode::create_if_missing); }
  server::ServerOptions options;
  options.case_path = case_path;
  options.port = 0;
  options.media_cache = (dir / "cache").string();
  options.analyzer_program = "/bin/false";
  server::CaseServer served(options);
  std::promise<int> bound;
  auto port = bound.get_future();
  std::thread thread([&] { served.run([&](int p) { bound.set_value(p); }); });
  httplib::Client c("127.0.0.1", port.get());
  const std::string token = nlohmann::json::parse(c.Get("/api/case")->body)["case_token"].get<std::string>();
  const std::string bytes(300000, '\x7f');
  auto uploaded = c.Post("/api/uploads", {{"X-Provenance-Case", token}, {"X-Provenance-Filename", "..%2Fstatement.m4a"}},
                         bytes, "application/octet-stream");
  ASSERT_TRUE(uploaded);
  ASSERT_EQ(uploaded->status, 201) << uploaded->body;
  const auto kept = std::filesystem::path(case_path + ".uploads") / "statement.m4a";
  ASSERT_TRUE(std::filesystem::exists(kept));
  EXPECT_EQ(std::filesystem::file_size(kept), bytes.size());
  EXPECT_EQ(std::filesystem::status(kept).permissions() & std::filesystem::perms::owner_write,
            std::filesystem::perms::none);

  const std::string id = nlohmann::json::parse(uploaded->body)["upload"];
  auto unknown = c.Post("/api/analyses", {{"X-Provenance-Case", token}}, R"({"recording":"nope"})", "application/json");
  EXPECT_EQ(unknown->status, 404);
  auto started = c.Post("/api/analyses", {{"X-Provenance-Case", token}}, R"({"recording":")" + id + R"("})",
                        "application/json");
  ASSERT_EQ(started->status, 202) << started->body;
  const std::string events = nlohmann::json::parse(started->body)["events"];
  auto all = c.Get(events);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->get_header_value("Content-Type"), "text/event-stream");
  EXPECT_NE(all->body.find("id: 1\ndata: {\"file\":\"statement.m4a\",\"type\":\"started\"}"), std::string::npos)
      << all->body;
  EXPECT_NE(all->body.find(R"("exit_code":1)"), std::string::npos) << all->body;
  EXPECT_NE(all->body.find(R"("type":"failed")"), std::string::npos) << all->body;
  auto rest = c.Get(events, {{"Last-Event-ID", "1"}});
  ASSERT_TRUE(rest);
  EXPECT_EQ(rest->body.find("\"started\""), std::string::npos) << rest->body;
  EXPECT_NE(rest->body.find("id: 2\n"), std::string::npos) << rest->body;
  served.stop();
  thread.join();
}

TEST(UploadName, OnlyASafeBaseNameIsKept) {
  EXPECT_EQ(server::safe_upload_name("statement.m4a"), "statement.m4a");
  EXPECT_EQ(server::safe_upload_name("../../etc/passwd"), "passwd");
  EXPECT_EQ(server::safe_upload_name("..%2F..%2Fcase.db"), "case.db");
  EXPECT_EQ(server::safe_upload_name("my%20talk.wav"), "my_talk.wav");
  EXPECT_EQ(server::safe_upload_name(".hidden"), "hidden");
  EXPECT_EQ(server::safe_upload_name(""), "upload");
  EXPECT_EQ(server::safe_upload_name("%D8%B1%D8%B3%D8%A7%D9%84%D8%A9.mp3"), "__________.mp3");
  EXPECT_EQ(server::safe_upload_name(std::string(300, 'a')).size(), 100u);
}

}  // namespace
}  // namespace prov::test
