#include "enf/match.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <limits>
#include <stdexcept>

#include "dsp/fft.h"
#include "enf/presence.h"

namespace prov::enf {
namespace {

std::size_t next_pow2(std::size_t n) {
  std::size_t p = 1;
  while (p < n) p <<= 1;
  return p;
}

// The clip as deviations from nominal, low-confidence values bridged by
// linear interpolation so the clip side of the correlation has no holes.
bool prepare_clip(const EnfTrace& clip, double min_confidence, std::vector<double>& out) {
  const std::size_t m = clip.size();
  std::vector<std::size_t> good;
  for (std::size_t i = 0; i < m; ++i)
    if (clip.confidence[i] >= min_confidence && std::isfinite(clip.frequency_hz[i])) good.push_back(i);
  if (good.size() * 2 < m || good.empty()) return false;
  out.assign(m, 0.0);
  std::size_t next = 0;  // index into good of the first good value at or after i
  for (std::size_t i = 0; i < m; ++i) {
    while (next < good.size() && good[next] < i) ++next;
    const double dev_next = next < good.size() ? clip.frequency_hz[good[next]] - clip.nominal_hz : 0.0;
    if (next < good.size() && good[next] == i) {
      out[i] = dev_next;
    } else if (next == 0) {
      out[i] = dev_next;
    } else if (next == good.size()) {
      out[i] = clip.frequency_hz[good.back()] - clip.nominal_hz;
    } else {
      const std::size_t a = good[next - 1], b = good[next];
      const double t = static_cast<double>(i - a) / static_cast<double>(b - a);
      out[i] = (1 - t) * (clip.frequency_hz[a] - clip.nominal_hz) + t * dev_next;
    }
  }
  return true;
}

struct LagStats {
  double correlation = -2;
  double mse = 0;
  double offset = 0;
  std::size_t overlap = 0;
};

LagStats direct_stats(const std::vector<double>& clip, const ReferenceSeries& ref, std::ptrdiff_t lag) {
  LagStats s;
  double sc = 0, sr = 0, scc = 0, srr = 0, scr = 0, sd = 0, sdd = 0;
  std::size_t n = 0;
  for (std::size_t i = 0; i < clip.size(); ++i) {
    const std::ptrdiff_t j = lag + static_cast<std::ptrdiff_t>(i);
    if (j < 0 || j >= static_cast<std::ptrdiff_t>(ref.size())) continue;
    const float v = ref.frequency_hz[static_cast<std::size_t>(j)];
    if (std::isnan(v)) continue;
    const double r = v - ref.nominal_hz, c = clip[i];
    sc += c, sr += r, scc += c * c, srr += r * r, scr += c * r;
    sd += c - r, sdd += (c - r) * (c - r);
    ++n;
  }
  s.overlap = n;
  if (n < 3) return s;
  const double dn = static_cast<double>(n);
  const double den = (scc - sc * sc / dn) * (srr - sr * sr / dn);
  s.correlation = den > 0 ? (scr - sc * sr / dn) / std::sqrt(den) : 0.0;
  s.offset = sd / dn;
  s.mse = std::max(0.0, sdd / dn - s.offset * s.offset);
  return s;
}

// Offset-free RMS difference over the best-fitting (1 - trim) share of the
// overlap: the worst values, where a burst of speech or noise hid the hum,
// are left out so that they do not hide a true match.
double trimmed_rmse(const std::vector<double>& clip, const ReferenceSeries& ref, std::ptrdiff_t lag, double trim) {
  std::vector<double> d;
  d.reserve(clip.size());
  for (std::size_t i = 0; i < clip.size(); ++i) {
    const std::ptrdiff_t j = lag + static_cast<std::ptrdiff_t>(i);
    if (j < 0 || j >= static_cast<std::ptrdiff_t>(ref.size())) continue;
    const float v = ref.frequency_hz[static_cast<std::size_t>(j)];
    if (!std::isnan(v)) d.push_back(clip[i] - (v - ref.nominal_hz));
  }
  if (d.size() < 3) return 0.0;
  std::vector<double> sorted = d;
  auto mid = sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2);
  std::nth_element(sorted.begin(), mid, sorted.end());
  const double centre = *mid;
  std::sort(d.begin(), d.end(), [&](double a, double b) { return std::abs(a - centre) < std::abs(b - centre); });
  const auto keep = std::max<std::size_t>(3, static_cast<std::size_t>(std::ceil((1.0 - trim) * static_cast<double>(d.size()))));
  double sum = 0, sum2 = 0;
  for (std::size_t i = 0; i < keep; ++i) sum += d[i], sum2 += d[i] * d[i];
  const double k = static_cast<double>(keep), mean = sum / k;
  return std::sqrt(std::max(0.0, sum2 / k - mean * mean));
}

// Keeps the best (highest) value of each cluster of nearby local maxima,
// then the `pool` best clusters.
class PeakCollector {
 public:
  PeakCollector(std::size_t radius, std::size_t pool) : radius_(radius), pool_(pool) {}
  void feed(std::size_t lag, float value) {
    if (have_prev_ && prev_ >= prev2_ && prev_ > value) local_max(lag - 1, prev_);
    prev2_ = have_prev_ ? prev_ : -std::numeric_limits<float>::infinity();
    prev_ = value;
    have_prev_ = true;
  }
  std::vector<std::pair<std::size_t, float>> finish() {
    if (have_prev_ && prev_ >= prev2_) local_max(last_lag_, prev_);
    close_cluster();
    std::sort(best_.begin(), best_.end(), [](auto& a, auto& b) { return a.second > b.second; });
    if (best_.size() > pool_) best_.resize(pool_);
    return best_;
  }
  void set_last_lag(std::size_t lag) { last_lag_ = lag; }

