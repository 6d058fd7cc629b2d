#pragma once
#include <vector>

#include "core/signal.h"

namespace prov::fingerprint {

// A local maximum of the log-power spectrogram, with sub-bin and sub-frame
// position from parabolic interpolation.
struct SpectralPeak {
  float frame = 0;    // frames of `hop_s` from the start of the signal
  float freq_hz = 0;
  float prominence_db = 0;  // above the frame's in-band mean level
};

struct PeakParams {
  double frame_s = 0.064;        // analysis window
  double hop_s = 0.016;          // frame hop: the time unit of peaks and landmarks
  double min_hz = 250.0;         // telephone band, so band-limited copies still match
  double max_hz = 3500.0;
  int freq_radius_bins = 4;      // a peak is the maximum of its neighbourhood
  int time_radius_frames = 6;
  double min_prominence_db = 6.0;  // above the frame's in-band mean level
  double floor_db = -95.0;         // absolute floor (dB re full scale) for digital silence
  double peaks_per_second = 9.0;   // strongest peaks kept in each one-second block
  int threads = 0;                 // 0: one per core; long signals only
};

// Finds the strongest spectral peaks of a mono signal; pure, no I/O.
std::vector<SpectralPeak> find_spectral_peaks(const Signal& signal, const PeakParams& params = {});

}  // namespace prov::fingerprint
