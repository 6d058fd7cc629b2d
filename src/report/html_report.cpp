#include "report/html_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <string_view>

#include "report/conclusions.h"
#include "report/json_text.h"
#include "report/labels.h"
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

std::string value_html(const json& value, int depth);

// Nested objects become nested tables and lists of plain values a list, so
// that no raw JSON reaches the reader.
std::string facts_table(const json& object, const std::vector<std::pair<std::string, std::string>>& order = {},
                        int depth = 0) {
  if (!object.is_object() || object.empty()) return {};
  std::string rows;
  std::vector<std::string> done;
  for (const auto& [key, label] : order) {
    if (!object.contains(key)) continue;
    const std::string cls = key == "sha256" ? " class=\"hash\"" : "";
    rows += "<tr><th>" + e(label) + "</th><td" + cls + ">" + value_html(object[key], depth) + "</td></tr>\n";
    done.push_back(key);
  }
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (std::find(done.begin(), done.end(), it.key()) != done.end()) continue;
    if (depth == 0 && (it.value().is_object() || it.value().is_array()) && order.size() > 0) continue;
    const std::string cls = it.key().find("sha256") != std::string::npos || it.key().find("hash") != std::string::npos
                                ? " class=\"hash\""
                                : "";
    rows += "<tr><th>" + e(label_for(it.key())) + "</th><td" + cls + ">" + value_html(it.value(), depth) +
            "</td></tr>\n";
  }
  return rows.empty() ? std::string{} : "<table class=\"facts\">\n" + rows + "</table>\n";
}

