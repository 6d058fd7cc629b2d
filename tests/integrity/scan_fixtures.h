#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/signal.h"
#include "integrity/scanner.h"

namespace prov::test {

// Decodes a real file with the project's decoder and streams its native-rate
// audio through the integrity scanner, as `provenance analyze` does.
integrity::IntegrityResult scan_file(const std::filesystem::path& path,
                                     const integrity::ScanOptions& options = {});

// Runs a shell command line and fails the test (throws) when it does not exit 0.
void run_or_throw(const std::string& command_line);

// Findings from one detector.
Findings with_detector(const Findings& findings, const std::string& detector);
// Findings of kind "edit" (what must stay empty on untouched recordings).
Findings edits(const Findings& findings);
// One line per finding, for failure messages.
std::string describe(const Findings& findings);

// WAV of real FSDD speech: the given files joined with sox (8 kHz, 16-bit).
void join_fsdd(const std::vector<std::string>& names, const std::filesystem::path& out);
// FSDD file names of one speaker, digits 0-9 for each index in [first, last].
std::vector<std::string> fsdd_speaker(const std::string& speaker, int first, int last);

// Utterances of one speaker joined end to end, each join a raised-cosine
// crossfade of `fade_s` inside their own leading and trailing pauses: no
// exact zeros, level jumps or DC steps at the joins that a real recording
// would not have.
std::vector<float> crossfade_join(const std::vector<std::vector<float>>& parts, int rate, double fade_s);

// A real recording made of the given files (native rate, all at one rate), crossfaded 30 ms.
Signal join_real_speech(const std::vector<std::filesystem::path>& files);

// True when the time `t` lies within [start - tolerance, end + tolerance] of a finding.
bool covers(const Finding& finding, double t, double tolerance);

}  // namespace prov::test
