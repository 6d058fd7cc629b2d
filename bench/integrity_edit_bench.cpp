// Detection of labelled edits made from real speech (the measuring set of
// bench/support/integrity_corpus.h, never used for tuning): deletions,
// insertions and splices of two sessions of the same speaker.
//
//   integrity_edit_bench [--split measuring|tuning] [--encodings a,b] [--set option=value] [--list]
//
// An edit counts as found when an edit finding's span, widened by 1 s, covers
// one of its labelled times. Findings elsewhere are counted as false.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "media/decode.h"
#include "support/integrity_corpus.h"
#include "support/test_support.h"

namespace {

using prov::bench::Recording;
using Samples = std::vector<float>;

struct Edited {
  Samples samples;
  std::vector<double> truth_s;  // labelled times of the edit
};

Samples slice(const Samples& x, double from_s, double to_s, int rate) {
  const auto a = std::min(x.size(), static_cast<std::size_t>(std::max(0.0, from_s) * rate));
  const auto b = std::min(x.size(), static_cast<std::size_t>(std::max(0.0, to_s) * rate));
  return Samples(x.begin() + static_cast<std::ptrdiff_t>(a), x.begin() + static_cast<std::ptrdiff_t>(std::max(a, b)));
}

Samples concat(std::initializer_list<Samples> parts) {
  Samples out;
  for (const Samples& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

double rms_db(const Samples& x) {
  double sq = 0.0;
  for (float v : x) sq += static_cast<double>(v) * v;
  return 10.0 * std::log10(sq / std::max<std::size_t>(1, x.size()) + 1e-20);
}

void scale(Samples& x, double db) {
  const auto g = static_cast<float>(std::pow(10.0, db / 20.0));
  for (float& v : x) v *= g;
}

// A second session of the same speaker, modelled: the same voice in another
// room (a real background recording mixed in at 20-35 dB under the speech)
// and with another gain (+-0..4 dB).
Samples other_room(const Samples& x, int rate, std::mt19937& rng) {
  static const char* rooms[] = {"running_tap.wav", "exercise_bike.wav", "doing_the_dishes.wav"};
  const std::string file = (prov::test::shared_data_dir() / "noise" / "speech_commands_background_noise" /
                            rooms[std::uniform_int_distribution<int>(0, 2)(rng)]).string();
  Samples noise = prov::media::decode_mono(file, rate).samples;
  Samples out = x;
  const double snr = std::uniform_real_distribution<double>(20.0, 35.0)(rng);
  scale(noise, rms_db(x) - snr - rms_db(noise));
  for (std::size_t i = 0; i < out.size(); ++i) out[i] += noise[i % noise.size()];
  scale(out, std::uniform_real_distribution<double>(-4.0, 4.0)(rng));
  return out;
}

// Through an 8 kHz telephone-rate channel and back (nothing above 4 kHz).
Samples phone_channel(const Samples& x, int rate) {
  return prov::bench::through_ffmpeg(x, rate, "wav", "-ar 8000 -c:a pcm_s16le", rate).samples;
}

struct EditKind {
  std::string name;
  std::function<bool(const Recording&)> applies;
  std::function<Edited(const Recording&, double at_s, std::mt19937&)> make;
};

std::vector<EditKind> edit_kinds(const std::map<std::string, const Recording*>& sixteen_k_copy) {
  const auto any = [](const Recording&) { return true; };
  std::vector<EditKind> kinds;
  kinds.push_back({"deletion, gap left as digital silence", any, [](const Recording& r, double t, std::mt19937& rng) {
                     const double cut = std::uniform_real_distribution<double>(1.0, 3.0)(rng);
                     const double gap = std::uniform_real_distribution<double>(0.2, 0.8)(rng);
                     Samples zeros(static_cast<std::size_t>(gap * r.rate), 0.0f);
                     return Edited{concat({slice(r.samples, 0, t, r.rate), zeros,
                                           slice(r.samples, t + cut, 1e9, r.rate)}),
                                   {t, t + gap}};
                   }});
  kinds.push_back({"deletion, butt splice", any, [](const Recording& r, double t, std::mt19937& rng) {
                     const double cut = std::uniform_real_distribution<double>(1.0, 3.0)(rng);
                     return Edited{concat({slice(r.samples, 0, t, r.rate), slice(r.samples, t + cut, 1e9, r.rate)}),
                                   {t}};
                   }});
  kinds.push_back({"insertion, same speaker at another gain (6-12 dB)", any,
                   [](const Recording& r, double t, std::mt19937& rng) {
                     const double len = std::uniform_real_distribution<double>(4.0, 10.0)(rng);
                     const double from = t > r.duration_s() / 2 ? t - len - 10.0 : t + 10.0;
                     Samples piece = slice(r.samples, from, from + len, r.rate);
                     const double db = std::uniform_real_distribution<double>(6.0, 12.0)(rng);
                     scale(piece, rng() % 2 ? db : -db);
                     const double end = t + static_cast<double>(piece.size()) / r.rate;
                     return Edited{concat({slice(r.samples, 0, t, r.rate), piece, slice(r.samples, t, 1e9, r.rate)}),
                                   {t, end}};
                   }});
  kinds.push_back({"insertion, same speaker through a telephone channel",
                   [](const Recording& r) { return r.rate >= 16000; },
                   [](const Recording& r, double t, std::mt19937& rng) {
                     const double len = std::uniform_real_distribution<double>(4.0, 10.0)(rng);
                     const double from = t > r.duration_s() / 2 ? t - len - 10.0 : t + 10.0;
                     const Samples piece = phone_channel(slice(r.samples, from, from + len, r.rate), r.rate);
                     const double end = t + static_cast<double>(piece.size()) / r.rate;
                     return Edited{concat({slice(r.samples, 0, t, r.rate), piece, slice(r.samples, t, 1e9, r.rate)}),
                                   {t, end}};
                   }});
  kinds.push_back({"splice of two sessions: rest from another room (modelled)", any,
                   [](const Recording& r, double t, std::mt19937& rng) {
                     return Edited{concat({slice(r.samples, 0, t, r.rate),
                                           other_room(slice(r.samples, t, 1e9, r.rate), r.rate, rng)}),
                                   {t}};
                   }});
  kinds.push_back({"splice of two sessions: VCTK 48 kHz and 16 kHz copies (real)",
                   [&sixteen_k_copy](const Recording& r) { return sixteen_k_copy.contains(r.name); },
                   [&sixteen_k_copy](const Recording& r, double t, std::mt19937&) {
                     const Recording& other = *sixteen_k_copy.at(r.name);
                     const Samples up =
                         prov::bench::through_ffmpeg(other.samples, other.rate, "wav", "-ar " + std::to_string(r.rate) +
                                                                                      " -c:a pcm_s16le", r.rate).samples;
                     return Edited{concat({slice(r.samples, 0, t, r.rate), up}), {t}};
                   }});
  return kinds;
}

}  // namespace

int main(int argc, char** argv) {
  prov::bench::Split split = prov::bench::Split::measuring;
  std::set<std::string> wanted;
  prov::integrity::ScanOptions options;
  bool list = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--split" && i + 1 < argc) {
      split = std::string(argv[++i]) == "tuning" ? prov::bench::Split::tuning : prov::bench::Split::measuring;
    } else if (a == "--encodings" && i + 1 < argc) {
      std::stringstream names(argv[++i]);
      for (std::string n; std::getline(names, n, ',');) wanted.insert(n);
    } else if (a == "--set" && i + 1 < argc) {
      if (!prov::bench::set_option(options, argv[++i])) {
        std::cerr << "unknown scan option in --set " << argv[i] << "\n";
        return 2;
      }
    } else if (a == "--list") {
      list = true;
    } else {
      std::cerr << "usage: integrity_edit_bench [--split measuring|tuning] [--encodings a,b] [--set option=value] [--list]\n";
      return 2;
    }
  }
  const std::vector<Recording> all = prov::bench::unedited_recordings(split);
  std::vector<const Recording*> hosts;
  std::map<std::string, const Recording*> sixteen_k_copy;  // "p227@48k" -> its 16 kHz copy
  for (const Recording& r : all) {
    if (r.duration_s() >= 40.0) hosts.push_back(&r);
  }
  for (const Recording& r : all) {
    if (r.corpus == "vctk" && r.name.ends_with("@16k")) {
      sixteen_k_copy[r.name.substr(0, r.name.size() - 4) + "@48k"] = &r;
    }
  }
  const auto kinds = edit_kinds(sixteen_k_copy);

