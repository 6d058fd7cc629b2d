#pragma once
#include <vector>

#include "core/finding.h"
#include "voice/speaker_model.h"

namespace prov::voice {

struct WindowParams {
  double window_s = 10.0;        // wall-clock length of each scored window
  double hop_s = 5.0;            // step between window starts
  double min_speech_s = 3.0;     // windows with less speech are not scored
  // A stretch of consecutive windows whose log10 LR is at most this, in a
  // recording where some window supports the reference speaker at least
  // this much, is a speaker-change finding.
  double change_log10_lr = -1.0;
  double support_log10_lr = 1.0;
};

// The calibrated likelihood ratio of one window of a long recording
// against the known speaker.
struct WindowScore {
  double start_s = 0, end_s = 0;
  double speech_s = 0;
  double log10_lr = 0;
};

// Scores every window of `speech` (SpeechFrames of the questioned
// recording, not yet normalised) against the pooled statistics of the
// known recordings.
std::vector<WindowScore> score_windows(const SpeakerModel& model, const SpeechFrames& speech,
                                       const BaumWelchStats& known, const WindowParams& params = {});

// Passages whose windows speak against the reference while the recording
// as a whole speaks for it: a splice, an interpreter, a second speaker.
// Each finding is of kind "speaker" with detector "voice.speaker_change".
Findings speaker_change_findings(const std::vector<WindowScore>& windows, const WindowParams& params = {});

}  // namespace prov::voice
