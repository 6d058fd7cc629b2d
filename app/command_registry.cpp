#include "command_registry.h"

#include <map>

namespace prov::cli {
namespace {
std::map<std::string, CommandSetup>& registry() {
  static std::map<std::string, CommandSetup> commands;
  return commands;
}
}  // namespace

CommandRegistration::CommandRegistration(std::string name, CommandSetup setup) {
  registry().emplace(std::move(name), std::move(setup));
}

void setup_all_commands(CLI::App& app) {
  for (auto& [name, setup] : registry()) setup(app);
}

}  // namespace prov::cli
