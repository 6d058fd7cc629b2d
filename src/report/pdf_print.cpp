#include "report/pdf_print.h"

#include <fmt/format.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "core/error.h"

extern char** environ;

namespace prov::report {
namespace {

namespace fs = std::filesystem;

std::string find_browser() {
  if (const char* given = std::getenv("PROVENANCE_CHROMIUM"); given && *given) return given;
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
      const fs::path candidate = fs::path(dir.empty() ? "." : dir) / name;
      if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
  }
  throw InputError(
      "PDF export needs Chromium (Debian package chromium) on the PATH, or its path in PROVENANCE_CHROMIUM");
}

// A private temporary folder, removed when it goes out of scope.
struct TemporaryFolder {
  fs::path path;
  TemporaryFolder() {
    std::string pattern = (fs::temp_directory_path() / "provenance-pdf-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw InputError("PDF export: cannot make a temporary folder");
    path = pattern;
  }
  ~TemporaryFolder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

int run_with_timeout(const std::vector<std::string>& args, const fs::path& log, int timeout_s) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);  // its own group, so a timeout ends its helpers too
  posix_spawnattr_setpgroup(&attributes, 0);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, argv[0], &actions, &attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (spawned != 0) throw InputError(fmt::format("PDF export: cannot start {}", args[0]));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  int status = 0;
  while (true) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      throw InputError(fmt::format("PDF export: {} did not finish within {} s", args[0], timeout_s));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(-pid, SIGKILL);  // helper processes the browser may leave behind
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

std::string print_html_to_pdf(const std::string& html, int timeout_s) {
  const std::string browser = find_browser();
  TemporaryFolder folder;
  const fs::path page = folder.path / "report.html";
  const fs::path pdf = folder.path / "report.pdf";
  {
    std::ofstream out(page, std::ios::binary);
    out << html;
    if (!out) throw InputError("PDF export: cannot write the temporary page");
  }
  std::vector<std::string> args = {browser,
                                    "--headless",
                                    "--disable-gpu",
                                    "--no-first-run",
                                    "--no-default-browser-check",
                                    "--disable-extensions",
                                    "--disable-dev-shm-usage",
                                    "--user-data-dir=" + (folder.path / "profile").string(),
                                    "--no-pdf-header-footer",
                                    "--print-to-pdf=" + pdf.string()};
  if (::geteuid() == 0) args.push_back("--no-sandbox");  // Chromium refuses to run as root otherwise
  args.push_back("file://" + page.string());
  const int code = run_with_timeout(args, folder.path / "browser.log", timeout_s);
  std::string bytes = fs::exists(pdf) ? read_all(pdf) : std::string{};
  if (bytes.rfind("%PDF-", 0) != 0) {
    std::string log = read_all(folder.path / "browser.log");
    if (log.size() > 400) log = log.substr(log.size() - 400);
    throw InputError(fmt::format("PDF export: {} exited with {} and wrote no PDF: {}", browser, code, log));
  }
  return bytes;
}

}  // namespace prov::report
