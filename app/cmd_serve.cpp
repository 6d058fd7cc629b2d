// provenance serve: the case file's web UI on a local port.
#include <csignal>
#include <fmt/format.h>
#include <memory>

#include "command_registry.h"
#include "examiner.h"
#include "server/case_server.h"

namespace prov::cli {
namespace {

server::CaseServer* running_server = nullptr;

void stop_on_signal(int) {
  if (running_server) running_server->stop();
}

CommandRegistration registration{"serve", [](CLI::App& app) {
  auto options = std::make_shared<server::ServerOptions>();
  auto* cmd = app.add_subcommand("serve", "Browse a case and review findings in a web browser");
  cmd->add_option("--case", options->case_path, "Case file")->required();
  cmd->add_option("--port", options->port, "Port (0 picks a free one)")->check(CLI::Range(0, 65535));
  cmd->add_option("--host", options->host, "Address to listen on (default: loopback only)");
  cmd->add_option("--examiner", options->examiner, "Default examiner name for reviews (default: login name)");
  cmd->callback([options] {
    options->examiner = examiner_name(options->examiner);
    server::CaseServer server(*options);
    running_server = &server;
    std::signal(SIGINT, stop_on_signal);
    std::signal(SIGTERM, stop_on_signal);
    server.run([&](int port) {
      fmt::print("serving {} at http://{}:{}/  (Ctrl-C stops)\n", options->case_path, options->host, port);
      std::fflush(stdout);
    });
    running_server = nullptr;
  });
}};

}  // namespace
}  // namespace prov::cli
