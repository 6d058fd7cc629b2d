#include "speaker_plots.h"

#include <algorithm>
#include <cmath>

#include "report/svg_plot.h"
#include "voice/metrics.h"

namespace prov::cli {
namespace {

// Inverse of the standard normal distribution (Acklam's rational approximation,
// ample for drawing), clamped away from 0 and 1.
double probit(double p) {
  p = std::clamp(p, 1e-4, 1 - 1e-4);
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01,  -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  if (p < 0.02425) {
    const double q = std::sqrt(-2 * std::log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - 0.02425) return -probit(1 - p);
  const double q = p - 0.5, r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

report::Series cumulative(const std::vector<double>& log10_lrs, const std::string& label, const std::string& color) {
  std::vector<double> v = log10_lrs;
  std::sort(v.begin(), v.end());
  report::Series s{label, {}, {}, color, report::Series::Style::steps};
  for (std::size_t i = 0; i < v.size(); ++i) {
    s.x.push_back(v[i]);
    s.y.push_back(static_cast<double>(v.size() - i) / static_cast<double>(v.size()));
  }
  return s;
}

}  // namespace

std::string tippett_svg(const std::vector<voice::ScoredTrial>& trials) {
  std::vector<double> same, different;
  for (const auto& t : trials) (t.same_speaker ? same : different).push_back(t.score / std::log(10.0));
  report::Chart chart;
  chart.title = "Tippett plot";
  chart.x_label = "log10 likelihood ratio";
  chart.y_label = "share of trials with log10 LR >= x";
  chart.series.push_back(cumulative(same, "same speaker", "#1f77b4"));
  chart.series.push_back(cumulative(different, "different speakers", "#d62728"));
  chart.markers.push_back({0.0, "#555555", "LR = 1"});
  chart.y_min = 0;
  chart.y_max = 1;
  return report::render_chart_svg(chart);
}

std::string det_svg(const std::vector<voice::ScoredTrial>& trials) {
  const auto det = voice::error_tradeoff(trials);
  report::Series s{"DET", {}, {}, "#1f77b4", report::Series::Style::line};
  for (std::size_t i = 0; i < det.miss.size(); ++i) {
    s.x.push_back(probit(det.false_alarm[i]));
    s.y.push_back(probit(det.miss[i]));
  }
  report::Chart chart;
  chart.title = "DET curve (probit axes: -2.33 = 1%, -1.64 = 5%, -1.28 = 10%, 0 = 50%)";
  chart.x_label = "probit(false-alarm rate)";
  chart.y_label = "probit(miss rate)";
  chart.series.push_back(s);
  chart.x_min = chart.y_min = -3.1;
  chart.x_max = chart.y_max = 1.0;
  chart.height = 500;
  chart.width = 540;
  return report::render_chart_svg(chart);
}

}  // namespace prov::cli
