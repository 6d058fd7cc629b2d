// Recycled-audio accuracy benchmark: builds an archive of real speech (FSDD,
// filled out with espeak-ng voices), makes query collages of archived
// segments interleaved with speech that is not archived, degrades them with
// the ffmpeg CLI and prints recall, precision, boundary error, false alarms,
// index size, ingest speed and query time, beside Chromaprint on the same
// queries. `--quick` for a short run.
#include <chromaprint.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <numeric>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "fingerprint/archive_index.h"
#include "fingerprint/landmarks.h"
#include "fingerprint/segment_matcher.h"
#include "fingerprint/spectral_peaks.h"
#include "media/decode.h"
#include "core/sha256.h"
#include "support/fsdd_speech.h"
#include "support/test_support.h"

namespace fs = std::filesystem;
namespace fp = prov::fingerprint;
using prov::bench::Clock;
using prov::bench::cpu_seconds;
using prov::bench::kRate;
using prov::bench::make_speeches;
using prov::bench::seconds_since;

namespace {

struct Options {
  bool quick = false;
  int queries_per_condition = 6;
  int espeak_items = 40;
  double false_alarm_minutes = 60;
};

void write_wav(const fs::path& path, const std::vector<float>& x, int rate = kRate) {
  std::ofstream out(path, std::ios::binary);
  auto u32 = [&](uint32_t v) { out.write(reinterpret_cast<const char*>(&v), 4); };
  auto u16 = [&](uint16_t v) { out.write(reinterpret_cast<const char*>(&v), 2); };
  const uint32_t bytes = static_cast<uint32_t>(x.size() * 4);
  out.write("RIFF", 4);
  u32(36 + bytes);
  out.write("WAVEfmt ", 8);
  u32(16);
  u16(3);  // IEEE float: gains of +12 dB do not clip
  u16(1);
  u32(static_cast<uint32_t>(rate));
  u32(static_cast<uint32_t>(rate * 4));
  u16(4);
  u16(32);
  out.write("data", 4);
  u32(bytes);
  out.write(reinterpret_cast<const char*>(x.data()), static_cast<std::streamsize>(bytes));
}

void run_or_die(const std::string& command) {
  const auto r = prov::test::run_command(command);
  if (r.exit_code != 0) {
    fmt::print(stderr, "command failed: {}\n{}\n", command, r.output);
    std::exit(1);
  }
}

// ---------------------------------------------------------------- material

struct Item {
  std::string name;
  std::vector<float> audio;
  bool real_speech = false;
  int64_t archive_id = 0;
};

const char* kWords[] = {
    "the", "people", "of", "this", "land", "will", "not", "forget", "what", "was", "promised", "in", "the", "years",
    "before", "our", "brothers", "stood", "against", "injustice", "and", "the", "enemy", "has", "tried", "to",
    "divide", "us", "but", "we", "remain", "united", "under", "one", "banner", "every", "city", "village", "river",
    "mountain", "season", "harvest", "market", "council", "government", "soldiers", "prisoners", "freedom", "patience",
    "victory", "message", "tomorrow", "yesterday", "morning", "evening", "winter", "summer", "thousand", "hundred",
    "first", "second", "third", "never", "always", "again", "speak", "listen", "remember", "return", "build",
    "defend", "believe", "history", "future", "children", "mothers", "fathers", "leaders", "nation", "border",
    "road", "bridge", "school", "hospital", "prayer", "journey", "answer", "question", "truth", "silence"};

std::vector<float> espeak_speech(const fs::path& dir, int index, double seconds, std::mt19937& rng) {
  static const char* voices[] = {"en-us", "en-gb", "en-gb-scotland", "en-gb-x-rp", "en-029", "en-gb-x-gbclan",
                                 "en-gb-x-gbcwmd"};
  static const char* variants[] = {"", "+m1", "+m3", "+f1", "+f2", "+f4", "+m7"};
  std::uniform_int_distribution<std::size_t> word(0, std::size(kWords) - 1);
  std::string text;
  const int words = static_cast<int>(seconds * 2.6);
  for (int w = 0; w < words; ++w) {
    text += kWords[word(rng)];
    text += (w % 11 == 10) ? ". " : " ";
  }
  const std::string voice = std::string(voices[index % std::size(voices)]) + variants[(index / 7) % std::size(variants)];
  const fs::path wav = dir / fmt::format("espeak_{}.wav", index);
  run_or_die(fmt::format("espeak-ng -v {} -s {} -w {} {}", voice, 140 + (index * 7) % 50, prov::test::shell_quote(wav),
                         prov::test::shell_quote(text)));
  auto signal = prov::media::decode_mono(wav.string(), kRate);
  fs::remove(wav);
  return std::move(signal.samples);
}

// ---------------------------------------------------------------- queries

struct TruthSegment {
  std::size_t item = 0;  // index into the archive items
  double query_start = 0, query_end = 0, item_start = 0;
};

struct Query {
  std::vector<float> audio;
  std::vector<TruthSegment> truth;
};

const double kSegmentLengths[] = {1, 2, 3, 4, 5, 7, 10, 15, 20, 30};

Query make_collage(const std::vector<Item>& archive, const std::vector<float>& unarchived, int segments,
                   std::mt19937& rng, int& length_cursor) {
  Query q;
  std::uniform_real_distribution<double> filler_s(2.0, 5.0);
  auto add_filler = [&] {
    const auto n = static_cast<std::size_t>(filler_s(rng) * kRate);
    std::uniform_int_distribution<std::size_t> at(0, unarchived.size() - n - 1);
    const std::size_t a = at(rng);
    q.audio.insert(q.audio.end(), unarchived.begin() + a, unarchived.begin() + a + n);
  };
  std::vector<std::size_t> real;
  for (std::size_t i = 0; i < archive.size(); ++i)
    if (archive[i].real_speech) real.push_back(i);
  add_filler();
  for (int s = 0; s < segments; ++s) {
    const double length = kSegmentLengths[length_cursor++ % std::size(kSegmentLengths)];
    // Segments come from real speech only; espeak-ng items only fill the
    // archive out (their small vocabulary makes items repeat one another).
    const auto& pool = real;
    std::size_t item = pool[std::uniform_int_distribution<std::size_t>(0, pool.size() - 1)(rng)];
    const auto n = static_cast<std::size_t>(length * kRate);
    if (archive[item].audio.size() <= n + kRate) continue;
    const std::size_t start =
        std::uniform_int_distribution<std::size_t>(0, archive[item].audio.size() - n - 1)(rng);
    TruthSegment t;
    t.item = item;
    t.query_start = static_cast<double>(q.audio.size()) / kRate;
    t.query_end = t.query_start + length;
    t.item_start = static_cast<double>(start) / kRate;
    q.truth.push_back(t);
    q.audio.insert(q.audio.end(), archive[item].audio.begin() + start, archive[item].audio.begin() + start + n);
    add_filler();
  }
  return q;
}

Query make_unarchived_query(const std::vector<float>& unarchived, double seconds, std::mt19937& rng) {
  Query q;
  std::uniform_real_distribution<double> piece_s(2.0, 10.0);
  while (q.audio.size() < seconds * kRate) {
    const auto n = static_cast<std::size_t>(piece_s(rng) * kRate);
    const std::size_t a = std::uniform_int_distribution<std::size_t>(0, unarchived.size() - n - 1)(rng);
    q.audio.insert(q.audio.end(), unarchived.begin() + a, unarchived.begin() + a + n);
  }
  return q;
}

struct Condition {
  std::string name;
  std::string ffmpeg;   // output options, or a filter chain
  std::string extension;
  double speed = 1.0;   // query time = item time / speed
  double snr_db = 0;    // > 0: white noise mixed in at this SNR (whole-query power)
  std::string then;     // a second encoding after noise
};

Condition condition(std::string name, std::string ffmpeg, std::string extension, double speed = 1.0,
                    double snr_db = 0, std::string then = {}) {
  return {std::move(name), std::move(ffmpeg), std::move(extension), speed, snr_db, std::move(then)};
}

std::vector<Condition> conditions(bool quick) {
  std::vector<Condition> all = {
      condition("clean", "-c:a pcm_f32le", "wav"),
      condition("mp3 32k", "-c:a libmp3lame -b:a 32k", "mp3"),
      condition("mp3 64k", "-c:a libmp3lame -b:a 64k", "mp3"),
      condition("mp3 128k", "-c:a libmp3lame -b:a 128k", "mp3"),
      condition("aac 64k", "-c:a aac -b:a 64k", "m4a"),
      condition("opus 16k", "-c:a libopus -b:a 16k", "opus"),
      condition("telephone 8k", "-af highpass=f=300,lowpass=f=3400 -ar 8000 -c:a pcm_mulaw", "wav"),
      condition("noise 20 dB", "", "wav", 1.0, 20),
      condition("noise 10 dB", "", "wav", 1.0, 10),
      condition("noise 5 dB", "", "wav", 1.0, 5),
      condition("gain +12 dB", "-af volume=12dB -c:a pcm_f32le", "wav"),
      condition("gain -12 dB", "-af volume=-12dB -c:a pcm_f32le", "wav"),
      condition("speed +3%", "-af asetrate=16480,aresample=16000 -c:a pcm_f32le", "wav", 1.03),
      condition("speed -3%", "-af asetrate=15520,aresample=16000 -c:a pcm_f32le", "wav", 0.97),
      condition("noise 10 dB+mp3 64k", "", "wav", 1.0, 10, "-c:a libmp3lame -b:a 64k"),
  };
  if (quick) {
    std::vector<Condition> some;
    for (const auto& c : all)
      if (c.name == "clean" || c.name == "mp3 64k" || c.name == "noise 10 dB" || c.name == "speed +3%" ||
          c.name == "telephone 8k" || c.name == "opus 16k")
        some.push_back(c);
    return some;
  }
  return all;
}

std::vector<float> degrade(const std::vector<float>& audio, const Condition& c, const fs::path& dir, int tag) {
  const fs::path in = dir / fmt::format("q{}.wav", tag);
  write_wav(in, audio);
  fs::path out = dir / fmt::format("q{}_out.{}", tag, c.extension);
  const std::string quiet = "ffmpeg -hide_banner -loglevel error -y";
  if (c.snr_db > 0) {
    double power = 0;
    for (float v : audio) power += double(v) * v;
    power /= std::max<std::size_t>(1, audio.size());
    // anoisesrc white noise of amplitude A has power A^2/3.
    const double amplitude = std::sqrt(3.0 * power / std::pow(10.0, c.snr_db / 10.0));
    const fs::path noisy = dir / fmt::format("q{}_noisy.wav", tag);
    run_or_die(fmt::format("{} -i {} -filter_complex \"anoisesrc=color=white:amplitude={:.6f}:sample_rate={}:seed={}[n];"
                           "[0:a][n]amix=inputs=2:duration=first:normalize=0\" -c:a pcm_f32le {}",
                           quiet, in.string(), amplitude, kRate, 1000 + tag, noisy.string()));
    if (c.then.empty()) {
      out = noisy;
    } else {
      out = dir / fmt::format("q{}_out.mp3", tag);
      run_or_die(fmt::format("{} -i {} {} {}", quiet, noisy.string(), c.then, out.string()));
    }
  } else {
    run_or_die(fmt::format("{} -i {} {} {}", quiet, in.string(), c.ffmpeg, out.string()));
  }
  auto decoded = prov::media::decode_mono(out.string(), kRate);
  for (const auto& f : fs::directory_iterator(dir))
    if (f.path().filename().string().rfind(fmt::format("q{}", tag), 0) == 0) fs::remove(f.path());
  return std::move(decoded.samples);
}

// ---------------------------------------------------------------- scoring

struct Detection {
  std::size_t item = 0;  // index into the archive items
  double query_start = 0, query_end = 0, item_start = 0, scale = 1.0;
};

struct Tally {
  std::map<double, std::pair<int, int>> found_by_length;  // length -> (found, total)
  int detections = 0, correct = 0;
  std::vector<double> boundary_errors;
  std::vector<double> start_errors, end_errors;  // signed: detected minus true
  double seconds = 0;
  double query_s = 0;
  void merge(const Tally& o) {
    for (const auto& [k, v] : o.found_by_length) {
      found_by_length[k].first += v.first;
      found_by_length[k].second += v.second;
    }
    detections += o.detections;
    correct += o.correct;
    boundary_errors.insert(boundary_errors.end(), o.boundary_errors.begin(), o.boundary_errors.end());
    start_errors.insert(start_errors.end(), o.start_errors.begin(), o.start_errors.end());
    end_errors.insert(end_errors.end(), o.end_errors.begin(), o.end_errors.end());
    seconds += o.seconds;
    query_s += o.query_s;
  }
};

// A detection is right when it names the truth's item, overlaps it by half
// of the shorter of the two, and maps the overlap to the right item time.
bool agrees(const Detection& d, const TruthSegment& t, double speed) {
  if (d.item != t.item) return false;
  const double q0 = t.query_start / speed, q1 = t.query_end / speed;
  const double overlap = std::min(d.query_end, q1) - std::max(d.query_start, q0);
  if (overlap < 0.5 * std::min(q1 - q0, d.query_end - d.query_start)) return false;
  const double mid = 0.5 * (std::max(d.query_start, q0) + std::min(d.query_end, q1));
  const double truth_item_time = t.item_start + (mid - q0) * speed;
  const double detected_item_time = d.item_start + (mid - d.query_start) / d.scale;
  return std::abs(truth_item_time - detected_item_time) < 0.5;
}

void score(const std::vector<Detection>& detections, const Query& q, double speed, Tally& tally) {
  tally.detections += static_cast<int>(detections.size());
  std::vector<bool> used(detections.size(), false);
  for (std::size_t i = 0; i < detections.size(); ++i)
    for (const auto& t : q.truth)
      if (agrees(detections[i], t, speed)) {
        used[i] = true;
        break;
      }
  tally.correct += static_cast<int>(std::count(used.begin(), used.end(), true));
  for (const auto& t : q.truth) {
    const double length = t.query_end - t.query_start;
    auto& cell = tally.found_by_length[length];
    ++cell.second;
    for (const auto& d : detections)
      if (agrees(d, t, speed)) {
        ++cell.first;
        tally.boundary_errors.push_back(std::abs(d.query_start - t.query_start / speed));
        tally.boundary_errors.push_back(std::abs(d.query_end - t.query_end / speed));
        tally.start_errors.push_back(d.query_start - t.query_start / speed);
        tally.end_errors.push_back(d.query_end - t.query_end / speed);
        break;
      }
  }
}

// ---------------------------------------------------------------- Chromaprint

struct ChromaprintPrint {
  std::vector<uint32_t> values;
  double item_s = 0;
};

ChromaprintPrint chromaprint_of(const std::vector<float>& audio) {
  ChromaprintContext* ctx = chromaprint_new(CHROMAPRINT_ALGORITHM_DEFAULT);
  chromaprint_start(ctx, kRate, 1);
  std::vector<int16_t> pcm(audio.size());
  for (std::size_t i = 0; i < audio.size(); ++i)
    pcm[i] = static_cast<int16_t>(std::lround(std::clamp(audio[i], -1.0f, 1.0f) * 32767.0f));
  chromaprint_feed(ctx, pcm.data(), static_cast<int>(pcm.size()));
  chromaprint_finish(ctx);
  uint32_t* raw = nullptr;
  int size = 0;
  ChromaprintPrint print;
  if (chromaprint_get_raw_fingerprint(ctx, &raw, &size) == 1 && raw) {
    print.values.assign(raw, raw + size);
    chromaprint_dealloc(raw);
  }
  print.item_s = chromaprint_get_item_duration_ms(ctx) / 1000.0;
  chromaprint_free(ctx);
  return print;
}

// Offset search over raw Chromaprint fingerprints: candidate alignments from
// exact matches of the top 16 bits (as Chromaprint's own matcher does), then
// a bit-error-rate scan along each alignment; a segment is a run where the
// smoothed bit error rate stays below the threshold.
class ChromaprintMatcher {
 public:
  void add(std::size_t item, ChromaprintPrint print) {
    for (std::size_t i = 0; i < print.values.size(); ++i) index_[print.values[i] >> 16].push_back({item, i});
    item_s_ = print.item_s;
    prints_[item] = std::move(print.values);
  }

