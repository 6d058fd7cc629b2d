// False findings of the integrity scan on real unedited speech, per detector,
// corpus and encoding, and the false-alarm rate per hour at each strength.
//
//   integrity_false_alarm_bench [--split tuning|measuring] [--encodings a,b] [--set option=value] [--cache DIR] [--list] [--cxx]
//
// --split measuring (the default) is the set the figures in bench/README.md
// and src/integrity/false_alarm_rates.cpp come from; --split tuning is the
// only one thresholds were chosen on. --list prints every finding; --cxx
// prints the strength table as the initialiser compiled into the library.
//
// The long recordings join separate source files, and each join is itself a
// splice of two takes (another session, level or room). A finding whose span,
// widened by 1 s, covers a join is counted "at a join" (a take-to-take splice
// found); only the others are false alarms, and their rate is per hour of
// audio farther than 1 s from every join. Only edit findings are classified
// (a note of habitual zeros spanning a whole recording counts as within a
// take); clipping and DC offset claim no edit and are counted over all hours.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
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
// Detectors whose findings claim an edit; clipping and DC offset do not, so
// joins do not bear on them and they are counted over all the hours.
const std::set<std::string> kEditDetectors{"integrity.digital_silence", "integrity.level_jump",
                                           "integrity.noise_floor_change", "integrity.bandwidth_change",
                                           "integrity.dc_step"};
const std::vector<double> kStrengths{0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};

struct Tally {
  double hours = 0.0;                        // within takes (farther than 1 s from every join)
  double all_hours = 0.0;
  double hours_for(const std::string& detector) const { return kEditDetectors.contains(detector) ? hours : all_hours; }
  int joins = 0;
  std::map<std::string, int> count;          // per detector, within takes
  std::map<std::string, int> at_join_count;  // per detector, at joins
  int edits = 0, edits_at_joins = 0;         // findings of kind "edit" (no notes, clipping or DC offset)
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
  struct CorpusSize {
    int recordings = 0, joins = 0;
    double hours = 0.0, within_h = 0.0;
  };
  std::map<std::string, CorpusSize> per_corpus;
  CorpusSize all;
  for (const Recording& r : recordings) {
    for (CorpusSize* c : {&per_corpus[r.corpus], &all}) {
      c->recordings += 1;
      c->joins += static_cast<int>(r.joins_s.size());
      c->hours += r.duration_s() / 3600.0;
      c->within_h += prov::bench::within_take_s(r) / 3600.0;
    }
  }
  fmt::print("{} set of real unedited speech\n| corpus | recordings | hours | joins of two files | hours within takes (> 1 s from a join) |\n"
             "| --- | ---: | ---: | ---: | ---: |\n",
             split == Split::tuning ? "Tuning" : "Measuring");
  for (const auto& [corpus, c] : per_corpus) {
    fmt::print("| {} | {} | {:.3f} | {} | {:.3f} |\n", corpus, c.recordings, c.hours, c.joins, c.within_h);
  }
  fmt::print("| all | {} | {:.3f} | {} | {:.3f} |\n\n", all.recordings, all.hours, all.joins, all.within_h);

  std::map<std::string, std::map<std::string, Tally>> tally;  // encoding -> corpus -> tally
  std::map<std::string, std::vector<double>> strengths;       // detector -> strengths of every false finding
  double pooled_hours = 0.0, pooled_all_hours = 0.0;
  for (const Encoding& e : prov::bench::encodings()) {
    if (!wanted.empty() && !wanted.contains(e.name)) continue;
    for (const Recording& r : recordings) {
      const auto result = prov::bench::scan_encoded(r.samples, r.rate, e, options, cache, r.corpus + "-" + r.name);
      Tally& t = tally[e.name][r.corpus];
      t.hours += prov::bench::within_take_s(r) / 3600.0;
      t.joins += static_cast<int>(r.joins_s.size());
      t.all_hours += r.duration_s() / 3600.0;
      pooled_hours += prov::bench::within_take_s(r) / 3600.0;
      pooled_all_hours += r.duration_s() / 3600.0;
      for (const prov::Finding& f : result.findings) {
        const bool join = f.kind == "edit" && prov::bench::at_join(r.joins_s, f.start_s, f.end_s);
        if (f.kind == "edit") (join ? t.edits_at_joins : t.edits) += 1;
        if (join) {
          t.at_join_count[f.detector] += 1;
        } else {
          t.count[f.detector] += 1;
          strengths[f.detector].push_back(f.strength);
        }
        if (list) {
          double nearest = INFINITY;  // seconds from the finding's span to the nearest join
          for (double j : r.joins_s) nearest = std::min(nearest, std::max({0.0, f.start_s - j, j - f.end_s}));
          fmt::print("  {} {} {} {} [{:.2f}-{:.2f} s] {:.2f} (nearest join {:.2f} s) {}\n", join ? "AT-JOIN" : "in-take",
                     e.name, r.corpus, r.name, f.start_s, f.end_s, f.strength, nearest, f.summary);
        }
      }
    }
  }

