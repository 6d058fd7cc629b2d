#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "enf/reference.h"

struct sqlite3;

namespace prov::enf {

struct GridInfo {
  std::string name;
  double nominal_hz = 0;
  int64_t first_utc = 0;
  int64_t last_utc = 0;  // last second with data
  std::size_t seconds_with_data = 0;
  std::size_t gaps = 0;  // runs of missing seconds inside the span
  std::size_t sources = 0;
};

struct ImportSummary {
  std::string grid;
  int64_t first_utc = 0, last_utc = 0;
  std::size_t seconds_written = 0;
  std::size_t seconds_missing = 0;  // inside the imported span
  std::size_t seconds_replaced = 0; // stored values overwritten by this import
};

// A reference file: one SQLite database holding 1 s ENF series per grid in
// day-long chunks (float32, NaN = no data), and where each part came from.
// Every import is one transaction; a failed import leaves the file as it was.
class ReferenceDb {
 public:
  // Throws InputError when the file is not a reference file, or is missing and create is false.
  static ReferenceDb open(const std::string& path, bool create);
  ~ReferenceDb();
  ReferenceDb(ReferenceDb&&) noexcept;
  ReferenceDb& operator=(ReferenceDb&&) noexcept;

  // Adds the series to its grid (created with the series' nominal if new);
  // newer values replace older ones second by second, gaps never erase data.
  ImportSummary import(const ReferenceSeries& series, const std::string& source_kind, const std::string& source);
  std::vector<GridInfo> grids() const;
  std::optional<GridInfo> grid(const std::string& name) const;
  // The grid's series over [from_utc, to_utc] (whole span when not given).
  ReferenceSeries load(const std::string& name, std::optional<int64_t> from_utc = std::nullopt,
                       std::optional<int64_t> to_utc = std::nullopt) const;
  const std::string& path() const { return path_; }

 private:
  ReferenceDb(sqlite3* db, std::string path);
  sqlite3* db_ = nullptr;
  std::string path_;
};

}  // namespace prov::enf