  std::vector<Detection> match(const ChromaprintPrint& q) const {
    std::map<std::pair<std::size_t, long>, int> votes;
    for (std::size_t i = 0; i < q.values.size(); ++i) {
      auto it = index_.find(q.values[i] >> 16);
      if (it == index_.end() || it->second.size() > 200) continue;
      for (const auto& [item, pos] : it->second) ++votes[{item, static_cast<long>(pos) - static_cast<long>(i)}];
    }
    std::vector<Detection> out;
    for (const auto& [key, count] : votes) {
      if (count < 2) continue;
      const auto& a = prints_.at(key.first);
      const long offset = key.second;
      // Bit errors along the alignment, smoothed over ~2 s.
      std::vector<double> ber(q.values.size(), 1.0);
      for (std::size_t i = 0; i < q.values.size(); ++i) {
        const long j = static_cast<long>(i) + offset;
        if (j >= 0 && j < static_cast<long>(a.size())) ber[i] = std::popcount(q.values[i] ^ a[j]) / 32.0;
      }
      const int w = 16;
      for (std::size_t i = 0; i + w <= ber.size();) {
        double mean = 0;
        for (int k = 0; k < w; ++k) mean += ber[i + k];
        mean /= w;
        if (mean >= kThreshold) {
          ++i;
          continue;
        }
        std::size_t end = i + w;
        while (end < ber.size()) {
          double m = 0;
          for (int k = 0; k < w; ++k) m += ber[end - w + 1 + k < ber.size() ? end - w + 1 + k : ber.size() - 1];
          if (m / w >= kThreshold) break;
          ++end;
        }
        Detection d;
        d.item = key.first;
        d.query_start = i * item_s_;
        d.query_end = end * item_s_;
        d.item_start = (static_cast<long>(i) + offset) * item_s_;
        out.push_back(d);
        i = end;
      }
    }
    // One alignment found through several vote keys is one detection.
    std::sort(out.begin(), out.end(), [](const Detection& x, const Detection& y) {
      return x.item != y.item ? x.item < y.item : x.query_start < y.query_start;
    });
    std::vector<Detection> merged;
    for (const auto& d : out) {
      if (!merged.empty() && merged.back().item == d.item && d.query_start < merged.back().query_end &&
          std::abs((d.item_start - d.query_start) - (merged.back().item_start - merged.back().query_start)) < 1.0) {
        merged.back().query_end = std::max(merged.back().query_end, d.query_end);
        continue;
      }
      merged.push_back(d);
    }
    return merged;
  }

