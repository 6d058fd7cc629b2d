#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "core/finding.h"
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

// True when the time `t` lies within [start - tolerance, end + tolerance] of a finding.
bool covers(const Finding& finding, double t, double tolerance);

}  // namespace prov::test
