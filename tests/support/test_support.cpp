#include "support/test_support.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <sys/wait.h>

namespace prov::test {
namespace fs = std::filesystem;

void write_pcm16_wav(const std::string& path, const std::vector<float>& samples, int rate) {
  std::ofstream out(path, std::ios::binary);
  auto u32 = [&](uint32_t v) { out.write(reinterpret_cast<const char*>(&v), 4); };
  auto u16 = [&](uint16_t v) { out.write(reinterpret_cast<const char*>(&v), 2); };
  const auto bytes = static_cast<uint32_t>(samples.size() * 2);
  out.write("RIFF", 4);
  u32(36 + bytes);
  out.write("WAVEfmt ", 8);
  u32(16);
  u16(1);  // PCM
  u16(1);  // mono
  u32(static_cast<uint32_t>(rate));
  u32(static_cast<uint32_t>(rate * 2));
  u16(2);
  u16(16);
  out.write("data", 4);
  u32(bytes);
  for (float v : samples) {
    const auto x = static_cast<int16_t>(std::lround(std::clamp(v, -1.0f, 1.0f) * 32767.0f));
    out.write(reinterpret_cast<const char*>(&x), 2);
  }
}

fs::path shared_data_dir() {
  if (const char* env = std::getenv("PROVENANCE_SHARED_DATA"); env && *env) return env;
#ifdef PROVENANCE_SOURCE_DIR
  return fs::path(PROVENANCE_SOURCE_DIR) / ".." / "shared" / "data";
#else
  return fs::path("..") / "shared" / "data";
#endif
}

std::string missing_shared_data(const std::string& subdir) {
  const fs::path dir = shared_data_dir() / subdir;
  if (fs::is_directory(dir)) return {};
  std::string message = "SKIPPED: shared data folder " + dir.string() +
                        " is absent; this test needs the real recordings described in shared/data/README.md";
  std::cerr << message << "\n";
  return message;
}

TempDir::TempDir() {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    fs::path candidate = fs::temp_directory_path() / ("provenance-test-" + std::to_string(rd()));
    if (fs::create_directory(candidate)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary folder");
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

CommandResult run_command(const std::string& command_line) {
  CommandResult result;
  const std::string full = command_line + " 2>&1";
  FILE* pipe = popen(full.c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer{};
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

bool have_program(const std::string& name) {
  return run_command("command -v " + shell_quote(name) + " >/dev/null").exit_code == 0;
}

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

}  // namespace prov::test
