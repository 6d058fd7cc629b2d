#include "integrity/scan_fixtures.h"

#include <fmt/format.h>

#include <memory>
#include <stdexcept>

#include "media/decode.h"
#include "support/test_support.h"

namespace prov::test {

integrity::IntegrityResult scan_file(const std::filesystem::path& path, const integrity::ScanOptions& options) {
  std::unique_ptr<integrity::IntegrityScanner> scanner;
  media::decode_audio(path.string(), {}, [&](const float* mono, std::size_t frames, int rate) {
    if (!scanner) scanner = std::make_unique<integrity::IntegrityScanner>(rate, options);
    scanner->feed(mono, frames);
  });
  if (!scanner) throw std::runtime_error("decoder delivered no audio for " + path.string());
  return scanner->finish();
}

void run_or_throw(const std::string& command_line) {
  const CommandResult r = run_command(command_line);
  if (r.exit_code != 0) throw std::runtime_error("command failed: " + command_line + "\n" + r.output);
}

Findings with_detector(const Findings& findings, const std::string& detector) {
  Findings out;
  for (const Finding& f : findings) {
    if (f.detector == detector) out.push_back(f);
  }
  return out;
}

Findings edits(const Findings& findings) {
  Findings out;
  for (const Finding& f : findings) {
    if (f.kind == "edit") out.push_back(f);
  }
  return out;
}

std::string describe(const Findings& findings) {
  std::string text;
  for (const Finding& f : findings) {
    text += fmt::format("  [{} {:.2f}-{:.2f} s] {}\n", f.detector, f.start_s, f.end_s, f.summary);
  }
  return text.empty() ? "  (none)\n" : text;
}

void join_fsdd(const std::vector<std::string>& names, const std::filesystem::path& out) {
  std::string command = "sox -R -D";
  for (const std::string& name : names) {
    command.append(" ").append(shell_quote((shared_data_dir() / "fsdd" / name).string()));
  }
  command.append(" ").append(shell_quote(out.string()));
  run_or_throw(command);
}

std::vector<std::string> fsdd_speaker(const std::string& speaker, int first, int last) {
  std::vector<std::string> names;
  for (int index = first; index <= last; ++index) {
    for (int digit = 0; digit < 10; ++digit) names.push_back(fmt::format("{}_{}_{}.wav", digit, speaker, index));
  }
  return names;
}

bool covers(const Finding& f, double t, double tolerance) {
  return t >= f.start_s - tolerance && t <= f.end_s + tolerance;
}

}  // namespace prov::test
