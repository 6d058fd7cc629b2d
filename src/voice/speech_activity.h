#pragma once
#include <cstdint>
#include <vector>

#include "core/signal.h"
#include "voice/frames.h"

namespace prov::voice {

struct SpeechActivityParams {
  FrameGrid grid;
  double floor_quantile = 0.10;      // the quietest tenth of frames sets the noise floor
  double min_rise_db = 12.0;         // a frame this far above the floor may be speech
  double absolute_floor_dbfs = -60;  // below this nothing is speech, whatever the floor
  double min_voicing = 0.45;         // normalised autocorrelation peak at a 60-400 Hz pitch lag
  double max_flatness = 0.30;        // spectral flatness (0 tonal .. 1 white) of a voiced frame
  double min_voiced_share = 0.25;    // a loud stretch is speech when this share of it is voiced
  double min_stretch_s = 0.20;       // shorter loud stretches are clicks, not syllables
  double bridge_s = 0.15;            // gaps this short inside a loud stretch are closed
  double hangover_s = 0.05;          // kept on either side of speech (consonant onsets, decays)
};

// Which frames of the grid hold speech. Energy above an adaptive floor finds
// loud stretches; a stretch counts as speech only when enough of its frames
// are voiced (periodic at a pitch lag, and not spectrally flat), so steady
// noise, hiss and most clatter are rejected. Error rates: bench/README.md.
struct SpeechActivity {
  FrameGrid grid;
  std::vector<uint8_t> speech;  // one flag per frame
  double speech_s() const;
  double speech_share() const;
};

// `signal` must be at grid.sample_rate.
SpeechActivity detect_speech(const Signal& signal, const SpeechActivityParams& params = {});

}  // namespace prov::voice
