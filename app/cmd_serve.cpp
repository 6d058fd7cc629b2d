// provenance serve: the case file's web UI on a local port.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <ctime>
#include <filesystem>
#include <fmt/format.h>
#include <memory>
#include <thread>

#include "command_registry.h"
#include "core/terminal_text.h"
#include "examiner.h"
#include "server/case_server.h"

namespace prov::cli {
namespace {

// SIGINT and SIGTERM are blocked in every thread and taken by one waiting
// thread, which stops the server outside any signal handler.
class StopOnSignal {
 public:
  explicit StopOnSignal(server::CaseServer& server) {
    sigemptyset(&signals_);
    sigaddset(&signals_, SIGINT);
    sigaddset(&signals_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
    waiter_ = std::thread([this, &server] {
      const timespec poll_interval{0, 200'000'000};
      while (!done_) {
        if (sigtimedwait(&signals_, nullptr, &poll_interval) > 0) {
          server.stop();
          return;
        }
      }
    });
  }
  ~StopOnSignal() {
    done_ = true;
    waiter_.join();
  }

 private:
  sigset_t signals_;
  std::atomic<bool> done_{false};
  std::thread waiter_;
};

std::string url_host(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

CommandRegistration registration{"serve", [](CLI::App& app) {
  auto options = std::make_shared<server::ServerOptions>();
  auto* cmd = app.add_subcommand("serve", "Browse a case and review findings in a web browser");
  cmd->add_option("--case", options->case_path, "Case file")->required();
  cmd->add_option("--port", options->port, "Port (0 picks a free one); never shared with another program")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--host", options->host, "Address to listen on (default: loopback only)");
  cmd->add_option("--examiner", options->examiner, "Default examiner name for reviews (default: login name)");
  cmd->add_option("--media-cache", options->media_cache,
                  "Folder for the player's waveforms, spectrograms and WAV renditions "
                  "(default: ~/.cache/provenance/media)");
  cmd->callback([options] {
    options->examiner = examiner_name(options->examiner);
    // Uploads from the page are analysed by this same program.
    std::error_code ec;
    options->analyzer_program = std::filesystem::read_symlink("/proc/self/exe", ec).string();
    server::CaseServer server(*options);
    StopOnSignal stop_on_signal(server);
    server.run([&](int port) {
      if (const auto problem = server.integrity_problem()) {
        fmt::print(stderr, "provenance serve: WARNING: {}: {}\n", terminal_safe(options->case_path),
                   terminal_safe(*problem));
      }
      fmt::print("serving {} at http://{}:{}/  (Ctrl-C stops)\n", terminal_safe(options->case_path),
                 url_host(options->host), port);
      std::fflush(stdout);
    });
  });
}};

}  // namespace
}  // namespace prov::cli
