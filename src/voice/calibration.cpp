#include "voice/calibration.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace prov::voice {
namespace {

double duration_term(double d, double lo, double hi) { return std::log(std::clamp(d, lo, hi) / 10.0); }

}  // namespace

double Calibration::llr(double score, double duration_s) const {
  return offset + scale * score + duration_slope * score * duration_term(duration_s, min_duration_s, max_duration_s);
}

Calibration fit_calibration(const std::vector<ScoredTrial>& trials, bool use_duration) {
  std::size_t targets = 0;
  for (const auto& t : trials) targets += t.same_speaker;
  const std::size_t non_targets = trials.size() - targets;
  if (targets == 0 || non_targets == 0)
    throw std::invalid_argument("calibration needs both same-speaker and different-speaker trials");
  Calibration cal;
  cal.min_duration_s = 1e9;
  cal.max_duration_s = 0;
  for (const auto& t : trials) {
    cal.min_duration_s = std::min(cal.min_duration_s, t.duration_s);
    cal.max_duration_s = std::max(cal.max_duration_s, t.duration_s);
  }
  cal.min_duration_s = std::max(cal.min_duration_s, 0.5);
  cal.max_duration_s = std::max(cal.max_duration_s, cal.min_duration_s);
  const int k = use_duration ? 3 : 2;
  // Score the features relative to their spread, so Newton starts well scaled.
  double spread = 0;
  for (const auto& t : trials) spread += t.score * t.score;
  spread = std::sqrt(spread / static_cast<double>(trials.size())) + 1e-9;
  auto features = [&](const ScoredTrial& t) {
    Eigen::VectorXd x(k);
    x(0) = 1.0;
    x(1) = t.score / spread;
    if (use_duration) x(2) = t.score / spread * duration_term(t.duration_s, cal.min_duration_s, cal.max_duration_s);
    return x;
  };
  const double target_weight = 0.5 / static_cast<double>(targets);
  const double non_target_weight = 0.5 / static_cast<double>(non_targets);
  const double ridge = 1e-6;
  Eigen::VectorXd w = Eigen::VectorXd::Zero(k);
  for (int iteration = 0; iteration < 50; ++iteration) {
    Eigen::VectorXd gradient = ridge * w;
    Eigen::MatrixXd hessian = ridge * Eigen::MatrixXd::Identity(k, k);
    for (const auto& t : trials) {
      const Eigen::VectorXd x = features(t);
      const double p = 1.0 / (1.0 + std::exp(-w.dot(x)));
      const double weight = t.same_speaker ? target_weight : non_target_weight;
      gradient += weight * (p - (t.same_speaker ? 1.0 : 0.0)) * x;
      hessian += weight * p * (1 - p) * x * x.transpose();
    }
    const Eigen::VectorXd step = hessian.ldlt().solve(gradient);
    w -= step;
    if (step.norm() < 1e-10) break;
  }
  cal.offset = w(0);
  cal.scale = w(1) / spread;
  cal.duration_slope = use_duration ? w(2) / spread : 0.0;
  return cal;
}

}  // namespace prov::voice
