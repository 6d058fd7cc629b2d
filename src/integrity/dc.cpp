#include <cmath>
#include <fmt/format.h>

#include "integrity/change_points.h"
#include "integrity/detectors.h"

namespace prov::integrity {

Findings detect_dc(const ScanContext& c) {
  Findings findings;
  const auto& p = c.profile;
  const nlohmann::json parameters = {{"dc_offset_min", c.options.dc_offset_min},
                                     {"dc_step_min", c.options.dc_step_min},
                                     {"step_window_s", c.options.step_window_s}};
  if (std::fabs(c.mean) >= c.options.dc_offset_min) {
    prov::Finding f;
    f.kind = "dc_offset";
    f.detector = "integrity.dc_offset";
    f.start_s = 0.0;
    f.end_s = c.duration_s;
    f.strength = std::min(1.0, std::fabs(c.mean) / (5.0 * c.options.dc_offset_min));
    f.summary = fmt::format("DC offset of {:+.4f} full scale ({:.0f} dBFS) over the whole recording", c.mean,
                            20.0 * std::log10(std::fabs(c.mean)));
    f.method = "Mean of all samples at native rate. A steady offset comes from the recording chain.";
    f.parameters = parameters;
    f.evidence = {{"mean", c.mean}};
    findings.push_back(std::move(f));
  }
  if (p.size() < 4) return findings;
  std::vector<uint8_t> analog(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) analog[i] = !p.digital_silence[i];
  StepSearch search;
  search.window = blocks_for(p, c.options.step_window_s);
  search.percentile = 0.5;
  search.min_count = blocks_for(p, 1.0);
  search.significant = [&](double b, double a) { return std::fabs(a - b) >= c.options.dc_step_min; };
  for (const Step& s : detect_steps({p.dc, analog}, search)) {
    const double at = static_cast<double>(s.boundary) * p.block_s;
    prov::Finding f;
    f.kind = "edit";
    f.detector = "integrity.dc_step";
    f.start_s = std::max(0.0, at - p.block_s);
    f.end_s = at + p.block_s;
    f.strength = std::min(1.0, std::fabs(s.after - s.before) / (4.0 * c.options.dc_step_min));
    f.summary = fmt::format("DC offset steps from {:+.4f} to {:+.4f} full scale at {:.2f} s: material from "
                            "another recording chain joined here",
                            s.before, s.after, at);
    f.method =
        "Median of the 0.1-s block means in a window before and after each point; steps are placed by a "
        "two-segment least-squares fit. One recording chain keeps one offset.";
    f.parameters = parameters;
    f.evidence = {{"at_s", at}, {"dc_before", s.before}, {"dc_after", s.after}};
    findings.push_back(std::move(f));
  }
  return findings;
}

}  // namespace prov::integrity
