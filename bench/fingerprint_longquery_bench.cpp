// Recycled audio in long recordings: recall of 5-s archived segments planted
// in 46-minute queries (MP3 64k, and white noise at 10 dB SNR then MP3 64k),
// and false alarms on unarchived real speech, against an archive holding the
// real speech of all four corpora in ../shared/data (FSDD, speechocean762,
// LibriSpeech sample, VCTK sample), optionally padded with modelled hours.
//
//   fingerprint_longquery_bench [--set tuning|measuring] [--hours H] [--minutes M]
//                               [--min-significance S] [--min-anchors N] [--keep PATH] [--null-csv PATH]
//
// Each corpus's files are shuffled once and dealt into four parts: archived
// tuning, unarchived tuning, archived measuring, unarchived measuring. The
// archive always holds both archived parts; `--set` picks which pair the
// queries are made of. Thresholds are set on `tuning` only; `measuring`
// gives the figures quoted.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/sha256.h"
#include "fingerprint/archive_index.h"
#include "fingerprint/false_alarms.h"
#include "fingerprint/landmarks.h"
#include "fingerprint/segment_matcher.h"
#include "fingerprint/spectral_peaks.h"
#include "media/decode.h"
#include "support/fsdd_speech.h"
#include "support/modelled_hours.h"
#include "support/test_support.h"

namespace fs = std::filesystem;
namespace fp = prov::fingerprint;
using prov::bench::Clock;
using prov::bench::kRate;
using prov::bench::seconds_since;

