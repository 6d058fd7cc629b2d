#include "voice/backend.h"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <map>
#include <stdexcept>

namespace prov::voice {
namespace {

Eigen::VectorXd unit_length(const Eigen::VectorXd& v) {
  const double norm = v.norm();
  return norm > 0 ? Eigen::VectorXd(v / norm) : v;
}

struct Scatter {
  Eigen::MatrixXd within, between;
};

// Within- and between-speaker covariances of the rows of `x`.
Scatter scatter(const std::vector<Eigen::VectorXd>& x, const std::vector<std::string>& speakers) {
  const Eigen::Index d = x.front().size();
  std::map<std::string, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < x.size(); ++i) groups[speakers[i]].push_back(i);
  Eigen::VectorXd grand = Eigen::VectorXd::Zero(d);
  for (const auto& v : x) grand += v;
  grand /= static_cast<double>(x.size());
  Scatter s{Eigen::MatrixXd::Zero(d, d), Eigen::MatrixXd::Zero(d, d)};
  std::size_t within_count = 0;
  for (const auto& [name, members] : groups) {
    Eigen::VectorXd mean = Eigen::VectorXd::Zero(d);
    for (auto i : members) mean += x[i];
    mean /= static_cast<double>(members.size());
    for (auto i : members) s.within += (x[i] - mean) * (x[i] - mean).transpose();
    within_count += members.size();
    s.between += (mean - grand) * (mean - grand).transpose();
  }
  s.within /= static_cast<double>(within_count);
  s.between /= static_cast<double>(groups.size());
  return s;
}

double log_det(const Eigen::MatrixXd& m) {
  const Eigen::LLT<Eigen::MatrixXd> llt(m);
  return 2.0 * llt.matrixL().toDenseMatrix().diagonal().array().log().sum();
}

}  // namespace

void Plda::prepare() {
  const Eigen::Index k = between.rows();
  const Eigen::MatrixXd total = between + within;
  Eigen::MatrixXd joint(2 * k, 2 * k);
  joint << total, between, between, total;
  const Eigen::MatrixXd joint_inverse = joint.inverse();
  same_diagonal = joint_inverse.topLeftCorner(k, k);
  same_cross = joint_inverse.topRightCorner(k, k);
  total_inverse = total.inverse();
  constant = -0.5 * log_det(joint) + log_det(total);
}

double Plda::score(const Eigen::VectorXd& a, const Eigen::VectorXd& b) const {
  const Eigen::MatrixXd q = same_diagonal - total_inverse;
  return constant - 0.5 * (a.dot(q * a) + b.dot(q * b) + 2.0 * a.dot(same_cross * b));
}

Eigen::VectorXd EmbeddingBackend::project(const Eigen::VectorXd& ivector) const {
  const Eigen::VectorXd white = unit_length(whitening * (ivector - mean));
  return unit_length(lda.transpose() * white - lda_mean);
}

double EmbeddingBackend::score(const Eigen::VectorXd& a, const Eigen::VectorXd& b) const {
  return plda.score(project(a), project(b));
}

EmbeddingBackend train_backend(const std::vector<Eigen::VectorXd>& ivectors, const std::vector<std::string>& speakers,
                               const BackendParams& params) {
  std::map<std::string, int> counts;
  for (const auto& s : speakers) ++counts[s];
  int usable = 0;
  for (const auto& [s, n] : counts) usable += n >= 2;
  if (ivectors.size() != speakers.size() || usable < 3)
    throw std::invalid_argument("the speaker back-end needs at least 3 speakers with 2 recordings each");
  const Eigen::Index r = ivectors.front().size();
  EmbeddingBackend b;
  b.mean = Eigen::VectorXd::Zero(r);
  for (const auto& v : ivectors) b.mean += v;
  b.mean /= static_cast<double>(ivectors.size());
  Eigen::MatrixXd covariance = Eigen::MatrixXd::Zero(r, r);
  for (const auto& v : ivectors) covariance += (v - b.mean) * (v - b.mean).transpose();
  covariance /= static_cast<double>(ivectors.size());
  covariance += 1e-6 * Eigen::MatrixXd::Identity(r, r);
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(covariance);
  b.whitening = eig.eigenvalues().cwiseMax(1e-10).cwiseSqrt().cwiseInverse().asDiagonal() * eig.eigenvectors().transpose();

  std::vector<Eigen::VectorXd> white;
  for (const auto& v : ivectors) white.push_back(unit_length(b.whitening * (v - b.mean)));
  const Scatter s = scatter(white, speakers);
  const int k = params.lda_dimension > 0 ? params.lda_dimension
                                         : std::min(50, static_cast<int>(counts.size()) - 1);
  const Eigen::Index dims = std::min<Eigen::Index>(k, r);
  const Eigen::GeneralizedSelfAdjointEigenSolver<Eigen::MatrixXd> lda(
      s.between, s.within + params.within_ridge * Eigen::MatrixXd::Identity(r, r));
  // Eigenvalues come in increasing order: the most discriminant are last.
  b.lda = lda.eigenvectors().rightCols(dims).rowwise().reverse();
  b.lda_mean = Eigen::VectorXd::Zero(dims);
  for (const auto& w : white) b.lda_mean += b.lda.transpose() * w;
  b.lda_mean /= static_cast<double>(white.size());

  std::vector<Eigen::VectorXd> projected;
  for (const auto& w : white) projected.push_back(unit_length(b.lda.transpose() * w - b.lda_mean));
  const Scatter p = scatter(projected, speakers);
  b.plda.between = p.between + 1e-6 * Eigen::MatrixXd::Identity(dims, dims);
  b.plda.within = p.within + 1e-6 * Eigen::MatrixXd::Identity(dims, dims);
  b.plda.prepare();
  return b;
}

}  // namespace prov::voice
