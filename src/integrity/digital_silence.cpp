#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "integrity/change_points.h"
#include "integrity/detectors.h"

namespace prov::integrity {
namespace {

// Noise floor of the analog signal next to a run, digital silence left out.
double side_floor(const ScanContext& c, const std::vector<uint8_t>& analog, std::size_t begin, std::size_t end) {
  return window_percentile({c.profile.quietest_db, analog}, begin, end, c.options.noise_floor_percentile, 3);
}

bool has_speech(const std::vector<uint8_t>& speech, std::size_t begin, std::size_t end) {
  end = std::min(end, speech.size());
  for (std::size_t i = begin; i < end; ++i) {
    if (speech[i]) return true;
  }
  return false;
}

}  // namespace

Findings detect_digital_silence(const ScanContext& c) {
  static constexpr const char* kMethod =
      "Runs of consecutive samples that are zero at 16-bit precision, at native rate; a run counts when "
      "speech occurs on both sides, the recording's noise floor around it is well above digital silence, "
      "which no microphone and room produce, and the recording does not make its pauses of zeros elsewhere.";
  struct Inside {
    SampleRun run;
    double floor_before, floor_after;
  };
  std::vector<Inside> inside;
  std::size_t between_words = 0;  // runs with speech on both sides, whatever the floor
  Findings findings;
  const auto& p = c.profile;
  if (p.size() == 0) return findings;
  const std::vector<uint8_t> speech = speech_blocks(p, c.options);
  const std::size_t context = blocks_for(p, c.options.speech_context_s);
  const double edge = 1.0 / c.sample_rate;
  std::vector<uint8_t> analog(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) analog[i] = !p.digital_silence[i];
  for (const SampleRun& run : c.zero_runs) {
    // Leading and trailing silence is padding by editors and encoders, not an insert.
    if (run.start_s <= edge || run.end_s >= c.duration_s - edge) continue;
    const std::size_t first = std::min(p.size() - 1, static_cast<std::size_t>(run.start_s / p.block_s));
    const std::size_t last = std::min(p.size() - 1, static_cast<std::size_t>(run.end_s / p.block_s));
    const std::size_t before_lo = first > context ? first - context : 0;
    const double floor_before = side_floor(c, analog, before_lo, first);
    const double floor_after = side_floor(c, analog, last + 1, last + 1 + context);
    if (!has_speech(speech, before_lo, first) || !has_speech(speech, last + 1, last + 1 + context)) continue;
    ++between_words;
    if (std::isnan(floor_before) || std::isnan(floor_after)) continue;
    if (std::min(floor_before, floor_after) < c.options.analog_floor_min_db) continue;  // a digitally quiet recording
    inside.push_back({run, floor_before, floor_after});
  }
  const nlohmann::json parameters = {{"digital_zero_level", c.options.digital_zero_level},
                                     {"min_digital_silence_s", c.options.min_digital_silence_s},
                                     {"analog_floor_min_db", c.options.analog_floor_min_db},
                                     {"speech_context_s", c.options.speech_context_s},
                                     {"habitual_zero_runs", c.options.habitual_zero_runs},
                                     {"sample_rate", c.sample_rate}};
  if (!inside.empty() && static_cast<double>(between_words) >= c.options.habitual_zero_runs) {
    // Zeros in pause after pause are how the source makes pauses (synthetic
    // speech, an encoder or a phone gating silence), so one more says nothing.
    double total = 0.0;
    for (const Inside& r : inside) total += r.run.end_s - r.run.start_s;
    prov::Finding f;
    f.kind = "note";
    f.detector = "integrity.digital_silence";
    f.start_s = inside.front().run.start_s;
    f.end_s = inside.back().run.end_s;
    f.strength = 0.2;
    f.summary = fmt::format(
        "{} pauses of exact digital silence between words ({:.2f} s in all in the {} runs at {:.2f}-{:.2f} s "
        "where the floor around is analog): synthetic speech and encoders or phones that gate silence make "
        "pauses this way, so these runs cannot show an edit",
        between_words, total, inside.size(), f.start_s, f.end_s);
    f.method = kMethod;
    f.parameters = parameters;
    f.evidence = {{"runs_between_words", between_words}, {"runs_with_analog_floor", inside.size()}, {"total_s", total}};
    findings.push_back(std::move(f));
    return findings;
  }
  for (const Inside& r : inside) {
    const SampleRun& run = r.run;
    const double floor_before = r.floor_before, floor_after = r.floor_after;
    const double length = run.end_s - run.start_s;
    prov::Finding f;
    f.kind = "edit";
    f.detector = "integrity.digital_silence";
    f.start_s = run.start_s;
    f.end_s = run.end_s;
    f.strength = std::min(1.0, 0.6 + 0.4 * length / 0.5);
    f.summary = fmt::format(
        "{:.3f} s of digital silence at {:.2f}-{:.2f} s inside speech whose noise floor is {:.0f} dBFS: "
        "audio removed or silence inserted",
        length, run.start_s, run.end_s, std::max(floor_before, floor_after));
    f.method = kMethod;
    f.parameters = parameters;
    f.evidence = {{"run_length_s", length},
                  {"run_samples", std::llround(length * c.sample_rate)},
                  {"noise_floor_before_db", floor_before},
                  {"noise_floor_after_db", floor_after}};
    findings.push_back(std::move(f));
  }
  return findings;
}

Findings detect_clipping(const ScanContext& c) {
  Findings findings;
  std::size_t i = 0;
  const auto& runs = c.clip_runs;
  while (i < runs.size()) {
    std::size_t j = i + 1;
    double clipped_s = runs[i].end_s - runs[i].start_s;
    while (j < runs.size() && runs[j].start_s - runs[j - 1].end_s <= c.options.clip_merge_s) {
      clipped_s += runs[j].end_s - runs[j].start_s;
      ++j;
    }
    const double start = runs[i].start_s, end = runs[j - 1].end_s;
    const std::size_t count = j - i;
    const long samples = std::lround(clipped_s * c.sample_rate);
    prov::Finding f;
    f.kind = "clipping";
    f.detector = "integrity.clipping";
    f.start_s = start;
    f.end_s = end;
    f.strength = std::min(1.0, 0.3 + 0.1 * static_cast<double>(count));
    f.summary = fmt::format("Clipping: {} run{} ({} samples) at or above {:.2f} of full scale, {:.2f}-{:.2f} s",
                            count, count == 1 ? "" : "s", samples, c.options.clip_level, start, end);
    f.method =
        "Runs of consecutive same-sign samples at or above the clip level at native rate; runs closer than the "
        "merge gap are reported together. Clipping marks overload at recording or a gain raised in editing.";
    f.parameters = {{"clip_level", c.options.clip_level},
                    {"min_clip_run", c.options.min_clip_run},
                    {"clip_merge_s", c.options.clip_merge_s}};
    f.evidence = {{"runs", count}, {"clipped_samples", samples}};
    findings.push_back(std::move(f));
    i = j;
  }
  return findings;
}

}  // namespace prov::integrity
