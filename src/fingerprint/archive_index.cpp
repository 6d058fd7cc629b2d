#include "fingerprint/archive_index.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "core/error.h"
#include "sqlite/statement.h"

namespace prov::fingerprint {
namespace {

constexpr const char* kFormatName = "provenance-fingerprint-archive";
constexpr int kFormatVersion = 2;
constexpr const char* kDefaultFileName = "fingerprints.sqlite";

using sqlite::Statement;
const sqlite::Context kArchive{.label = "archive"};

void exec(sqlite3* db, const char* sql) { sqlite::execute(db, sql, kArchive); }

constexpr const char* kSchema = R"sql(
CREATE TABLE archive_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE items(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  sha256 TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  released TEXT NOT NULL DEFAULT '',
  original_path TEXT NOT NULL DEFAULT '',
  duration_s REAL NOT NULL,
  added_utc TEXT NOT NULL,
  landmark_count INTEGER NOT NULL,
  peaks BLOB);
)sql";

// Version 2 keeps one row of packed postings per hash (posting_list.h);
// version 1 kept one row per posting, and a lookup stepped through each.
constexpr const char* kPostingListsSchema = R"sql(
CREATE TABLE posting_lists(
  hash INTEGER PRIMARY KEY, count INTEGER NOT NULL, last_item INTEGER NOT NULL, postings BLOB NOT NULL);
)sql";

// Perceptual hashes of an item's video frames, one packed list per item.
// Added without a version change: older archives gain the table when opened.
constexpr const char* kVideoSchema = R"sql(
CREATE TABLE IF NOT EXISTS video_frames(
  item INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  duration_s REAL NOT NULL, frame_count INTEGER NOT NULL, hashes BLOB NOT NULL);
)sql";

std::string utc_now() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())));
}

void put_varint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

uint64_t get_varint(const std::string& in, std::size_t& pos) {
  uint64_t v = 0;
  for (int shift = 0; pos < in.size() && shift < 64; shift += 7) {
    const auto byte = static_cast<uint8_t>(in[pos++]);
    v |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return v;
  }
  throw std::runtime_error("archive: corrupt peak list");
}

std::vector<SpectralPeak> normalised(const std::vector<SpectralPeak>& peaks) { return decode_peaks(encode_peaks(peaks)); }

}  // namespace

std::string encode_peaks(const std::vector<SpectralPeak>& peaks) {
  std::string out;
  out.reserve(peaks.size() * 5);
  put_varint(out, peaks.size());
  int64_t previous = 0;
  for (const auto& p : peaks) {
    // Peaks come sorted by time; a later one may sit a fraction of a frame
    // earlier after interpolation, so deltas are zig-zag coded.
    const int64_t t = std::llround(std::max(0.0f, p.frame) * 16.0);
    const int64_t d = t - previous;
    previous = t;
    put_varint(out, static_cast<uint64_t>((d << 1) ^ (d >> 63)));
    put_varint(out, static_cast<uint64_t>(std::llround(std::max(0.0f, p.freq_hz) * 4.0)));
    put_varint(out, static_cast<uint64_t>(std::clamp<long long>(std::llround(p.prominence_db * 2.0), 0, 255)));
  }
  return out;
}

std::vector<SpectralPeak> decode_peaks(const std::string& blob) {
  std::size_t pos = 0;
  const uint64_t n = get_varint(blob, pos);
  if (n > blob.size()) throw std::runtime_error("archive: corrupt peak list");
  std::vector<SpectralPeak> peaks;
  peaks.reserve(n);
  int64_t t = 0;
  for (uint64_t i = 0; i < n; ++i) {
    const uint64_t z = get_varint(blob, pos);
    t += static_cast<int64_t>(z >> 1) ^ -static_cast<int64_t>(z & 1);
    SpectralPeak p;
    p.frame = static_cast<float>(t / 16.0);
    p.freq_hz = static_cast<float>(get_varint(blob, pos) / 4.0);
    p.prominence_db = static_cast<float>(get_varint(blob, pos) / 2.0);
    peaks.push_back(p);
  }
  return peaks;
}

