#pragma once
#include <Eigen/Core>
#include <vector>

#include "voice/gmm.h"

namespace prov::voice {

// Zero- and first-order Baum-Welch statistics of a recording against the
// UBM, the first order centred on the UBM means and scaled by its standard
// deviations (so the total-variability model works with unit covariances).
// Statistics of several recordings of one speaker add up.
struct BaumWelchStats {
  Eigen::VectorXd occupancy;  // C
  Eigen::MatrixXd first;      // C x D
  double frames = 0;
  BaumWelchStats& operator+=(const BaumWelchStats& other);
};

BaumWelchStats collect_stats(const DiagonalGmm& ubm, const FeatureMatrix& frames);

// The total-variability subspace: a recording's mean supervector is the
// UBM's plus T w, and its i-vector is the posterior mean of w.
struct TotalVariability {
  Eigen::MatrixXd matrix;  // (C*D) x R, in the UBM's standardised space
  std::vector<Eigen::MatrixXd> grams;  // T_c' T_c per component, derived from matrix (see refresh_grams)
  Eigen::Index rank() const { return matrix.cols(); }
  void refresh_grams(Eigen::Index components);
};

struct TotalVariabilityParams {
  int rank = 100;        // i-vector dimension
  int iterations = 8;    // EM passes
  unsigned seed = 7;     // the random start, fixed so training is reproducible
};

TotalVariability train_total_variability(const std::vector<BaumWelchStats>& recordings, Eigen::Index components,
                                         Eigen::Index dimension, const TotalVariabilityParams& params = {});

Eigen::VectorXd extract_ivector(const TotalVariability& tv, const BaumWelchStats& stats);

}  // namespace prov::voice
