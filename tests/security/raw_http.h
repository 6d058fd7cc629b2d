#pragma once
#include <chrono>
#include <map>
#include <string>
#include <string_view>

namespace prov::test {

using namespace std::chrono_literals;

// A plain TCP connection to 127.0.0.1, for requests no ordinary HTTP client
// would send: endless chunked bodies, headers one byte at a time, forged
// Host and Origin headers.
class RawConnection {
 public:
  explicit RawConnection(int port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  // False once the peer has closed or reset the connection (or after
  // `timeout` without progress).
  bool send_all(std::string_view data, std::chrono::milliseconds timeout = 5s);
  // One HTTP response: headers, then Content-Length bytes or up to the close.
  // Empty when nothing complete came within `timeout`.
  std::string read_response(std::chrono::milliseconds timeout);
  // True when the peer closes (or resets) the connection within `timeout`.
  bool closed_by_peer(std::chrono::milliseconds timeout);

 private:
  int fd_ = -1;
};

struct HttpReply {
  int status = 0;  // 0: no answer
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
};
HttpReply parse_reply(const std::string& raw);

// Builds a request; Host defaults to 127.0.0.1:port, Content-Length is added
// for a non-empty body. A header given an empty value is left out.
std::string request_text(const std::string& method, const std::string& path, int port,
                         std::map<std::string, std::string> headers = {}, const std::string& body = {});

// Sends one request on a fresh connection and reads the answer.
HttpReply http_exchange(int port, const std::string& request, std::chrono::milliseconds timeout = 5s);

}  // namespace prov::test
