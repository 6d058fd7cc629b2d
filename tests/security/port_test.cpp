// One port, one server: a second `serve` on a taken port must fail at once
// instead of sharing the port and receiving half of the first one's requests.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "security/security_fixture.h"

namespace prov::test {
namespace {

std::string served_case_file(int port) {
  const auto reply = http_exchange(port, request_text("GET", "/api/case", port));
  if (reply.status != 200) return {};
  return nlohmann::json::parse(reply.body, nullptr, false).value("case_file", "");
}

TEST(PortTaken, SecondServeOnTheSamePortExitsWithAClearError) {
  TempDir dir;
  const SmallCase a = make_small_case(dir, "a.db");
  const SmallCase b = make_small_case(dir, "b.db");
  ServeProcess first(a.path);
  ASSERT_TRUE(first.listening()) << first.output();

  ServeProcess second(b.path, first.port());
  EXPECT_FALSE(second.listening()) << "a second server listens on port " << first.port();
  EXPECT_EQ(second.wait_exit(std::chrono::seconds(5)), std::optional<int>(1)) << second.output();
  EXPECT_NE(second.output().find("already in use"), std::string::npos) << second.output();

  // Every request still reaches the first server's case.
  for (int i = 0; i < 20; ++i) ASSERT_EQ(served_case_file(first.port()), a.path);
}

TEST(PortTaken, APortHeldWithSoReuseportByAnotherProgramIsNotShared) {
  // Another program that allows port sharing holds the port: serve must not
  // join it.
  const int other = ::socket(AF_INET, SOCK_STREAM, 0);
  const int yes = 1;
  ::setsockopt(other, SOL_SOCKET, SO_REUSEPORT, &yes, sizeof yes);
  ::setsockopt(other, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(other, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(other, 4), 0);
  socklen_t len = sizeof addr;
  ::getsockname(other, reinterpret_cast<sockaddr*>(&addr), &len);
  const int port = ntohs(addr.sin_port);

  TempDir dir;
  const SmallCase c = make_small_case(dir, "c.db");
  ServeProcess server(c.path, port);
  EXPECT_FALSE(server.listening()) << "serve shares port " << port << " with another program";
  EXPECT_EQ(server.wait_exit(std::chrono::seconds(5)), std::optional<int>(1)) << server.output();
  ::close(other);
}

}  // namespace
}  // namespace prov::test
