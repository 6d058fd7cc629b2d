#include "content/evaluation.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/error.h"

namespace prov::content {
namespace {

std::optional<double> median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

Day read_day(const nlohmann::json& v, const char* field, const std::filesystem::path& file) {
  if (!v.contains(field) || !v[field].is_string()) {
    throw InputError(fmt::format("{}: needs \"{}\": \"YYYY-MM-DD\"", file.string(), field));
  }
  const auto range = parse_iso_range(v[field].get<std::string>());
  if (!range || range->earliest != range->latest) {
    throw InputError(fmt::format("{}: \"{}\" must be a day (YYYY-MM-DD)", file.string(), field));
  }
  return range->earliest;
}

std::string opt_day(const std::optional<Day>& d) { return d ? day_to_iso(*d) : std::string("-"); }

}  // namespace

std::vector<DatingCase> load_cases(const std::filesystem::path& folder) {
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) {
    throw InputError(fmt::format("{}: not a folder of dating cases", folder.string()));
  }
  std::vector<DatingCase> cases;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() != ".json") continue;
    DatingCase c;
    c.name = entry.path().stem().string();
    try {
      std::ifstream in(entry.path(), std::ios::binary);
      nlohmann::json v;
      try {
        v = nlohmann::json::parse(in);
      } catch (const nlohmann::json::exception&) {
        throw InputError(fmt::format("{}: malformed JSON", entry.path().string()));
      }
      for (const char* ext : {".txt", ".srt", ".vtt"}) {
        auto candidate = entry.path();
        candidate.replace_extension(ext);
        if (std::filesystem::exists(candidate)) c.transcript = candidate;
      }
      if (c.transcript.empty()) {
        throw InputError(fmt::format("{}: no transcript {}.txt/.srt/.vtt beside it", entry.path().string(), c.name));
      }
      c.true_day = read_day(v, "true_date", entry.path());
      if (v.contains("released")) c.released = read_day(v, "released", entry.path());
      c.source = v.value("source", "");
      c.wording = v.value("wording", "");
      c.speaker_side = v.value("speaker_side", "");
      if (v.contains("expect_hard_lower") && v["expect_hard_lower"].is_boolean()) {
        c.expect_hard_lower = v["expect_hard_lower"].get<bool>();
      }
    } catch (const InputError& e) {
      c.error = e.what();
    }
    cases.push_back(std::move(c));
  }
  if (cases.empty()) throw InputError(fmt::format("{}: no cases (NAME.json + NAME.txt) found", folder.string()));
  std::sort(cases.begin(), cases.end(), [](const DatingCase& a, const DatingCase& b) { return a.name < b.name; });
  return cases;
}

EvaluationSummary evaluate(const std::vector<DatingCase>& cases, const ReferenceIndex& index, bool use_released) {
  EvaluationSummary s;
  std::vector<double> earliest_gaps, widths, likely_widths;
  for (const auto& c : cases) {
    CaseOutcome o;
    o.name = c.name;
    o.true_day = c.true_day;
    o.expect_hard_lower = c.expect_hard_lower;
    DatingResult result;
    o.error = c.error;
    if (o.error.empty()) {
      try {
        const Transcript transcript = load_transcript(c.transcript);
        DatingOptions options;
        if (use_released) options.released = c.released;
        options.speaker_side = c.speaker_side;
        result = date_transcript(transcript, index, options);
      } catch (const std::exception& e) {
        o.error = e.what();
      }
    }
    if (!o.error.empty()) {
      ++s.errors;
      s.cases.push_back(std::move(o));
      continue;
    }
    const Window& w = result.overall.window;
    o.window = w;
    o.references = result.used;
    o.inside = w.consistent && (!w.earliest || *w.earliest <= c.true_day) && (!w.latest || c.true_day <= *w.latest);
    o.inside_likely = w.consistent && (!w.likely_earliest || *w.likely_earliest <= c.true_day) &&
                      (!w.likely_latest || c.true_day <= *w.likely_latest);
    o.violation = !o.inside;
    o.hard_lower = w.consistent && w.earliest.has_value();
    if (o.hard_lower && w.earliest_by) {
      const Bound& b = result.overall.bounds[*w.earliest_by];
      o.lower_by = b.cite.event_id.empty() ? b.cite.rule : b.cite.event_id;
    }
    s.inside += o.inside;
    s.inside_likely += o.inside_likely;
    s.violations += o.violation;
    s.hard_lower += o.hard_lower;
    if (c.expect_hard_lower.value_or(true)) {
      ++s.expected_hard;
      s.expected_hard_met += o.hard_lower;
    } else {
      ++s.traps;
      s.trap_hard += o.hard_lower;
    }
    if (w.consistent && w.earliest) earliest_gaps.push_back(c.true_day - *w.earliest);
    if (w.consistent && w.earliest && w.latest) widths.push_back(*w.latest - *w.earliest + 1);
    if (w.consistent && w.likely_earliest && w.likely_latest) {
      likely_widths.push_back(*w.likely_latest - *w.likely_earliest + 1);
    }
    s.cases.push_back(std::move(o));
  }
  s.with_earliest = earliest_gaps.size();
  s.with_both = widths.size();
  s.with_likely_both = likely_widths.size();
  s.median_days_earliest_to_true = median(earliest_gaps);
  s.median_width_days = median(widths);
  s.median_likely_width_days = median(likely_widths);
  return s;
}

