#pragma once
#include <string>
#include <vector>

#include "integrity/scanner.h"

// Real unedited speech for the integrity benchmarks: a fixed split into a
// tuning set and a measuring set (by speaker, never both), long recordings
// made by joining one speaker's utterances, and the encodings they are
// measured under. bench/README.md documents the split.
namespace prov::bench {

enum class Split { tuning, measuring };

// One unedited recording at its native rate: one speaker's utterances joined
// (crossfaded inside their own leading and trailing pauses), or one utterance.
struct Recording {
  std::string corpus;   // speechocean762, librispeech, vctk, fsdd
  std::string name;     // speaker (and rate for VCTK)
  int rate = 0;
  std::vector<float> samples;
  std::vector<double> joins_s;  // where one source file meets the next (middle of each crossfade)
  double duration_s() const { return rate > 0 ? static_cast<double>(samples.size()) / rate : 0.0; }
};

// Every recording of the split, decoded from ../shared/data.
std::vector<Recording> unedited_recordings(Split split);

// Joins are crossfades of this length (test::crossfade_join).
constexpr double kJoinFadeS = 0.030;

// A join of two source files is itself a splice of two separate takes, so a
// finding whose span, widened by this much on each side, covers a join is
// counted "at a join", not as a false alarm within a take.
constexpr double kJoinMarginS = 1.0;

// True when [start_s - kJoinMarginS, end_s + kJoinMarginS] covers one of `joins_s`.
bool at_join(const std::vector<double>& joins_s, double start_s, double end_s);

// Seconds of `r` farther than kJoinMarginS from every join (the time in which
// a finding can count as within a take).
double within_take_s(const Recording& r);

// Applies "name=value" to a numeric field of the scan options (for trying
// settings on the tuning set); false when there is no such field.
bool set_option(integrity::ScanOptions& options, const std::string& assignment);

// A realistic channel the recording may have passed through before analysis.
struct Encoding {
  std::string name;       // lossless, mp3-64k, aac-96k, resampled-44k1
  std::string extension;  // output file extension; empty = no re-encoding
  std::string arguments;  // ffmpeg output arguments
};
const std::vector<Encoding>& encodings();

// `samples` written for ffmpeg, passed through it with `arguments` into a
// file with `extension`, and decoded back to mono at `out_rate` (0 = the
// rate ffmpeg wrote).
Signal through_ffmpeg(const std::vector<float>& samples, int rate, const std::string& extension,
                      const std::string& arguments, int out_rate);

// Scans `samples` as they would arrive after `encoding` (ffmpeg CLI, then the
// project's decoder at native rate), like `provenance analyze` does. With a
// `cache_dir`, the encoded file is kept there under `key` and reused.
integrity::IntegrityResult scan_encoded(const std::vector<float>& samples, int rate, const Encoding& encoding,
                                        const integrity::ScanOptions& options = {}, const std::string& cache_dir = "",
                                        const std::string& key = "");

}  // namespace prov::bench
