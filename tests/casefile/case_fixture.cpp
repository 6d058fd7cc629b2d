#include "casefile/case_fixture.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <memory>

namespace prov::test {
namespace fs = std::filesystem;

namespace {

struct Built {
  std::unique_ptr<TempDir> dir;
  std::string case_path;
  std::string reason;
};

const Built& built() {
  static const Built b = [] {
    Built out;
    const std::string recording = real_recording();
    if (recording.empty()) {
      out.reason = missing_shared_data("librispeech-sample");
      if (out.reason.empty()) out.reason = "SKIPPED: the LibriSpeech recording used by this test is absent";
      return out;
    }
    if (!fs::exists(PROVENANCE_CLI)) {
      out.reason = std::string("SKIPPED: build the provenance program first (") + PROVENANCE_CLI + ")";
      return out;
    }
    if (!have_program("ffmpeg")) {
      out.reason = "SKIPPED: program 'ffmpeg' is not installed";
      return out;
    }
    out.dir = std::make_unique<TempDir>();
    out.case_path = (*out.dir / "real-case.db").string();
    // Re-encoded as FFmpeg writes it, so the analysis has findings to review.
    const std::string encoded = (*out.dir / "statement.m4a").string();
    const auto made = run_command("ffmpeg -nostdin -loglevel error -y -i " + shell_quote(recording) +
                                  " -c:a aac -b:a 64k " + shell_quote(encoded));
    if (made.exit_code != 0) {
      out.reason = "ffmpeg failed: " + made.output;
      return out;
    }
    const auto subject = provenance_all("subject add 'Abu Bakr al-Baghdadi' --alias 'أبو بكر البغدادي' --case " +
                                        shell_quote(out.case_path) + " --examiner alice");
    if (subject.exit_code != 0) {
      out.reason = "FAILED: subject add failed: " + subject.output;
      out.case_path.clear();
      return out;
    }
    const auto analysed = provenance_all("analyze " + shell_quote(encoded) + " --case " +
                                         shell_quote(out.case_path) +
                                         " --subject 'Abu Bakr al-Baghdadi' --released 2019-09-16 --examiner alice "
                                         "--no-progress");
    if (analysed.exit_code != 0) {
      out.reason = "FAILED: analyze failed: " + analysed.output;
      out.case_path.clear();
      return out;
    }
    const int64_t first = raw_int(out.case_path, "SELECT min(id) FROM findings");
    const auto marked = provenance_all("case mark " + shell_quote(out.case_path) + " " + std::to_string(first) +
                                       " confirmed --examiner bob --note 'checked by ear'");
    if (marked.exit_code != 0) {
      out.reason = "FAILED: case mark failed: " + marked.output;
      out.case_path.clear();
      return out;
    }
    const auto claimed = provenance_all("claim add --case " + shell_quote(out.case_path) +
                                        " --subject 'ابو بكر البغدادى' --status killed --event-date 2017-05-28 "
                                        "--published 2017-06-16 --claimant 'Russian Ministry of Defence' "
                                        "--source https://example.org/claim --examiner bob");
    if (claimed.exit_code != 0) {
      out.reason = "FAILED: claim add failed: " + claimed.output;
      out.case_path.clear();
    }
    return out;
  }();
  return b;
}

}  // namespace

std::string real_recording() {
  const fs::path file = shared_data_dir() / "librispeech-sample" / "librispeech_test-other" / "3005" /
                        "3005-163389-0005.flac";
  return fs::exists(file) ? file.string() : std::string();
}

std::string skip_reason() { return built().reason; }

std::string copy_of_real_case(const TempDir& dir, const std::string& name) {
  if (built().case_path.empty()) return {};
  const fs::path target = dir / name;
  fs::copy_file(built().case_path, target, fs::copy_options::overwrite_existing);
  return target.string();
}

CommandResult provenance_stdout(const std::string& arguments) {
  return run_command("{ " + shell_quote(PROVENANCE_CLI) + " " + arguments + " </dev/null 2>/dev/null; }");
}

CommandResult provenance_all(const std::string& arguments) {
  return run_command(shell_quote(PROVENANCE_CLI) + " " + arguments + " </dev/null");
}

Verdict verify_case(const std::string& case_path, const std::string& head) {
  const auto r = provenance_stdout("case verify " + shell_quote(case_path) + " --json" +
                                   (head.empty() ? "" : " --head " + shell_quote(head)));
  Verdict v;
  v.exit_code = r.exit_code;
  v.report = nlohmann::json::parse(r.output, nullptr, false);
  if (v.report.is_discarded()) v.report = nullptr;
  return v;
}

bool try_raw_sql(const std::string& case_path, const std::string& statements) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(case_path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return false;
  }
  char* error = nullptr;
  const bool ok = sqlite3_exec(db, statements.c_str(), nullptr, nullptr, &error) == SQLITE_OK;
  sqlite3_free(error);
  sqlite3_close(db);
  return ok;
}

void raw_sql(const std::string& case_path, const std::string& statements) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(case_path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, statements.c_str(), nullptr, nullptr, &error);
  const std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << message << "\n" << statements;
}

int64_t raw_int(const std::string& case_path, const std::string& query) {
  sqlite3* db = nullptr;
  int64_t value = -1;
  if (sqlite3_open_v2(case_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, query.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
      value = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return value;
}

}  // namespace prov::test
