#include "server/bounded_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <thread>
#include <vector>

namespace prov::server {
namespace {

using Clock = std::chrono::steady_clock;

// Set while the accepting thread runs a connection that found the queue
// full: that connection is answered 503 without being read.
thread_local bool t_shed_connection = false;

// A fixed number of workers and a bounded queue. httplib 0.11's own pool has
// an unbounded queue, and its enqueue cannot refuse a connection; a refused
// one is therefore run at once on the calling thread with t_shed_connection
// set, which answers and closes it without reading.
class BoundedTaskQueue : public httplib::TaskQueue {
 public:
  BoundedTaskQueue(std::size_t workers, std::size_t capacity) : capacity_(capacity) {
    for (std::size_t i = 0; i < std::max<std::size_t>(workers, 1); ++i) threads_.emplace_back([this] { work(); });
  }

  void enqueue(std::function<void()> fn) override {
    {
      std::lock_guard lock(mutex_);
      if (!shutdown_ && jobs_.size() < capacity_) {
        jobs_.push_back(std::move(fn));
        cond_.notify_one();
        return;
      }
    }
    t_shed_connection = true;
    fn();
    t_shed_connection = false;
  }

  void shutdown() override {
    {
      std::lock_guard lock(mutex_);
      shutdown_ = true;
    }
    cond_.notify_all();
    for (auto& t : threads_) t.join();
    threads_.clear();
  }

 private:
  void work() {
    for (;;) {
      std::function<void()> fn;
      {
        std::unique_lock lock(mutex_);
        cond_.wait(lock, [&] { return shutdown_ || !jobs_.empty(); });
        if (jobs_.empty()) return;  // shut down and nothing left
        fn = std::move(jobs_.front());
        jobs_.pop_front();
      }
      fn();
    }
  }

  std::size_t capacity_;
  std::vector<std::thread> threads_;
  std::deque<std::function<void()>> jobs_;
  bool shutdown_ = false;
  std::mutex mutex_;
  std::condition_variable cond_;
};

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(std::min<long long>(left, 1 << 30));
}

// Waits for `events` on the socket for at most `timeout_ms` and until
// `deadline`; false when neither came.
bool wait_for(socket_t sock, short events, int timeout_ms, Clock::time_point deadline) {
  for (;;) {
    const int wait_ms = std::min(timeout_ms, remaining_ms(deadline));
    if (wait_ms <= 0) return false;
    pollfd p{sock, events, 0};
    const int r = ::poll(&p, 1, wait_ms);
    if (r > 0) return true;
    if (r == 0) return false;
    if (errno != EINTR) return false;
  }
}

void address_of(const sockaddr_storage& addr, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto& a = reinterpret_cast<const sockaddr_in&>(addr);
    inet_ntop(AF_INET, &a.sin_addr, text, sizeof text);
    port = ntohs(a.sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto& a = reinterpret_cast<const sockaddr_in6&>(addr);
    inet_ntop(AF_INET6, &a.sin6_addr, text, sizeof text);
    port = ntohs(a.sin6_port);
  }
  ip = text;
}

// A socket stream whose every read and write has a timeout, whose reads end
// at the request deadline and after `max_request_bytes`, and whose writes end
// at the connection deadline.
class DeadlineStream : public httplib::Stream {
 public:
  DeadlineStream(socket_t sock, const ConnectionLimits& limits)
      : sock_(sock),
        limits_(limits),
        accepted_(Clock::now()),
        read_deadline_(accepted_ + std::chrono::milliseconds(limits.request_deadline_ms)),
        write_deadline_(accepted_ + std::chrono::milliseconds(limits.connection_deadline_ms)) {}

  void widen(std::size_t max_bytes, int deadline_ms) {
    limits_.max_request_bytes = std::max(limits_.max_request_bytes, max_bytes);
    read_deadline_ = std::max(read_deadline_, accepted_ + std::chrono::milliseconds(deadline_ms));
    write_deadline_ = std::max(write_deadline_, read_deadline_ + std::chrono::milliseconds(limits_.io_timeout_ms));
  }

  bool is_readable() const override {
    return pos_ < len_ || wait_for(sock_, POLLIN, limits_.io_timeout_ms, read_deadline_);
  }
  bool is_writable() const override { return wait_for(sock_, POLLOUT, limits_.io_timeout_ms, write_deadline_); }

