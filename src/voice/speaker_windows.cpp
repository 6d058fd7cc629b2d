#include "voice/speaker_windows.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "voice/metrics.h"

namespace prov::voice {

std::vector<WindowScore> score_windows(const SpeakerModel& model, const SpeechFrames& speech,
                                       const BaumWelchStats& known, const WindowParams& p) {
  std::vector<WindowScore> out;
  if (speech.times_s.empty()) return out;
  const Eigen::VectorXd known_ivector = model.ivector(known);
  const double known_s = known.frames * 0.010;
  const double last = speech.times_s.back();
  std::size_t first_frame = 0;
  for (double start = 0; start < std::max(last, 1e-9); start += p.hop_s) {
    const double end = start + p.window_s;
    while (first_frame < speech.times_s.size() && speech.times_s[first_frame] < start) ++first_frame;
    std::size_t stop = first_frame;
    while (stop < speech.times_s.size() && speech.times_s[stop] < end) ++stop;
    const double speech_s = static_cast<double>(stop - first_frame) * 0.010;
    if (speech_s >= p.min_speech_s) {
      const FeatureMatrix window =
          normalised(speech.frames.middleRows(static_cast<Eigen::Index>(first_frame), static_cast<Eigen::Index>(stop - first_frame)));
      const double score = model.score(model.ivector(window), known_ivector);
      const double llr = model.calibration.llr(score, std::min(speech_s, known_s));
      out.push_back({start, std::min(end, speech.duration_s), speech_s, llr / std::log(10.0)});
    }
    if (end >= last) break;
  }
  return out;
}

Findings speaker_change_findings(const std::vector<WindowScore>& windows, const WindowParams& p) {
  Findings findings;
  if (windows.size() < 3) return findings;
  double best = windows.front().log10_lr;
  for (const auto& w : windows) best = std::max(best, w.log10_lr);
  if (best < p.support_log10_lr) return findings;  // no passage supports the reference: nothing to change from
  for (std::size_t i = 0; i < windows.size();) {
    if (windows[i].log10_lr > p.change_log10_lr) {
      ++i;
      continue;
    }
    std::size_t j = i;
    double lowest = windows[i].log10_lr;
    while (j < windows.size() && windows[j].log10_lr <= p.change_log10_lr) lowest = std::min(lowest, windows[j++].log10_lr);
    Finding f;
    f.kind = "speaker";
    f.detector = "voice.speaker_change";
    f.start_s = windows[i].start_s;
    f.end_s = windows[j - 1].end_s;
    f.strength = std::clamp(-lowest / 4.0, 0.0, 1.0);
    f.summary = fmt::format("{:.0f}-{:.0f} s: another voice than the reference? {} window(s) down to log10 LR {:.1f} "
                            "while the best window is {:+.1f}",
                            f.start_s, f.end_s, j - i, lowest, best);
    f.method = "calibrated i-vector/PLDA likelihood ratio of each window against the known recordings";
    f.parameters = {{"window_s", p.window_s}, {"hop_s", p.hop_s}, {"change_log10_lr", p.change_log10_lr}};
    f.evidence = {{"lowest_log10_lr", lowest}, {"best_log10_lr", best}, {"windows", j - i},
                  {"verbal", verbal_equivalent(lowest)}};
    findings.push_back(std::move(f));
    i = j;
  }
  return findings;
}

}  // namespace prov::voice
