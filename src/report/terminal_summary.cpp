#include "report/terminal_summary.h"

#include <fmt/format.h>

#include <algorithm>

#include "report/conclusions.h"
#include "report/json_text.h"

namespace prov::report {
namespace {

constexpr std::size_t kMaxFindings = 15;

// Terminal text from the report: strip control characters a hostile tag could carry.
std::string clean(const std::string& s) {
  std::string out;
  for (char c : s) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? ' ' : c;
  return out;
}

}  // namespace

std::string render_terminal_summary(const nlohmann::json& report, bool color) {
  const auto paint = [&](const char* code, const std::string& text) {
    return color ? fmt::format("\033[{}m{}\033[0m", code, text) : text;
  };
  const nlohmann::json item = report.value("item", nlohmann::json::object());
  std::string out;
  out += paint("1", clean(item.value("path", std::string("item")))) + "\n";
  if (item.contains("sha256")) out += "  SHA-256   " + clean(json_text(item["sha256"])) + "\n";
  std::string audio;
  if (item.contains("decoded_duration_s")) audio += fmt::format("{:.2f} s", item.value("decoded_duration_s", 0.0));
  if (item.contains("codec")) audio += ", " + clean(json_text(item["codec"]));
  if (item.contains("native_rate")) audio += ", " + json_text(item["native_rate"]) + " Hz";
  if (item.contains("channels")) audio += ", " + json_text(item["channels"]) + " ch";
  if (!audio.empty()) out += "  Audio     " + audio + "\n";
  if (const auto c = report.find("container"); c != report.end() && c->is_object()) {
    std::string line = clean(c->value("format", std::string()));
    if (c->contains("encoder") && !(*c)["encoder"].is_null()) line += ", encoder " + clean(json_text((*c)["encoder"]));
    if (!line.empty()) out += "  Container " + line + "\n";
  }

  out += "  Answers\n";
  for (const Conclusion& c : conclusions(report)) {
    out += fmt::format("    {:<9} {} {}\n", c.id, clean(c.answer), paint("2", fmt::format("[{}]", clean(c.strength))));
  }

  std::vector<nlohmann::json> findings;
  if (const auto f = report.find("findings"); f != report.end() && f->is_array()) {
    for (const auto& x : *f) {
      if (x.is_object()) findings.push_back(x);
    }
  }
  // Edits first, then by strength.
  std::stable_sort(findings.begin(), findings.end(), [](const nlohmann::json& a, const nlohmann::json& b) {
    const bool ea = a.value("kind", "") == "edit", eb = b.value("kind", "") == "edit";
    if (ea != eb) return ea;
    return a.value("strength", 0.0) > b.value("strength", 0.0);
  });
  out += fmt::format("  Findings  {}\n", findings.empty() ? std::string("none") : std::to_string(findings.size()));
  for (std::size_t i = 0; i < std::min(findings.size(), kMaxFindings); ++i) {
    const auto& f = findings[i];
    const std::string kind = clean(f.value("kind", ""));
    const std::string tag = fmt::format("{:<9}", kind);
    out += "    " + paint(kind == "edit" ? "31" : "33", tag) + " " +
           fmt::format("{:<16}", span_text(f.value("start_s", 0.0), f.value("end_s", 0.0))) + " " +
           clean(f.value("summary", "")) + "\n";
  }
  if (findings.size() > kMaxFindings) out += fmt::format("    ... and {} more\n", findings.size() - kMaxFindings);
  return out;
}

}  // namespace prov::report
