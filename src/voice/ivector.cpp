#include "voice/ivector.h"

#include <Eigen/Cholesky>
#include <random>

namespace prov::voice {

BaumWelchStats& BaumWelchStats::operator+=(const BaumWelchStats& other) {
  if (occupancy.size() == 0) return *this = other;
  occupancy += other.occupancy;
  first += other.first;
  frames += other.frames;
  return *this;
}

BaumWelchStats collect_stats(const DiagonalGmm& ubm, const FeatureMatrix& frames) {
  const Eigen::MatrixXf post = component_posteriors(ubm, frames);
  BaumWelchStats s;
  s.occupancy = post.colwise().sum().transpose().cast<double>();
  const Eigen::MatrixXd raw = (post.transpose() * frames).cast<double>();
  s.first = (raw - s.occupancy.asDiagonal() * ubm.means).cwiseQuotient(ubm.variances.cwiseSqrt());
  s.frames = static_cast<double>(frames.rows());
  return s;
}

// The precision of w is I + sum_c N_c T_c' T_c.
void TotalVariability::refresh_grams(Eigen::Index components) {
  const Eigen::Index d = matrix.rows() / components;
  grams.assign(static_cast<std::size_t>(components), {});
  for (Eigen::Index c = 0; c < components; ++c) {
    const auto block = matrix.middleRows(c * d, d);
    grams[static_cast<std::size_t>(c)] = block.transpose() * block;
  }
}

namespace {

Eigen::VectorXd flatten(const Eigen::MatrixXd& first) {
  Eigen::VectorXd v(first.size());
  for (Eigen::Index c = 0; c < first.rows(); ++c) v.segment(c * first.cols(), first.cols()) = first.row(c).transpose();
  return v;
}

struct Posterior {
  Eigen::VectorXd mean;
  Eigen::MatrixXd covariance;
};

Posterior posterior(const TotalVariability& tv, const BaumWelchStats& s,
                    bool with_covariance) {
  const Eigen::Index r = tv.rank();
  Eigen::MatrixXd precision = Eigen::MatrixXd::Identity(r, r);
  for (std::size_t c = 0; c < tv.grams.size(); ++c) precision += s.occupancy(static_cast<Eigen::Index>(c)) * tv.grams[c];
  const Eigen::LLT<Eigen::MatrixXd> llt(precision);
  Posterior p;
  p.mean = llt.solve(tv.matrix.transpose() * flatten(s.first));
  if (with_covariance) p.covariance = llt.solve(Eigen::MatrixXd::Identity(r, r));
  return p;
}

}  // namespace

TotalVariability train_total_variability(const std::vector<BaumWelchStats>& recordings, Eigen::Index components,
                                         Eigen::Index dimension, const TotalVariabilityParams& params) {
  TotalVariability tv;
  std::mt19937 random(params.seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  tv.matrix.resize(components * dimension, params.rank);
  // Start small relative to the data's spread so that early posteriors are
  // dominated by the statistics, not by the random start.
  double scale = 0;
  for (const auto& s : recordings) scale += s.first.squaredNorm() / std::max(1.0, s.occupancy.sum());
  scale = std::sqrt(scale / std::max<std::size_t>(1, recordings.size()) / static_cast<double>(components * dimension)) * 0.1;
  for (Eigen::Index i = 0; i < tv.matrix.size(); ++i) tv.matrix.data()[i] = scale * normal(random);

  const Eigen::Index r = params.rank;
  for (int iteration = 0; iteration < params.iterations; ++iteration) {
    tv.refresh_grams(components);
    std::vector<Eigen::MatrixXd> a(static_cast<std::size_t>(components), Eigen::MatrixXd::Zero(r, r));
    Eigen::MatrixXd c = Eigen::MatrixXd::Zero(components * dimension, r);
    Eigen::MatrixXd second_moment_sum = Eigen::MatrixXd::Zero(r, r);
    for (const auto& s : recordings) {
      const Posterior p = posterior(tv, s, true);
      const Eigen::MatrixXd second = p.covariance + p.mean * p.mean.transpose();
      second_moment_sum += second;
      for (Eigen::Index k = 0; k < components; ++k) a[static_cast<std::size_t>(k)] += s.occupancy(k) * second;
      c.noalias() += flatten(s.first) * p.mean.transpose();
    }
    for (Eigen::Index k = 0; k < components; ++k)
      tv.matrix.middleRows(k * dimension, dimension) =
          a[static_cast<std::size_t>(k)].llt().solve(c.middleRows(k * dimension, dimension).transpose()).transpose();
    // Minimum-divergence step: rotate so the prior of w stays standard normal.
    const Eigen::MatrixXd moment = second_moment_sum / static_cast<double>(recordings.size());
    const Eigen::MatrixXd chol = moment.llt().matrixL();
    tv.matrix = tv.matrix * chol;
  }
  tv.refresh_grams(components);
  return tv;
}

Eigen::VectorXd extract_ivector(const TotalVariability& tv, const BaumWelchStats& stats) {
  return posterior(tv, stats, false).mean;
}

}  // namespace prov::voice
