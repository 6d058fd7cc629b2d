#include "enf/reference_db.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>

#include "core/error.h"
#include "sqlite/statement.h"

namespace prov::enf {
namespace {

constexpr int64_t kDay = 86400;
constexpr const char* kFormat = "provenance-enf-reference";

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

using sqlite::Statement;

// Failures name the file; they are the user's input errors.
sqlite::Context errors(const std::string& path) {
  return {.label = fmt::format("{}: ENF reference file error", path), .input_error = true};
}

void exec(sqlite3* db, const std::string& path, const char* sql) { sqlite::execute(db, sql, errors(path)); }

std::vector<float> floats(const Statement& s, int c) {
  const std::string_view bytes = s.blob_view(c);
  std::vector<float> out(bytes.size() / sizeof(float));
  if (!bytes.empty()) std::memcpy(out.data(), bytes.data(), out.size() * sizeof(float));
  return out;
}

std::string utc_now() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                     tm.tm_min, tm.tm_sec);
}

}  // namespace

ReferenceDb::ReferenceDb(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
ReferenceDb::~ReferenceDb() {
  if (db_) sqlite3_close(db_);
}
ReferenceDb::ReferenceDb(ReferenceDb&& other) noexcept : db_(other.db_), path_(std::move(other.path_)) {
  other.db_ = nullptr;
}
ReferenceDb& ReferenceDb::operator=(ReferenceDb&& other) noexcept {
  std::swap(db_, other.db_);
  std::swap(path_, other.path_);
  return *this;
}

ReferenceDb ReferenceDb::open(const std::string& path, bool create) {
  const bool exists = std::filesystem::exists(path);
  if (!exists && !create) throw InputError(fmt::format("{}: no such ENF reference file", path));
  if (exists && std::filesystem::is_directory(path)) throw InputError(fmt::format("{}: is a folder, not a reference file", path));
  sqlite3* raw = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &raw, flags, nullptr) != SQLITE_OK) {
    const std::string message = raw ? sqlite3_errmsg(raw) : "cannot open";
    sqlite3_close(raw);
    throw InputError(fmt::format("{}: cannot open the ENF reference file: {}", path, message));
  }
  ReferenceDb db(raw, path);
  sqlite3_busy_timeout(raw, 5000);
  // Reading the schema fails cleanly on files that are not SQLite databases.
  int64_t tables = 0;
  bool ours = false;
  {
    Statement q(raw, "SELECT count(*), sum(name = 'enf_reference_info') FROM sqlite_master WHERE type = 'table'",
                errors(db.path_));
    if (q.step()) tables = q.int64(0), ours = q.int64(1) > 0;
  }
  if (ours) {
    Statement q(raw, "SELECT value FROM enf_reference_info WHERE key = 'format'", errors(db.path_));
    if (!q.step() || q.text(0) != kFormat) throw InputError(fmt::format("{}: not an ENF reference file", path));
    return db;
  }
  if (tables > 0) throw InputError(fmt::format("{}: is a SQLite database but not an ENF reference file", path));
  if (!create) throw InputError(fmt::format("{}: is empty, not an ENF reference file", path));
  exec(raw, db.path_,
       "BEGIN;"
       "CREATE TABLE enf_reference_info(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
       "INSERT INTO enf_reference_info VALUES('format', 'provenance-enf-reference'), ('version', '1');"
       "CREATE TABLE enf_grid(name TEXT PRIMARY KEY, nominal_hz REAL NOT NULL);"
       "CREATE TABLE enf_day(grid TEXT NOT NULL REFERENCES enf_grid(name), day INTEGER NOT NULL,"
       "  samples BLOB NOT NULL, PRIMARY KEY(grid, day));"
       "CREATE TABLE enf_source(id INTEGER PRIMARY KEY, grid TEXT NOT NULL, kind TEXT NOT NULL, source TEXT NOT NULL,"
       "  first_utc INTEGER NOT NULL, last_utc INTEGER NOT NULL, seconds INTEGER NOT NULL, imported_utc TEXT NOT NULL);"
       "COMMIT;");
  return db;
}

