#pragma once
#include <CLI/CLI.hpp>
#include <functional>
#include <stdexcept>
#include <string>

namespace prov::cli {

// Each command file registers itself with a static CommandRegistration, so
// adding a command never touches main.cpp.
//   static CommandRegistration reg{"enf", [](CLI::App& app) { ... }};
// The setup function adds the subcommand and its callback to `app`.
using CommandSetup = std::function<void(CLI::App& app)>;

struct CommandRegistration {
  CommandRegistration(std::string name, CommandSetup setup);
};

void setup_all_commands(CLI::App& app);

// Exit codes (DESIGN.md): 0 success, 1 analysis could not run, 2 usage error,
// 3 the run was saved in the case file but a report could not be written.
// Throw InputError (core/error.h) for exit 1, RunSavedReportFailed for exit 3;
// main prints the one-line message.
constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitReportFailed = 3;

class RunSavedReportFailed : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace prov::cli
