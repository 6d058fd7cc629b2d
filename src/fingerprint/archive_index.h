#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fingerprint/landmarks.h"
#include "fingerprint/posting_list.h"
#include "fingerprint/spectral_peaks.h"

struct sqlite3;

namespace prov::fingerprint {

struct ItemMetadata {
  std::string title;
  std::string source;
  std::string released;       // as given, e.g. 2014-07-05
  std::string original_path;
};

struct ArchiveItem {
  int64_t id = 0;
  std::string sha256;
  ItemMetadata metadata;
  double duration_s = 0;
  std::string added_utc;
  int64_t landmark_count = 0;
  int64_t video_frame_count = 0;  // perceptual hashes of its pictures kept (0: no video, or none usable)
};

// The frame hashes of an item's pictures, packed by video/frame_hashes.h;
// the archive stores them without reading them.
struct VideoFrameBlob {
  double duration_s = 0;     // of the video stream
  int64_t frame_count = 0;
  std::string packed;
};

// Where the matcher looks hashes up; the archive index is one, tests may use others.
class PostingSource {
 public:
  virtual ~PostingSource() = default;
  // Appends the postings of `hash` to `out`. Returns false (appending nothing)
  // when the hash has more than `cap` postings: such hashes come from
  // silence, tones and other sounds too common to identify anything.
  virtual bool lookup(uint32_t hash, std::size_t cap, std::vector<Posting>& out) = 0;
  // Bracket the lookups of one query, so a source can serve them all from
  // one consistent state.
  virtual void begin_lookups() {}
  virtual void end_lookups() {}
};

struct ArchiveStats {
  int64_t items = 0;
  double hours = 0;
  int64_t postings = 0;
  uint64_t file_bytes = 0;
};

// The recycled-audio archive: one SQLite file holding item metadata, each
// item's peak list (so an item can be removed without a rebuild) and an
// inverted index from landmark hash to (item, anchor time), one row of
// packed postings per hash so that a lookup is one B-tree read.
class ArchiveIndex : public PostingSource {
 public:
  enum class Mode { open_existing, create_if_missing };
  // A directory (existing, or given with a trailing '/') holds
  // `fingerprints.sqlite`; anything else is the archive file itself.
  static std::string resolve_path(const std::string& dir_or_file);
  // Throws InputError when the file is missing (open_existing), is not a
  // SQLite database, or is a database of something else.
  static ArchiveIndex open(const std::string& path, Mode mode);
  ~ArchiveIndex() override;
  ArchiveIndex(ArchiveIndex&&) noexcept;
  ArchiveIndex& operator=(ArchiveIndex&&) noexcept;

  const std::string& path() const { return path_; }

  struct AddResult {
    int64_t id = 0;
    bool duplicate = false;  // the SHA-256 was already archived; nothing changed
  };
  // Adds one item in one transaction. The peaks must come from
  // find_spectral_peaks with default parameters.
  // `video`, when given, is stored with the item in the same transaction.
  AddResult add(const std::string& sha256, const ItemMetadata& metadata, double duration_s,
                const std::vector<SpectralPeak>& peaks, const VideoFrameBlob* video = nullptr);
  // The frame hashes of every item that has video, by item id.
  std::vector<std::pair<int64_t, VideoFrameBlob>> video_frames() const;
  // Removes the item and its postings; false when no such item.
  bool remove(int64_t id);

  std::optional<ArchiveItem> item(int64_t id) const;
  std::optional<ArchiveItem> find_sha256(const std::string& sha256) const;
  std::vector<ArchiveItem> items() const;
  ArchiveStats stats() const;

  bool lookup(uint32_t hash, std::size_t cap, std::vector<Posting>& out) override;
  // One read transaction for a query's lookups: a consistent snapshot while
  // another process adds or removes items, and no file lock taken and
  // released around each of the query's hundred thousand lookups.
  void begin_lookups() override;
  void end_lookups() override;

  // Bulk loading (many items in one transaction, postings merged into the
  // index in large batches) and items without a peak list, for very large
  // synthetic archives in benchmarks.
  int64_t add_synthetic_item(const std::string& name, double duration_s, const std::vector<Landmark>& landmarks);
  void begin_bulk();
  void end_bulk();

 private:
  struct HashPosting {
    uint32_t hash;
    Posting posting;
  };
  ArchiveIndex(sqlite3* db, std::string path);
  void insert_postings(int64_t item, const std::vector<Landmark>& landmarks);
  void merge_postings(std::vector<HashPosting>& pending);
  void remove_postings(uint32_t item, const std::vector<uint32_t>& hashes);
  struct StoredList {
    std::size_t count;
    uint32_t last_item;
    std::string bytes;  // packed postings (posting_list.h)
  };
  std::optional<StoredList> read_list(uint32_t hash);
  struct Statements;
  sqlite3* db_ = nullptr;
  std::string path_;
  Statements* statements_ = nullptr;
  bool in_bulk_ = false;
  bool in_lookups_ = false;
  std::vector<HashPosting> pending_;  // bulk postings not yet merged
};

// Compact, lossy-but-deterministic encoding of a peak list (1/16 frame,
// 1/4 Hz, 1/2 dB): landmarks are always computed from the decoded form.
std::string encode_peaks(const std::vector<SpectralPeak>& peaks);
std::vector<SpectralPeak> decode_peaks(const std::string& blob);

}  // namespace prov::fingerprint
