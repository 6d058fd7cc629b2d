#include "report/svg_plot.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <limits>

namespace prov::report {
namespace {

constexpr int kLeft = 64, kRight = 16, kTop = 30, kBottom = 42;

struct Range {
  double lo = 0, hi = 1;
};

// Round tick steps (1, 2, 5 x 10^n) for about `count` ticks.
std::vector<double> nice_ticks(Range r, int count) {
  std::vector<double> ticks;
  const double span = r.hi - r.lo;
  if (!(span > 0) || !std::isfinite(span)) return {r.lo};
  const double raw = span / std::max(1, count);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * magnitude >= raw) {
      step = m * magnitude;
      break;
    }
  }
  for (double t = std::ceil(r.lo / step) * step; t <= r.hi + step * 1e-9; t += step) {
    ticks.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : t);
  }
  return ticks;
}

std::string tick_label(double v) {
  if (std::fabs(v) >= 1e5 || (std::fabs(v) < 1e-3 && v != 0)) return fmt::format("{:.2g}", v);
  std::string s = fmt::format("{:.3f}", v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string date_label(double unix_s) {
  const std::time_t t = static_cast<std::time_t>(unix_s);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

Range pad(Range r) {
  if (!(r.hi > r.lo)) {
    const double c = std::isfinite(r.lo) ? r.lo : 0.0;
    return {c - 1, c + 1};
  }
  return r;
}

std::string fmt_num(double v) { return fmt::format("{:.1f}", v); }

}  // namespace

std::string escape_xml(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        // Control characters are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') out += ' ';
        else out += c;
    }
  }
  return out;
}

std::string render_chart_svg(const Chart& chart) {
  Range x{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
  Range y = x;
  for (const Series& s : chart.series) {
    for (std::size_t i = 0; i < std::min(s.x.size(), s.y.size()); ++i) {
      if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i])) continue;
      x.lo = std::min(x.lo, s.x[i]);
      x.hi = std::max(x.hi, s.x[i]);
      y.lo = std::min(y.lo, s.y[i]);
      y.hi = std::max(y.hi, s.y[i]);
    }
  }
  for (const Band& b : chart.bands) {
    x.lo = std::min(x.lo, b.x0);
    x.hi = std::max(x.hi, b.x1);
  }
  for (const Marker& m : chart.markers) {
    x.lo = std::min(x.lo, m.x);
    x.hi = std::max(x.hi, m.x);
  }
  if (chart.x_min) x.lo = *chart.x_min;
  if (chart.x_max) x.hi = *chart.x_max;
  if (chart.y_min) y.lo = *chart.y_min;
  if (chart.y_max) y.hi = *chart.y_max;
  if (!chart.y_min && !chart.y_max && y.hi > y.lo) {
    const double margin = 0.05 * (y.hi - y.lo);
    y.lo -= margin;
    y.hi += margin;
  }
  x = pad(x);
  y = pad(y);

  const int w = std::max(200, chart.width), h = std::max(120, chart.height);
  const double pw = w - kLeft - kRight, ph = h - kTop - kBottom;
  const auto px = [&](double v) { return kLeft + (std::clamp(v, x.lo, x.hi) - x.lo) / (x.hi - x.lo) * pw; };
  const auto py = [&](double v) { return kTop + ph - (std::clamp(v, y.lo, y.hi) - y.lo) / (y.hi - y.lo) * ph; };

  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\" "
      "font-family=\"sans-serif\" font-size=\"11\" role=\"img\" aria-label=\"{2}\">\n"
      "<rect width=\"{0}\" height=\"{1}\" fill=\"#fff\"/>\n"
      "<text x=\"{3}\" y=\"18\" font-size=\"13\" font-weight=\"bold\">{2}</text>\n",
      w, h, escape_xml(chart.title), kLeft);
  for (const Band& b : chart.bands) {
    const double x0 = px(b.x0), x1 = px(b.x1);
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}</title></rect>\n",
                       fmt_num(x0), kTop, fmt_num(std::max(1.0, x1 - x0)), fmt_num(ph), escape_xml(b.color),
                       escape_xml(b.label));
  }
  // Axes and grid.
  for (double t : nice_ticks(y, 5)) {
    svg += fmt::format("<line x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\" stroke=\"#e3e3e3\"/>"
                       "<text x=\"{3}\" y=\"{4}\" text-anchor=\"end\">{5}</text>\n",
                       kLeft, fmt_num(kLeft + pw), fmt_num(py(t)), kLeft - 4, fmt_num(py(t) + 4), tick_label(t));
  }
  for (double t : nice_ticks(x, 8)) {
    svg += fmt::format("<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#e3e3e3\"/>"
                       "<text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>\n",
                       fmt_num(px(t)), kTop, fmt_num(kTop + ph), fmt_num(kTop + ph + 14), tick_label(t));
  }
  svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#888\"/>\n", kLeft,
                     kTop, fmt_num(pw), fmt_num(ph));
  svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", fmt_num(kLeft + pw / 2), h - 6,
                     escape_xml(chart.x_label));
  svg += fmt::format("<text transform=\"translate(14,{}) rotate(-90)\" text-anchor=\"middle\">{}</text>\n",
                     fmt_num(kTop + ph / 2), escape_xml(chart.y_label));

  for (const Series& s : chart.series) {
    const std::size_t n = std::min(s.x.size(), s.y.size());
    const std::string color = escape_xml(s.color);
    if (s.style == Series::Style::points) {
      svg += fmt::format("<g fill=\"{}\">", color);
      for (std::size_t i = 0; i < n; ++i) {
        if (std::isfinite(s.x[i]) && std::isfinite(s.y[i])) {
          svg += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"2\"/>", fmt_num(px(s.x[i])), fmt_num(py(s.y[i])));
        }
      }
      svg += "</g>\n";
      continue;
    }
    // Lines break at missing values.
    std::string points;
    const auto flush = [&] {
      if (!points.empty()) {
        svg += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"1.3\" points=\"{}\"/>\n", color,
                           points);
      }
      points.clear();
    };
    for (std::size_t i = 0; i < n; ++i) {
      if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i])) {
        flush();
        continue;
      }
      if (s.style == Series::Style::steps && !points.empty() && i > 0 && std::isfinite(s.y[i - 1])) {
        points += fmt::format("{},{} ", fmt_num(px(s.x[i])), fmt_num(py(s.y[i - 1])));
      }
      points += fmt::format("{},{} ", fmt_num(px(s.x[i])), fmt_num(py(s.y[i])));
    }
    flush();
  }
  for (const Marker& m : chart.markers) {
    svg += fmt::format(
        "<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"{3}\" stroke-dasharray=\"4 3\"><title>{4}</title>"
        "</line>\n",
        fmt_num(px(m.x)), kTop, fmt_num(kTop + ph), escape_xml(m.color), escape_xml(m.label));
  }
  // Legend, top right, when more than one series is labelled.
  int labelled = 0;
  for (const Series& s : chart.series) labelled += !s.label.empty();
  if (labelled > 1) {
    double lx = kLeft + pw - 8;
    for (auto it = chart.series.rbegin(); it != chart.series.rend(); ++it) {
      if (it->label.empty()) continue;
      const double text_w = 6.5 * static_cast<double>(it->label.size());
      lx -= text_w + 22;
      svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"3\" fill=\"{}\"/>"
                         "<text x=\"{}\" y=\"{}\">{}</text>\n",
                         fmt_num(lx), kTop - 9, escape_xml(it->color), fmt_num(lx + 16), kTop - 5,
                         escape_xml(it->label));
    }
  }
  svg += "</svg>\n";
  return svg;
}

