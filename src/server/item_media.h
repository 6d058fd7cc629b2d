#pragma once
#include <cstdint>
#include <filesystem>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include "server/request_checks.h"
#include "server/waveform_peaks.h"

namespace prov::casefile {
struct ItemRecord;
}

namespace prov::server {

// A media request the server turns down with this status and message.
struct MediaRefused : std::runtime_error {
  explicit MediaRefused(Refusal r) : std::runtime_error(r.message), refusal(std::move(r)) {}
  Refusal refusal;
};

// What the player page needs of one item, derived once from its original
// file: the waveform at 100 buckets a second, a spectrogram picture of the
// whole recording, and the file the browser plays (the original when
// browsers play its format, else a WAV rendition at the native rate).
struct ItemMedia {
  std::string sha256;
  double duration_s = 0.0;
  WaveformPeaks peaks;
  std::string spectrogram_png;
  int spectrogram_top_hz = 0;
  std::filesystem::path playable;
  std::string playable_type;  // MIME type
  bool playable_is_original = false;
};

// Checks that an item's original file still holds the bytes hashed at
// intake, hashing it again only when its size, time or inode changed since
// the last check. The file is only ever opened for reading.
class EvidenceCheck {
 public:
  // Throws MediaRefused: 404 when the file is not there, 409 when its
  // SHA-256 is no longer the one in the case file.
  void require_intact(const casefile::ItemRecord& item);

 private:
  struct Seen {
    uintmax_t size = 0;
    int64_t mtime_ns = 0;
    uint64_t inode = 0;
    std::string sha256;
  };
  std::mutex mutex_;
  std::map<std::string, Seen> seen_;
};

// Builds ItemMedia on first use and keeps it in a folder keyed by SHA-256
// (so a restart does not decode again) and the last few in memory.
class ItemMediaCache {
 public:
  explicit ItemMediaCache(std::filesystem::path folder, std::size_t in_memory = 4);

  // Throws MediaRefused when the original is missing or changed, or cannot
  // be decoded.
  std::shared_ptr<const ItemMedia> get(const casefile::ItemRecord& item);
  EvidenceCheck& evidence() { return evidence_; }

 private:
  std::shared_ptr<const ItemMedia> load_from_folder(const casefile::ItemRecord& item) const;
  std::shared_ptr<const ItemMedia> build(const casefile::ItemRecord& item) const;

  std::filesystem::path folder_;
  std::size_t in_memory_;
  EvidenceCheck evidence_;
  std::mutex build_mutex_;  // one decode at a time: two cores are shared
  std::mutex mutex_;
  std::list<std::shared_ptr<const ItemMedia>> recent_;
};

// The default folder: $XDG_CACHE_HOME/provenance/media, or ~/.cache/...,
// or the temporary folder when neither is set.
std::filesystem::path default_media_cache_folder();

// Whether Chromium and Firefox play this container and codec as they are.
bool browsers_play(const std::string& container_format, const std::string& codec);
// The MIME type of an original that browsers play (see browsers_play).
std::string original_mime_type(const std::string& container_format);

}  // namespace prov::server
