#include "security/raw_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>

namespace prov::test {
namespace {

using Clock = std::chrono::steady_clock;

int remaining_ms(Clock::time_point until) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
  return left < 0 ? 0 : static_cast<int>(left);
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// Length of a complete response in `raw`, or 0 when more is needed.
std::size_t complete_length(const std::string& raw) {
  const auto end = raw.find("\r\n\r\n");
  if (end == std::string::npos) return 0;
  const std::string head = lower(raw.substr(0, end));
  const auto at = head.find("\r\ncontent-length:");
  if (at == std::string::npos) return 0;  // read to the close
  const std::size_t length = std::stoul(head.substr(at + 17));
  return raw.size() >= end + 4 + length ? end + 4 + length : 0;
}

}  // namespace

RawConnection::RawConnection(int port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) ::close(fd_);
}

bool RawConnection::send_all(std::string_view data, std::chrono::milliseconds timeout) {
  const auto until = Clock::now() + timeout;
  while (!data.empty()) {
    pollfd p{fd_, POLLOUT, 0};
    if (::poll(&p, 1, remaining_ms(until)) <= 0 || (p.revents & (POLLERR | POLLHUP))) return false;
    const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::string RawConnection::read_response(std::chrono::milliseconds timeout) {
  const auto until = Clock::now() + timeout;
  std::string raw;
  char buffer[16384];
  for (;;) {
    if (const std::size_t n = complete_length(raw)) return raw.substr(0, n);
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, remaining_ms(until)) <= 0) return {};
    const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) return raw.find("\r\n\r\n") == std::string::npos ? std::string{} : raw;
    raw.append(buffer, static_cast<std::size_t>(n));
  }
}

bool RawConnection::closed_by_peer(std::chrono::milliseconds timeout) {
  const auto until = Clock::now() + timeout;
  char buffer[4096];
  for (;;) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, remaining_ms(until)) <= 0) return false;
    const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) return true;
  }
}

HttpReply parse_reply(const std::string& raw) {
  HttpReply reply;
  const auto end = raw.find("\r\n\r\n");
  if (raw.rfind("HTTP/1.", 0) != 0 || end == std::string::npos || raw.size() < 12) return reply;
  reply.status = std::stoi(raw.substr(9, 3));
  std::size_t line = raw.find("\r\n") + 2;
  while (line < end) {
    const auto next = raw.find("\r\n", line);
    const std::string header = raw.substr(line, next - line);
    const auto colon = header.find(':');
    if (colon != std::string::npos) {
      std::string value = header.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      reply.headers[lower(header.substr(0, colon))] = value;
    }
    line = next + 2;
  }
  reply.body = raw.substr(end + 4);
  return reply;
}

std::string request_text(const std::string& method, const std::string& path, int port,
                         std::map<std::string, std::string> headers, const std::string& body) {
  headers.try_emplace("Host", "127.0.0.1:" + std::to_string(port));
  if (!body.empty()) headers.try_emplace("Content-Length", std::to_string(body.size()));
  std::string text = method + " " + path + " HTTP/1.1\r\n";
  for (const auto& [name, value] : headers) {
    if (!value.empty()) text += name + ": " + value + "\r\n";
  }
  return text + "\r\n" + body;
}

HttpReply http_exchange(int port, const std::string& request, std::chrono::milliseconds timeout) {
  RawConnection connection(port);
  if (!connection.connected() || !connection.send_all(request, timeout)) return {};
  return parse_reply(connection.read_response(timeout));
}

}  // namespace prov::test
