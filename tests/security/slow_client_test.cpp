// Slow and idle clients cannot stall the server: each connection has
// deadlines, workers are bounded, and a full queue answers 503 at once.
#include <thread>
#include <vector>

#include "security/security_fixture.h"

namespace prov::test {
namespace {

using Clock = std::chrono::steady_clock;

// The time a fresh GET /api/case takes, and its status (0: none in 10 s).
std::pair<int, Clock::duration> timed_get(int port) {
  const auto t0 = Clock::now();
  const int status = http_exchange(port, request_text("GET", "/api/case", port), std::chrono::seconds(10)).status;
  return {status, Clock::now() - t0};
}

TEST(SlowClients, FortyTricklingConnectionsDoNotStallARequest) {
  TempDir dir;
  const SmallCase c = make_small_case(dir, "case.db");
  ServeProcess server(c.path);
  ASSERT_TRUE(server.listening()) << server.output();
  const int port = server.port();

  // 40 clients that send their request one byte per 500 ms, never finishing it.
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 40; ++i) {
    slow.push_back(std::make_unique<RawConnection>(port));
    ASSERT_TRUE(slow.back()->connected());
    slow.back()->send_all("POST " + review_path(c.finding) + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                          "\r\nX-Slow: ");
  }
  std::atomic<bool> done{false};
  std::vector<bool> cut(slow.size(), false);
  std::thread trickle([&] {
    while (!done) {
      for (std::size_t i = 0; i < slow.size(); ++i) {
        if (!cut[i] && !slow[i]->send_all("a", std::chrono::milliseconds(50))) cut[i] = true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
  });

  for (int round = 0; round < 3; ++round) {
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    const auto [status, took] = timed_get(port);
    EXPECT_EQ(status, 200) << "round " << round;
    EXPECT_LT(took, std::chrono::seconds(2)) << "round " << round << ": a normal request waited behind slow clients";
  }

  // Each slow connection is cut by its request deadline (10 s), not kept for ever.
  const auto until = Clock::now() + std::chrono::seconds(14);
  while (Clock::now() < until && std::count(cut.begin(), cut.end(), false) > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  done = true;
  trickle.join();
  EXPECT_EQ(std::count(cut.begin(), cut.end(), false), 0) << "slow connections kept open past the deadline";
  EXPECT_EQ(timed_get(port).first, 200);
}

TEST(SlowClients, AFloodOfIdleConnectionsGetsBusyAnswersNotAHang) {
  TempDir dir;
  const SmallCase c = make_small_case(dir, "case.db");
  ServeProcess server(c.path);
  ASSERT_TRUE(server.listening()) << server.output();
  const int port = server.port();

  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 250; ++i) idle.push_back(std::make_unique<RawConnection>(port));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));

  // Answered at once (503) when the queue is full, else served once a worker
  // is free: an idle connection holds one for at most the 5 s I/O timeout.
  const auto [status, took] = timed_get(port);
  EXPECT_TRUE(status == 200 || status == 503) << "status " << status;
  EXPECT_LT(took, std::chrono::seconds(7)) << "the request hung behind idle connections";
  EXPECT_LT(server.threads(), 100) << "threads grow with the connections";
  int busy = 0;
  for (auto& connection : idle) {
    const auto reply = parse_reply(connection->read_response(std::chrono::milliseconds(1)));
    busy += reply.status == 503;
  }
  EXPECT_GT(busy, 0) << "no connection beyond the pool and queue was turned away";
  idle.clear();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(timed_get(port).first, 200);
}

}  // namespace
}  // namespace prov::test
