#include <gtest/gtest.h>

#include <cmath>
#include <regex>

#include "report/svg_plot.h"

namespace prov::report {
namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(EscapeXml, EscapesMarkupQuotesAndControlCharacters) {
  EXPECT_EQ(escape_xml("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  EXPECT_EQ(escape_xml(std::string("a\x01" "b")), "a b");
}

TEST(ChartSvg, DrawsSeriesBandsMarkersAndEscapedLabels) {
  Chart chart;
  chart.title = "Level <script>";
  chart.x_label = "time (s)";
  chart.y_label = "dB";
  chart.series.push_back({"level", {0, 1, 2, 3}, {-40, -20, -30, -35}, "#1f77b4"});
  chart.series.push_back({"floor", {0, 1, 2, 3}, {-60, -61, NAN, -59}, "#ff7f0e"});
  chart.bands.push_back({1.0, 2.0, "rgba(214,39,40,0.25)", "gap & splice"});
  chart.markers.push_back({2.5, "#d62728", "edit"});
  const std::string svg = render_chart_svg(chart);
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_NE(svg.find("Level &lt;script&gt;"), std::string::npos);
  EXPECT_NE(svg.find("gap &amp; splice"), std::string::npos);
  // The missing value splits the second line in two.
  EXPECT_EQ(count(svg, "<polyline"), 3u);
  EXPECT_EQ(count(svg, "stroke-dasharray"), 1u);
  // Tick labels cover the data range with round numbers.
  EXPECT_NE(svg.find(">-40<"), std::string::npos);
  EXPECT_NE(svg.find(">3<"), std::string::npos);
}

TEST(ChartSvg, EmptyChartStillRendersAFrame) {
  const std::string svg = render_chart_svg(Chart{});
  EXPECT_NE(svg.find("<rect"), std::string::npos);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
}

TEST(TimelineSvg, OneRowPerLabelAndDateTicks) {
  Timeline t;
  t.title = "Windows";
  t.x_is_unix_time = true;
  t.bars.push_back({"ENF match", 1.6e9, 1.6e9 + 86400 * 10, "#1f77b4", "10 days"});
  t.bars.push_back({"content <b>", 1.6e9 + 86400 * 5, 1.6e9 + 86400 * 30, "#2ca02c", "refs"});
  t.bars.push_back({"ENF match", 1.6e9 + 86400 * 40, 1.6e9 + 86400 * 41, "#1f77b4", "second"});
  const std::string svg = render_timeline_svg(t);
  EXPECT_EQ(count(svg, "fill-opacity=\"0.85\""), 3u);
  EXPECT_EQ(count(svg, ">ENF match<"), 1u);
  EXPECT_NE(svg.find("content &lt;b&gt;"), std::string::npos);
  EXPECT_TRUE(std::regex_search(svg, std::regex(">20[0-9]{2}-[0-9]{2}-[0-9]{2}<")));
}

}  // namespace
}  // namespace prov::report