std::string value_html(const json& value, int depth) {
  if (value.is_object()) {
    if (value.empty()) return "&mdash;";
    return depth < 3 ? facts_table(value, {}, depth + 1) : "<code>" + ej(value) + "</code>";
  }
  if (value.is_array()) {
    if (value.empty()) return "&mdash;";
    const bool plain = std::all_of(value.begin(), value.end(), [](const json& v) { return !v.is_structured(); });
    if (plain) {
      std::string out;
      for (const json& v : value) {
        if (!out.empty()) out += ", ";
        out += ej(v);
      }
      return out;
    }
    if (depth < 3 && value.size() <= 20) {
      std::string out = "<ol class=\"nested\">";
      for (const json& v : value) out += "<li>" + value_html(v, depth + 1) + "</li>";
      return out + "</ol>";
    }
    return fmt::format("{} entries (see the JSON report)", value.size());
  }
  if (value.is_null()) return "&mdash;";
  return ej(value);
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
    html += "<h3>Container tags</h3>\n" + facts_table(tags, {}, 1);
  }
  if (const json& streams = field(c, "streams"); streams.is_array() && !streams.empty()) {
    std::vector<std::string> columns;
    for (const json& s : streams) {
      if (!s.is_object()) continue;
      for (auto it = s.begin(); it != s.end(); ++it) {
        if (it.key() != "tags" && !it.value().is_structured() &&
            std::find(columns.begin(), columns.end(), it.key()) == columns.end()) {
          columns.push_back(it.key());
        }
      }
    }
    html += "<h3>Streams</h3>\n<table class=\"grid\"><tr>";
    for (const auto& col : columns) html += "<th>" + e(label_for(col)) + "</th>";
    html += "<th>Tags</th></tr>\n";
    for (const json& s : streams) {
      if (!s.is_object()) continue;
      html += "<tr>";
      for (const auto& col : columns) html += "<td>" + (s.contains(col) ? ej(s[col]) : std::string{}) + "</td>";
      html += "<td>" + (s.contains("tags") ? facts_table(s["tags"], {}, 1) : std::string{}) + "</td></tr>\n";
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

bool is_note(const json& f) { return f.is_object() && f.value("kind", "") == "note"; }

// Who decided, when and why: every review, oldest first.
std::string decisions_html(const json& f) {
  const json& reviews = field(f, "reviews");
  if (!reviews.is_array()) return {};
  std::string out;
  for (const json& r : reviews) {
    if (!r.is_object()) continue;
    out += "<div class=\"decision\"><strong>" + e(r.value("status", "")) + "</strong> by " + e(r.value("examiner", "")) +
           ", " + e(r.value("at_utc", ""));
    if (const std::string note = r.value("note", ""); !note.empty()) out += ": &ldquo;" + e(note) + "&rdquo;";
    out += "</div>";
  }
  return out;
}

std::string findings_section(const json& findings) {
  std::string html = "<section id=\"findings\"><h2>Findings</h2>\n";
  const bool any = findings.is_array() &&
                   std::any_of(findings.begin(), findings.end(), [](const json& f) { return f.is_object() && !is_note(f); });
  if (!any) return html + "<p>No findings were proposed.</p></section>\n";
  html += "<p>Proposed by the analyses; each stays <em>proposed</em> until an examiner confirms or rejects it.</p>\n";
  html += "<table class=\"grid findings\"><colgroup><col style=\"width:4%\"><col style=\"width:17%\">"
          "<col style=\"width:11%\"><col style=\"width:7%\"><col style=\"width:17%\"><col></colgroup>"
          "<tr><th>#</th><th>Kind</th><th>Time span</th><th>Strength</th><th>Status and decisions</th>"
          "<th>Summary</th></tr>\n";
  int n = 0;
  for (const json& f : findings) {
    ++n;
    if (!f.is_object() || is_note(f)) continue;
    const std::string id = f.contains("id") ? json_text(f["id"]) : std::to_string(n);
    const std::string status = f.value("status", "proposed");
    const double start = f.value("start_s", 0.0), end = f.value("end_s", 0.0);
    html += fmt::format(
        "<tr class=\"{}\"><td>{}</td><td>{}<br><code>{}</code></td><td>{}</td><td>{:.2f}</td>"
        "<td><span class=\"status\">{}</span>{}</td><td>{}",
        e(f.value("kind", "")), e(id), e(label_for(f.value("kind", ""))), e(f.value("detector", "")),
        e(span_text(start, end)), f.value("strength", 0.0), e(status_class(status) == status ? status : "proposed"),
        decisions_html(f), e(f.value("summary", "")));
    html += "<details><summary>method, parameters, evidence</summary><p>" + e(f.value("method", "")) + "</p>";
    if (const json& p = field(f, "parameters"); p.is_object() && !p.empty()) html += "<h4>Parameters</h4>" + facts_table(p);
    if (const json& ev = field(f, "evidence"); ev.is_object() && !ev.empty()) html += "<h4>Evidence</h4>" + facts_table(ev);
    html += "</details></td></tr>\n";
  }
  return html + "</table>\n</section>\n";
}

// Notes (e.g. a run of digital silence) inform the examiner; they are not
// claims to confirm or reject.
std::string notes_section(const json& findings) {
  if (!findings.is_array()) return {};
  std::string items;
  for (const json& f : findings) {
    if (!is_note(f)) continue;
    items += "<li>" + e(span_text(f.value("start_s", 0.0), f.value("end_s", 0.0))) + ": " + e(f.value("summary", "")) +
             "</li>\n";
  }
  if (items.empty()) return {};
  return "<section id=\"notes\"><h2>Notes</h2>\n<p>Information about the recording; not findings to confirm or "
         "reject.</p>\n<ul>\n" + items + "</ul>\n</section>\n";
}

std::string conclusions_section(const json& report) {
  std::string html =
      "<section id=\"conclusions\"><h2>Conclusions</h2>\n<p class=\"meta\">One answer per question, with its "
      "strength, the methods behind it and their limits. The evidence follows.</p>\n";
  for (const Conclusion& c : conclusions(report)) {
    html += "<div class=\"conclusion " + e(c.id) + "\"><h3>" + e(c.question) + "</h3>\n<p class=\"answer\">" +
            e(c.answer) + "</p>\n<p><strong>Strength:</strong> " + e(c.strength);
    if (!c.cited.empty()) {
      std::string cited;
      for (const auto& ref : c.cited) {
        if (!cited.empty()) cited += ", ";
        cited += ref;
      }
      html += " &middot; <strong>Findings:</strong> " + e(cited);
    }
    html += "</p>\n";
    if (!c.methods.empty()) {
      html += "<p><strong>Methods:</strong> ";
      for (std::size_t i = 0; i < c.methods.size(); ++i) html += (i ? "; " : "") + e(c.methods[i]);
      html += ".</p>\n";
    }
    if (!c.limitations.empty()) {
      html += "<p><strong>Limitations and validation:</strong> ";
      for (std::size_t i = 0; i < c.limitations.size(); ++i) html += (i ? "; " : "") + e(c.limitations[i]);
      html += ".</p>\n";
    }
    html += "</div>\n";
  }
  return html + "</section>\n";
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

// A log line's parameters in brief: plain values as "label: value", nested
// settings counted (an analysis run's settings are listed in full at the end).
std::string custody_parameters(const json& parameters) {
  if (!parameters.is_object()) return ej(parameters);
  std::string out;
  for (auto it = parameters.begin(); it != parameters.end(); ++it) {
    if (!out.empty()) out += "; ";
    out += e(label_for(it.key())) + ": ";
    if (it.value().is_object())
      out += fmt::format("{} settings", it.value().size());
    else
      out += value_html(it.value(), 3);
  }
  return out;
}

std::string custody_section(const json& custody) {
  std::string html = "<section id=\"custody\"><h2>Custody log</h2>\n";
  if (!custody.is_array() || custody.empty()) return html + "<p>No custody entries.</p></section>\n";
  html += "<p>Append-only; each entry's hash covers the previous one.</p>\n";
  html += "<table class=\"grid custody\"><colgroup><col style=\"width:15%\"><col style=\"width:11%\">"
          "<col style=\"width:8%\"><col style=\"width:9%\"><col><col style=\"width:20%\"></colgroup>"
          "<tr><th>At (UTC)</th><th>Actor</th><th>Action</th><th>Tool</th><th>Parameters</th><th>Entry hash</th>"
          "</tr>\n";
  for (const json& c : custody) {
    if (!c.is_object()) continue;
    html += "<tr><td>" + ej(field(c, "at_utc")) + "</td><td>" + ej(field(c, "actor")) + "</td><td>" +
            ej(field(c, "action")) + "</td><td>" + ej(field(c, "tool_version")) + "</td><td>" +
            custody_parameters(field(c, "parameters")) + "</td><td class=\"hash\">" + ej(field(c, "entry_hash")) +
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
.meta,.muted{color:#555}
table{border-collapse:collapse;margin:6px 0 12px;font-size:13px;max-width:100%}
table.grid{width:100%;table-layout:auto}
th,td{border:1px solid #ccc;padding:3px 7px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
table.facts th{background:#f3f5f8;width:14em}
table.facts table.facts{margin:0;font-size:12px}table.facts table.facts th{width:auto}
table.grid th{background:#f3f5f8}
td.hash,.hash{font-family:ui-monospace,monospace;word-break:break-all;font-size:11px}
table.findings,table.custody{table-layout:fixed}
code{font-family:ui-monospace,monospace;font-size:12px;word-break:break-word}
ol.nested{margin:0;padding-left:18px}
tr.edit td:first-child{border-left:4px solid #d62728}
span.status{font-weight:bold;display:block}.decision{font-size:12px}
.conclusion{border-left:4px solid #1f4e79;padding:2px 12px;margin:10px 0;background:#f8fafc}
.conclusion h3{margin:6px 0 4px}.conclusion p{margin:4px 0}.conclusion p.answer{font-size:15px}
figure{margin:12px 0;page-break-inside:avoid}figure svg,figure img{max-width:100%;height:auto;border:1px solid #ddd}
img.raster{width:100%;image-rendering:auto}
figcaption{font-size:12px;color:#555}
details summary{cursor:pointer;color:#1f4e79;font-size:12px}
pre{background:#f6f6f6;padding:8px;overflow-x:auto;font-size:12px;white-space:pre-wrap;word-break:break-all}
footer{margin-top:32px;color:#555;font-size:12px}
@page{size:A4;margin:16mm 14mm}
@media print{body{max-width:none;margin:0;padding:0;font-size:11px}h2{break-after:avoid}
 details>summary{display:none}details{display:block}details>*{display:block}
 .conclusion,figure,tr{break-inside:avoid}table{font-size:10px}
 a{color:inherit;text-decoration:none}}
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
  html += conclusions_section(report);
  html += item_section(item);
  html += summary_section(report);
  html += container_section(field(report, "container"));
  html += figures_section(field(report, "figures"), "overview", "Overview");
  html += findings_section(field(report, "findings"));
  html += notes_section(field(report, "findings"));
  html += analysis_sections(field(report, "sections"));
  html += custody_section(field(report, "custody"));
  html += "<footer><h2>Tool and settings</h2>\n<p>" + e(tool_name) + " version " + e(version) + ".</p>\n";
  if (const json& run = field(report, "run"); run.is_object()) {
    html += facts_table(run, {{"id", "Run"}, {"examiner", "Examiner"}}) + "<h3>Settings</h3>\n" +
            facts_table(field(run, "parameters"), {}, 1);
  }
  html += "</footer>\n</body></html>\n";
  return html;
}

}  // namespace prov::report
