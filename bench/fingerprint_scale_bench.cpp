// Recycled-audio query time at archive scale: a 46-minute query against an
// archive of real FSDD speech padded with synthetic hours up to `--hours`
// (default 1,000), with the time split into peak picking, landmark hashing,
// index lookups and segment voting, and the recall of the archived
// segments planted in the query (so speed is never bought with misses).
//
//   fingerprint_scale_bench [--hours H] [--keep PATH]
//
// `--keep PATH` builds the archive at PATH once and reuses it on later runs
// of the same build (the synthetic hours take minutes to write).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <random>
#include <string>
#include <vector>

#include "core/sha256.h"
#include "fingerprint/archive_index.h"
#include "fingerprint/landmarks.h"
#include "fingerprint/segment_matcher.h"
#include "fingerprint/spectral_peaks.h"
#include "support/fsdd_speech.h"
#include "support/modelled_hours.h"
#include "support/test_support.h"

namespace fs = std::filesystem;
namespace fp = prov::fingerprint;
using prov::bench::Clock;
using prov::bench::cpu_seconds;
using prov::bench::kRate;
using prov::bench::seconds_since;

namespace {

constexpr double kHop = 0.016;

// Counts and times the lookups the matcher makes.
class TimedSource : public fp::PostingSource {
 public:
  explicit TimedSource(fp::PostingSource& inner) : inner_(inner) {}
  bool lookup(uint32_t hash, std::size_t cap, std::vector<fp::Posting>& out) override {
    const auto t0 = Clock::now();
    const std::size_t before = out.size();
    const bool ok = inner_.lookup(hash, cap, out);
    seconds += seconds_since(t0);
    ++lookups;
    if (!ok) ++capped;
    postings += out.size() - before;
    for (std::size_t k = before; k < out.size(); ++k) real_item_postings += out[k].item <= last_real_item;
    return ok;
  }
  void begin_lookups() override { inner_.begin_lookups(); }
  void end_lookups() override { inner_.end_lookups(); }
  struct Counts {
    double seconds;
    std::size_t lookups, capped, postings;
  };
  Counts counts() const { return {seconds, lookups, capped, postings}; }
  void reset() {
    seconds = 0;
    lookups = capped = postings = real_item_postings = 0;
  }
  double seconds = 0;
  std::size_t lookups = 0, capped = 0, postings = 0;
  uint32_t last_real_item = 0;  // items up to this id are real speech
  std::size_t real_item_postings = 0;