struct ArchiveIndex::Statements {
  explicit Statements(sqlite3* db)
      : lookup(db, "SELECT count, postings FROM posting_lists WHERE hash = ?1", kArchive),
        read(db, "SELECT count, last_item, postings FROM posting_lists WHERE hash = ?1", kArchive),
        write(db, "INSERT OR REPLACE INTO posting_lists(hash, count, last_item, postings) VALUES(?1, ?2, ?3, ?4)",
              kArchive),
        erase(db, "DELETE FROM posting_lists WHERE hash = ?1", kArchive) {}
  Statement lookup;
  Statement read;
  Statement write;
  Statement erase;
};

namespace {

void write_list(Statement& write, uint32_t hash, std::size_t count, uint32_t last_item, const std::string& bytes) {
  write.bind(1, static_cast<int64_t>(hash)).bind(2, static_cast<int64_t>(count)).bind(3, static_cast<int64_t>(last_item));
  write.bind_blob(4, bytes);
  write.run();
}

// Version 1 kept one row per posting; version 2 one list per hash.
void regroup_version_1_postings(sqlite3* db) {
  Statement all(db, "SELECT hash, item, anchor FROM postings ORDER BY hash, item, anchor", kArchive);
  Statement write(db, "INSERT INTO posting_lists(hash, count, last_item, postings) VALUES(?1, ?2, ?3, ?4)", kArchive);
  std::vector<Posting> list;
  int64_t hash = -1;
  auto flush = [&] {
    if (!list.empty()) write_list(write, static_cast<uint32_t>(hash), list.size(), list.back().item, encode_postings(list));
    list.clear();
  };
  while (all.step()) {
    if (all.int64(0) != hash) {
      flush();
      hash = all.int64(0);
    }
    list.push_back({static_cast<uint32_t>(all.int64(1)), static_cast<uint32_t>(all.int64(2))});
  }
  flush();
}

void upgrade_from_version_1(sqlite3* db) {
  exec(db, "BEGIN IMMEDIATE");
  try {
    exec(db, kPostingListsSchema);
    regroup_version_1_postings(db);
    exec(db, "DROP TABLE postings; UPDATE archive_meta SET value = '2' WHERE key = 'version';");
    exec(db, "COMMIT");
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

}  // namespace

void ArchiveIndex::insert_postings(int64_t item, const std::vector<Landmark>& landmarks) {
  for (const auto& l : landmarks) pending_.push_back({l.hash, {static_cast<uint32_t>(item), l.anchor}});
  // A bulk load merges in batches of ~30 million postings (~360 MB).
  if (!in_bulk_ || pending_.size() > 30'000'000) merge_postings(pending_);
}

void ArchiveIndex::merge_postings(std::vector<HashPosting>& pending) {
  // Taken out first: after a failure (and the caller's rollback) nothing stale is left to merge.
  std::vector<HashPosting> entries;
  entries.swap(pending);
  auto key = [](const HashPosting& e) { return std::tuple(e.hash, e.posting.item, e.posting.anchor); };
  std::sort(entries.begin(), entries.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
  entries.erase(std::unique(entries.begin(), entries.end(), [&](const auto& a, const auto& b) { return key(a) == key(b); }),
                entries.end());
  std::vector<Posting> added, merged;
  for (std::size_t i = 0; i < entries.size();) {
    const uint32_t hash = entries[i].hash;
    added.clear();
    for (; i < entries.size() && entries[i].hash == hash; ++i) added.push_back(entries[i].posting);
    auto stored = read_list(hash);
    if (!stored) {
      write_list(statements_->write, hash, added.size(), added.back().item, encode_postings(added));
    } else if (added.front().item > stored->last_item) {
      // New items have the largest ids: their postings go on the end.
      stored->bytes += encode_postings(added, stored->last_item);
      write_list(statements_->write, hash, stored->count + added.size(), added.back().item, stored->bytes);
    } else {
      merged.clear();
      decode_postings(stored->bytes, merged);
      merged.insert(merged.end(), added.begin(), added.end());
      std::sort(merged.begin(), merged.end(),
                [](const Posting& a, const Posting& b) { return std::pair(a.item, a.anchor) < std::pair(b.item, b.anchor); });
      merged.erase(std::unique(merged.begin(), merged.end(),
                               [](const Posting& a, const Posting& b) { return a.item == b.item && a.anchor == b.anchor; }),
                   merged.end());
      write_list(statements_->write, hash, merged.size(), merged.back().item, encode_postings(merged));
    }
  }
}

void ArchiveIndex::remove_postings(uint32_t item, const std::vector<uint32_t>& hashes) {
  std::vector<Posting> list;
  for (const uint32_t hash : hashes) {
    const auto stored = read_list(hash);
    if (!stored) continue;
    list.clear();
    decode_postings(stored->bytes, list);
    const auto before = list.size();
    std::erase_if(list, [&](const Posting& p) { return p.item == item; });
    if (list.size() == before) continue;
    if (list.empty()) {
      statements_->erase.bind(1, static_cast<int64_t>(hash)).run();
    } else {
      write_list(statements_->write, hash, list.size(), list.back().item, encode_postings(list));
    }
  }
}

std::optional<ArchiveIndex::StoredList> ArchiveIndex::read_list(uint32_t hash) {
  auto& read = statements_->read;
  read.bind(1, static_cast<int64_t>(hash));
  std::optional<StoredList> stored;
  if (read.step())
    stored = StoredList{static_cast<std::size_t>(read.int64(0)), static_cast<uint32_t>(read.int64(1)),
                        std::string(read.blob_view(2))};
  read.reset();  // the bytes are copied: decoding, which may throw, comes after
  return stored;
}

std::string ArchiveIndex::resolve_path(const std::string& dir_or_file) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!dir_or_file.empty() && (dir_or_file.back() == '/' || fs::is_directory(dir_or_file, ec)))
    return (fs::path(dir_or_file) / kDefaultFileName).string();
  return dir_or_file;
}

ArchiveIndex::ArchiveIndex(sqlite3* db, std::string path)
    : db_(db), path_(std::move(path)), statements_(new Statements(db)) {}

ArchiveIndex::~ArchiveIndex() {
  delete statements_;
  if (db_) sqlite3_close(db_);
}

ArchiveIndex::ArchiveIndex(ArchiveIndex&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)),
      statements_(std::exchange(other.statements_, nullptr)), in_bulk_(other.in_bulk_) {}

