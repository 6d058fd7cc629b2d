#include "integrity/scanner.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "integrity/block_meter.h"
#include "integrity/change_points.h"
#include "integrity/detectors.h"
#include "integrity/false_alarm_rates.h"

namespace prov::integrity {
namespace {

void mark_runs(const std::vector<SampleRun>& runs, const IntegrityProfile& p, int rate,
               const std::function<void(std::size_t block, double overlap_s)>& mark) {
  if (p.size() == 0) return;
  for (const SampleRun& r : runs) {
    const auto first = static_cast<std::size_t>(r.start_s / p.block_s);
    const auto last = std::min(p.size() - 1, static_cast<std::size_t>(std::max(0.0, r.end_s - 0.5 / rate) / p.block_s));
    for (std::size_t b = first; b <= last && b < p.size(); ++b) {
      const double lo = std::max(r.start_s, static_cast<double>(b) * p.block_s);
      const double hi = std::min(r.end_s, static_cast<double>(b + 1) * p.block_s);
      mark(b, std::max(0.0, hi - lo));
    }
  }
}

double median_of(const std::vector<float>& values, const std::vector<uint8_t>& valid) {
  return window_percentile({values, valid}, 0, values.size(), 0.5, 1);
}

}  // namespace

struct IntegrityScanner::State {
  State(int rate, const ScanOptions& o) : options(o), meter(rate, o) {}
  ScanOptions options;
  BlockMeter meter;
  bool finished = false;
};

IntegrityScanner::IntegrityScanner(int sample_rate, ScanOptions options)
    : state_(std::make_unique<State>(sample_rate, options)) {}

IntegrityScanner::~IntegrityScanner() = default;

void IntegrityScanner::feed(const float* mono, std::size_t frames) {
  if (state_->finished) throw std::logic_error("IntegrityScanner::feed after finish");
  state_->meter.feed(mono, frames);
}

IntegrityResult IntegrityScanner::finish() {
  if (state_->finished) throw std::logic_error("IntegrityScanner::finish called twice");
  state_->finished = true;
  BlockMeter& meter = state_->meter;
  meter.flush();
  const int rate = meter.sample_rate();

  IntegrityResult result;
  result.sample_rate = rate;
  result.duration_s = static_cast<double>(meter.samples_seen()) / rate;
  result.profile = std::move(meter.profile());
  result.digital_silence_runs = std::move(meter.zero_runs());
  result.clipping_runs = std::move(meter.clip_runs());
  IntegrityProfile& p = result.profile;
  p.digital_silence.assign(p.size(), 0);
  p.clipped.assign(p.size(), 0);
  mark_runs(result.digital_silence_runs, p, rate, [&](std::size_t b, double) { p.digital_silence[b] = 1; });
  mark_runs(result.clipping_runs, p, rate,
            [&](std::size_t b, double s) { p.clipped[b] += static_cast<uint32_t>(std::lround(s * rate)); });
  p.noise_floor_db = derive_noise_floor(p, state_->options);

  const double mean = meter.samples_seen() > 0 ? meter.sum() / static_cast<double>(meter.samples_seen()) : 0.0;
  const ScanContext context{p, state_->options, result.digital_silence_runs, result.clipping_runs,
                            result.duration_s, rate, mean};
  for (auto* detect : {&detect_digital_silence, &detect_level_and_noise_changes, &detect_bandwidth_changes,
                       &detect_dc, &detect_clipping}) {
    for (Finding& f : detect(context)) {
      attach_false_alarm_rate(f);
      result.findings.push_back(std::move(f));
    }
  }
  std::stable_sort(result.findings.begin(), result.findings.end(),
                   [](const Finding& a, const Finding& b) { return a.start_s < b.start_s; });
  return result;
}

IntegrityResult scan(const Signal& signal, const ScanOptions& options) {
  IntegrityScanner scanner(signal.sample_rate, options);
  constexpr std::size_t chunk = 1 << 16;
  for (std::size_t i = 0; i < signal.samples.size(); i += chunk) {
    scanner.feed(signal.samples.data() + i, std::min(chunk, signal.samples.size() - i));
  }
  IntegrityResult result = scanner.finish();
  if (signal.start_offset_s != 0.0) {
    for (Finding& f : result.findings) {
      f.start_s += signal.start_offset_s;
      f.end_s += signal.start_offset_s;
    }
  }
  return result;
}

nlohmann::json to_json(const ScanOptions& o) {
  return {{"frame_s", o.frame_s},
          {"frames_per_block", o.frames_per_block},
          {"digital_zero_level", o.digital_zero_level},
          {"min_digital_silence_s", o.min_digital_silence_s},
          {"analog_floor_min_db", o.analog_floor_min_db},
          {"speech_context_s", o.speech_context_s},
          {"clip_level", o.clip_level},
          {"min_clip_run", o.min_clip_run},
          {"clip_merge_s", o.clip_merge_s},
          {"step_window_s", o.step_window_s},
          {"speech_above_floor_db", o.speech_above_floor_db},
          {"level_percentile", o.level_percentile},
          {"level_jump_db", o.level_jump_db},
          {"level_jump_alone_db", o.level_jump_alone_db},
          {"noise_floor_change_db", o.noise_floor_change_db},
          {"noise_window_s", o.noise_window_s},
          {"noise_floor_percentile", o.noise_floor_percentile},
          {"gain_match_db", o.gain_match_db},
          {"gated_floor_db", o.gated_floor_db},
          {"level_min_speech_s", o.level_min_speech_s},
          {"level_below_loud_db", o.level_below_loud_db},
          {"habitual_zero_runs", o.habitual_zero_runs},
          {"bandwidth_edge_db", o.bandwidth_edge_db},
          {"bandwidth_change_ratio", o.bandwidth_change_ratio},
          {"bandwidth_change_min_hz", o.bandwidth_change_min_hz},
          {"bandwidth_cutoff_elsewhere_max", o.bandwidth_cutoff_elsewhere_max},
          {"dc_offset_min", o.dc_offset_min},
          {"dc_step_min", o.dc_step_min}};
}

nlohmann::json summary_json(const IntegrityResult& r) {
  const IntegrityProfile& p = r.profile;
  std::vector<uint8_t> analog(p.size()), all(p.size(), 1);
  for (std::size_t i = 0; i < p.size(); ++i) analog[i] = !p.digital_silence[i];
  std::vector<uint8_t> speech(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) {
    speech[i] = analog[i] && !p.noise_floor_db.empty() && p.level_db[i] > p.noise_floor_db[i] + 10.0f;
  }
  std::size_t clipped = 0;
  for (uint32_t c : p.clipped) clipped += c;
  const auto finite_or_null = [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(); };
  return {{"duration_s", r.duration_s},
          {"sample_rate", r.sample_rate},
          {"block_s", p.block_s},
          {"speech_level_db", finite_or_null(median_of(p.level_db, speech))},
          {"noise_floor_db", finite_or_null(median_of(p.noise_floor_db, analog))},
          {"bandwidth_hz", finite_or_null(median_of(p.bandwidth_hz, analog))},
          {"digital_silence_runs", r.digital_silence_runs.size()},
          {"clipping_runs", r.clipping_runs.size()},
          {"clipped_samples", clipped},
          {"findings", r.findings.size()}};
}

}  // namespace prov::integrity
