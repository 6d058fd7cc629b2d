#include "subjects/claims.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <stdexcept>

#include "content/jsonl.h"
#include "content/utf8_text.h"
#include "core/error.h"
#include "subjects/csv_records.h"

namespace prov::subjects {
namespace {

const std::vector<std::string> kRequired = {"subject", "status", "published", "claimant", "source"};

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

content::DayRange date_field(const std::string& name, const std::string& value, bool full_day) {
  const auto range = content::parse_iso_range(value);
  if (!range) throw std::invalid_argument(fmt::format("{} '{}' is not a date (YYYY-MM-DD)", name, value));
  if (full_day && range->earliest != range->latest) {
    throw std::invalid_argument(fmt::format("{} '{}': give the full day YYYY-MM-DD", name, value));
  }
  return *range;
}

}  // namespace

const std::vector<std::string>& claim_statuses() {
  static const std::vector<std::string> statuses = {"killed", "injured", "alive", "captured", "seen_in"};
  return statuses;
}

const std::vector<std::string>& claim_fields() {
  static const std::vector<std::string> fields = {"subject", "status",       "event_date", "place",     "published",
                                                  "claimant", "published_in", "source",     "assessment"};
  return fields;
}

ClaimInput claim_from_fields(const std::map<std::string, std::string>& given, content::Day today) {
  std::map<std::string, std::string> f;
  for (const auto& [name, value] : given) {
    const auto& known = claim_fields();
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      throw std::invalid_argument(fmt::format("unknown field '{}' (fields: {})", name, fmt::join(known, ", ")));
    }
    content::require_valid_utf8(value, "field " + name);
    f[name] = trimmed(value);
  }
  for (const auto& name : kRequired) {
    if (f[name].empty()) throw std::invalid_argument(fmt::format("field '{}' is missing or empty", name));
  }
  const auto& statuses = claim_statuses();
  if (std::find(statuses.begin(), statuses.end(), f["status"]) == statuses.end()) {
    throw std::invalid_argument(
        fmt::format("status '{}' is not one of {}", f["status"], fmt::join(statuses, ", ")));
  }
  if (f["status"] == "seen_in" && f["place"].empty()) {
    throw std::invalid_argument("status seen_in needs a place");
  }
  const auto published = date_field("published", f["published"], true);
  if (published.earliest > today) {
    throw std::invalid_argument(fmt::format("published '{}' is after today", f["published"]));
  }
  if (!f["event_date"].empty()) {
    const auto event = date_field("event_date", f["event_date"], false);
    if (event.earliest > published.earliest) {
      throw std::invalid_argument(fmt::format("event_date '{}' is after the claim was published ({})", f["event_date"],
                                              f["published"]));
    }
  }
  ClaimInput out;
  out.subject = f["subject"];
  auto& r = out.record;
  r.status = f["status"];
  r.place = f["place"];
  r.event_date = f["event_date"];
  r.published_date = f["published"];
  r.claimant = f["claimant"];
  r.published_in = f["published_in"];
  r.source = f["source"];
  r.assessment = f["assessment"];
  return out;
}

std::vector<ClaimInput> read_claims_csv(std::istream& in, const std::string& source, content::Day today) {
  const auto records = read_csv(in, source);
  if (records.empty()) throw InputError(fmt::format("{}: no header row (expected {})", source, fmt::join(claim_fields(), ",")));
  std::vector<std::string> header;
  for (const auto& name : records.front().fields) header.push_back(trimmed(name));
  const int header_line = records.front().line;
  for (const auto& name : header) {
    const auto& known = claim_fields();
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      throw InputError(fmt::format("{}: line {}: unknown column '{}' (columns: {})", source, header_line, name,
                                   fmt::join(known, ", ")));
    }
  }
  std::vector<ClaimInput> out;
  for (std::size_t i = 1; i < records.size(); ++i) {
    const auto& rec = records[i];
    if (rec.fields.size() != header.size()) {
      throw InputError(fmt::format("{}: line {}: {} field(s) but the header has {}", source, rec.line,
                                   rec.fields.size(), header.size()));
    }
    std::map<std::string, std::string> fields;
    for (std::size_t c = 0; c < header.size(); ++c) fields[header[c]] = rec.fields[c];
    try {
      out.push_back(claim_from_fields(fields, today));
    } catch (const std::exception& e) {
      throw InputError(fmt::format("{}: line {}: {}", source, rec.line, e.what()));
    }
    out.back().line = rec.line;
  }
  if (out.empty()) throw InputError(fmt::format("{}: no claims after the header", source));
  return out;
}

std::vector<ClaimInput> read_claims_jsonl(std::istream& in, const std::string& source, content::Day today) {
  std::vector<ClaimInput> out;
  content::for_each_jsonl_object(in, source, [&](const nlohmann::json& object, int line) {
    std::map<std::string, std::string> fields;
    for (const auto& [name, value] : object.items()) {
      if (value.is_null()) continue;
      if (!value.is_string()) throw std::invalid_argument(fmt::format("field '{}' must be a string", name));
      fields[name] = value.get<std::string>();
    }
    out.push_back(claim_from_fields(fields, today));
    out.back().line = line;
  });
  if (out.empty()) throw InputError(fmt::format("{}: no claims in the file", source));
  return out;
}

content::Day claim_deadline(const casefile::ClaimRecord& claim) {
  if (!claim.event_date.empty()) {
    if (const auto range = content::parse_iso_range(claim.event_date)) return range->latest;
  }
  const auto published = content::parse_iso_range(claim.published_date);
  if (!published) throw InputError(fmt::format("claim {}: stored publication date '{}' is not a date", claim.id,
                                               claim.published_date));
  return published->latest;
}

std::optional<content::Day> claim_earliest(const casefile::ClaimRecord& claim) {
  if (claim.event_date.empty()) return std::nullopt;
  const auto range = content::parse_iso_range(claim.event_date);
  if (!range) return std::nullopt;
  return range->earliest;
}

}  // namespace prov::subjects
