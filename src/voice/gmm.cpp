#include "voice/gmm.h"

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace prov::voice {

Eigen::MatrixXf component_posteriors(const DiagonalGmm& gmm, const FeatureMatrix& frames, double* mean_ll) {
  const Eigen::Index c = gmm.components();
  // log N(x; mu, s2) = const_c + x.(mu/s2) - 0.5 x^2.(1/s2): two matrix products for all frames.
  const Eigen::MatrixXd precision = gmm.variances.cwiseInverse();
  const Eigen::MatrixXf linear = gmm.means.cwiseProduct(precision).transpose().cast<float>();
  const Eigen::MatrixXf quadratic = (-0.5 * precision).transpose().cast<float>();
  Eigen::RowVectorXf constant(c);
  for (Eigen::Index k = 0; k < c; ++k)
    constant(k) = static_cast<float>(std::log(gmm.weights(k)) -
                                     0.5 * (gmm.variances.row(k).array().log().sum() +
                                            static_cast<double>(gmm.dimension()) * std::log(2 * std::numbers::pi) +
                                            gmm.means.row(k).cwiseProduct(gmm.means.row(k)).cwiseProduct(precision.row(k)).sum()));
  Eigen::MatrixXf ll = frames * linear;
  ll.noalias() += frames.array().square().matrix() * quadratic;
  ll.rowwise() += constant;
  double total = 0;
  for (Eigen::Index t = 0; t < ll.rows(); ++t) {
    const float top = ll.row(t).maxCoeff();
    ll.row(t).array() = (ll.row(t).array() - top).exp();
    const float sum = ll.row(t).sum();
    ll.row(t) /= sum;
    total += top + std::log(sum);
  }
  if (mean_ll) *mean_ll = ll.rows() > 0 ? total / static_cast<double>(ll.rows()) : 0.0;
  return ll;
}

namespace {

void em_step(DiagonalGmm& gmm, const FeatureMatrix& x, const Eigen::RowVectorXd& floor) {
  const Eigen::MatrixXf post = component_posteriors(gmm, x);
  const Eigen::VectorXd n = post.colwise().sum().transpose().cast<double>();
  const Eigen::MatrixXd first = (post.transpose() * x).cast<double>();
  const Eigen::MatrixXd second = (post.transpose() * x.array().square().matrix()).cast<double>();
  for (Eigen::Index k = 0; k < gmm.components(); ++k) {
    if (n(k) < 1e-3) continue;  // an empty component keeps its place
    gmm.means.row(k) = first.row(k) / n(k);
    gmm.variances.row(k) =
        (second.row(k) / n(k) - gmm.means.row(k).cwiseProduct(gmm.means.row(k))).cwiseMax(floor);
  }
  gmm.weights = n / n.sum();
  gmm.weights = gmm.weights.cwiseMax(1e-8);
  gmm.weights /= gmm.weights.sum();
}

}  // namespace

DiagonalGmm train_ubm(const FeatureMatrix& all_frames, const UbmParams& p) {
  if (all_frames.rows() < 10 * p.components) throw std::invalid_argument("too few speech frames to train the background model");
  const Eigen::Index step = std::max<Eigen::Index>(1, (all_frames.rows() + p.max_frames - 1) / p.max_frames);
  FeatureMatrix x(all_frames.rows() / step, all_frames.cols());
  for (Eigen::Index i = 0; i < x.rows(); ++i) x.row(i) = all_frames.row(i * step);

  const Eigen::RowVectorXd mean = x.cast<double>().colwise().mean();
  const Eigen::RowVectorXd variance =
      (x.cast<double>().rowwise() - mean).array().square().colwise().mean();
  const Eigen::RowVectorXd floor = p.variance_floor * variance;

  DiagonalGmm gmm;
  gmm.weights = Eigen::VectorXd::Ones(1);
  gmm.means = mean;
  gmm.variances = variance;
  while (gmm.components() < p.components) {
    const Eigen::Index c = gmm.components();
    DiagonalGmm split;
    split.weights.resize(2 * c);
    split.means.resize(2 * c, gmm.dimension());
    split.variances.resize(2 * c, gmm.dimension());
    for (Eigen::Index k = 0; k < c; ++k) {
      const Eigen::RowVectorXd offset = 0.2 * gmm.variances.row(k).cwiseSqrt();
      split.means.row(2 * k) = gmm.means.row(k) + offset;
      split.means.row(2 * k + 1) = gmm.means.row(k) - offset;
      split.variances.row(2 * k) = split.variances.row(2 * k + 1) = gmm.variances.row(k);
      split.weights(2 * k) = split.weights(2 * k + 1) = gmm.weights(k) / 2;
    }
    gmm = std::move(split);
    const int passes = gmm.components() >= p.components ? p.final_iterations : p.iterations_per_split;
    for (int i = 0; i < passes; ++i) em_step(gmm, x, floor);
  }
  return gmm;
}

}  // namespace prov::voice