 private:
  void local_max(std::size_t lag, float value) {
    if (!std::isfinite(value)) return;
    if (in_cluster_ && lag - cluster_lag_ <= radius_) {
      if (value > cluster_value_) cluster_lag_ = lag, cluster_value_ = value;
      return;
    }
    close_cluster();
    in_cluster_ = true;
    cluster_lag_ = lag;
    cluster_value_ = value;
  }
  void close_cluster() {
    if (!in_cluster_) return;
    in_cluster_ = false;
    best_.emplace_back(cluster_lag_, cluster_value_);
    if (best_.size() >= 4 * pool_) {
      std::sort(best_.begin(), best_.end(), [](auto& a, auto& b) { return a.second > b.second; });
      best_.resize(pool_);
    }
  }
  std::size_t radius_, pool_;
  bool have_prev_ = false, in_cluster_ = false;
  float prev_ = 0, prev2_ = 0, cluster_value_ = 0;
  std::size_t cluster_lag_ = 0, last_lag_ = 0;
  std::vector<std::pair<std::size_t, float>> best_;
};


double interpolate_margin(const std::vector<std::pair<double, double>>& table, double seconds) {
  if (table.empty()) return 2.0;
  if (seconds <= table.front().first) return table.front().second;
  if (seconds >= table.back().first) return table.back().second;
  for (std::size_t i = 1; i < table.size(); ++i) {
    if (seconds > table[i].first) continue;
    const double t = std::log(seconds / table[i - 1].first) / std::log(table[i].first / table[i - 1].first);
    return (1 - t) * table[i - 1].second + t * table[i].second;
  }
  return table.back().second;
}

// The verdict: the best position against the best of all other positions
// (the null), and against the extraction noise of the clip.
void judge(MatchResult& r, const std::vector<MatchCandidate>& pool, const EnfTrace& clip, const VerdictOptions& v,
           double seconds) {
  const double best = std::max(pool[0].rmse_mhz, v.rmse_floor_mhz);
  r.noise_mhz = 1000.0 * clip.noise_hz;
  r.noise_ratio = r.noise_mhz > 0 ? best / std::max(r.noise_mhz, v.rmse_floor_mhz) : 0.0;
  r.required_margin = interpolate_margin(v.min_margin, seconds);
  r.false_placement = false_placement_rate(seconds);
  if (pool.size() > 1) r.margin = std::max(pool[1].rmse_mhz, v.rmse_floor_mhz) / best;
  if (r.noise_mhz > 0 && r.noise_ratio > v.no_match_noise_ratio) {
    r.verdict = Verdict::no_match;
    r.verdict_reason = fmt::format(
        "the best position differs from the recording by {:.1f} mHz RMS, {:.1f} times the extraction noise ({:.1f} "
        "mHz): the reference does not hold the recording's time",
        pool[0].rmse_mhz, r.noise_ratio, r.noise_mhz);
  } else if (!r.margin) {
    r.verdict = Verdict::ambiguous;
    r.verdict_reason = "the reference offers no other position to compare with, so the fit cannot be tested";
  } else if (*r.margin < v.no_match_margin) {
    r.verdict = Verdict::no_match;
    r.verdict_reason = fmt::format(
        "the best position fits no better than the best other position (RMSE {:.1f} vs {:.1f} mHz, margin {:.2f} "
        "< {:.2f})",
        pool[0].rmse_mhz, pool[1].rmse_mhz, *r.margin, v.no_match_margin);
  } else if (r.noise_mhz > 0 && r.noise_ratio > v.max_noise_ratio) {
    r.verdict = Verdict::ambiguous;
    r.verdict_reason = fmt::format(
        "the best position stands out (margin {:.2f}) but differs from the recording by {:.1f} mHz RMS, {:.1f} times "
        "the extraction noise ({:.1f} mHz; at most {:.1f} times to place it)",
        *r.margin, pool[0].rmse_mhz, r.noise_ratio, r.noise_mhz, v.max_noise_ratio);
  } else if (*r.margin < r.required_margin) {
    r.verdict = Verdict::ambiguous;
    r.verdict_reason = fmt::format(
        "the best position fits better than all others but not clearly (margin {:.2f}, {:.2f} needed for a "
        "{:.0f}-s recording)",
        *r.margin, r.required_margin, seconds);
  } else {
    r.verdict = Verdict::placed;
    r.verdict_reason = fmt::format(
        "the best position fits {:.2f} times better (RMSE) than any other ({:.2f} needed for a {:.0f}-s "
        "recording){}",
        *r.margin, r.required_margin, seconds,
        r.noise_mhz > 0 ? fmt::format(", within {:.1f} times the extraction noise", r.noise_ratio) : std::string());
  }
}

}  // namespace

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::placed: return "placed";
    case Verdict::ambiguous: return "ambiguous";
    case Verdict::no_match: return "no_match";
  }
  return "no_match";
}