std::string format_evaluation(const EvaluationSummary& s) {
  std::string out = fmt::format("{:<44} {:<10} {:<10} {:<10} {:<10} {:<10} {:>4} {:<7} {:>6} {:<9} {}\n", "case",
                                "true date", "earliest", "latest", "likely>=", "likely<=", "refs", "inside", "days",
                                "hard>=", "earliest set by");
  for (const auto& c : s.cases) {
    if (!c.error.empty()) {
      out += fmt::format("{:<44} {:<10} ERROR: {}\n", c.name.substr(0, 44), c.true_day ? day_to_iso(c.true_day) : std::string("-"),
                         c.error);
      continue;
    }
    const auto& w = c.window;
    std::string expect = c.hard_lower ? "yes" : "no";
    if (c.expect_hard_lower && *c.expect_hard_lower != c.hard_lower) expect += *c.expect_hard_lower ? " (MISS)" : " (TRAP!)";
    out += fmt::format("{:<44} {:<10} {:<10} {:<10} {:<10} {:<10} {:>4} {:<7} {:>6} {:<9} {}\n", c.name.substr(0, 44),
                       day_to_iso(c.true_day), opt_day(w.earliest), opt_day(w.latest), opt_day(w.likely_earliest),
                       opt_day(w.likely_latest), c.references,
                       !w.consistent ? "CONFL" : c.inside ? (c.inside_likely ? "yes" : "yes*") : "NO",
                       w.earliest ? std::to_string(c.true_day - *w.earliest) : std::string("-"), expect, c.lower_by);
  }
  const double n = static_cast<double>(s.cases.size());
  auto fmt_opt = [](const std::optional<double>& v) { return v ? fmt::format("{:.1f}", *v) : std::string("n/a"); };
  out += fmt::format("\ncases: {}\n", s.cases.size());
  out += fmt::format("true date inside possible window: {}/{} ({:.0f}%)\n", s.inside, s.cases.size(),
                     n > 0 ? 100.0 * static_cast<double>(s.inside) / n : 0.0);
  out += fmt::format("true date inside likely window:   {}/{} ({:.0f}%)  (yes* = possible but not likely)\n",
                     s.inside_likely, s.cases.size(), n > 0 ? 100.0 * static_cast<double>(s.inside_likely) / n : 0.0);
  out += fmt::format("hard-bound violations:            {}\n", s.violations);
  out += fmt::format("hard lower bound from content:    {}/{} ({:.0f}%)\n", s.hard_lower, s.cases.size() - s.errors,
                     s.cases.size() > s.errors ? 100.0 * static_cast<double>(s.hard_lower) /
                                                     static_cast<double>(s.cases.size() - s.errors)
                                               : 0.0);
  out += fmt::format("  of cases expecting one:         {}/{}\n", s.expected_hard_met, s.expected_hard);
  out += fmt::format("  trap cases given one anyway:    {}/{}\n", s.trap_hard, s.traps);
  if (s.errors) out += fmt::format("cases that could not be read:     {}\n", s.errors);
  out += fmt::format("median days earliest -> true:     {} (over {} cases with an earliest bound)\n",
                     fmt_opt(s.median_days_earliest_to_true), s.with_earliest);
  out += fmt::format("median possible window width:     {} days (over {} cases bounded on both sides)\n",
                     fmt_opt(s.median_width_days), s.with_both);
  out += fmt::format("median likely window width:       {} days (over {} cases bounded on both sides)\n",
                     fmt_opt(s.median_likely_width_days), s.with_likely_both);
  return out;
}

}  // namespace prov::content
