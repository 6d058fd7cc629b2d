#pragma once
#include <httplib.h>

#include <cstddef>
#include <mutex>
#include <set>
#include <string>

namespace prov::server {

// What one client may cost the server. A client that is slow, silent or
// sends too much loses its connection; it cannot hold the server.
struct ConnectionLimits {
  // Threads that serve connections; a slow client holds one at most
  // `request_deadline_ms`, so this many slow clients at once are needed to
  // delay anyone.
  std::size_t workers = 64;
  // Accepted connections waiting for a worker; beyond this they get 503 at once
  // instead of piling up memory and threads.
  std::size_t queue = 64;
  // Silence allowed between two reads or writes.
  int io_timeout_ms = 5000;
  // The whole request (line, headers, body) must arrive within this time
  // after the connection was accepted.
  int request_deadline_ms = 10000;
  // The whole connection, answer included, ends after this time.
  int connection_deadline_ms = 30000;
  // Raw bytes read from one connection, headers and chunk framing included;
  // reading stops beyond it whatever the request says about its length.
  std::size_t max_request_bytes = 1 << 20;
};

// cpp-httplib's server with the limits above: one request per connection,
// a bounded worker pool and queue (503 when full), deadlines on every read
// and write, and a listening socket with SO_REUSEADDR only. (The library's
// default also sets SO_REUSEPORT, which lets a second server bind the same
// port and take half of the first one's requests.)
class BoundedHttpServer : public httplib::Server {
 public:
  explicit BoundedHttpServer(ConnectionLimits limits = {});

  // Stops listening and cuts every open connection, so stop does not wait
  // for slow clients.
  void stop_and_disconnect();

  // After binding: a listen backlog of SOMAXCONN instead of the library's 5,
  // so that a burst of connections is accepted (and answered 503 if need
  // be) instead of having the kernel drop connection attempts, which
  // clients retry only after a second or more.
  void widen_listen_backlog();

  // For the request now being routed on this thread (a checked upload):
  // up to `max_bytes` may be read, until `deadline_ms` after the connection
  // was accepted. Silence between reads still ends it.
  static void widen_current_request(std::size_t max_bytes, int deadline_ms);

 private:
  bool process_and_close_socket(socket_t sock) override;
  void serve_connection(socket_t sock);

  ConnectionLimits limits_;
  std::mutex open_mutex_;
  std::set<socket_t> open_sockets_;
  bool stopping_ = false;
};

// The socket options for a listening socket: address reuse after a restart
// (TIME_WAIT), never port sharing.
void exclusive_port_socket_options(socket_t sock);

}  // namespace prov::server