  struct Row {
    int cases = 0, found = 0;
    std::map<std::string, int> by_detector;
  };
  std::map<std::string, std::map<std::string, Row>> table;  // encoding -> kind -> row
  std::map<std::string, std::pair<int, double>> false_findings;  // encoding -> (count, hours)
  for (const auto& kind : kinds) {
    for (const Recording* r : hosts) {
      if (!kind.applies(*r)) continue;
      // Three edit points per recording, away from the ends; a fixed seed per recording and kind.
      std::mt19937 rng(static_cast<unsigned>(std::hash<std::string>{}(r->corpus + r->name + kind.name) & 0xffffffffu));
      const int points = kind.name.find("VCTK") != std::string::npos ? 3 : 1;
      for (int k = 0; k < points; ++k) {
        const double at = std::uniform_real_distribution<double>(15.0, r->duration_s() - 25.0)(rng);
        const Edited edited = kind.make(*r, at, rng);
        for (const auto& e : prov::bench::encodings()) {
          if (!wanted.empty() && !wanted.contains(e.name)) continue;
          const auto result = prov::bench::scan_encoded(edited.samples, r->rate, e, options);
          Row& row = table[e.name][kind.name];
          row.cases += 1;
          bool found = false;
          std::set<std::string> finders;
          for (const prov::Finding& f : result.findings) {
            if (f.kind != "edit") continue;
            bool hit = false;
            for (double t : edited.truth_s) hit |= t >= f.start_s - 1.0 && t <= f.end_s + 1.0;
            if (hit) {
              found = true;
              finders.insert(f.detector);
            } else {
              false_findings[e.name].first += 1;
            }
            if (list) {
              fmt::print("  {} | {} | {} {} at {:.2f} s | {} [{:.2f}-{:.2f}] {:.2f} {}\n", e.name, kind.name, r->corpus,
                         r->name, at, hit ? "HIT" : "false", f.start_s, f.end_s, f.strength, f.summary);
            }
          }
          if (list && !found) fmt::print("  {} | {} | {} {} at {:.2f} s | MISSED\n", e.name, kind.name, r->corpus, r->name, at);
          false_findings[e.name].second += static_cast<double>(edited.samples.size()) / r->rate / 3600.0;
          row.found += found;
          for (const std::string& d : finders) row.by_detector[d] += 1;
        }
      }
    }
  }
  for (const auto& [encoding, rows] : table) {
    fmt::print("\nLabelled edits, {} ({} set)\n| edit | cases | found | rate | found by |\n| --- | ---: | ---: | ---: | --- |\n",
               encoding, split == prov::bench::Split::tuning ? "tuning" : "measuring");
    for (const auto& kind : kinds) {
      if (!rows.contains(kind.name)) continue;
      const Row& row = rows.at(kind.name);
      std::string by;
      for (const auto& [d, n] : row.by_detector) by += fmt::format("{}{} {}", by.empty() ? "" : ", ", d, n);
      fmt::print("| {} | {} | {} | {:.2f} | {} |\n", kind.name, row.cases, row.found,
                 row.cases ? static_cast<double>(row.found) / row.cases : 0.0, by.empty() ? "-" : by);
    }
    const auto& ff = false_findings[encoding];
    fmt::print("Edit findings away from every labelled edit: {} in {:.2f} h ({:.2f} per hour)\n", ff.first, ff.second,
               ff.first / ff.second);
  }
  return 0;
}
