#include "integrity/scan_fixtures.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numbers>
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

std::vector<float> crossfade_join(const std::vector<std::vector<float>>& parts, int rate, double fade_s) {
  std::vector<float> out;
  const auto fade = static_cast<std::size_t>(std::lround(fade_s * rate));
  for (const auto& part : parts) {
    const std::size_t overlap = std::min({fade, out.size(), part.size()});
    const std::size_t base = out.size() - overlap;
    for (std::size_t i = 0; i < overlap; ++i) {
      const double w = std::sin(0.5 * std::numbers::pi * (static_cast<double>(i) + 0.5) / static_cast<double>(overlap));
      out[base + i] = static_cast<float>(out[base + i] * (1.0 - w * w) + part[i] * w * w);
    }
    out.insert(out.end(), part.begin() + static_cast<std::ptrdiff_t>(overlap), part.end());
  }
  return out;
}

Signal join_real_speech(const std::vector<std::filesystem::path>& files) {
  Signal joined;
  std::vector<std::vector<float>> parts;
  for (const auto& f : files) {
    Signal s = media::decode_mono(f.string(), 0);
    if (joined.sample_rate != 0 && s.sample_rate != joined.sample_rate) {
      throw std::runtime_error("join_real_speech: mixed sample rates at " + f.string());
    }
    joined.sample_rate = s.sample_rate;
    parts.push_back(std::move(s.samples));
  }
  joined.samples = crossfade_join(parts, joined.sample_rate, 0.030);
  return joined;
}

bool covers(const Finding& f, double t, double tolerance) {
  return t >= f.start_s - tolerance && t <= f.end_s + tolerance;
}

}  // namespace prov::test
