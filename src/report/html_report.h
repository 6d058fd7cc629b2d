#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace prov::report {

// A self-contained, printable HTML page of an analysis report (the JSON that
// `provenance analyze` builds): item identity and hashes, container facts,
// overview figures, findings with their status, the analysis sections, the
// custody log, tool version and settings. Keys that are absent are skipped.
// Every text from the report is escaped; SVG that could carry script is
// shown as an image instead of inline.
std::string render_html_report(const nlohmann::json& report);

}  // namespace prov::report