  static constexpr double kThreshold = 0.30;

 private:
  std::unordered_map<uint32_t, std::vector<std::pair<std::size_t, std::size_t>>> index_;
  std::map<std::size_t, std::vector<uint32_t>> prints_;
  double item_s_ = 0.1238;
};

// ---------------------------------------------------------------- report

std::string recall_cell(const Tally& t, double lo, double hi) {
  int found = 0, total = 0;
  for (const auto& [length, v] : t.found_by_length)
    if (length >= lo && length < hi) {
      found += v.first;
      total += v.second;
    }
  return total ? fmt::format("{:.2f}", double(found) / total) : "-";
}

std::string percentile(std::vector<double> v, double q) {
  if (v.empty()) return "-";
  std::sort(v.begin(), v.end());
  return fmt::format("{:.2f}", v[static_cast<std::size_t>(q * (v.size() - 1))]);
}

void print_row(const std::string& name, const Tally& t) {
  fmt::print("| {:<20} | {:>5} | {:>5} | {:>5} | {:>5} | {:>6} | {:>5} | {:>5} |\n", name, recall_cell(t, 1, 3),
             recall_cell(t, 3, 5), recall_cell(t, 5, 10), recall_cell(t, 10, 31),
             t.detections ? fmt::format("{:.3f}", double(t.correct) / t.detections) : "-",
             percentile(t.boundary_errors, 0.5), percentile(t.boundary_errors, 0.9));
}

std::vector<Detection> to_detections(const std::vector<fp::SegmentMatch>& matches,
                                     const std::map<int64_t, std::size_t>& item_of_id) {
  std::vector<Detection> out;
  for (const auto& m : matches)
    out.push_back({item_of_id.at(m.item), m.query_start_s, m.query_end_s, m.item_start_s, m.time_scale});
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  Options opt;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--quick") {
      opt.quick = true;
      opt.queries_per_condition = 3;
      opt.espeak_items = 12;
      opt.false_alarm_minutes = 20;
    } else {
      fmt::print(stderr, "usage: {} [--quick]\n", argv[0]);
      return 2;
    }
  }
  const std::string missing = prov::test::missing_shared_data("fsdd");
  if (!missing.empty()) {
    fmt::print(stderr, "{}\n", missing);
    return 1;
  }
  const auto t_start = Clock::now();
  prov::test::TempDir work;
  std::mt19937 rng(20261123);

  // Real speech: FSDD recordings 0-19 of each digit and speaker are archived,
  // 20-39 are the speech that is not.
  const auto [archived_utterances, other_utterances] = prov::bench::split_fsdd(rng);
  std::vector<Item> archive;
  for (auto& s : make_speeches(archived_utterances, 60, rng))
    archive.push_back({fmt::format("fsdd_speech_{}", archive.size()), std::move(s), true});
  std::vector<float> unarchived;
  for (auto& s : make_speeches(other_utterances, 1e9, rng)) unarchived.insert(unarchived.end(), s.begin(), s.end());
  for (int i = 0; i < opt.espeak_items; ++i)
    archive.push_back({fmt::format("espeak_{}", i), espeak_speech(work.path(), i, 120, rng), false});

  // Ingest: peaks, landmarks and index writes, one core.
  const fs::path archive_path = work / "archive.sqlite";
  auto index = fp::ArchiveIndex::open(archive_path.string(), fp::ArchiveIndex::Mode::create_if_missing);
  double archived_s = 0, fsdd_s = 0;
  const double t_ingest = cpu_seconds();
  std::map<int64_t, std::size_t> item_of_id;
  for (std::size_t i = 0; i < archive.size(); ++i) {
    prov::Signal s{archive[i].audio, kRate, 0.0, {}};
    const double d = s.duration_s();
    archived_s += d;
    if (archive[i].real_speech) fsdd_s += d;
    const auto peaks = fp::find_spectral_peaks(s);
    archive[i].archive_id = index.add(prov::sha256_hex(archive[i].name),
                                      {archive[i].name, "bench", "", ""}, d, peaks)
                                .id;
    item_of_id[archive[i].archive_id] = i;
  }
  const double ingest_s = cpu_seconds() - t_ingest;
  const auto stats = index.stats();

  // Chromaprint archive.
  ChromaprintMatcher chromaprint;
  const double t_cp_ingest = cpu_seconds();
  for (std::size_t i = 0; i < archive.size(); ++i) chromaprint.add(i, chromaprint_of(archive[i].audio));
  const double cp_ingest_s = cpu_seconds() - t_cp_ingest;

  fmt::print("Archive: {} items, {:.1f} min ({:.1f} min real FSDD speech, the rest espeak-ng), {} landmarks\n",
             archive.size(), archived_s / 60, fsdd_s / 60, stats.postings);
  fmt::print("Unarchived FSDD speech for fillers and false-alarm queries: {:.1f} min\n\n",
             unarchived.size() / double(kRate) / 60);

  // Query collages, the same clean material for every condition.
  std::vector<Query> queries;
  int length_cursor = 0;
  for (int i = 0; i < opt.queries_per_condition; ++i)
    queries.push_back(make_collage(archive, unarchived, static_cast<int>(std::size(kSegmentLengths)), rng, length_cursor));

  fmt::print("Segment recall by segment length, precision and boundary error (s), per degradation\n\n");
  fmt::print("| {:<20} | {:>5} | {:>5} | {:>5} | {:>5} | {:>6} | {:>5} | {:>5} |\n", "condition", "1-2s", "3-4s",
             "5-9s", "10-30s", "prec.", "bnd50", "bnd90");
  fmt::print("|{:-<22}|{:->7}|{:->7}|{:->7}|{:->7}|{:->8}|{:->7}|{:->7}|\n", "", "", "", "", "", "", "", "");
  Tally ours_all, cp_all;
  std::vector<std::pair<std::string, Tally>> cp_rows;
  int tag = 0;
  for (const auto& c : conditions(opt.quick)) {
    Tally ours, cp;
    for (const auto& q : queries) {
      const auto audio = degrade(q.audio, c, work.path(), tag++);
      prov::Signal s{audio, kRate, 0.0, {}};
      const double t0 = cpu_seconds();
      const auto matches = fp::match_segments(fp::query_landmarks(fp::find_spectral_peaks(s)), index);
      ours.query_s += cpu_seconds() - t0;
      ours.seconds += s.duration_s();
      score(to_detections(matches, item_of_id), q, c.speed, ours);
      const double t1 = cpu_seconds();
      const auto cp_matches = chromaprint.match(chromaprint_of(audio));
      cp.query_s += cpu_seconds() - t1;
      score(cp_matches, q, c.speed, cp);
    }
    print_row(c.name, ours);
    cp_rows.emplace_back(c.name, cp);
    ours_all.merge(ours);
    cp_all.merge(cp);
  }
  print_row("all conditions", ours_all);
  fmt::print("\nSigned boundary error (detected minus true, s): start median {}, end median {}\n",
             percentile(ours_all.start_errors, 0.5), percentile(ours_all.end_errors, 0.5));

  fmt::print("\nChromaprint (raw fingerprints, offset search with bit error rate < {:.2f}) on the same queries\n\n",
             ChromaprintMatcher::kThreshold);
  fmt::print("| {:<20} | {:>5} | {:>5} | {:>5} | {:>5} | {:>6} | {:>5} | {:>5} |\n", "condition", "1-2s", "3-4s",
             "5-9s", "10-30s", "prec.", "bnd50", "bnd90");
  fmt::print("|{:-<22}|{:->7}|{:->7}|{:->7}|{:->7}|{:->8}|{:->7}|{:->7}|\n", "", "", "", "", "", "", "", "");
  for (const auto& [name, t] : cp_rows) print_row(name, t);
  print_row("all conditions", cp_all);

  // False alarms: queries made only of speech that is not archived.
  Tally fa_ours, fa_cp;
  std::vector<Condition> fa_conditions;
  for (const auto& c : conditions(false))
    if (c.name == "clean" || c.name == "mp3 64k" || c.name == "noise 10 dB") fa_conditions.push_back(c);
  const double per_query_s = 120;
  const int fa_queries = std::max(1, static_cast<int>(opt.false_alarm_minutes * 60 / per_query_s / fa_conditions.size()));
  for (const auto& c : fa_conditions)
    for (int i = 0; i < fa_queries; ++i) {
      const Query q = make_unarchived_query(unarchived, per_query_s, rng);
      const auto audio = degrade(q.audio, c, work.path(), tag++);
      prov::Signal s{audio, kRate, 0.0, {}};
      fa_ours.detections += static_cast<int>(
          fp::match_segments(fp::query_landmarks(fp::find_spectral_peaks(s)), index).size());
      fa_ours.seconds += s.duration_s();
      fa_cp.detections += static_cast<int>(chromaprint.match(chromaprint_of(audio)).size());
    }
  const double fa_hours = fa_ours.seconds / 3600;

  // Query time for a 46-minute query against the real archive; against
  // 1,000 hours see fingerprint_scale_bench.
  std::vector<float> long_query;
  while (long_query.size() < 46 * 60 * kRate) {
    const auto& q = queries[long_query.size() % queries.size()];
    long_query.insert(long_query.end(), q.audio.begin(), q.audio.end());
  }
  long_query.resize(46 * 60 * kRate);
  const auto t_long = Clock::now();
  const double c_long = cpu_seconds();
  const auto long_found =
      fp::match_segments(fp::query_landmarks(fp::find_spectral_peaks(prov::Signal{long_query, kRate, 0.0, {}})), index);
  const double long_cpu_s = cpu_seconds() - c_long, long_wall_s = seconds_since(t_long);

  fmt::print("\nFalse alarms on queries of unarchived FSDD speech only ({:.2f} h: clean, mp3 64k, noise 10 dB)\n",
             fa_hours);
  fmt::print("  landmarks:   {} segments = {:.2f} per hour\n", fa_ours.detections, fa_ours.detections / fa_hours);
  fmt::print("  chromaprint: {} segments = {:.2f} per hour\n", fa_cp.detections, fa_cp.detections / fa_hours);

  const double landmarks_per_s = stats.postings / archived_s;
  fmt::print("\nIndex and speed\n");
  fmt::print("  index size: {:.2f} MB per hour of audio ({} landmarks/s; {:.1f} MB for {:.2f} h real archive)\n",
             stats.file_bytes / 1e6 / (archived_s / 3600), fmt::format("{:.1f}", landmarks_per_s),
             stats.file_bytes / 1e6, archived_s / 3600);
  fmt::print("  ingest (peaks + landmarks + index writes, 1 core): {:.0f}x real time; chromaprint: {:.0f}x\n",
             archived_s / ingest_s, archived_s / cp_ingest_s);
  fmt::print("  queries (1 core): landmarks {:.0f}x real time, chromaprint {:.1f}x, over {:.1f} min of queries\n",
             ours_all.seconds / ours_all.query_s, ours_all.seconds / std::max(1e-9, cp_all.query_s),
             ours_all.seconds / 60);
  fmt::print("  46-min query vs real archive ({:.2f} h): {:.2f} s CPU, {:.2f} s wall ({} segments); "
             "against 1,000 h: fingerprint_scale_bench\n",
             archived_s / 3600, long_cpu_s, long_wall_s, long_found.size());
  fmt::print("\nTotal benchmark time: {:.0f} s\n", seconds_since(t_start));
  return 0;
}