  ssize_t read(char* ptr, size_t size) override {
    if (pos_ == len_) {
      if (total_read_ >= limits_.max_request_bytes) return -1;
      if (!wait_for(sock_, POLLIN, limits_.io_timeout_ms, read_deadline_)) return -1;
      const std::size_t want = std::min(sizeof buffer_, limits_.max_request_bytes - total_read_);
      const ssize_t n = ::recv(sock_, buffer_, want, 0);
      if (n <= 0) return n;
      total_read_ += static_cast<std::size_t>(n);
      pos_ = 0;
      len_ = static_cast<std::size_t>(n);
    }
    const std::size_t n = std::min(size, len_ - pos_);
    std::memcpy(ptr, buffer_ + pos_, n);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable()) return -1;
    return ::send(sock_, ptr, size, MSG_NOSIGNAL);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) address_of(addr, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) address_of(addr, ip, port);
  }
  socket_t socket() const override { return sock_; }

 private:
  socket_t sock_;
  ConnectionLimits limits_;
  Clock::time_point accepted_;
  Clock::time_point read_deadline_;
  Clock::time_point write_deadline_;
  char buffer_[16 * 1024];
  std::size_t pos_ = 0, len_ = 0, total_read_ = 0;
};

// The stream of the connection this thread serves, if any.
thread_local DeadlineStream* t_stream = nullptr;

// Ends a connection so that the client can read the answer: the write side
// is closed first and what the client still sends is read and dropped for a
// moment, since closing with unread input would reset the connection and
// could discard the answer on the client's side.
void close_gracefully(socket_t sock) {
  ::shutdown(sock, SHUT_WR);
  const auto until = Clock::now() + std::chrono::milliseconds(200);
  char sink[16 * 1024];
  std::size_t drained = 0;
  while (drained < (1u << 20) && wait_for(sock, POLLIN, 200, until)) {
    const ssize_t n = ::recv(sock, sink, sizeof sink, 0);
    if (n <= 0) break;
    drained += static_cast<std::size_t>(n);
  }
  ::close(sock);
}

const std::string& busy_response() {
  static const std::string body = R"({"error":"the server is busy; try again shortly"})";
  static const std::string response = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                                      "Content-Length: " + std::to_string(body.size()) +
                                      "\r\nRetry-After: 1\r\nConnection: close\r\n\r\n" + body;
  return response;
}

}  // namespace

void exclusive_port_socket_options(socket_t sock) {
  const int yes = 1;
  ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
}

BoundedHttpServer::BoundedHttpServer(ConnectionLimits limits) : limits_(limits) {
  set_socket_options(exclusive_port_socket_options);
  new_task_queue = [this] { return new BoundedTaskQueue(limits_.workers, limits_.queue); };
}

bool BoundedHttpServer::process_and_close_socket(socket_t sock) {
  if (t_shed_connection) {
    // Never blocks: the answer fits in an empty socket buffer.
    const std::string& busy = busy_response();
    [[maybe_unused]] const ssize_t sent = ::send(sock, busy.data(), busy.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    return false;
  }
  {
    std::lock_guard lock(open_mutex_);
    if (stopping_) {
      ::close(sock);
      return false;
    }
    open_sockets_.insert(sock);
  }
  serve_connection(sock);
  bool stopping = false;
  {
    // Once out of the set, no other thread touches this descriptor.
    std::lock_guard lock(open_mutex_);
    open_sockets_.erase(sock);
    stopping = stopping_;
  }
  if (stopping) {
    ::close(sock);
  } else {
    close_gracefully(sock);
  }
  return true;
}

void BoundedHttpServer::serve_connection(socket_t sock) {
  DeadlineStream stream(sock, limits_);
  t_stream = &stream;
  bool closed = false;
  process_request(stream, /*close_connection=*/true, closed, nullptr);
  t_stream = nullptr;
}

void BoundedHttpServer::widen_current_request(std::size_t max_bytes, int deadline_ms) {
  if (t_stream) t_stream->widen(max_bytes, deadline_ms);
}

void BoundedHttpServer::widen_listen_backlog() {
  const socket_t sock = svr_sock_;
  if (sock != INVALID_SOCKET) ::listen(sock, SOMAXCONN);
}

void BoundedHttpServer::stop_and_disconnect() {
  {
    std::lock_guard lock(open_mutex_);
    stopping_ = true;
    for (const socket_t sock : open_sockets_) ::shutdown(sock, SHUT_RDWR);
  }
  stop();
}

}  // namespace prov::server