  for (const auto& [encoding, corpora] : tally) {
    fmt::print("\nFalse findings per hour within takes (count), {}\n| detector |", encoding);
    for (const auto& [corpus, t] : corpora) fmt::print(" {} ({:.3f} h) |", corpus, t.hours);
    fmt::print(" all |\n| --- |");
    for (std::size_t i = 0; i <= corpora.size(); ++i) fmt::print(" ---: |");
    fmt::print("\n");
    for (const std::string& d : kDetectors) {
      fmt::print("| {} |", d);
      int total = 0;
      double hours = 0.0;
      for (const auto& [corpus, t] : corpora) {
        const int n = t.count.contains(d) ? t.count.at(d) : 0;
        if (t.hours_for(d) > 1e-6) fmt::print(" {:.2f} ({}) |", n / t.hours_for(d), n);
        else fmt::print(" - ({}) |", n);
        total += n;
        hours += t.hours_for(d);
      }
      fmt::print(" {:.2f} ({}) |\n", total / hours, total);
    }
  }

  fmt::print("\nEdit findings (kind edit) within takes and at joins\n"
             "| encoding | within takes | hours within takes | per hour | at joins | joins |\n"
             "| --- | ---: | ---: | ---: | ---: | ---: |\n");
  for (const auto& [encoding, corpora] : tally) {
    int within = 0, at = 0, joins = 0;
    double hours = 0.0;
    for (const auto& [corpus, t] : corpora) {
      within += t.edits;
      at += t.edits_at_joins;
      joins += t.joins;
      hours += t.hours;
    }
    fmt::print("| {} | {} | {:.3f} | {:.2f} | {} | {} |\n", encoding, within, hours, hours > 0 ? within / hours : 0.0, at,
               joins);
  }

  for (const auto& [encoding, corpora] : tally) {
    fmt::print("\nFindings at joins of two source files (take-to-take splices found), {}\n| detector |", encoding);
    for (const auto& [corpus, t] : corpora) fmt::print(" {} ({} joins) |", corpus, t.joins);
    fmt::print(" all |\n| --- |");
    for (std::size_t i = 0; i <= corpora.size(); ++i) fmt::print(" ---: |");
    fmt::print("\n");
    for (const std::string& d : kDetectors) {
      fmt::print("| {} |", d);
      int total = 0;
      for (const auto& [corpus, t] : corpora) {
        const int n = t.at_join_count.contains(d) ? t.at_join_count.at(d) : 0;
        fmt::print(" {} |", n);
        total += n;
      }
      fmt::print(" {} |\n", total);
    }
  }

  fmt::print("\nFalse findings per hour within takes at or above each strength, all encodings pooled ({:.3f} h within "
             "takes; clipping and DC offset over all {:.3f} h)\n| detector |",
             pooled_hours, pooled_all_hours);
  for (double s : kStrengths) fmt::print(" >= {:.1f} |", s);
  fmt::print("\n| --- |");
  for (std::size_t i = 0; i < kStrengths.size(); ++i) fmt::print(" ---: |");
  fmt::print("\n");
  for (const std::string& d : kDetectors) {
    fmt::print("| {} |", d);
    const double hours = kEditDetectors.contains(d) ? pooled_hours : pooled_all_hours;
    for (double s : kStrengths) {
      int n = 0;
      for (double v : strengths[d]) n += v >= s - 1e-9;
      fmt::print(" {:.2f} ({}) |", n / hours, n);
    }
    fmt::print("\n");
  }
  if (cxx) {
    fmt::print("\n// per detector: hours measured (within takes for edit detectors), then the false findings\n"
               "// within takes at or above each strength in kStrengths\n");
    for (const std::string& d : kDetectors) {
      fmt::print("    {{\"{}\", {:.3f}, {{", d, kEditDetectors.contains(d) ? pooled_hours : pooled_all_hours);
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
