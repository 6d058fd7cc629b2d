#pragma once
#include <optional>
#include <string>
#include <vector>

namespace prov::report {

// Small, dependency-free SVG charts for the self-contained HTML report.

struct Series {
  std::string label;
  std::vector<double> x;
  std::vector<double> y;
  std::string color = "#1f77b4";
  enum class Style { line, points, steps } style = Style::line;
};

// A shaded span on the x axis (a finding, a match, a gap).
struct Band {
  double x0 = 0, x1 = 0;
  std::string color = "rgba(214,39,40,0.25)";
  std::string label;
};

// A vertical marker line (a discontinuity, a splice point).
struct Marker {
  double x = 0;
  std::string color = "#d62728";
  std::string label;
};

struct Chart {
  std::string title;
  std::string x_label;
  std::string y_label;
  std::vector<Series> series;
  std::vector<Band> bands;
  std::vector<Marker> markers;
  std::optional<double> x_min, x_max, y_min, y_max;
  int width = 900;
  int height = 260;
};

std::string render_chart_svg(const Chart& chart);

// Horizontal bars on labelled rows: matches on a query timeline, date windows.
struct TimelineBar {
  std::string row;    // row label (e.g. archive item, evidence)
  double start = 0, end = 0;
  std::string color = "#1f77b4";
  std::string label;  // tooltip / inline text
};

struct Timeline {
  std::string title;
  std::string x_label;
  std::vector<TimelineBar> bars;
  std::optional<double> x_min, x_max;
  // When set, x values are Unix seconds and ticks are drawn as dates.
  bool x_is_unix_time = false;
  int width = 900;
};

std::string render_timeline_svg(const Timeline& timeline);

// Escapes text for inclusion in SVG/HTML.
std::string escape_xml(const std::string& text);

}  // namespace prov::report
