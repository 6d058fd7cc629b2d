#include "report/html_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <string_view>

#include "report/json_text.h"
#include "report/png_image.h"
#include "report/svg_plot.h"

namespace prov::report {
namespace {

using nlohmann::json;

std::string e(const std::string& text) { return escape_xml(text); }
std::string ej(const json& v) { return escape_xml(json_text(v)); }

const json& field(const json& object, const char* key) {
  static const json null_value;
  if (!object.is_object()) return null_value;
  const auto it = object.find(key);
  return it == object.end() ? null_value : *it;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Inline SVG keeps tooltips; anything that could run script goes in an <img>,
// where browsers never run it.
bool safe_inline_svg(const std::string& svg) {
  const std::string l = lower(svg);
  if (l.rfind("<svg", 0) != 0) return false;
  for (const char* bad : {"<script", "javascript:", "<foreignobject", "<iframe", "<embed", "<object", "href"}) {
    if (l.find(bad) != std::string::npos) return false;
  }
  for (std::size_t at = l.find(" on"); at != std::string::npos; at = l.find(" on", at + 1)) {
    std::size_t k = at + 3;
    while (k < l.size() && std::isalpha(static_cast<unsigned char>(l[k]))) ++k;
    while (k < l.size() && l[k] == ' ') ++k;
    if (k < l.size() && l[k] == '=') return false;
  }
  return true;
}

bool valid_png_uri(const std::string& uri) {
  constexpr std::string_view prefix = "data:image/png;base64,";
  if (uri.rfind(prefix, 0) != 0) return false;
  return std::all_of(uri.begin() + static_cast<std::ptrdiff_t>(prefix.size()), uri.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=';
  });
}

std::string figure_html(const json& figure) {
  if (!figure.is_object()) return {};
  const std::string title = figure.value("title", "");
  std::string body;
  if (const json& svg = field(figure, "svg"); svg.is_string()) {
    const std::string text = svg.get<std::string>();
    body = safe_inline_svg(text)
               ? text
               : "<img alt=\"" + e(title) + "\" src=\"data:image/svg+xml;base64," + base64_encode(text) + "\">";
  } else if (const json& png = field(figure, "png_data_uri"); png.is_string() && valid_png_uri(png.get<std::string>())) {
    body = "<img class=\"raster\" alt=\"" + e(title) + "\" src=\"" + png.get<std::string>() + "\">";
  } else {
    return {};
  }
  return "<figure>" + body + "<figcaption>" + e(title) + "</figcaption></figure>\n";
}

std::string facts_table(const json& object, const std::vector<std::pair<std::string, std::string>>& order = {}) {
  if (!object.is_object() || object.empty()) return {};
  std::string rows;
  std::vector<std::string> done;
  for (const auto& [key, label] : order) {
    if (!object.contains(key)) continue;
    const std::string cls = key == "sha256" ? " class=\"hash\"" : "";
    rows += "<tr><th>" + e(label) + "</th><td" + cls + ">" + ej(object[key]) + "</td></tr>\n";
    done.push_back(key);
  }
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (std::find(done.begin(), done.end(), it.key()) != done.end()) continue;
    if (it.value().is_object() || it.value().is_array()) continue;  // shown in their own tables
    rows += "<tr><th>" + e(it.key()) + "</th><td>" + ej(it.value()) + "</td></tr>\n";
  }
  return rows.empty() ? std::string{} : "<table class=\"facts\">\n" + rows + "</table>\n";
}

std::string item_section(const json& item) {
  if (!item.is_object()) return {};
  return "<section id=\"item\"><h2>Item</h2>\n" +
         facts_table(item, {{"path", "Path"},
                            {"sha256", "SHA-256"},
                            {"size_bytes", "Size (bytes)"},
                            {"intake_utc", "Intake (UTC)"},
                            {"decoded_duration_s", "Decoded duration (s)"},
                            {"codec", "Audio codec"},
                            {"native_rate", "Native sample rate (Hz)"},
                            {"channels", "Channels"},
                            {"channel_layout", "Channel layout"}}) +
         "</section>\n";
}

std::string container_section(const json& c) {
  if (!c.is_object()) return {};
  std::string html = "<section id=\"container\"><h2>Container</h2>\n";
  html += facts_table(c, {{"format", "Format"},
                          {"format_long", "Format (long name)"},
                          {"duration_s", "Declared duration (s)"},
                          {"start_time_s", "Start time (s)"},
                          {"bit_rate", "Bit rate (bit/s)"},
                          {"size_bytes", "Size (bytes)"},
                          {"creation_time", "Creation time (tag)"},
                          {"encoder", "Encoder (tag)"}});
  if (const json& tags = field(c, "tags"); tags.is_object() && !tags.empty()) {
    html += "<h3>Container tags</h3>\n" + facts_table(tags);
  }
  if (const json& streams = field(c, "streams"); streams.is_array() && !streams.empty()) {
    std::vector<std::string> columns;
    for (const json& s : streams) {
      if (!s.is_object()) continue;
      for (auto it = s.begin(); it != s.end(); ++it) {
        if (it.key() != "tags" && std::find(columns.begin(), columns.end(), it.key()) == columns.end()) {
          columns.push_back(it.key());
        }
      }
    }
    html += "<h3>Streams</h3>\n<table class=\"grid\"><tr>";
    for (const auto& col : columns) html += "<th>" + e(col) + "</th>";
    html += "<th>tags</th></tr>\n";
    for (const json& s : streams) {
      if (!s.is_object()) continue;
      html += "<tr>";
      for (const auto& col : columns) html += "<td>" + (s.contains(col) ? ej(s[col]) : std::string{}) + "</td>";
      html += "<td>" + (s.contains("tags") && !s["tags"].empty() ? ej(s["tags"]) : std::string{}) + "</td></tr>\n";
    }
    html += "</table>\n";
  }
  return html + "</section>\n";
}

std::string status_class(const std::string& status) {
  if (status == "confirmed") return "confirmed";
  if (status == "rejected") return "rejected";
  return "proposed";
}

std::string findings_section(const json& findings) {
  std::string html = "<section id=\"findings\"><h2>Findings</h2>\n";
  if (!findings.is_array() || findings.empty()) {
    return html + "<p>No findings were proposed.</p></section>\n";
  }
  html += "<p>Proposed by the analyses; each stays <em>proposed</em> until an examiner confirms or rejects it.</p>\n";
  html += "<table class=\"grid findings\"><tr><th>#</th><th>Kind</th><th>Detector</th><th>Time span</th>"
          "<th>Strength</th><th>Status</th><th>Summary</th></tr>\n";
  int n = 0;
  for (const json& f : findings) {
    if (!f.is_object()) continue;
    ++n;
    const std::string id = f.contains("id") ? json_text(f["id"]) : std::to_string(n);
    const std::string status = f.value("status", "proposed");
    const double start = f.value("start_s", 0.0), end = f.value("end_s", 0.0);
    html += fmt::format(
        "<tr class=\"{}\"><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td><td>{:.2f}</td>"
        "<td class=\"status\">{}</td><td>{}",
        e(f.value("kind", "")), e(id), e(f.value("kind", "")), e(f.value("detector", "")),
        e(span_text(start, end)), f.value("strength", 0.0), e(status_class(status) == status ? status : "proposed"),
        e(f.value("summary", "")));
    html += "<details><summary>method, parameters, evidence</summary><p>" + e(f.value("method", "")) + "</p>";
    if (const json& p = field(f, "parameters"); p.is_object() && !p.empty()) html += "<h4>Parameters</h4>" + facts_table(p);
    if (const json& ev = field(f, "evidence"); ev.is_object() && !ev.empty()) html += "<h4>Evidence</h4>" + facts_table(ev);
    html += "</details></td></tr>\n";
  }
  return html + "</table>\n</section>\n";
}

std::string figures_section(const json& figures, const char* id, const char* title) {
  if (!figures.is_array() || figures.empty()) return {};
  std::string body;
  for (const json& fig : figures) body += figure_html(fig);
  if (body.empty()) return {};
  return fmt::format("<section id=\"{}\"><h2>{}</h2>\n", id, title) + body + "</section>\n";
}

std::string analysis_sections(const json& sections) {
  if (!sections.is_array()) return {};
  std::string html;
  for (const json& s : sections) {
    if (!s.is_object()) continue;
    html += "<section class=\"analysis\"><h2>" + e(s.value("title", s.value("id", "Analysis"))) + "</h2>\n";
    if (s.contains("summary")) html += "<p>" + ej(s["summary"]) + "</p>\n";
    html += facts_table(field(s, "facts"));
    if (const json& figs = field(s, "figures"); figs.is_array()) {
      for (const json& fig : figs) html += figure_html(fig);
    }
    html += "</section>\n";
  }
  return html;
}

std::string custody_section(const json& custody) {
  std::string html = "<section id=\"custody\"><h2>Custody log</h2>\n";
  if (!custody.is_array() || custody.empty()) return html + "<p>No custody entries.</p></section>\n";
  html += "<p>Append-only; each entry's hash covers the previous one.</p>\n";
  html += "<table class=\"grid custody\"><tr><th>At (UTC)</th><th>Actor</th><th>Action</th><th>Tool</th>"
          "<th>Parameters</th><th>Entry hash</th></tr>\n";
  for (const json& c : custody) {
    if (!c.is_object()) continue;
    html += "<tr><td>" + ej(field(c, "at_utc")) + "</td><td>" + ej(field(c, "actor")) + "</td><td>" +
            ej(field(c, "action")) + "</td><td>" + ej(field(c, "tool_version")) + "</td><td><code>" +
            ej(field(c, "parameters")) + "</code></td><td class=\"hash\">" + ej(field(c, "entry_hash")) +
            "</td></tr>\n";
  }
  return html + "</table>\n</section>\n";
}

std::string summary_section(const json& report) {
  const json& findings = field(report, "findings");
  std::map<std::string, int> by_kind;
  if (findings.is_array()) {
    for (const json& f : findings) {
      if (f.is_object()) ++by_kind[f.value("kind", "other")];
    }
  }
  std::string html = "<section id=\"summary\"><h2>Summary</h2>\n<p>";
  if (by_kind.empty()) {
    html += "No findings.";
  } else {
    int total = 0;
    std::string parts;
    for (const auto& [kind, count] : by_kind) {
      total += count;
      parts += (parts.empty() ? "" : ", ") + fmt::format("{} {}", count, e(kind));
    }
    html += fmt::format("{} finding{}: {}.", total, total == 1 ? "" : "s", parts);
  }
  html += "</p>\n";
  if (const json& integrity = field(report, "integrity"); integrity.is_object()) {
    html += "<h3>Integrity scan</h3>\n" +
            facts_table(integrity, {{"duration_s", "Scanned duration (s)"},
                                    {"sample_rate", "Scan rate (Hz)"},
                                    {"speech_level_db", "Median speech level (dBFS)"},
                                    {"noise_floor_db", "Median noise floor (dBFS)"},
                                    {"bandwidth_hz", "Median effective bandwidth (Hz)"},
                                    {"digital_silence_runs", "Digital-silence runs"},
                                    {"clipping_runs", "Clipping runs"}});
  }
  return html + "</section>\n";
}

constexpr const char* kStyle = R"(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;max-width:1000px;margin:24px auto;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;border-bottom:2px solid #1f4e79;padding-bottom:3px;margin-top:28px}
h3{font-size:15px;margin:16px 0 6px}h4{font-size:13px;margin:8px 0 4px}
.meta{color:#555}
table{border-collapse:collapse;margin:6px 0 12px;font-size:13px}
th,td{border:1px solid #ccc;padding:3px 7px;text-align:left;vertical-align:top}
table.facts th{background:#f3f5f8;white-space:nowrap;width:14em}
table.grid th{background:#f3f5f8}
td.hash,.hash{font-family:ui-monospace,monospace;word-break:break-all}
code{font-family:ui-monospace,monospace;font-size:12px;word-break:break-word}
tr.edit td:first-child{border-left:4px solid #d62728}
td.status{font-weight:bold}
figure{margin:12px 0;page-break-inside:avoid}figure svg,figure img{max-width:100%;height:auto;border:1px solid #ddd}
img.raster{width:100%;image-rendering:auto}
figcaption{font-size:12px;color:#555}
details summary{cursor:pointer;color:#1f4e79;font-size:12px}
pre{background:#f6f6f6;padding:8px;overflow-x:auto;font-size:12px;white-space:pre-wrap;word-break:break-all}
footer{margin-top:32px;color:#555;font-size:12px}
@media print{body{max-width:none;margin:0}details{display:block}details>*{display:block}section,table,tr{page-break-inside:avoid}}
)";

}  // namespace

std::string render_html_report(const json& report) {
  const json& tool = field(report, "tool");
  const json& item = field(report, "item");
  const std::string tool_name = field(tool, "name").is_string() ? tool["name"].get<std::string>() : "provenance";
  const std::string version = field(tool, "version").is_string() ? tool["version"].get<std::string>() : "";
  std::string item_name = field(item, "path").is_string() ? item["path"].get<std::string>() : "item";
  if (const auto slash = item_name.find_last_of('/'); slash != std::string::npos) item_name = item_name.substr(slash + 1);

  std::string html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                     "img-src data:; style-src 'unsafe-inline'\">\n<title>" +
                     e("Provenance report: " + item_name) + "</title>\n<style>" + kStyle + "</style></head>\n<body>\n";
  html += "<header><h1>" + e("Provenance report: " + item_name) + "</h1>\n<p class=\"meta\">" + e(tool_name) + " " +
          e(version);
  if (report.contains("generated_utc")) html += " &middot; generated " + ej(report["generated_utc"]) + " UTC";
  if (report.contains("case_file")) html += " &middot; case file <code>" + ej(report["case_file"]) + "</code>";
  html += "</p></header>\n";
  html += item_section(item);
  html += summary_section(report);
  html += container_section(field(report, "container"));
  html += figures_section(field(report, "figures"), "overview", "Overview");
  html += findings_section(field(report, "findings"));
  html += analysis_sections(field(report, "sections"));
  html += custody_section(field(report, "custody"));
  html += "<footer><h2>Tool and settings</h2>\n<p>" + e(tool_name) + " version " + e(version) + ".</p>\n";
  if (const json& run = field(report, "run"); run.is_object()) {
    html += "<pre>" + e(run.dump(2, ' ', false, json::error_handler_t::replace)) + "</pre>\n";
  }
  html += "</footer>\n</body></html>\n";
  return html;
}

}  // namespace prov::report
