#pragma once
#include <Eigen/Core>
#include <vector>

#include "core/signal.h"
#include "voice/frames.h"

namespace prov::voice {

// Row-major frames x coefficients, float: the layout every model here reads.
using FeatureMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct MfccParams {
  FrameGrid grid;
  std::size_t fft_size = 512;
  int mel_filters = 24;
  double low_hz = 100;      // below: mains hum and handling noise, no speaker information
  double high_hz = 7000;    // below the 8 kHz Nyquist limit with room for the resampler's roll-off
  int cepstra = 20;         // c0..c19; c0 (level) is removed by mean normalisation
  double preemphasis = 0.97;
  int delta_reach = 2;      // frames each side for the regression deltas
};

// Mel-frequency cepstra of every frame of the grid (Hamming window, log mel
// energies, DCT-II).
FeatureMatrix mfcc(const Signal& signal, const MfccParams& params = {});

// Appends first and second regression deltas: d -> 3d columns.
FeatureMatrix with_deltas(const FeatureMatrix& cepstra, int reach);

// The rows whose flag is set.
FeatureMatrix select_frames(const FeatureMatrix& frames, const std::vector<uint8_t>& keep);

// Cepstral mean and variance normalisation over the rows given, in place:
// removes the fixed channel (microphone, room, codec) from each coefficient.
void normalise_mean_variance(FeatureMatrix& frames);

}  // namespace prov::voice