ArchiveIndex& ArchiveIndex::operator=(ArchiveIndex&& other) noexcept {
  if (this != &other) {
    delete statements_;
    if (db_) sqlite3_close(db_);
    db_ = std::exchange(other.db_, nullptr);
    statements_ = std::exchange(other.statements_, nullptr);
    path_ = std::move(other.path_);
    in_bulk_ = other.in_bulk_;
  }
  return *this;
}

ArchiveIndex ArchiveIndex::open(const std::string& given, Mode mode) {
  namespace fs = std::filesystem;
  const std::string path = resolve_path(given);
  std::error_code ec;
  const bool exists = fs::exists(path, ec);
  if (!exists && mode == Mode::open_existing) throw InputError(fmt::format("{}: no such archive", path));
  if (exists && fs::is_directory(path, ec)) throw InputError(fmt::format("{}: is a directory, not an archive", path));
  if (!exists) {
    const fs::path parent = fs::path(path).parent_path();
    if (!parent.empty()) fs::create_directories(parent, ec);
  }
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | (mode == Mode::create_if_missing ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    const std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw InputError(fmt::format("{}: cannot open archive ({})", path, message));
  }
  sqlite3_busy_timeout(db, 5000);
  try {
    // Reading the schema is the first access to the file: a non-database fails here.
    int tables = 0;
    bool has_meta = false;
    {
      Statement s(db, "SELECT name FROM sqlite_master WHERE type = 'table'", kArchive);
      while (s.step()) {
        ++tables;
        if (s.text(0) == "archive_meta") has_meta = true;
      }
    }
    if (!has_meta) {
      if (tables > 0) throw InputError(fmt::format("{}: a SQLite database, but not a fingerprint archive", path));
      exec(db, "BEGIN");
      exec(db, kSchema);
      exec(db, kPostingListsSchema);
      Statement put(db, "INSERT INTO archive_meta(key, value) VALUES(?1, ?2)", kArchive);
      put.bind(1, std::string("format")).bind(2, std::string(kFormatName)).run();
      put.bind(1, std::string("version")).bind(2, std::to_string(kFormatVersion)).run();
      exec(db, "COMMIT");
    }
    Statement get(db, "SELECT value FROM archive_meta WHERE key = ?1", kArchive);
    get.bind(1, std::string("format"));
    if (!get.step() || get.text(0) != kFormatName)
      throw InputError(fmt::format("{}: a SQLite database, but not a fingerprint archive", path));
    get.reset();
    get.bind(1, std::string("version"));
    const int version = get.step() ? std::stoi(get.text(0)) : 0;
    get.reset();
    if (version == 1) {
      upgrade_from_version_1(db);
      exec(db, "VACUUM");  // give back the pages of the old table
    } else if (version != kFormatVersion) {
      throw InputError(fmt::format("{}: fingerprint archive of an unsupported format version", path));
    }
    exec(db, kVideoSchema);
    // Lookups read posting lists all over the file: mapping it spares a
    // read() call per page.
    exec(db, "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA mmap_size = 1099511627776;");
  } catch (const InputError&) {
    sqlite3_close(db);
    throw;
  } catch (const std::exception& e) {
    sqlite3_close(db);
    throw InputError(fmt::format("{}: not a fingerprint archive ({})", path, e.what()));
  }
  return ArchiveIndex(db, path);
}

