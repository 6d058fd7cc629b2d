#include <iostream>

#include "command_registry.h"
#include "core/error.h"
#include "core/terminal_text.h"
#include "provenance_version.h"

int main(int argc, char** argv) {
  CLI::App app{"Provenance " PROVENANCE_VERSION
               " - forensic workbench for purported recordings of a person"};
  app.set_version_flag("--version", PROVENANCE_VERSION);
  app.require_subcommand(1);
  prov::cli::setup_all_commands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? prov::cli::kExitOk : prov::cli::kExitUsage;
  } catch (const prov::cli::RunSavedReportFailed& e) {
    std::cerr << "provenance: " << prov::terminal_safe(e.what()) << "\n";
    return prov::cli::kExitReportFailed;
  } catch (const prov::InputError& e) {
    std::cerr << "provenance: " << prov::terminal_safe(e.what()) << "\n";
    return prov::cli::kExitFailed;
  } catch (const std::exception& e) {
    std::cerr << "provenance: " << prov::terminal_safe(e.what()) << "\n";
    return prov::cli::kExitFailed;
  }
  return prov::cli::kExitOk;
}
