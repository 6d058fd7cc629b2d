// False findings of the integrity scan on real unedited speech, per detector,
// corpus and encoding, and the false-alarm rate per hour at each strength.
//
//   integrity_false_alarm_bench [--split tuning|measuring] [--encodings a,b] [--set option=value] [--cache DIR] [--list] [--cxx]
//
// --split measuring (the default) is the set the figures in bench/README.md
// and src/integrity/false_alarm_rates.cpp come from; --split tuning is the
// only one thresholds were chosen on. --list prints every finding; --cxx
// prints the strength table as the initialiser compiled into the library.
#include <fmt/format.h>

#include <cstring>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "support/integrity_corpus.h"

namespace {

using prov::bench::Encoding;
using prov::bench::Recording;
using prov::bench::Split;

const std::vector<std::string> kDetectors{"integrity.digital_silence", "integrity.level_jump",
                                          "integrity.noise_floor_change", "integrity.bandwidth_change",
                                          "integrity.dc_step", "integrity.clipping", "integrity.dc_offset"};
const std::vector<double> kStrengths{0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};

struct Tally {
  double hours = 0.0;
  std::map<std::string, int> count;  // per detector
};

}  // namespace

int main(int argc, char** argv) {
  Split split = Split::measuring;
  std::set<std::string> wanted;
  prov::integrity::ScanOptions options;
  bool list = false, cxx = false;
  std::string cache;  // folder keeping encoded files between runs
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--split" && i + 1 < argc) {
      const std::string s = argv[++i];
      if (s != "tuning" && s != "measuring") {
        std::cerr << "--split must be tuning or measuring\n";
        return 2;
      }
      split = s == "tuning" ? Split::tuning : Split::measuring;
    } else if (a == "--encodings" && i + 1 < argc) {
      std::stringstream names(argv[++i]);
      for (std::string n; std::getline(names, n, ',');) wanted.insert(n);
    } else if (a == "--set" && i + 1 < argc) {
      if (!prov::bench::set_option(options, argv[++i])) {
        std::cerr << "unknown scan option in --set " << argv[i] << "\n";
        return 2;
      }
    } else if (a == "--cache" && i + 1 < argc) {
      cache = argv[++i];
    } else if (a == "--list") {
      list = true;
    } else if (a == "--cxx") {
      cxx = true;
    } else {
      std::cerr << "usage: integrity_false_alarm_bench [--split tuning|measuring] [--encodings a,b] [--set option=value] [--cache DIR] [--list] [--cxx]\n";
      return 2;
    }
  }
  const std::vector<Recording> recordings = prov::bench::unedited_recordings(split);
  std::map<std::string, std::pair<int, double>> per_corpus;
  for (const Recording& r : recordings) {
    per_corpus[r.corpus].first += 1;
    per_corpus[r.corpus].second += r.duration_s() / 3600.0;
  }
  fmt::print("{} set of real unedited speech\n| corpus | recordings | hours |\n| --- | ---: | ---: |\n",
             split == Split::tuning ? "Tuning" : "Measuring");
  double total_h = 0.0;
  for (const auto& [corpus, n] : per_corpus) {
    fmt::print("| {} | {} | {:.3f} |\n", corpus, n.first, n.second);
    total_h += n.second;
  }
  fmt::print("| all | {} | {:.3f} |\n\n", recordings.size(), total_h);

  std::map<std::string, std::map<std::string, Tally>> tally;  // encoding -> corpus -> tally
  std::map<std::string, std::vector<double>> strengths;       // detector -> strengths of every false finding
  double pooled_hours = 0.0;
  for (const Encoding& e : prov::bench::encodings()) {
    if (!wanted.empty() && !wanted.contains(e.name)) continue;
    for (const Recording& r : recordings) {
      const auto result = prov::bench::scan_encoded(r.samples, r.rate, e, options, cache, r.corpus + "-" + r.name);
      Tally& t = tally[e.name][r.corpus];
      t.hours += r.duration_s() / 3600.0;
      pooled_hours += r.duration_s() / 3600.0;
      for (const prov::Finding& f : result.findings) {
        t.count[f.detector] += 1;
        strengths[f.detector].push_back(f.strength);
        if (list) {
          fmt::print("  {} {} {} [{:.2f}-{:.2f} s] {:.2f} {}\n", e.name, r.corpus, r.name, f.start_s, f.end_s,
                     f.strength, f.summary);
        }
      }
    }
  }

  for (const auto& [encoding, corpora] : tally) {
    fmt::print("\nFindings per hour, {}\n| detector |", encoding);
    for (const auto& [corpus, t] : corpora) fmt::print(" {} ({:.2f} h) |", corpus, t.hours);
    fmt::print(" all |\n| --- |");
    for (std::size_t i = 0; i <= corpora.size(); ++i) fmt::print(" ---: |");
    fmt::print("\n");
    for (const std::string& d : kDetectors) {
      fmt::print("| {} |", d);
      int total = 0;
      double hours = 0.0;
      for (const auto& [corpus, t] : corpora) {
        const int n = t.count.contains(d) ? t.count.at(d) : 0;
        fmt::print(" {:.2f} ({}) |", n / t.hours, n);
        total += n;
        hours += t.hours;
      }
      fmt::print(" {:.2f} ({}) |\n", total / hours, total);
    }
  }

  fmt::print("\nFalse findings per hour at or above each strength, all encodings pooled ({:.2f} h)\n| detector |",
             pooled_hours);
  for (double s : kStrengths) fmt::print(" >= {:.1f} |", s);
  fmt::print("\n| --- |");
  for (std::size_t i = 0; i < kStrengths.size(); ++i) fmt::print(" ---: |");
  fmt::print("\n");
  for (const std::string& d : kDetectors) {
    fmt::print("| {} |", d);
    for (double s : kStrengths) {
      int n = 0;
      for (double v : strengths[d]) n += v >= s - 1e-9;
      fmt::print(" {:.2f} ({}) |", n / pooled_hours, n);
    }
    fmt::print("\n");
  }
  if (cxx) {
    fmt::print("\n// hours, then per detector the false findings at or above each strength in kStrengths\n");
    fmt::print("constexpr double kMeasuredHours = {:.3f};\n", pooled_hours);
    for (const std::string& d : kDetectors) {
      fmt::print("    {{\"{}\", {{", d);
      for (std::size_t i = 0; i < kStrengths.size(); ++i) {
        int n = 0;
        for (double v : strengths[d]) n += v >= kStrengths[i] - 1e-9;
        fmt::print("{}{}", i ? ", " : "", n);
      }
      fmt::print("}}}},\n");
    }
  }
  return 0;
}
