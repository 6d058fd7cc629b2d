#include "security/serve_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <regex>

namespace prov::test {
namespace {

using Clock = std::chrono::steady_clock;

long proc_status_field(pid_t pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  }
  return -1;
}

}  // namespace

std::string serve_cli() {
  if (const char* env = std::getenv("PROVENANCE_SERVE_CLI"); env && *env) return env;
  return PROVENANCE_CLI;
}

ServeProcess::ServeProcess(const std::string& case_path, int port, std::vector<std::string> extra_args) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return;
  std::vector<std::string> args = {serve_cli(), "serve", "--case", case_path, "--port", std::to_string(port),
                                   "--examiner", "security-suite"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  std::vector<char*> argv;  // built before fork: the child only calls async-signal-safe functions
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(fds[1], 1);
    ::dup2(fds[1], 2);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  out_fd_ = fds[0];
  reader_ = std::thread([this] { drain(); });

  const std::regex serving(R"(at http://[^ ]*:(\d+)/)");
  const auto until = Clock::now() + std::chrono::seconds(15);
  while (Clock::now() < until) {
    std::smatch m;
    const std::string out = output();
    if (std::regex_search(out, m, serving)) {
      port_ = std::stoi(m[1]);
      return;
    }
    if (wait_exit(std::chrono::milliseconds(20))) return;
  }
}

void ServeProcess::drain() {
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(out_fd_, buffer, sizeof buffer);
    if (n <= 0) return;
    std::lock_guard lock(mutex_);
    output_.append(buffer, static_cast<std::size_t>(n));
  }
}

std::string ServeProcess::output() const {
  std::lock_guard lock(mutex_);
  return output_;
}

std::optional<int> ServeProcess::wait_exit(std::chrono::milliseconds timeout) {
  if (exit_code_ || pid_ <= 0) return exit_code_;
  const auto until = Clock::now() + timeout;
  do {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      return exit_code_;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  } while (Clock::now() < until);
  return std::nullopt;
}

long ServeProcess::peak_rss_kib() const { return proc_status_field(pid_, "VmHWM"); }
long ServeProcess::threads() const { return proc_status_field(pid_, "Threads"); }

ServeProcess::~ServeProcess() {
  if (pid_ > 0 && !exit_code_) {
    ::kill(pid_, SIGTERM);
    if (!wait_exit(std::chrono::seconds(5))) {
      ::kill(pid_, SIGKILL);
      wait_exit(std::chrono::seconds(5));
    }
  }
  if (reader_.joinable()) reader_.join();
  if (out_fd_ >= 0) ::close(out_fd_);
}

}  // namespace prov::test