std::string render_timeline_svg(const Timeline& timeline) {
  std::vector<std::string> rows;
  for (const TimelineBar& b : timeline.bars) {
    if (std::find(rows.begin(), rows.end(), b.row) == rows.end()) rows.push_back(b.row);
  }
  Range x{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
  for (const TimelineBar& b : timeline.bars) {
    x.lo = std::min(x.lo, std::min(b.start, b.end));
    x.hi = std::max(x.hi, std::max(b.start, b.end));
  }
  if (timeline.x_min) x.lo = *timeline.x_min;
  if (timeline.x_max) x.hi = *timeline.x_max;
  x = pad(x);

  std::size_t label_chars = 4;
  for (const auto& r : rows) label_chars = std::max(label_chars, std::min<std::size_t>(r.size(), 32));
  const double left = 12 + 6.5 * static_cast<double>(label_chars);
  const int row_h = 22;
  const int w = std::max(300, timeline.width);
  const int h = kTop + row_h * static_cast<int>(std::max<std::size_t>(1, rows.size())) + kBottom;
  const double pw = w - left - kRight;
  const auto px = [&](double v) { return left + (std::clamp(v, x.lo, x.hi) - x.lo) / (x.hi - x.lo) * pw; };

  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\" "
      "font-family=\"sans-serif\" font-size=\"11\" role=\"img\" aria-label=\"{2}\">\n"
      "<rect width=\"{0}\" height=\"{1}\" fill=\"#fff\"/>\n"
      "<text x=\"{3}\" y=\"18\" font-size=\"13\" font-weight=\"bold\">{2}</text>\n",
      w, h, escape_xml(timeline.title), fmt_num(left));
  const double plot_bottom = kTop + row_h * static_cast<double>(std::max<std::size_t>(1, rows.size()));
  for (double t : nice_ticks(x, 8)) {
    const std::string label = timeline.x_is_unix_time ? date_label(t) : tick_label(t);
    svg += fmt::format("<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#e3e3e3\"/>"
                       "<text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>\n",
                       fmt_num(px(t)), kTop, fmt_num(plot_bottom), fmt_num(plot_bottom + 14), label);
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const double y = kTop + row_h * static_cast<double>(r);
    std::string name = rows[r].size() > 32 ? rows[r].substr(0, 31) + "…" : rows[r];
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", fmt_num(left - 6),
                       fmt_num(y + row_h / 2.0 + 4), escape_xml(name));
  }
  for (const TimelineBar& b : timeline.bars) {
    const auto r = static_cast<std::size_t>(std::find(rows.begin(), rows.end(), b.row) - rows.begin());
    const double y = kTop + row_h * static_cast<double>(r) + 4;
    const double x0 = px(std::min(b.start, b.end)), x1 = px(std::max(b.start, b.end));
    svg += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" fill-opacity=\"0.85\"><title>{}</title>"
        "</rect>\n",
        fmt_num(x0), fmt_num(y), fmt_num(std::max(2.0, x1 - x0)), row_h - 8, escape_xml(b.color),
        escape_xml(b.label));
  }
  svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", fmt_num(left + pw / 2), h - 6,
                     escape_xml(timeline.x_label));
  svg += "</svg>\n";
  return svg;
}

}  // namespace prov::report
