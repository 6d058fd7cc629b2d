#include "report/overview_figures.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "dsp/fft.h"
#include "report/svg_plot.h"

namespace prov::report {
namespace {

constexpr int kColumns = 1200;

// Viridis, sampled at nine points: perceptually even and readable in grey print.
constexpr std::array<std::array<uint8_t, 3>, 9> kViridis{{{68, 1, 84},
                                                          {71, 44, 122},
                                                          {59, 81, 139},
                                                          {44, 113, 142},
                                                          {33, 144, 141},
                                                          {39, 173, 129},
                                                          {92, 200, 99},
                                                          {170, 220, 50},
                                                          {253, 231, 37}}};

std::array<uint8_t, 3> colour_of(double t) {
  t = std::clamp(t, 0.0, 1.0) * (kViridis.size() - 1);
  const auto i = std::min<std::size_t>(static_cast<std::size_t>(t), kViridis.size() - 2);
  const double f = t - static_cast<double>(i);
  std::array<uint8_t, 3> c{};
  for (int k = 0; k < 3; ++k) {
    c[k] = static_cast<uint8_t>(std::lround(kViridis[i][k] * (1 - f) + kViridis[i + 1][k] * f));
  }
  return c;
}

std::string band_colour(const std::string& detector) {
  if (detector == "integrity.digital_silence") return "rgba(214,39,40,0.30)";
  if (detector == "integrity.level_jump") return "rgba(148,103,189,0.35)";
  if (detector == "integrity.noise_floor_change") return "rgba(255,127,14,0.35)";
  if (detector == "integrity.bandwidth_change") return "rgba(44,160,44,0.25)";
  if (detector == "integrity.clipping") return "rgba(227,119,194,0.35)";
  return "rgba(127,127,127,0.25)";
}

std::vector<Band> finding_bands(const Findings& findings) {
  std::vector<Band> bands;
  for (const Finding& f : findings) {
    if (f.kind == "dc_offset") continue;  // whole-file facts would shade everything
    bands.push_back({f.start_s, std::max(f.end_s, f.start_s), band_colour(f.detector), f.summary});
  }
  return bands;
}

// Reduces a per-block series to at most kColumns points (mean or extreme of each bucket).
enum class Reduce { mean, max, min };
Series reduced(const std::vector<float>& values, double block_s, double scale, Reduce how, std::string label,
               std::string colour) {
  Series s;
  s.label = std::move(label);
  s.color = std::move(colour);
  const std::size_t bucket = std::max<std::size_t>(1, (values.size() + kColumns - 1) / kColumns);
  for (std::size_t i = 0; i < values.size(); i += bucket) {
    const std::size_t end = std::min(values.size(), i + bucket);
    double acc = how == Reduce::mean ? 0.0 : (how == Reduce::max ? -INFINITY : INFINITY);
    std::size_t n = 0;
    for (std::size_t j = i; j < end; ++j) {
      if (!std::isfinite(values[j])) continue;
      if (how == Reduce::mean) acc += values[j];
      else if (how == Reduce::max) acc = std::max<double>(acc, values[j]);
      else acc = std::min<double>(acc, values[j]);
      ++n;
    }
    s.x.push_back((static_cast<double>(i + end) / 2.0) * block_s);
    s.y.push_back(n == 0 ? NAN : (how == Reduce::mean ? acc / static_cast<double>(n) : acc) * scale);
  }
  return s;
}

}  // namespace

std::string waveform_svg(const OverviewSketch& sketch, const Findings& findings, double start_offset_s) {
  Chart chart;
  chart.title = "Waveform (min/max envelope)";
  chart.x_label = "time (s)";
  chart.y_label = "amplitude (full scale)";
  chart.height = 220;
  const std::vector<float> lows = sketch.envelope_min(), highs = sketch.envelope_max();
  const std::size_t per_column = std::max<std::size_t>(1, (lows.size() + kColumns - 1) / kColumns);
  Series upper{"", {}, {}, "#1f4e79"}, lower{"", {}, {}, "#1f4e79"};
  for (std::size_t i = 0; i < lows.size(); i += per_column) {
    const std::size_t end = std::min(lows.size(), i + per_column);
    const float lo = *std::min_element(lows.begin() + static_cast<std::ptrdiff_t>(i),
                                       lows.begin() + static_cast<std::ptrdiff_t>(end));
    const float hi = *std::max_element(highs.begin() + static_cast<std::ptrdiff_t>(i),
                                       highs.begin() + static_cast<std::ptrdiff_t>(end));
    const double t = start_offset_s + static_cast<double>(i * sketch.bucket_len()) / sketch.sample_rate();
    upper.x.push_back(t);
    upper.y.push_back(hi);
    lower.x.push_back(t);
    lower.y.push_back(lo);
  }
  double peak = 0.0;
  for (double v : upper.y) peak = std::max(peak, std::fabs(v));
  for (double v : lower.y) peak = std::max(peak, std::fabs(v));
  peak = peak > 0 ? std::min(1.0, peak * 1.1) : 1.0;
  chart.y_min = -peak;
  chart.y_max = peak;
  chart.x_min = start_offset_s;
  chart.x_max = start_offset_s + sketch.duration_s();
  chart.series = {upper, lower};
  chart.bands = finding_bands(findings);
  return render_chart_svg(chart);
}

std::string waveform_svg(const Signal& signal, const Findings& findings) {
  OverviewSketch sketch(signal.sample_rate, kColumns);
  sketch.feed(signal.samples.data(), signal.samples.size());
  return waveform_svg(sketch, findings, signal.start_offset_s);
}

RgbImage spectrogram_image(const OverviewSketch& sketch) {
  RgbImage image;
  const std::size_t frames = sketch.frames();
  constexpr std::size_t bins = OverviewSketch::kBins;  // DC left out; row 0 is the highest frequency
  if (frames == 0) return image;
  const std::vector<float>& db = sketch.frames_db();
  const float top = std::max(-300.0f, *std::max_element(db.begin(), db.end()));
  constexpr float kRange = 80.0f;
  image.width = static_cast<int>(frames);
  image.height = static_cast<int>(bins);
  image.pixels.resize(frames * bins * 3);
  for (std::size_t row = 0; row < bins; ++row) {
    const std::size_t b = bins - 1 - row;
    for (std::size_t f = 0; f < frames; ++f) {
      const auto c = colour_of((db[f * bins + b] - (top - kRange)) / kRange);
      std::copy(c.begin(), c.end(), image.pixels.begin() + static_cast<std::ptrdiff_t>((row * frames + f) * 3));
    }
  }
  return image;
}

RgbImage spectrogram_image(const Signal& signal, int columns) {
  if (columns <= 0) return {};
  OverviewSketch sketch(signal.sample_rate, columns);
  sketch.feed(signal.samples.data(), signal.samples.size());
  return spectrogram_image(sketch);
}

// A chart over the item's whole duration with the findings shaded.
Chart time_chart(std::string title, std::string y_label, double duration_s, const std::vector<Band>& bands) {
  Chart chart;
  chart.title = std::move(title);
  chart.x_label = "time (s)";
  chart.y_label = std::move(y_label);
  chart.x_min = 0.0;
  chart.x_max = duration_s;
  chart.bands = bands;
  return chart;
}

std::vector<std::string> integrity_profile_svgs(const integrity::IntegrityResult& r) {
  const auto& p = r.profile;
  std::vector<std::string> out;
  if (p.size() == 0) return out;
  const std::vector<Band> bands = finding_bands(r.findings);

  Chart level = time_chart("Level and noise floor", "dBFS", r.duration_s, bands);
  level.series = {reduced(p.level_db, p.block_s, 1.0, Reduce::max, "block level", "#1f77b4"),
                  reduced(p.noise_floor_db, p.block_s, 1.0, Reduce::mean, "noise floor", "#ff7f0e")};
  double lowest = 0.0;
  for (const Series& s : level.series) {
    for (double v : s.y) {
      if (std::isfinite(v) && v > integrity::kSilenceDb) lowest = std::min(lowest, v);
    }
  }
  level.y_min = std::max(-120.0, lowest - 5.0);
  level.y_max = 0.0;
  out.push_back(render_chart_svg(level));

  Chart bandwidth = time_chart("Effective bandwidth", "kHz", r.duration_s, bands);
  bandwidth.series = {reduced(p.bandwidth_hz, p.block_s, 0.001, Reduce::mean, "bandwidth", "#2ca02c")};
  bandwidth.y_min = 0.0;
  bandwidth.y_max = r.sample_rate / 2000.0;
  out.push_back(render_chart_svg(bandwidth));

  Chart dc = time_chart("DC (mean of each block)", "full scale", r.duration_s, bands);
  dc.series = {reduced(p.dc, p.block_s, 1.0, Reduce::mean, "DC", "#8c564b")};
  dc.height = 200;
  out.push_back(render_chart_svg(dc));
  return out;
}

nlohmann::json overview_figures(const Signal& analysis, const integrity::IntegrityResult& integrity) {
  if (analysis.samples.empty() || analysis.sample_rate <= 0) return nlohmann::json::array();
  OverviewSketch sketch(analysis.sample_rate, kColumns);
  sketch.feed(analysis.samples.data(), analysis.samples.size());
  return overview_figures(sketch, integrity, analysis.start_offset_s);
}

nlohmann::json overview_figures(const OverviewSketch& sketch, const integrity::IntegrityResult& integrity,
                                double start_offset_s) {
  nlohmann::json figures = nlohmann::json::array();
  if (sketch.samples() == 0 || sketch.sample_rate() <= 0) return figures;
  figures.push_back(
      {{"id", "waveform"}, {"title", "Waveform"}, {"svg", waveform_svg(sketch, integrity.findings, start_offset_s)}});
  const RgbImage spectrogram = spectrogram_image(sketch);
  if (spectrogram.width > 0) {
    figures.push_back({{"id", "spectrogram"},
                       {"title", fmt::format("Spectrogram, 0-{:.0f} kHz, {:.1f} s, 80 dB range",
                                             sketch.sample_rate() / 2000.0, sketch.duration_s())},
                       {"png_data_uri", png_data_uri(spectrogram)}});
  }
  const char* titles[] = {"Integrity: level and noise floor", "Integrity: effective bandwidth",
                          "Integrity: DC offset"};
  const char* ids[] = {"integrity-level", "integrity-bandwidth", "integrity-dc"};
  const auto svgs = integrity_profile_svgs(integrity);
  for (std::size_t i = 0; i < svgs.size() && i < 3; ++i) {
    figures.push_back({{"id", ids[i]}, {"title", titles[i]}, {"svg", svgs[i]}});
  }
  return figures;
}

}  // namespace prov::report
