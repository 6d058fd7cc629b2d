#include "voice/metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace prov::voice {
namespace {

// log2(1 + e^x) without overflow.
double softplus_bits(double x) {
  if (x > 30) return x / std::log(2.0);
  return std::log1p(std::exp(x)) / std::log(2.0);
}

std::vector<std::size_t> order_by_score(const std::vector<ScoredTrial>& t) {
  std::vector<std::size_t> order(t.size());
  std::iota(order.begin(), order.end(), 0);
  // Ties put targets first so that PAV pools them with their equals.
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
    if (t[a].score != t[b].score) return t[a].score < t[b].score;
    return !t[a].same_speaker && t[b].same_speaker;
  });
  return order;
}

}  // namespace

double cllr(const std::vector<ScoredTrial>& trials) {
  double target_cost = 0, non_target_cost = 0;
  std::size_t targets = 0, non_targets = 0;
  for (const auto& t : trials) {
    if (t.same_speaker) {
      target_cost += softplus_bits(-t.score);
      ++targets;
    } else {
      non_target_cost += softplus_bits(t.score);
      ++non_targets;
    }
  }
  if (targets == 0 || non_targets == 0) return std::numeric_limits<double>::quiet_NaN();
  return 0.5 * (target_cost / static_cast<double>(targets) + non_target_cost / static_cast<double>(non_targets));
}

std::vector<double> pav_llrs(const std::vector<ScoredTrial>& trials) {
  const auto order = order_by_score(trials);
  // Blocks of pooled trials with non-decreasing target share.
  struct Block {
    double targets = 0, count = 0;
    std::size_t first = 0, last = 0;
  };
  std::vector<Block> blocks;
  std::size_t i = 0;
  while (i < order.size()) {
    // Equal scores must get equal LRs: they start as one block.
    std::size_t j = i;
    Block b{0, 0, i, i};
    while (j < order.size() && trials[order[j]].score == trials[order[i]].score) {
      b.targets += trials[order[j]].same_speaker;
      b.count += 1;
      b.last = j++;
    }
    blocks.push_back(b);
    while (blocks.size() > 1) {
      Block& prev = blocks[blocks.size() - 2];
      const Block& last = blocks.back();
      if (prev.targets / prev.count < last.targets / last.count) break;
      prev.targets += last.targets;
      prev.count += last.count;
      prev.last = last.last;
      blocks.pop_back();
    }
    i = j;
  }
  double targets = 0;
  for (const auto& t : trials) targets += t.same_speaker;
  const double prior_log_odds = std::log(targets / (static_cast<double>(trials.size()) - targets));
  std::vector<double> llr(trials.size());
  for (const auto& b : blocks) {
    const double p = b.targets / b.count;
    const double log_odds = p <= 0   ? -std::numeric_limits<double>::infinity()
                            : p >= 1 ? std::numeric_limits<double>::infinity()
                                     : std::log(p / (1 - p));
    for (std::size_t k = b.first; k <= b.last; ++k) llr[order[k]] = log_odds - prior_log_odds;
  }
  return llr;
}

ErrorTradeoff error_tradeoff(const std::vector<ScoredTrial>& trials) {
  const auto order = order_by_score(trials);
  double targets = 0;
  for (const auto& t : trials) targets += t.same_speaker;
  const double non_targets = static_cast<double>(trials.size()) - targets;
  ErrorTradeoff det;
  // Threshold below everything: no misses, every different-speaker pair accepted.
  double misses = 0, false_alarms = non_targets;
  det.miss.push_back(0);
  det.false_alarm.push_back(1);
  det.threshold.push_back(order.empty() ? 0 : trials[order.front()].score);
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (trials[order[k]].same_speaker) ++misses;
    else --false_alarms;
    if (k + 1 < order.size() && trials[order[k + 1]].score == trials[order[k]].score) continue;
    det.miss.push_back(misses / targets);
    det.false_alarm.push_back(false_alarms / non_targets);
    det.threshold.push_back(trials[order[k]].score);
  }
  return det;
}

ValidationMetrics validation_metrics(const std::vector<ScoredTrial>& trials) {
  ValidationMetrics m;
  m.max_different_speaker_llr = -std::numeric_limits<double>::infinity();
  m.min_same_speaker_llr = std::numeric_limits<double>::infinity();
  for (const auto& t : trials) {
    if (t.same_speaker) {
      ++m.same_speaker_trials;
      m.min_same_speaker_llr = std::min(m.min_same_speaker_llr, t.score);
    } else {
      ++m.different_speaker_trials;
      m.max_different_speaker_llr = std::max(m.max_different_speaker_llr, t.score);
    }
  }
  if (m.same_speaker_trials == 0 || m.different_speaker_trials == 0) return m;
  m.cllr = cllr(trials);
  std::vector<ScoredTrial> optimal = trials;
  const auto llr = pav_llrs(trials);
  for (std::size_t i = 0; i < trials.size(); ++i) optimal[i].score = llr[i];
  m.cllr_min = cllr(optimal);
  // EER from the convex hull of the ROC, which PAV gives: the error rates at
  // each PAV block boundary, and the crossing of miss = false alarm on the
  // segment between two hull points.
  std::vector<ScoredTrial> by_pav = optimal;
  const ErrorTradeoff hull = error_tradeoff(by_pav);
  m.eer = 0;
  for (std::size_t k = 0; k + 1 < hull.miss.size(); ++k) {
    const double m0 = hull.miss[k], f0 = hull.false_alarm[k];
    const double m1 = hull.miss[k + 1], f1 = hull.false_alarm[k + 1];
    if ((m0 - f0) <= 0 && (m1 - f1) >= 0) {
      const double denom = (m1 - m0) - (f1 - f0);
      const double a = denom != 0 ? (f0 - m0) / denom : 0;
      m.eer = m0 + a * (m1 - m0);
      break;
    }
  }
  return m;
}

std::string verbal_equivalent(double log10_lr) {
  const bool same = log10_lr >= 0;
  const double v = std::fabs(log10_lr);
  const char* strength = v < 0.30103 ? nullptr  // LR between 1/2 and 2
                         : v < 1     ? "weak support"
                         : v < 2     ? "moderate support"
                         : v < 3     ? "moderately strong support"
                         : v < 4     ? "strong support"
                         : v < 6     ? "very strong support"
                                     : "extremely strong support";
  if (!strength) return "no support for either proposition (LR near 1)";
  return std::string(strength) + (same ? " for the same-speaker proposition" : " for the different-speaker proposition");
}

}  // namespace prov::voice
