#pragma once
#include <filesystem>
#include <string>

namespace prov::test {

// ../shared/data next to the project, or PROVENANCE_SHARED_DATA if set.
std::filesystem::path shared_data_dir();
// Empty when present; otherwise the message to skip with.
std::string missing_shared_data(const std::string& subdir);

// A fresh temporary folder, removed when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};
// Runs a shell command line and collects what it printed.
CommandResult run_command(const std::string& command_line);
// True when a program is on PATH (sox, ffmpeg, espeak-ng...).
bool have_program(const std::string& name);
// Quotes a string for the shell.
std::string shell_quote(const std::string& text);

}  // namespace prov::test

// Skips the current test loudly when a shared data folder is absent.
#define PROV_REQUIRE_SHARED_DATA(subdir)                                  \
  do {                                                                    \
    const std::string prov_missing_ = ::prov::test::missing_shared_data(subdir); \
    if (!prov_missing_.empty()) GTEST_SKIP() << prov_missing_;            \
  } while (0)

#define PROV_REQUIRE_PROGRAM(name)                                        \
  do {                                                                    \
    if (!::prov::test::have_program(name))                                \
      GTEST_SKIP() << "SKIPPED: program '" << name << "' is not installed"; \
  } while (0)
