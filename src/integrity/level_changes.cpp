#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "integrity/change_points.h"
#include "integrity/detectors.h"

namespace prov::integrity {
namespace {

struct TimedStep {
  Step step;
  double start_s, end_s, at_s;
};

TimedStep timed(const Step& s, const IntegrityProfile& p) {
  double start = static_cast<double>(s.last_before + 1) * p.block_s;
  double end = static_cast<double>(s.first_after) * p.block_s;
  if (end <= start) {
    start = (static_cast<double>(s.boundary) - 0.5) * p.block_s;
    end = (static_cast<double>(s.boundary) + 0.5) * p.block_s;
  }
  return {s, std::max(0.0, start), end, static_cast<double>(s.boundary) * p.block_s};
}

std::vector<TimedStep> level_steps(const ScanContext& c) {
  const auto& p = c.profile;
  std::vector<uint8_t> speech = speech_blocks(p, c.options);
  const double loud = window_percentile({p.level_db, speech}, 0, p.size(), 0.9, 1);
  for (std::size_t i = 0; i < p.size(); ++i) {
    speech[i] = speech[i] && !(p.level_db[i] < loud - c.options.level_below_loud_db);
  }
  StepSearch search;
  search.window = blocks_for(p, c.options.step_window_s);
  search.percentile = c.options.level_percentile;
  search.min_count = blocks_for(p, c.options.level_min_speech_s);
  search.significant = [&](double b, double a) { return std::fabs(a - b) >= c.options.level_jump_db; };
  std::vector<TimedStep> out;
  for (const Step& s : detect_steps({p.level_db, speech}, search)) out.push_back(timed(s, p));
  return out;
}

std::vector<TimedStep> noise_steps(const ScanContext& c) {
  const auto& p = c.profile;
  std::vector<uint8_t> analog(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) analog[i] = !p.digital_silence[i];
  StepSearch search;
  search.window = blocks_for(p, c.options.noise_window_s);
  search.percentile = c.options.noise_floor_percentile;
  // A floor needs pauses: half a window of blocks on each side, so no step is
  // claimed from the first or last few seconds alone.
  search.min_count = blocks_for(p, 0.5 * c.options.noise_window_s);
  // Steps as small as a level jump are kept, to confirm a gain change; only
  // those of the full floor-change size stand on their own (see below).
  const double smallest = std::min(c.options.noise_floor_change_db, c.options.level_jump_db);
  search.significant = [&, smallest](double b, double a) {
    // Only floors of analog noise on both sides: a gated or denoised pause says nothing.
    return std::fabs(a - b) >= smallest && std::min(a, b) > c.options.gated_floor_db;
  };
  // Speech only ever reads above the floor, so only pauses below the midpoint
  // of the two floors tell the sides apart: a falling floor starts at the
  // first of them, a rising one ends after the last.
  search.place = [&](std::size_t begin, std::size_t end, double b, double a) {
    const double mid = 0.5 * (a + b);
    std::size_t found = a < b ? end : begin;
    for (std::size_t i = begin; i < end; ++i) {
      if (!analog[i] || !(p.quietest_db[i] < mid)) continue;
      if (a < b) return i;
      found = i + 1;
    }
    return found;
  };
  search.telling = [](float v, double b, double a) { return v <= std::max(a, b) + 3.0; };
  std::vector<TimedStep> out;
  for (const Step& s : detect_steps({p.quietest_db, analog}, search)) out.push_back(timed(s, p));
  return out;
}

const char* direction(double delta) { return delta > 0 ? "rises" : "drops"; }

nlohmann::json step_parameters(const ScanOptions& o) {
  return {{"step_window_s", o.step_window_s},
          {"level_percentile", o.level_percentile},
          {"level_jump_db", o.level_jump_db},
          {"level_jump_alone_db", o.level_jump_alone_db},
          {"noise_floor_change_db", o.noise_floor_change_db},
          {"noise_window_s", o.noise_window_s},
          {"noise_floor_percentile", o.noise_floor_percentile},
          {"speech_above_floor_db", o.speech_above_floor_db},
          {"gain_match_db", o.gain_match_db},
          {"gated_floor_db", o.gated_floor_db},
          {"level_min_speech_s", o.level_min_speech_s},
          {"level_below_loud_db", o.level_below_loud_db},
          {"frame_s", o.frame_s}};
}

}  // namespace

Findings detect_level_and_noise_changes(const ScanContext& c) {
  Findings findings;
  if (c.profile.size() < 4) return findings;
  const std::vector<TimedStep> levels = level_steps(c);
  std::vector<TimedStep> noises = noise_steps(c);
  // The floor shows only in pauses, so its step may sit a few seconds from the speech step.
  const double near_s = 0.5 * c.options.noise_window_s;
  const std::string level_method =
      "High percentile level of speech blocks (RMS of 0.1-s blocks more than the speech margin above the local noise "
      "floor) in a window before and after each point; the largest significant steps are placed by a "
      "two-segment least-squares fit and re-measured there.";

  for (const TimedStep& level : levels) {
    const double delta = level.step.after - level.step.before;
    // A noise floor moving with the speech by the same amount is one gain change.
    auto match = std::find_if(noises.begin(), noises.end(), [&](const TimedStep& n) {
      const double nd = n.step.after - n.step.before;
      return std::fabs(n.at_s - level.at_s) <= near_s && std::fabs(nd - delta) <= c.options.gain_match_db;
    });
    if (match == noises.end() && std::fabs(delta) < c.options.level_jump_alone_db) continue;
    prov::Finding f;
    f.kind = "edit";
    f.detector = "integrity.level_jump";
    f.start_s = level.start_s;
    f.end_s = level.end_s;
    f.strength = std::min(1.0, std::fabs(delta) / (2.0 * c.options.level_jump_db));
    f.parameters = step_parameters(c.options);
    f.evidence = {{"at_s", level.at_s},
                  {"speech_level_before_db", level.step.before},
                  {"speech_level_after_db", level.step.after},
                  {"change_db", delta}};
    if (match != noises.end()) {
      const double nd = match->step.after - match->step.before;
      f.summary = fmt::format(
          "Level {} {:.1f} dB at {:.2f} s, speech and noise floor alike ({:+.1f} dB): a gain change in editing",
          direction(delta), std::fabs(delta), level.at_s, nd);
      f.evidence["noise_floor_before_db"] = match->step.before;
      f.evidence["noise_floor_after_db"] = match->step.after;
      f.evidence["noise_floor_at_s"] = match->at_s;
      f.strength = std::min(1.0, f.strength + 0.2);
      noises.erase(match);
    } else {
      f.strength = std::min(1.0, std::fabs(delta) / (2.0 * c.options.level_jump_alone_db));
      f.summary = fmt::format("Speech level {} {:.1f} dB at {:.2f} s while the noise floor stays put",
                              direction(delta), std::fabs(delta), level.at_s);
    }
    f.method = level_method;
    findings.push_back(std::move(f));
  }

  for (const TimedStep& noise : noises) {
    const double delta = noise.step.after - noise.step.before;
    if (std::fabs(delta) < c.options.noise_floor_change_db) continue;
    prov::Finding f;
    f.kind = "edit";
    f.detector = "integrity.noise_floor_change";
    f.start_s = noise.start_s;
    f.end_s = noise.end_s;
    f.strength = std::min(1.0, std::fabs(delta) / (2.0 * c.options.noise_floor_change_db));
    f.summary = fmt::format(
        "Noise floor {} {:.1f} dB near {:.2f} s ({:.0f} to {:.0f} dBFS) without a matching speech level step: "
        "recordings made in different conditions joined here",
        direction(delta), std::fabs(delta), noise.at_s, noise.step.before, noise.step.after);
    f.method =
        "Noise floor = low percentile of the quietest 10-ms frame of each 0.1-s block, in a window before and "
        "after each point (digital silence left out); the step is placed on the pauses by a two-segment "
        "least-squares fit. The span runs from the last pause at the old floor to the first at the new one.";
    f.parameters = step_parameters(c.options);
    f.evidence = {{"at_s", noise.at_s}, {"noise_floor_before_db", noise.step.before},
                  {"noise_floor_after_db", noise.step.after}, {"change_db", delta}};
    findings.push_back(std::move(f));
  }
  return findings;
}

}  // namespace prov::integrity