ImportSummary ReferenceDb::import(const ReferenceSeries& series, const std::string& kind, const std::string& source) {
  ImportSummary summary;
  summary.grid = series.grid;
  if (series.grid.empty()) throw InputError(fmt::format("{}: a grid name is needed to import a reference", path_));
  std::size_t first = 0, last = series.size();
  while (first < last && std::isnan(series.frequency_hz[first])) ++first;
  while (last > first && std::isnan(series.frequency_hz[last - 1])) --last;
  if (first == last) throw InputError(fmt::format("{}: nothing to import for grid '{}' (no values)", source, series.grid));
  summary.first_utc = series.first_utc + static_cast<int64_t>(first);
  summary.last_utc = series.first_utc + static_cast<int64_t>(last) - 1;

  exec(db_, path_, "BEGIN IMMEDIATE");
  try {
    {
      Statement q(db_, "SELECT nominal_hz FROM enf_grid WHERE name = ?", errors(path_));
      q.bind(1, series.grid);
      if (q.step()) {
        if (std::abs(q.real(0) - series.nominal_hz) > 1.0)
          throw InputError(fmt::format("{}: grid '{}' is stored as {} Hz, the import is {} Hz", path_, series.grid,
                                       q.real(0), series.nominal_hz));
      } else {
        Statement add(db_, "INSERT INTO enf_grid(name, nominal_hz) VALUES(?, ?)", errors(path_));
        add.bind(1, series.grid).bind(2, series.nominal_hz);
        add.step();
      }
    }
    Statement read(db_, "SELECT samples FROM enf_day WHERE grid = ? AND day = ?", errors(path_));
    Statement write(db_, "INSERT OR REPLACE INTO enf_day(grid, day, samples) VALUES(?, ?, ?)", errors(path_));
    for (int64_t day = floor_div(summary.first_utc, kDay); day <= floor_div(summary.last_utc, kDay); ++day) {
      std::vector<float> chunk;
      read.reset();
      read.bind(1, series.grid).bind(2, day);
      if (read.step()) chunk = floats(read, 0);
      chunk.resize(kDay, std::numeric_limits<float>::quiet_NaN());
      for (int64_t s = 0; s < kDay; ++s) {
        const int64_t i = day * kDay + s - series.first_utc;
        if (i < static_cast<int64_t>(first) || i >= static_cast<int64_t>(last)) continue;
        const float v = series.frequency_hz[static_cast<std::size_t>(i)];
        if (std::isnan(v)) {
          ++summary.seconds_missing;
          continue;
        }
        if (!std::isnan(chunk[static_cast<std::size_t>(s)])) ++summary.seconds_replaced;
        chunk[static_cast<std::size_t>(s)] = v;
        ++summary.seconds_written;
      }
      write.reset();
      write.bind(1, series.grid).bind(2, day).bind_blob(3, chunk.data(), chunk.size() * sizeof(float));
      write.step();
    }
    Statement log(db_,
                  "INSERT INTO enf_source(grid, kind, source, first_utc, last_utc, seconds, imported_utc) "
                  "VALUES(?, ?, ?, ?, ?, ?, ?)",
                  errors(path_));
    log.bind(1, series.grid).bind(2, kind).bind(3, source).bind(4, summary.first_utc).bind(5, summary.last_utc);
    log.bind(6, static_cast<int64_t>(summary.seconds_written)).bind(7, utc_now());
    log.step();
    exec(db_, path_, "COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  return summary;
}

std::optional<GridInfo> ReferenceDb::grid(const std::string& name) const {
  Statement q(db_, "SELECT nominal_hz, (SELECT count(*) FROM enf_source WHERE grid = ?1) FROM enf_grid WHERE name = ?1",
              errors(path_));
  q.bind(1, name);
  if (!q.step()) return std::nullopt;
  GridInfo info;
  info.name = name;
  info.nominal_hz = q.real(0);
  info.sources = static_cast<std::size_t>(q.int64(1));
  Statement days(db_, "SELECT day, samples FROM enf_day WHERE grid = ? ORDER BY day", errors(path_));
  days.bind(1, name);
  bool any = false, in_gap = false;
  while (days.step()) {
    const int64_t day = days.int64(0);
    const auto values = floats(days, 1);
    for (std::size_t s = 0; s < values.size(); ++s) {
      if (std::isnan(values[s])) {
        if (any) in_gap = true;
        continue;
      }
      const int64_t t = day * kDay + static_cast<int64_t>(s);
      if (!any) info.first_utc = t;
      if (in_gap) ++info.gaps;
      in_gap = false;
      any = true;
      info.last_utc = t;
      ++info.seconds_with_data;
    }
  }
  return info;
}

std::vector<GridInfo> ReferenceDb::grids() const {
  std::vector<std::string> names;
  {
    Statement q(db_, "SELECT name FROM enf_grid ORDER BY name", errors(path_));
    while (q.step()) names.push_back(q.text(0));
  }
  std::vector<GridInfo> out;
  for (const auto& n : names) out.push_back(*grid(n));
  return out;
}

ReferenceSeries ReferenceDb::load(const std::string& name, std::optional<int64_t> from_utc,
                                  std::optional<int64_t> to_utc) const {
  ReferenceSeries series;
  series.grid = name;
  {
    Statement q(db_, "SELECT nominal_hz FROM enf_grid WHERE name = ?", errors(path_));
    q.bind(1, name);
    if (!q.step()) throw InputError(fmt::format("{}: no grid named '{}' in the reference file", path_, name));
    series.nominal_hz = q.real(0);
  }
  const int64_t lo_day = from_utc ? floor_div(*from_utc, kDay) : std::numeric_limits<int64_t>::min() / 2;
  const int64_t hi_day = to_utc ? floor_div(*to_utc, kDay) : std::numeric_limits<int64_t>::max() / 2;
  Statement days(db_, "SELECT day, samples FROM enf_day WHERE grid = ? AND day BETWEEN ? AND ? ORDER BY day",
                 errors(path_));
  days.bind(1, name).bind(2, lo_day).bind(3, hi_day);
  int64_t first_day = 0;
  while (days.step()) {
    const int64_t day = days.int64(0);
    if (series.frequency_hz.empty()) first_day = day;
    const std::size_t offset = static_cast<std::size_t>((day - first_day) * kDay);
    series.frequency_hz.resize(offset + kDay, std::numeric_limits<float>::quiet_NaN());
    const auto values = floats(days, 1);
    std::copy(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(values.size(), kDay)),
              series.frequency_hz.begin() + static_cast<std::ptrdiff_t>(offset));
  }
  series.first_utc = first_day * kDay;
  // Trim to the requested span and to the data.
  int64_t lo = series.first_utc, hi = series.first_utc + static_cast<int64_t>(series.size()) - 1;
  if (from_utc) lo = std::max(lo, *from_utc);
  if (to_utc) hi = std::min(hi, *to_utc);
  while (lo <= hi && std::isnan(series.frequency_hz[static_cast<std::size_t>(lo - series.first_utc)])) ++lo;
  while (hi >= lo && std::isnan(series.frequency_hz[static_cast<std::size_t>(hi - series.first_utc)])) --hi;
  if (series.frequency_hz.empty() || lo > hi) {
    series.frequency_hz.clear();
    return series;
  }
  std::vector<float> trimmed(series.frequency_hz.begin() + (lo - series.first_utc),
                             series.frequency_hz.begin() + (hi - series.first_utc) + 1);
  series.frequency_hz = std::move(trimmed);
  series.first_utc = lo;
  return series;
}

}  // namespace prov::enf
