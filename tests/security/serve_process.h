#pragma once
#include <sys/types.h>

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace prov::test {

// The provenance program under test: $PROVENANCE_SERVE_CLI when set (to run
// this suite against another build), else the one built with the tests.
std::string serve_cli();

// A `provenance serve` child process. The constructor waits (bounded) for
// the "serving ... at http://host:port/" line or for the process to end.
class ServeProcess {
 public:
  ServeProcess(const std::string& case_path, int port = 0, std::vector<std::string> extra_args = {});
  ~ServeProcess();  // SIGTERM, then SIGKILL if it lingers
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  bool listening() const { return port_ > 0; }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  std::string output() const;  // stdout and stderr so far

  // The exit code once the process has ended within `timeout`.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);

  // From /proc: peak resident memory (VmHWM) and current thread count.
  long peak_rss_kib() const;
  long threads() const;

 private:
  void drain();
  pid_t pid_ = -1;
  int out_fd_ = -1;
  int port_ = 0;
  std::optional<int> exit_code_;
  mutable std::mutex mutex_;
  std::string output_;
  std::thread reader_;
};

}  // namespace prov::test
