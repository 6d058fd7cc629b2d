#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "support/test_support.h"

namespace prov::test {

// A real recording from the shared data (LibriSpeech read speech); empty when
// the shared data is absent.
std::string real_recording();

// A case file made by the real command line: the real recording, re-encoded
// to M4A by FFmpeg, analysed and
// its first finding confirmed by an examiner, so every chained table has rows.
// Built once per test program and copied into `dir` for each test. Empty when
// the shared data or the program is missing (skip_reason() says which).
std::string copy_of_real_case(const TempDir& dir, const std::string& name = "case.db");
std::string skip_reason();

// Runs the built `provenance` with already quoted arguments; stdout only.
CommandResult provenance_stdout(const std::string& arguments);
// Runs it; stdout and stderr together.
CommandResult provenance_all(const std::string& arguments);

struct Verdict {
  int exit_code = -1;
  nlohmann::json report;  // `case verify --json`; null when it printed none
};
// `provenance case verify CASE --json [--head HEAD]`.
Verdict verify_case(const std::string& case_path, const std::string& head = "");

// Raw SQL on a case file through the sqlite3 C API, as an attacker with the
// file would run it. Fails the test when SQLite refuses.
void raw_sql(const std::string& case_path, const std::string& statements);
// Same, but returns false instead of failing when SQLite refuses.
bool try_raw_sql(const std::string& case_path, const std::string& statements);
int64_t raw_int(const std::string& case_path, const std::string& query);

}  // namespace prov::test
