#pragma once
#include <Eigen/Core>

#include "voice/mfcc.h"

namespace prov::voice {

// A Gaussian mixture with diagonal covariances over feature frames.
struct DiagonalGmm {
  Eigen::VectorXd weights;    // C, summing to 1
  Eigen::MatrixXd means;      // C x D
  Eigen::MatrixXd variances;  // C x D
  Eigen::Index components() const { return weights.size(); }
  Eigen::Index dimension() const { return means.cols(); }
};

struct UbmParams {
  int components = 64;           // a power of two: grown by splitting every component in two
  int iterations_per_split = 4;  // EM passes after each split
  int final_iterations = 10;     // EM passes at the full size
  double variance_floor = 0.01;  // share of the global variance: stops components collapsing on few frames
  Eigen::Index max_frames = 200000;  // frames used (every k-th): EM time grows with them, accuracy barely
};

// Per-frame posteriors of the components (frames x C), and the frames' mean
// log-likelihood when `mean_log_likelihood` is given.
Eigen::MatrixXf component_posteriors(const DiagonalGmm& gmm, const FeatureMatrix& frames,
                                     double* mean_log_likelihood = nullptr);

// A universal background model trained by EM on pooled speech frames of
// many speakers; deterministic for the same frames.
DiagonalGmm train_ubm(const FeatureMatrix& frames, const UbmParams& params = {});

}  // namespace prov::voice