ArchiveIndex::AddResult ArchiveIndex::add(const std::string& sha256, const ItemMetadata& m, double duration_s,
                                          const std::vector<SpectralPeak>& peaks, const VideoFrameBlob* video) {
  if (auto existing = find_sha256(sha256)) return {existing->id, true};
  const std::string blob = encode_peaks(peaks);
  const std::vector<Landmark> landmarks = archive_landmarks(normalised(peaks));
  if (!in_bulk_) exec(db_, "BEGIN IMMEDIATE");
  try {
    Statement ins(db_,
                  "INSERT INTO items(sha256, title, source, released, original_path, duration_s, added_utc, "
                  "landmark_count, peaks) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                  kArchive);
    ins.bind(1, sha256).bind(2, m.title).bind(3, m.source).bind(4, m.released).bind(5, m.original_path);
    ins.bind(6, duration_s).bind(7, utc_now()).bind(8, static_cast<int64_t>(landmarks.size())).bind_blob(9, blob);
    ins.run();
    const int64_t id = sqlite3_last_insert_rowid(db_);
    insert_postings(id, landmarks);
    if (video) {
      Statement put(db_, "INSERT INTO video_frames(item, duration_s, frame_count, hashes) VALUES(?1, ?2, ?3, ?4)",
                    kArchive);
      put.bind(1, id).bind(2, video->duration_s).bind(3, video->frame_count).bind_blob(4, video->packed);
      put.run();
    }
    if (!in_bulk_) exec(db_, "COMMIT");
    return {id, false};
  } catch (...) {
    if (!in_bulk_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

int64_t ArchiveIndex::add_synthetic_item(const std::string& name, double duration_s,
                                         const std::vector<Landmark>& landmarks) {
  Statement ins(db_,
                "INSERT INTO items(sha256, title, source, duration_s, added_utc, landmark_count) "
                "VALUES(?1, ?1, 'synthetic', ?2, ?3, ?4)",
                kArchive);
  ins.bind(1, name).bind(2, duration_s).bind(3, utc_now()).bind(4, static_cast<int64_t>(landmarks.size()));
  ins.run();
  const int64_t id = sqlite3_last_insert_rowid(db_);
  insert_postings(id, landmarks);
  return id;
}

void ArchiveIndex::begin_bulk() {
  // A bulk load fills a fresh B-tree in random key order: a big page cache
  // keeps it in memory until the commit.
  exec(db_, "PRAGMA cache_size = -2000000");
  exec(db_, "BEGIN IMMEDIATE");
  in_bulk_ = true;
}

void ArchiveIndex::end_bulk() {
  in_bulk_ = false;
  merge_postings(pending_);
  exec(db_, "COMMIT");
  exec(db_, "PRAGMA cache_size = -65536");
}

bool ArchiveIndex::remove(int64_t id) {
  if (in_bulk_) throw std::logic_error("archive: remove during a bulk load");
  exec(db_, "BEGIN IMMEDIATE");
  try {
    Statement get(db_, "SELECT peaks FROM items WHERE id = ?1", kArchive);
    get.bind(1, id);
    if (!get.step()) {
      exec(db_, "ROLLBACK");
      return false;
    }
    const std::string blob = get.blob(0);
    std::vector<uint32_t> hashes;
    if (blob.empty()) {
      // Items without a peak list (synthetic bulk loads) are looked for in every list.
      Statement all(db_, "SELECT hash FROM posting_lists", kArchive);
      while (all.step()) hashes.push_back(static_cast<uint32_t>(all.int64(0)));
    } else {
      for (const auto& l : archive_landmarks(decode_peaks(blob))) hashes.push_back(l.hash);
      std::sort(hashes.begin(), hashes.end());
      hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
    }
    remove_postings(static_cast<uint32_t>(id), hashes);
    Statement del_video(db_, "DELETE FROM video_frames WHERE item = ?1", kArchive);
    del_video.bind(1, id).run();
    Statement del_item(db_, "DELETE FROM items WHERE id = ?1", kArchive);
    del_item.bind(1, id).run();
    exec(db_, "COMMIT");
    return true;
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

namespace {
constexpr const char* kItemColumns =
    "SELECT id, sha256, title, source, released, original_path, items.duration_s, added_utc, landmark_count, "
    "coalesce(video_frames.frame_count, 0) FROM items LEFT JOIN video_frames ON video_frames.item = items.id";

ArchiveItem read_item(const Statement& s) {
  ArchiveItem item;
  item.id = s.int64(0);
  item.sha256 = s.text(1);
  item.metadata = {s.text(2), s.text(3), s.text(4), s.text(5)};
  item.duration_s = s.real(6);
  item.added_utc = s.text(7);
  item.landmark_count = s.int64(8);
  item.video_frame_count = s.int64(9);
  return item;
}
}  // namespace

std::vector<std::pair<int64_t, VideoFrameBlob>> ArchiveIndex::video_frames() const {
  Statement s(db_, "SELECT item, duration_s, frame_count, hashes FROM video_frames ORDER BY item", kArchive);
  std::vector<std::pair<int64_t, VideoFrameBlob>> out;
  while (s.step()) out.push_back({s.int64(0), {s.real(1), s.int64(2), s.blob(3)}});
  return out;
}

std::optional<ArchiveItem> ArchiveIndex::item(int64_t id) const {
  Statement s(db_, std::string(kItemColumns) + " WHERE id = ?1", kArchive);
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_item(s);
}

std::optional<ArchiveItem> ArchiveIndex::find_sha256(const std::string& sha256) const {
  Statement s(db_, std::string(kItemColumns) + " WHERE sha256 = ?1", kArchive);
  s.bind(1, sha256);
  if (!s.step()) return std::nullopt;
  return read_item(s);
}

std::vector<ArchiveItem> ArchiveIndex::items() const {
  Statement s(db_, std::string(kItemColumns) + " ORDER BY id", kArchive);
  std::vector<ArchiveItem> out;
  while (s.step()) out.push_back(read_item(s));
  return out;
}

ArchiveStats ArchiveIndex::stats() const {
  ArchiveStats st;
  Statement s(db_, "SELECT count(*), coalesce(sum(duration_s), 0), coalesce(sum(landmark_count), 0) FROM items",
              kArchive);
  if (s.step()) {
    st.items = s.int64(0);
    st.hours = s.real(1) / 3600.0;
    st.postings = s.int64(2);
  }
  Statement pages(db_, "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()", kArchive);
  if (pages.step()) st.file_bytes = static_cast<uint64_t>(pages.int64(0));
  return st;
}

void ArchiveIndex::begin_lookups() {
  if (!pending_.empty()) merge_postings(pending_);
  if (in_bulk_ || in_lookups_) return;
  exec(db_, "BEGIN");
  in_lookups_ = true;
}

void ArchiveIndex::end_lookups() {
  if (!in_lookups_) return;
  in_lookups_ = false;
  // Ending a transaction that only read cannot lose anything: no throw here.
  sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
}

bool ArchiveIndex::lookup(uint32_t hash, std::size_t cap, std::vector<Posting>& out) {
  if (!pending_.empty()) merge_postings(pending_);
  auto& s = statements_->lookup;
  s.bind(1, static_cast<int64_t>(hash));
  bool within_cap = true;
  try {
    if (s.step()) {
      // The count is read first, so the list of a capped hash is never decoded.
      within_cap = static_cast<std::size_t>(s.int64(0)) <= cap;
      if (within_cap) decode_postings(s.blob_view(1), out);
    }
  } catch (...) {
    s.reset();
    throw;
  }
  s.reset();
  return within_cap;
}

}  // namespace prov::fingerprint