namespace {

constexpr double kHop = 0.016;
constexpr double kPlanted_s = 5.0;

struct Corpus {
  std::string name;
  std::vector<std::vector<float>> part[4];  // archived tuning, other tuning, archived measuring, other measuring
  double hours[4] = {0, 0, 0, 0};
};

Corpus load_corpus(const std::string& name, std::mt19937& rng) {
  Corpus c{name, {}, {}};
  std::vector<fs::path> files;
  for (const auto& f : fs::recursive_directory_iterator(prov::test::shared_data_dir() / name)) {
    const auto ext = f.path().extension().string();
    if (f.is_regular_file() && (ext == ".wav" || ext == ".flac")) files.push_back(f.path());
  }
  std::sort(files.begin(), files.end());
  std::shuffle(files.begin(), files.end(), rng);
  for (std::size_t i = 0; i < files.size(); ++i) {
    auto s = prov::media::decode_mono(files[i].string(), kRate);
    c.hours[i % 4] += s.duration_s() / 3600;
    c.part[i % 4].push_back(std::move(s.samples));
  }
  return c;
}

void write_wav(const fs::path& path, const std::vector<float>& samples) {
  prov::test::write_pcm16_wav(path.string(), samples, kRate);
}

// White noise at `snr_db` below the query's power (0: none), then MP3 64k.
std::vector<float> degrade(std::vector<float> audio, double snr_db, const fs::path& dir, std::mt19937& rng) {
  if (snr_db > 0) {
    double power = 0;
    for (float v : audio) power += double(v) * v;
    power /= std::max<std::size_t>(1, audio.size());
    std::normal_distribution<float> noise(0.0f, static_cast<float>(std::sqrt(power / std::pow(10.0, snr_db / 10.0))));
    for (float& v : audio) v += noise(rng);
  }
  const fs::path in = dir / "q.wav", out = dir / "q.mp3";
  write_wav(in, audio);
  const auto r = prov::test::run_command(fmt::format("ffmpeg -hide_banner -loglevel error -y -i {} -c:a libmp3lame -b:a 64k {}",
                                                     in.string(), out.string()));
  if (r.exit_code != 0) throw std::runtime_error("ffmpeg failed: " + r.output);
  auto decoded = prov::media::decode_mono(out.string(), kRate);
  fs::remove(in);
  fs::remove(out);
  return std::move(decoded.samples);
}

struct Planted {
  int64_t item = 0;
  double query_start = 0, item_start = 0;
};

struct Item {
  int64_t id = 0;
  std::vector<float> audio;
};

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  double hours = 0, minutes = 46;
  std::string keep, set = "measuring", null_csv;
  fp::MatchParams params;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--hours" && i + 1 < argc) {
      hours = std::stod(argv[++i]);
    } else if (a == "--minutes" && i + 1 < argc) {
      minutes = std::stod(argv[++i]);
    } else if (a == "--keep" && i + 1 < argc) {
      keep = argv[++i];
    } else if (a == "--set" && i + 1 < argc) {
      set = argv[++i];
    } else if (a == "--min-significance" && i + 1 < argc) {
      params.min_significance = std::stod(argv[++i]);
    } else if (a == "--min-anchors" && i + 1 < argc) {
      params.min_matched_anchors = std::stoi(argv[++i]);  // relaxed gates show how close chance comes
    } else if (a == "--null-csv" && i + 1 < argc) {
      null_csv = argv[++i];
    } else {
      fmt::print(stderr,
                 "usage: {} [--set tuning|measuring] [--hours H] [--minutes M] [--min-significance S] [--min-anchors N] "
                 "[--keep PATH] [--null-csv PATH]\n",
                 argv[0]);
      return 2;
    }
  }
  if (set != "tuning" && set != "measuring") {
    fmt::print(stderr, "--set is tuning or measuring\n");
    return 2;
  }
  const int archived_part = set == "tuning" ? 0 : 2, other_part = archived_part + 1;
  for (const char* corpus : {"fsdd", "speechocean762", "librispeech-sample", "vctk-sample"}) {
    const std::string missing = prov::test::missing_shared_data(corpus);
    if (!missing.empty()) {
      fmt::print("SKIPPED: {}\n", missing);
      return 0;
    }
  }

  std::mt19937 rng(20261202);
  std::vector<Corpus> corpora;
  for (const char* corpus : {"fsdd", "speechocean762", "librispeech-sample", "vctk-sample"})
    corpora.push_back(load_corpus(corpus, rng));

  prov::test::TempDir work;
  const fs::path path = keep.empty() ? work / "archive.sqlite" : fs::path(keep);
  const bool reuse = !keep.empty() && fs::exists(path);
  auto index = fp::ArchiveIndex::open(path.string(), fp::ArchiveIndex::Mode::create_if_missing);
  std::vector<Item> items;  // of the chosen set
  std::vector<fp::SpectralPeak> pool;
  double real_s = 0, set_s = 0;
  for (const auto& c : corpora)
    for (int part : {0, 2}) {
      std::mt19937 join_rng(static_cast<unsigned>(part * 7 + c.name.size()));
      const auto speeches = prov::bench::make_speeches(c.part[part], 60, join_rng);
      for (std::size_t i = 0; i < speeches.size(); ++i) {
        const prov::Signal s{speeches[i], kRate, 0.0, {}};
        const auto peaks = fp::find_spectral_peaks(s);
        for (auto pk : peaks) {
          pk.frame += static_cast<float>(real_s / kHop);
          pool.push_back(pk);
        }
        const std::string name = fmt::format("{}_{}_{}", c.name, part == 0 ? "tuning" : "measuring", i);
        int64_t id = 0;
        if (reuse) {
          id = index.find_sha256(prov::sha256_hex(name))->id;
        } else {
          id = index.add(prov::sha256_hex(name), {name, "bench", "", ""}, s.duration_s(), peaks).id;
        }
        real_s += s.duration_s();
        if (part == archived_part) {
          items.push_back({id, speeches[i]});
          set_s += s.duration_s();
        }
      }
    }
  const int modelled = static_cast<int>(std::ceil(std::max(0.0, hours - real_s / 3600)));
  const auto t_build = Clock::now();
  if (!reuse && hours > 0) prov::bench::add_modelled_hours(index, pool, modelled, rng);
  const double build_s = seconds_since(t_build);
  const auto stats = index.stats();

  std::vector<float> unarchived;
  double unarchived_h = 0;
  for (const auto& c : corpora) {
    unarchived_h += c.hours[other_part];
    for (const auto& u : c.part[other_part]) unarchived.insert(unarchived.end(), u.begin(), u.end());
  }
  fmt::print("Archive: {:.2f} h of real speech ({:.2f} h of it in the {} set), {} items in all, {:.0f} h{}\n",
             real_s / 3600, set_s / 3600, set, stats.items, stats.hours,
             hours > 0 ? (reuse ? " (reused)" : fmt::format(" (modelled hours built in {:.0f} s)", build_s)) : "");
  fmt::print("Unarchived real speech of the {} set: {:.2f} h; matches of significance {} and above, {} matched anchors "
             "and more\n\n",
             set, unarchived_h, params.min_significance, params.min_matched_anchors);
  // Figures at each significance threshold from the one run at the lowest.
  std::vector<double> thresholds;
  for (double t : {4.0, 6.0, 8.0, 10.0, 12.0, 14.0, 16.0, 20.0})
    if (t >= params.min_significance) thresholds.push_back(t);
  if (thresholds.empty() || thresholds.front() > params.min_significance)
    thresholds.insert(thresholds.begin(), params.min_significance);
  struct AtThreshold {
    int hit[2] = {0, 0}, planted[2] = {0, 0}, fa = 0;
  };
  std::vector<AtThreshold> at(thresholds.size());

  std::ofstream null_out;
  if (!null_csv.empty()) {
    null_out.open(null_csv);
    null_out << "source,matched_anchors,score,time_scale,duration_s,significance\n";
  }
  auto log_null = [&](const std::string& source, const fp::SegmentMatch& m) {
    if (null_out.is_open())
      null_out << fmt::format("{},{},{:.3f},{:.4f},{:.2f},{:.2f}\n", source, m.matched_anchors, m.score, m.time_scale,
                              m.query_end_s - m.query_start_s, m.significance);
  };

  fmt::print("| query | planted 5-s segments found | false alarms | outside planted (h) | start err p50/p90 (s) | end err p50/p90 (s) | query time, wall / CPU (s) |\n");
  fmt::print("| --- | --- | --- | --- | --- | --- | --- |\n");
  std::mt19937 query_rng(set == "tuning" ? 4646 : 6464);
  int total_fa = 0;
  double total_null_h = 0;
  for (const double snr : {0.0, 10.0}) {
    std::vector<float> query;
    std::vector<Planted> planted;
    std::uniform_real_distribution<double> filler_s(3, 8);
    const auto length = static_cast<std::size_t>(minutes * 60 * kRate);
    const auto m = static_cast<std::size_t>(kPlanted_s * kRate);
    while (query.size() < length) {
      const auto n = static_cast<std::size_t>(filler_s(query_rng) * kRate);
      const std::size_t a = std::uniform_int_distribution<std::size_t>(0, unarchived.size() - n - 1)(query_rng);
      query.insert(query.end(), unarchived.begin() + a, unarchived.begin() + a + n);
      const auto& item = items[std::uniform_int_distribution<std::size_t>(0, items.size() - 1)(query_rng)];
      if (item.audio.size() <= m + kRate || query.size() + m > length) continue;
      const std::size_t from = std::uniform_int_distribution<std::size_t>(0, item.audio.size() - m - 1)(query_rng);
      planted.push_back({item.id, double(query.size()) / kRate, double(from) / kRate});
      query.insert(query.end(), item.audio.begin() + from, item.audio.begin() + from + m);
    }
    query.resize(length);
    const auto degraded = degrade(query, snr, work.path(), query_rng);
    const auto t0 = Clock::now();
    const double c0 = prov::bench::cpu_seconds();
    const auto found = fp::match_segments(fp::query_landmarks(fp::find_spectral_peaks(prov::Signal{degraded, kRate, 0.0, {}})),
                                          index, params);
    const double match_s = seconds_since(t0), match_cpu = prov::bench::cpu_seconds() - c0;

    int hit = 0, fa = 0;
    const int cond = snr > 0 ? 1 : 0;
    std::vector<double> start_err, end_err;
    for (const auto& p : planted) {
      for (std::size_t k = 0; k < thresholds.size(); ++k) {
        ++at[k].planted[cond];
        at[k].hit[cond] += std::any_of(found.begin(), found.end(), [&](const fp::SegmentMatch& f) {
          const double overlap = std::min(f.query_end_s, p.query_start + kPlanted_s) - std::max(f.query_start_s, p.query_start);
          const double item_at = f.item_start_s + (p.query_start + 0.5 * kPlanted_s - f.query_start_s) / f.time_scale;
          return f.significance >= thresholds[k] && f.item == p.item && overlap > 0.5 * kPlanted_s &&
                 std::abs(item_at - (p.item_start + 0.5 * kPlanted_s)) < 0.5;
        });
      }
      for (const auto& f : found) {
        const double overlap = std::min(f.query_end_s, p.query_start + kPlanted_s) - std::max(f.query_start_s, p.query_start);
        const double item_at = f.item_start_s + (p.query_start + 0.5 * kPlanted_s - f.query_start_s) / f.time_scale;
        if (f.item == p.item && overlap > 0.5 * kPlanted_s && std::abs(item_at - (p.item_start + 0.5 * kPlanted_s)) < 0.5) {
          ++hit;
          start_err.push_back(std::abs(f.query_start_s - p.query_start));
          end_err.push_back(std::abs(f.query_end_s - p.query_start - kPlanted_s));
          break;
        }
      }
    }
    for (const auto& f : found) {
      const bool on_planted = std::any_of(planted.begin(), planted.end(), [&](const Planted& p) {
        const double overlap = std::min(f.query_end_s, p.query_start + kPlanted_s) - std::max(f.query_start_s, p.query_start);
        return f.item == p.item && overlap > 0;
      });
      if (!on_planted) {
        ++fa;
        for (std::size_t k = 0; k < thresholds.size(); ++k) at[k].fa += f.significance >= thresholds[k];
        log_null(snr > 0 ? "long query, noise 10 dB + mp3" : "long query, mp3", f);
      }
    }
    const double null_h = (minutes * 60 - kPlanted_s * static_cast<double>(planted.size())) / 3600;
    total_fa += fa;
    total_null_h += null_h;
    auto pct = [](std::vector<double> v, double q) {
      if (v.empty()) return 0.0;
      std::sort(v.begin(), v.end());
      return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
    };
    fmt::print("| {:.0f} min, {} | {}/{} ({:.1f}%) | {} | {:.2f} | {:.2f} / {:.2f} | {:.2f} / {:.2f} | {:.1f} / {:.1f} |\n", minutes,
               snr > 0 ? "noise 10 dB + MP3 64k" : "MP3 64k", hit, planted.size(), 100.0 * hit / planted.size(), fa,
               null_h, pct(start_err, 0.5), pct(start_err, 0.9), pct(end_err, 0.5), pct(end_err, 0.9), match_s, match_cpu);
  }

  // Unarchived speech alone, clean and as MP3 64k: every match is a false alarm.
  for (const bool mp3 : {false, true}) {
    const auto audio = mp3 ? degrade(unarchived, 0, work.path(), query_rng) : unarchived;
    const auto t0 = Clock::now();
    const double c0 = prov::bench::cpu_seconds();
    const auto found = fp::match_segments(fp::query_landmarks(fp::find_spectral_peaks(prov::Signal{audio, kRate, 0.0, {}})), index,
                                          params);
    const double match_s = seconds_since(t0), match_cpu = prov::bench::cpu_seconds() - c0;
    for (const auto& f : found) {
      log_null(mp3 ? "unarchived, mp3" : "unarchived, clean", f);
      for (std::size_t k = 0; k < thresholds.size(); ++k) at[k].fa += f.significance >= thresholds[k];
    }
    total_fa += static_cast<int>(found.size());
    total_null_h += unarchived_h;
    fmt::print("| unarchived speech only, {} | - | {} | {:.2f} | - | - | {:.1f} / {:.1f} |\n", mp3 ? "MP3 64k" : "clean",
               found.size(), unarchived_h, match_s, match_cpu);
  }
  fmt::print("\nFalse alarms: {} in {:.2f} h of unarchived speech ({:.2f} per hour)\n\n", total_fa, total_null_h,
             total_fa / total_null_h);
  fmt::print("| significance at least | 5-s recall, MP3 64k | 5-s recall, noise 10 dB + MP3 64k | false alarms | per hour |\n");
  fmt::print("| --- | --- | --- | --- | --- |\n");
  for (std::size_t k = 0; k < thresholds.size(); ++k)
    fmt::print("| {} | {:.3f} | {:.3f} | {} | {:.3f} |\n", thresholds[k], double(at[k].hit[0]) / std::max(1, at[k].planted[0]),
               double(at[k].hit[1]) / std::max(1, at[k].planted[1]), at[k].fa, at[k].fa / total_null_h);
  return 0;
}
