#include <gtest/gtest.h>
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <future>
#include <thread>

#include <sqlite3.h>

#include "casefile/case_store.h"
#include "server/case_server.h"
#include "support/test_support.h"

namespace prov::test {
namespace {

using casefile::CaseStore;

class CaseServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    case_path_ = (dir_ / "case.db").string();
    auto store = CaseStore::open(case_path_, CaseStore::Mode::create_if_missing);
    store.transaction([&] {
      casefile::ItemRecord item;
      item.sha256 = std::string(64, 'c');
      item.size_bytes = 10;
      item.original_path = "/evidence/<b>statement</b>.wav";
      item.decoded_duration_s = 30;
      const int64_t id = store.register_item(item);
      const int64_t run = store.append_custody({"alice", "analyze", item.sha256, {}});
      Finding f;
      f.kind = "edit";
      f.detector = "integrity.zero_run";
      f.start_s = 4;
      f.end_s = 4.2;
      f.summary = "digital silence";
      finding_ = store.add_finding(id, run, f);
    });
    server_ = std::make_unique<server::CaseServer>(server::ServerOptions{case_path_, "127.0.0.1", 0, "web-examiner"});
    std::promise<int> bound;
    auto port = bound.get_future();
    thread_ = std::thread([&] { server_->run([&](int p) { bound.set_value(p); }); });
    port_ = port.get();
  }
  void TearDown() override {
    server_->stop();
    thread_.join();
  }
  httplib::Client client() const { return httplib::Client("127.0.0.1", port_); }
  // The headers the page sends with a change: the case token it was given.
  httplib::Headers case_headers() const {
    auto c = client();
    const auto res = c.Get("/api/case");
    return {{"X-Provenance-Case", nlohmann::json::parse(res->body)["case_token"].get<std::string>()}};
  }

  TempDir dir_;
  std::string case_path_;
  int64_t finding_ = 0;
  std::unique_ptr<server::CaseServer> server_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(CaseServerTest, ServesTheCaseAndThePage) {
  auto c = client();
  auto res = c.Get("/api/case");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const auto body = nlohmann::json::parse(res->body);
  ASSERT_EQ(body["items"].size(), 1u);
  EXPECT_EQ(body["items"][0]["findings"], 1);
  EXPECT_TRUE(body["chain_intact"].get<bool>());

  res = c.Get("/api/items/1");
  ASSERT_TRUE(res);
  EXPECT_EQ(nlohmann::json::parse(res->body)["findings"][0]["summary"], "digital silence");
  EXPECT_EQ(c.Get("/api/items/99")->status, 404);

  res = c.Get("/");
  ASSERT_TRUE(res);
  EXPECT_NE(res->body.find("<title>Provenance case</title>"), std::string::npos);
  EXPECT_NE(c.Get("/app.js")->body.find("showItem"), std::string::npos);
}

TEST_F(CaseServerTest, ReviewIsAppendedAndLogged) {
  auto c = client();
  auto res = c.Post(("/api/findings/" + std::to_string(finding_) + "/review").c_str(), case_headers(),
                    R"({"status":"confirmed","note":"checked waveform"})", "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  auto store = CaseStore::open(case_path_, CaseStore::Mode::open_existing);
  EXPECT_EQ(store.finding(finding_)->finding.status, FindingStatus::confirmed);
  const auto log = store.custody_log();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log.back().action, "review");
  EXPECT_EQ(log.back().actor, "web-examiner");
  EXPECT_EQ(log.back().parameters["note"], "checked waveform");
  EXPECT_EQ(store.verify_custody_chain(), 0);
}

TEST_F(CaseServerTest, BadReviewsChangeNothing) {
  auto c = client();
  const std::string path = "/api/findings/" + std::to_string(finding_) + "/review";
  const auto headers = case_headers();
  EXPECT_EQ(c.Post(path.c_str(), headers, R"({"status":"maybe"})", "application/json")->status, 400);
  EXPECT_EQ(c.Post(path.c_str(), headers, "status=confirmed", "application/x-www-form-urlencoded")->status, 415);
  EXPECT_EQ(c.Post(path.c_str(), headers, "{not json", "application/json")->status, 400);
  EXPECT_EQ(c.Post("/api/findings/999/review", headers, R"({"status":"confirmed"})", "application/json")->status, 404);
  EXPECT_EQ(c.Post(path.c_str(), R"({"status":"confirmed"})", "application/json")->status, 403);
  auto store = CaseStore::open(case_path_, CaseStore::Mode::open_existing);
  EXPECT_EQ(store.custody_log().size(), 1u);
  EXPECT_EQ(store.finding(finding_)->finding.status, FindingStatus::proposed);
}

TEST_F(CaseServerTest, StopDoesNotWaitForASlowClient) {
  const int sock = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port_));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  const std::string partial = "GET /api/case HTTP/1.1\r\nHost: 127.0.0.1";
  ASSERT_EQ(::send(sock, partial.data(), partial.size(), 0), static_cast<ssize_t>(partial.size()));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const auto t0 = std::chrono::steady_clock::now();
  server_->stop();
  thread_.join();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
  ::close(sock);
  thread_ = std::thread([] {});  // TearDown stops and joins again
}

TEST(CaseServerBadInput, RefusesANonCaseFile) {
  TempDir dir;
  const std::string path = (dir / "x.db").string();
  std::ofstream(path) << "not sqlite";
  server::CaseServer server({path, "127.0.0.1", 0, "x"});
  EXPECT_ANY_THROW(server.run());
}

TEST_F(CaseServerTest, PageShowsTheCaseFileBrokenWhenAFindingIsEditedWithRawSql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(case_path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "DROP TRIGGER findings_no_update;"
                         "UPDATE findings SET summary = 'no edit found' WHERE id = 1;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);

  auto c = client();
  const auto res = c.Get("/api/case");
  ASSERT_TRUE(res);
  const auto body = nlohmann::json::parse(res->body);
  EXPECT_FALSE(body["chain_intact"].get<bool>());
  EXPECT_EQ(body["case_file_integrity"]["first_problem"]["table"], "findings");
  EXPECT_EQ(body["case_file_integrity"]["first_problem"]["kind"], "record_edited");
  const auto log = nlohmann::json::parse(c.Get("/api/custody")->body);
  EXPECT_FALSE(log["chain_intact"].get<bool>());
}

}  // namespace
}  // namespace prov::test
