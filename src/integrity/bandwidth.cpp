#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "integrity/change_points.h"
#include "integrity/detectors.h"

namespace prov::integrity {

Findings detect_bandwidth_changes(const ScanContext& c) {
  Findings findings;
  const auto& p = c.profile;
  if (p.size() < 4) return findings;
  // Only speech blocks: in pauses the band under a codec's cut-off can sink to
  // the quantisation noise above it, and the cut-off no longer shows.
  std::vector<uint8_t> measured = speech_blocks(p, c.options);
  for (std::size_t i = 0; i < p.size(); ++i) measured[i] = measured[i] && std::isfinite(p.bandwidth_hz[i]);
  const SeriesView series{p.bandwidth_hz, measured};
  const auto differs = [&](double a, double b) {
    const double d = std::fabs(a - b);
    return d >= c.options.bandwidth_change_min_hz && d >= c.options.bandwidth_change_ratio * std::max(a, b);
  };
  StepSearch search;
  search.window = blocks_for(p, c.options.step_window_s);
  search.percentile = 0.5;
  search.min_count = blocks_for(p, 1.0);
  search.significant = differs;
  const std::vector<Step> steps = detect_steps(series, search);
  if (steps.empty()) return findings;

  // Stretches between change points; those narrower than the widest are the odd ones out.
  std::vector<std::size_t> edges{0};
  for (const Step& s : steps) edges.push_back(s.boundary);
  edges.push_back(p.size());
  std::vector<double> medians;
  for (std::size_t k = 0; k + 1 < edges.size(); ++k) {
    medians.push_back(window_percentile(series, edges[k], edges[k + 1], 0.5, 1));
  }
  double widest = 0.0;
  for (double m : medians) {
    if (std::isfinite(m)) widest = std::max(widest, m);
  }
  for (std::size_t k = 0; k < medians.size(); ++k) {
    const double m = medians[k];
    if (!std::isfinite(m) || m >= widest || !differs(m, widest)) continue;
    // Share of the speech blocks elsewhere that show this cut-off (or a narrower one).
    std::size_t elsewhere = 0, narrow_elsewhere = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (!measured[i] || (i >= edges[k] && i < edges[k + 1])) continue;
      ++elsewhere;
      narrow_elsewhere += p.bandwidth_hz[i] <= m * (1.0 + 0.5 * c.options.bandwidth_change_ratio);
    }
    const double share = elsewhere ? static_cast<double>(narrow_elsewhere) / static_cast<double>(elsewhere) : 1.0;
    if (share > c.options.bandwidth_cutoff_elsewhere_max) continue;
    const double start = static_cast<double>(edges[k]) * p.block_s;
    const double end = std::min(c.duration_s, static_cast<double>(edges[k + 1]) * p.block_s);
    prov::Finding f;
    f.kind = "edit";
    f.detector = "integrity.bandwidth_change";
    f.start_s = start;
    f.end_s = end;
    f.strength = std::min(1.0, 0.4 + (widest - m) / widest);
    f.summary = fmt::format(
        "Effective bandwidth {:.1f} kHz from {:.2f} to {:.2f} s against {:.1f} kHz elsewhere: this stretch "
        "went through a narrower channel or codec (re-encoded or inserted)",
        m / 1000.0, start, end, widest / 1000.0);
    f.method =
        "Per 0.1-s speech block, one Hann-windowed FFT of about 40 ms: the bandwidth is the lowest frequency above which "
        "the whole spectrum lies at least the edge depth below the kilohertz under it (the cliff a codec or "
        "resampler low-pass leaves; speech rolls off gradually). Medians over windows before and after each "
        "point find the change points, placed by a two-segment least-squares fit; a narrower stretch counts when "
        "its cut-off is rare in the speech elsewhere.";
    f.parameters = {{"bandwidth_edge_db", c.options.bandwidth_edge_db},
                    {"speech_above_floor_db", c.options.speech_above_floor_db},
                    {"bandwidth_change_ratio", c.options.bandwidth_change_ratio},
                    {"bandwidth_change_min_hz", c.options.bandwidth_change_min_hz},
                    {"bandwidth_cutoff_elsewhere_max", c.options.bandwidth_cutoff_elsewhere_max},
                    {"step_window_s", c.options.step_window_s}};
    f.evidence = {{"bandwidth_hz", m}, {"widest_elsewhere_hz", widest}, {"share_elsewhere_this_narrow", share}};
    findings.push_back(std::move(f));
  }
  return findings;
}

}  // namespace prov::integrity