FalsePlacementRate false_placement_rate(double clip_length_s) {
  // Uncovered clips wrongly placed, measuring half (bench/enf_verdict_bench, bench/README.md).
  static constexpr struct { double seconds; std::size_t trials, placed; } kMeasured[] = {
      {60, 300, 0}, {120, 300, 0}, {300, 300, 0}};
  const auto* nearest = &kMeasured[0];
  for (const auto& row : kMeasured)
    if (std::abs(std::log(row.seconds / clip_length_s)) < std::abs(std::log(nearest->seconds / clip_length_s)))
      nearest = &row;
  FalsePlacementRate r{nearest->seconds, nearest->trials, nearest->placed, 1.0};
  if (r.trials == 0) return r;
  // One-sided 95% Clopper-Pearson bound: the rate at which P(X <= placed) = 0.05.
  double lo = 0, hi = 1;
  for (int i = 0; i < 60; ++i) {
    const double p = 0.5 * (lo + hi);
    (1.0 - binomial_tail(r.trials, r.placed + 1, p) > 0.05 ? lo : hi) = p;
  }
  r.upper_95 = hi;
  return r;
}

MatchResult match_trace(const EnfTrace& clip, const ReferenceSeries& unpadded, const MatchOptions& o) {
  MatchResult result;
  // Let the clip hang over either end of the reference by the share it may miss.
  const auto pad = static_cast<std::size_t>(std::floor((1.0 - o.min_coverage) * static_cast<double>(clip.size())));
  ReferenceSeries padded;
  if (pad > 0 && !unpadded.frequency_hz.empty()) {
    padded.grid = unpadded.grid;
    padded.nominal_hz = unpadded.nominal_hz;
    padded.first_utc = unpadded.first_utc - static_cast<int64_t>(pad);
    padded.frequency_hz.reserve(unpadded.size() + 2 * pad);
    padded.frequency_hz.assign(pad, std::numeric_limits<float>::quiet_NaN());
    padded.frequency_hz.insert(padded.frequency_hz.end(), unpadded.frequency_hz.begin(), unpadded.frequency_hz.end());
    padded.frequency_hz.insert(padded.frequency_hz.end(), pad, std::numeric_limits<float>::quiet_NaN());
  }
  const ReferenceSeries& ref = padded.frequency_hz.empty() ? unpadded : padded;
  if (std::abs(clip.step_s - 1.0) > 1e-9) throw std::invalid_argument("ENF matching needs a trace with 1 s steps");
  std::vector<double> c;
  if (clip.size() < o.min_length_s) {
    result.note = "trace too short to match (" + std::to_string(clip.size()) + " values)";
    return result;
  }
  if (!prepare_clip(clip, o.min_confidence, c)) {
    result.note = "fewer than half of the trace values are confident enough to match";
    return result;
  }
  if (std::abs(clip.nominal_hz - ref.nominal_hz) > 1.0) {
    result.note = "the reference is for another nominal frequency";
    return result;
  }
  const std::size_t m = c.size(), n = ref.size();
  result.clip_values = m;
  if (n < m) {
    result.note = "the reference is shorter than the recording";
    return result;
  }
  double clip_mean = 0;
  for (double v : c) clip_mean += v;
  clip_mean /= static_cast<double>(m);
  std::vector<float> centred(m);
  double scc_full = 0;
  for (std::size_t i = 0; i < m; ++i) {
    centred[i] = static_cast<float>(c[i] - clip_mean);
    scc_full += (c[i] - clip_mean) * (c[i] - clip_mean);
  }
  if (scc_full <= 0) {
    result.note = "the trace is flat; nothing to correlate";
    return result;
  }

  const std::size_t fft_size = std::max<std::size_t>(8192, next_pow2(8 * m));
  const std::size_t per_block = fft_size - m + 1;
  dsp::RealFft forward(fft_size);
  dsp::InverseRealFft inverse(fft_size);
  const std::size_t bins = forward.bins();
  std::vector<float> buffer(fft_size, 0.0f);
  std::vector<std::complex<float>> clip_f(bins), clip2_f(bins), seg_f(bins), prod(bins);
  std::fill(buffer.begin(), buffer.end(), 0.0f);
  std::copy(centred.begin(), centred.end(), buffer.begin());
  forward.forward(buffer.data(), clip_f.data());
  std::fill(buffer.begin(), buffer.end(), 0.0f);
  for (std::size_t i = 0; i < m; ++i) buffer[i] = centred[i] * centred[i];
  forward.forward(buffer.data(), clip2_f.data());
  for (auto& v : clip_f) v = std::conj(v);
  for (auto& v : clip2_f) v = std::conj(v);

  const std::size_t lags = n - m + 1;
  const auto min_overlap = static_cast<std::size_t>(std::ceil(o.min_coverage * static_cast<double>(m)));
  PeakCollector peaks(std::max<std::size_t>(10, m / 4), o.rerank_pool);
  std::vector<float> s_cr(fft_size), s_c(fft_size), s_cc(fft_size);
  const float scale = 1.0f / static_cast<float>(fft_size);
  auto value_at = [&](std::size_t j) -> double {
    const float v = ref.frequency_hz[j];
    return std::isnan(v) ? 0.0 : static_cast<double>(v) - ref.nominal_hz;
  };
  auto valid_at = [&](std::size_t j) { return !std::isnan(ref.frequency_hz[j]); };

  for (std::size_t start = 0; start < lags; start += per_block) {
    const std::size_t count = std::min(per_block, lags - start);
    const std::size_t seg_len = std::min(fft_size, n - start);
    bool gaps = false;
    for (std::size_t i = 0; i < seg_len; ++i) {
      const float v = ref.frequency_hz[start + i];
      const bool ok = !std::isnan(v);
      gaps = gaps || !ok;
      buffer[i] = ok ? static_cast<float>(v - ref.nominal_hz) : 0.0f;
    }
    std::fill(buffer.begin() + static_cast<std::ptrdiff_t>(seg_len), buffer.end(), 0.0f);
    forward.forward(buffer.data(), seg_f.data());
    for (std::size_t k = 0; k < bins; ++k) prod[k] = clip_f[k] * seg_f[k];
    inverse.inverse(prod.data(), s_cr.data());
    if (gaps) {
      for (std::size_t i = 0; i < seg_len; ++i) buffer[i] = valid_at(start + i) ? 1.0f : 0.0f;
      forward.forward(buffer.data(), seg_f.data());
      for (std::size_t k = 0; k < bins; ++k) prod[k] = clip_f[k] * seg_f[k];
      inverse.inverse(prod.data(), s_c.data());
      for (std::size_t k = 0; k < bins; ++k) prod[k] = clip2_f[k] * seg_f[k];
      inverse.inverse(prod.data(), s_cc.data());
    }
    // Window sums of the reference over the clip span, slid along the block.
    double s_r = 0, s_rr = 0;
    std::size_t valid = 0;
    for (std::size_t i = 0; i < m; ++i) {
      const double r = value_at(start + i);
      s_r += r, s_rr += r * r;
      valid += valid_at(start + i);
    }
    for (std::size_t l = 0; l < count; ++l) {
      const std::size_t lag = start + l;
      if (l > 0) {
        const double out = value_at(lag - 1), in = value_at(lag + m - 1);
        s_r += in - out;
        s_rr += in * in - out * out;
        valid = valid + valid_at(lag + m - 1) - valid_at(lag - 1);
      }
      // Offset-free MSE over the valid overlap; the collector keeps its minima.
      float score = -std::numeric_limits<float>::infinity();
      if (valid >= min_overlap) {
        const double dn = static_cast<double>(valid);
        const double cr = s_cr[l] * scale;
        const double sc = gaps ? s_c[l] * scale : 0.0;
        const double cc = gaps ? s_cc[l] * scale : scc_full;
        const double var_c = cc - sc * sc / dn, var_r = s_rr - s_r * s_r / dn, cov = cr - sc * s_r / dn;
        if (var_c > 0 && var_r > 1e-12 * dn) score = -static_cast<float>(std::max(0.0, var_c + var_r - 2 * cov) / dn);
      }
      peaks.set_last_lag(lag);
      peaks.feed(lag, score);
    }
  }
  result.lags_searched = lags;

  std::vector<MatchCandidate> pool;
  for (const auto& [lag, value] : peaks.finish()) {
    (void)value;
    const auto l = static_cast<std::ptrdiff_t>(lag);
    const LagStats centre = direct_stats(c, ref, l);
    if (centre.overlap < min_overlap) continue;
    double frac = 0.0;
    const LagStats before = direct_stats(c, ref, l - 1), after = direct_stats(c, ref, l + 1);
    if (before.overlap >= min_overlap && after.overlap >= min_overlap) {
      const double denom = before.correlation - 2 * centre.correlation + after.correlation;
      if (denom < 0) frac = std::clamp(0.5 * (before.correlation - after.correlation) / denom, -0.5, 0.5);
    }
    MatchCandidate cand;
    cand.clip_start_utc = static_cast<double>(ref.first_utc) + static_cast<double>(lag) + frac + 0.5 - clip.start_s;
    cand.correlation = centre.correlation;
    cand.rmse_mhz = 1000.0 * (o.trim_share > 0 ? trimmed_rmse(c, ref, l, o.trim_share) : std::sqrt(centre.mse));
    cand.offset_mhz = 1000.0 * centre.offset;
    cand.coverage = static_cast<double>(centre.overlap) / static_cast<double>(m);
    pool.push_back(cand);
  }
  std::sort(pool.begin(), pool.end(), [](const auto& a, const auto& b) { return a.rmse_mhz < b.rmse_mhz; });
  if (pool.empty()) {
    result.note = "no stretch of the reference covers the recording";
    return result;
  }
  judge(result, pool, clip, o.verdict, static_cast<double>(m) * clip.step_s);
  if (pool.size() > o.top) pool.resize(o.top);
  result.candidates = std::move(pool);
  return result;
}

}  // namespace prov::enf