 private:
  fp::PostingSource& inner_;
};

struct Planted {
  std::size_t item = 0;  // index into real items
  double query_start = 0, query_end = 0, item_start = 0;
};

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  double hours = 1000;
  std::string keep;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--hours" && i + 1 < argc) {
      hours = std::stod(argv[++i]);
    } else if (a == "--keep" && i + 1 < argc) {
      keep = argv[++i];
    } else {
      fmt::print(stderr, "usage: {} [--hours H] [--keep PATH]\n", argv[0]);
      return 2;
    }
  }
  const std::string missing = prov::test::missing_shared_data("fsdd");
  if (!missing.empty()) {
    fmt::print(stderr, "{}\n", missing);
    return 1;
  }
  std::mt19937 rng(20261130);

  // Real speech: FSDD recordings 0-19 of each digit and speaker are archived,
  // 20-39 fill the query between the planted segments.
  const auto [archived_utterances, other_utterances] = prov::bench::split_fsdd(rng);
  const auto real_items = prov::bench::make_speeches(archived_utterances, 60, rng);
  std::vector<float> unarchived;
  for (const auto& u : other_utterances) unarchived.insert(unarchived.end(), u.begin(), u.end());

  prov::test::TempDir work;
  const fs::path path = keep.empty() ? work / "archive.sqlite" : fs::path(keep);
  const bool reuse = !keep.empty() && fs::exists(path);
  auto index = fp::ArchiveIndex::open(path.string(), fp::ArchiveIndex::Mode::create_if_missing);
  std::vector<int64_t> real_ids;
  std::vector<fp::SpectralPeak> pool;  // all real items' peaks end to end
  double real_s = 0;
  for (std::size_t i = 0; i < real_items.size(); ++i) {
    prov::Signal s{real_items[i], kRate, 0.0, {}};
    const auto peaks = fp::find_spectral_peaks(s);
    for (auto pk : peaks) {
      pk.frame += static_cast<float>(real_s / kHop);
      pool.push_back(pk);
    }
    real_s += s.duration_s();
    real_ids.push_back(index.add(prov::sha256_hex(fmt::format("fsdd_speech_{}", i)),
                                 {fmt::format("fsdd_speech_{}", i), "bench", "", ""}, s.duration_s(), peaks)
                           .id);
  }

  // Synthetic hours: the peak timing of real archived speech (shuffled 5-s
  // blocks), each peak given the frequency of a peak drawn at random from all
  // real peaks: the density and spectrum of real speech, with the triplets
  // chance combinations that copy nothing.
  const auto t_build = Clock::now();
  const int synthetic_items = static_cast<int>(std::ceil(std::max(0.0, hours - real_s / 3600)));
  if (!reuse) prov::bench::add_modelled_hours(index, pool, synthetic_items, rng);
  const double build_s = seconds_since(t_build);
  const auto stats = index.stats();

  // The query: 46 minutes of 3-20 s segments of real archived items between
  // 3-8 s stretches of speech that is not archived.
  std::mt19937 query_rng(4646);  // the same query whether the archive is built or reused
  std::vector<float> query;
  std::vector<Planted> planted;
  std::uniform_real_distribution<double> segment_s(3, 20), filler_s(3, 8);
  const auto length = static_cast<std::size_t>(46 * 60 * kRate);
  while (query.size() < length) {
    const auto n = static_cast<std::size_t>(filler_s(query_rng) * kRate);
    const std::size_t a = std::uniform_int_distribution<std::size_t>(0, unarchived.size() - n - 1)(query_rng);
    query.insert(query.end(), unarchived.begin() + a, unarchived.begin() + a + n);
    const std::size_t item = std::uniform_int_distribution<std::size_t>(0, real_items.size() - 1)(query_rng);
    const auto m = static_cast<std::size_t>(segment_s(query_rng) * kRate);
    if (real_items[item].size() <= m + kRate || query.size() + m > length) continue;
    const std::size_t from = std::uniform_int_distribution<std::size_t>(0, real_items[item].size() - m - 1)(query_rng);
    planted.push_back({item, double(query.size()) / kRate, double(query.size() + m) / kRate, double(from) / kRate});
    query.insert(query.end(), real_items[item].begin() + from, real_items[item].begin() + from + m);
  }
  query.resize(length);

  // Twice: the first run brings the index pages into the page cache, as a
  // working archive's would be; the second is timed.
  TimedSource timed(index);
  timed.last_real_item = static_cast<uint32_t>(real_ids.back());
  std::vector<fp::SegmentMatch> found;
  double peaks_s = 0, landmarks_s = 0, match_s = 0, wall_s = 0, cpu_s = 0;
  std::size_t query_landmarks = 0;
  for (int run = 0; run < 2; ++run) {
    timed.reset();
    const auto t0 = Clock::now();
    const double c0 = cpu_seconds();
    const auto peaks = fp::find_spectral_peaks(prov::Signal{query, kRate, 0.0, {}});
    peaks_s = seconds_since(t0);
    const auto t1 = Clock::now();
    const auto lm = fp::query_landmarks(peaks);
    landmarks_s = seconds_since(t1);
    const auto t2 = Clock::now();
    found = fp::match_segments(lm, timed);
    match_s = seconds_since(t2);
    wall_s = seconds_since(t0);
    cpu_s = cpu_seconds() - c0;
    query_landmarks = lm.size();
  }

  // Adding and removing a 10-minute item in the full archive (the archive is
  // left as it was).
  std::vector<float> extra(unarchived.begin(), unarchived.begin() + std::min<std::size_t>(unarchived.size(), 600 * kRate));
  const prov::Signal extra_signal{extra, kRate, 0.0, {}};
  const auto extra_peaks = fp::find_spectral_peaks(extra_signal);
  const auto t_add = Clock::now();
  const auto added = index.add(prov::sha256_hex("scale-bench-extra"), {"extra", "bench", "", ""}, extra_signal.duration_s(),
                               extra_peaks);
  const double add_s = seconds_since(t_add);
  const auto t_remove = Clock::now();
  index.remove(added.id);
  const double remove_s = seconds_since(t_remove);

  const TimedSource::Counts query_lookups = timed.counts();

  // Chance collisions of real speech against the model: unarchived speech of
  // the same six speakers and ten words, looked up against the real items
  // and against the synthetic hours, per archived hour.
  timed.reset();
  {
    std::vector<fp::Posting> out;
    for (const auto& l : fp::query_landmarks(fp::find_spectral_peaks(prov::Signal{unarchived, kRate, 0.0, {}}))) {
      out.clear();
      timed.lookup(l.hash, fp::MatchParams{}.max_postings_per_hash, out);
    }
  }
  const double real_rate = timed.real_item_postings / (real_s / 3600);
  const double synthetic_rate =
      static_cast<double>(timed.postings - timed.real_item_postings) / std::max(1e-9, stats.hours - real_s / 3600);

  int hit = 0, correct = 0, short_planted = 0, short_hit = 0;
  for (const auto& p : planted) {
    const bool ok = std::any_of(found.begin(), found.end(), [&](const fp::SegmentMatch& m) {
      const double overlap = std::min(m.query_end_s, p.query_end) - std::max(m.query_start_s, p.query_start);
      return m.item == real_ids[p.item] && overlap > 0.5 * (p.query_end - p.query_start);
    });
    hit += ok;
    if (p.query_end - p.query_start < 5) {
      ++short_planted;
      short_hit += ok;
    }
  }
  for (const auto& m : found) {
    const bool ok = std::any_of(planted.begin(), planted.end(), [&](const Planted& p) {
      const double overlap = std::min(m.query_end_s, p.query_end) - std::max(m.query_start_s, p.query_start);
      const double item_time = m.item_start_s + 0.5 * (m.query_end_s - m.query_start_s) / m.time_scale;
      const double true_item_time = p.item_start + 0.5 * (m.query_end_s + m.query_start_s) - p.query_start;
      return m.item == real_ids[p.item] && overlap > 0 && std::abs(item_time - true_item_time) < 2.0 + 0.5 * (m.query_end_s - m.query_start_s);
    });
    correct += ok;
  }

  fmt::print("Archive: {:.0f} h ({} items: {} of real FSDD speech, {:.2f} h; the rest synthetic hours), {} postings, "
             "{:.0f} MB = {:.2f} MB/h{}\n",
             stats.hours, stats.items, real_ids.size(), real_s / 3600, stats.postings, stats.file_bytes / 1e6,
             stats.file_bytes / 1e6 / stats.hours,
             reuse ? ", reused" : fmt::format(", built in {:.0f} s", build_s));
  fmt::print("Query: 46 min, {} planted archived segments of 3-20 s, {} landmarks\n\n", planted.size(),
             query_landmarks);
  fmt::print("| step | seconds |\n| --- | --- |\n");
  fmt::print("| peak picking | {:.2f} |\n", peaks_s);
  fmt::print("| landmark hashing | {:.2f} |\n", landmarks_s);
  fmt::print("| index lookups ({} hashes, {} capped, {} postings) | {:.2f} |\n", query_lookups.lookups,
             query_lookups.capped, query_lookups.postings, query_lookups.seconds);
  fmt::print("| voting and segment fitting | {:.2f} |\n", match_s - query_lookups.seconds);
  fmt::print("| **whole query, wall clock** | **{:.2f}** (CPU {:.2f}) |\n\n", wall_s, cpu_s);
  fmt::print("Chance postings met by {:.1f} min of unarchived speech, per archived hour: {:.0f} in real FSDD items "
             "(same speakers and words), {:.0f} in synthetic hours ({:.1f}x)\n",
             unarchived.size() / double(kRate) / 60, real_rate, synthetic_rate, real_rate / std::max(1e-9, synthetic_rate));
  fmt::print("Adding a {:.0f}-min item to this archive: {:.2f} s ({:.0f}x real time, peaks already picked); removing "
             "it: {:.2f} s\n",
             extra_signal.duration_s() / 60, add_s, extra_signal.duration_s() / add_s, remove_s);
  const auto long_planted = static_cast<int>(planted.size()) - short_planted;
  fmt::print("Planted segments found: {}/{} of 5-20 s (recall {:.3f}), {}/{} of 3-5 s (recall {:.3f}); reported "
             "segments on a planted one: {}/{} (precision {:.3f})\n",
             hit - short_hit, long_planted, long_planted ? double(hit - short_hit) / long_planted : 0.0, short_hit,
             short_planted, short_planted ? double(short_hit) / short_planted : 0.0, correct, found.size(),
             found.empty() ? 0.0 : double(correct) / found.size());
  return 0;
}
