#include "server/item_media.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <fstream>

#include "casefile/case_store.h"
#include "core/error.h"
#include "media/decode.h"
#include "media/hash.h"
#include "report/overview_figures.h"
#include "report/overview_sketch.h"
#include "report/png_image.h"

namespace prov::server {
namespace {

namespace fs = std::filesystem;

constexpr int kPeaksRate = 16000;
constexpr std::size_t kPeaksBucket = 160;     // 100 buckets a second
constexpr int kSpectrogramColumns = 4096;     // the picture is 2048 to 4096 columns wide
constexpr uint32_t kCacheVersion = 1;

std::string first_audio_codec(const nlohmann::json& container) {
  if (!container.contains("streams") || !container["streams"].is_array()) return {};
  for (const auto& s : container["streams"]) {
    if (s.value("type", "") == "audio") return s.value("codec", "");
  }
  return {};
}

// A mono 16-bit WAV written as blocks arrive; sizes are filled in at the end.
class WavWriter {
 public:
  explicit WavWriter(const fs::path& path) : out_(path, std::ios::binary | std::ios::trunc) {
    if (!out_) throw InputError(fmt::format("cannot write {}", path.string()));
    out_.write(std::string(44, '\0').data(), 44);
  }
  void feed(const float* mono, std::size_t frames, int rate) {
    rate_ = rate;
    buffer_.resize(frames);
    for (std::size_t i = 0; i < frames; ++i) {
      const float x = std::isfinite(mono[i]) ? std::clamp(mono[i], -1.0f, 1.0f) : 0.0f;
      buffer_[i] = static_cast<int16_t>(std::lround(x * 32767.0f));
    }
    if (data_bytes_ + frames * 2 > 0xFFFFFFFFull - 36) {
      overflow_ = true;
      return;
    }
    out_.write(reinterpret_cast<const char*>(buffer_.data()), static_cast<std::streamsize>(frames * 2));
    data_bytes_ += frames * 2;
  }
  // False when the rendition would not fit a WAV file (over 4 GiB).
  bool finish() {
    if (overflow_) return false;
    auto le32 = [](uint32_t v) { return std::string{char(v), char(v >> 8), char(v >> 16), char(v >> 24)}; };
    auto le16 = [](uint16_t v) { return std::string{char(v), char(v >> 8)}; };
    const auto data = static_cast<uint32_t>(data_bytes_);
    const auto rate = static_cast<uint32_t>(rate_);
    const std::string header = "RIFF" + le32(36 + data) + "WAVEfmt " + le32(16) + le16(1) + le16(1) + le32(rate) +
                               le32(rate * 2) + le16(2) + le16(16) + "data" + le32(data);
    out_.seekp(0);
    out_.write(header.data(), static_cast<std::streamsize>(header.size()));
    out_.close();
    return static_cast<bool>(out_);
  }

 private:
  std::ofstream out_;
  std::vector<int16_t> buffer_;
  uint64_t data_bytes_ = 0;
  int rate_ = 0;
  bool overflow_ = false;
};

void write_atomically(const fs::path& path, const std::string& bytes) {
  const fs::path partial = path.string() + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw InputError(fmt::format("cannot write {}", partial.string()));
  }
  fs::rename(partial, path);
}

std::string read_whole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The derived data of one recording, in the cache folder: a small binary
// header, the peaks, then the spectrogram picture.
std::string serialised(const ItemMedia& m) {
  std::string out = "PROVMEDIA";
  auto put = [&](uint64_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); };
  put(kCacheVersion);
  put(static_cast<uint64_t>(m.peaks.sample_rate));
  put(m.peaks.bucket_len);
  put(m.peaks.samples);
  put(m.peaks.min.size());
  put(static_cast<uint64_t>(m.spectrogram_top_hz));
  put(static_cast<uint64_t>(std::llround(m.duration_s * 1e6)));
  out.append(reinterpret_cast<const char*>(m.peaks.min.data()), m.peaks.min.size());
  out.append(reinterpret_cast<const char*>(m.peaks.max.data()), m.peaks.max.size());
  out += m.spectrogram_png;
  return out;
}

bool deserialise(const std::string& bytes, ItemMedia& m) {
  constexpr std::size_t head = 9 + 7 * sizeof(uint64_t);
  if (bytes.size() < head || bytes.compare(0, 9, "PROVMEDIA") != 0) return false;
  std::size_t at = 9;
  auto get = [&] {
    uint64_t v;
    std::memcpy(&v, bytes.data() + at, sizeof v);
    at += sizeof v;
    return v;
  };
  if (get() != kCacheVersion) return false;
  m.peaks.sample_rate = static_cast<int>(get());
  m.peaks.bucket_len = get();
  m.peaks.samples = get();
  const uint64_t count = get();
  m.spectrogram_top_hz = static_cast<int>(get());
  m.duration_s = static_cast<double>(get()) / 1e6;
  if (count > (bytes.size() - head) / 2) return false;
  m.peaks.min.assign(bytes.begin() + static_cast<std::ptrdiff_t>(at), bytes.begin() + static_cast<std::ptrdiff_t>(at + count));
  at += count;
  m.peaks.max.assign(bytes.begin() + static_cast<std::ptrdiff_t>(at), bytes.begin() + static_cast<std::ptrdiff_t>(at + count));
  at += count;
  m.spectrogram_png = bytes.substr(at);
  return true;
}

bool hex_name(const std::string& sha) {
  return sha.size() == 64 && std::all_of(sha.begin(), sha.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace

bool browsers_play(const std::string& format, const std::string& codec) {
  auto has = [&](const char* name) { return format.find(name) != std::string::npos; };
  if (has("wav")) return codec == "pcm_s16le" || codec == "pcm_u8" || codec == "pcm_f32le";
  if (format == "mp3") return codec == "mp3";
  if (format == "flac") return codec == "flac";
  if (format == "ogg") return codec == "vorbis" || codec == "opus" || codec == "flac";
  if (has("webm") || has("matroska")) return codec == "opus" || codec == "vorbis";
  return false;
}

std::string original_mime_type(const std::string& format) {
  if (format.find("wav") != std::string::npos) return "audio/wav";
  if (format == "mp3") return "audio/mpeg";
  if (format == "flac") return "audio/flac";
  if (format == "ogg") return "audio/ogg";
  return "audio/webm";
}

fs::path default_media_cache_folder() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return fs::path(xdg) / "provenance" / "media";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".cache" / "provenance" / "media";
  return fs::temp_directory_path() / fmt::format("provenance-media-{}", ::getuid());
}

void EvidenceCheck::require_intact(const casefile::ItemRecord& item) {
  struct stat st {};
  if (::stat(item.original_path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    throw MediaRefused({404, "the original file is not reachable at the path recorded at intake"});
  }
  const Seen now{static_cast<uintmax_t>(st.st_size), int64_t(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec,
                 static_cast<uint64_t>(st.st_ino), {}};
  {
    std::lock_guard lock(mutex_);
    const auto it = seen_.find(item.original_path);
    if (it != seen_.end() && it->second.size == now.size && it->second.mtime_ns == now.mtime_ns &&
        it->second.inode == now.inode && it->second.sha256 == item.sha256) {
      return;
    }
  }
  media::FileIdentity identity;
  try {
    identity = media::identify_file(item.original_path);
  } catch (const InputError&) {
    throw MediaRefused({404, "the original file cannot be read"});
  }
  if (identity.sha256 != item.sha256) {
    throw MediaRefused({409, "the original file has changed since intake (its SHA-256 differs); it is not served"});
  }
  std::lock_guard lock(mutex_);
  Seen checked = now;
  checked.sha256 = identity.sha256;
  seen_[item.original_path] = checked;
}

ItemMediaCache::ItemMediaCache(fs::path folder, std::size_t in_memory)
    : folder_(std::move(folder)), in_memory_(std::max<std::size_t>(in_memory, 1)) {}

std::shared_ptr<const ItemMedia> ItemMediaCache::get(const casefile::ItemRecord& item) {
  if (!hex_name(item.sha256)) throw MediaRefused({409, "the item's SHA-256 in the case file is malformed"});
  evidence_.require_intact(item);
  auto recent = [&]() -> std::shared_ptr<const ItemMedia> {
    std::lock_guard lock(mutex_);
    for (auto it = recent_.begin(); it != recent_.end(); ++it) {
      if ((*it)->sha256 == item.sha256) {
        recent_.splice(recent_.begin(), recent_, it);
        return recent_.front();
      }
    }
    return nullptr;
  };
  if (auto found = recent()) return found;
  std::lock_guard build_lock(build_mutex_);
  if (auto found = recent()) return found;  // built while this request waited
  auto media = load_from_folder(item);
  if (!media) media = build(item);
  std::lock_guard lock(mutex_);
  recent_.push_front(media);
  while (recent_.size() > in_memory_) recent_.pop_back();
  return media;
}

std::shared_ptr<const ItemMedia> ItemMediaCache::load_from_folder(const casefile::ItemRecord& item) const {
  auto media = std::make_shared<ItemMedia>();
  if (!deserialise(read_whole(folder_ / (item.sha256 + ".media")), *media)) return nullptr;
  media->sha256 = item.sha256;
  if (browsers_play(item.container.value("format", ""), first_audio_codec(item.container))) {
    media->playable = item.original_path;
    media->playable_is_original = true;
  } else {
    media->playable = folder_ / (item.sha256 + ".wav");
    if (!fs::exists(media->playable)) return nullptr;
  }
  media->playable_type = media->playable_is_original ? original_mime_type(item.container.value("format", "")) : "audio/wav";
  return media;
}

std::shared_ptr<const ItemMedia> ItemMediaCache::build(const casefile::ItemRecord& item) const {
  std::error_code ec;
  fs::create_directories(folder_, ec);
  fs::permissions(folder_, fs::perms::owner_all, fs::perm_options::replace, ec);
  auto media = std::make_shared<ItemMedia>();
  media->sha256 = item.sha256;
  media->playable_is_original = browsers_play(item.container.value("format", ""), first_audio_codec(item.container));
  const fs::path rendition = folder_ / (item.sha256 + ".wav");
  const fs::path partial = rendition.string() + ".partial";
  std::unique_ptr<WavWriter> wav;
  if (!media->playable_is_original) wav = std::make_unique<WavWriter>(partial);

  WaveformPeaksBuilder peaks(kPeaksRate, kPeaksBucket);
  report::OverviewSketch sketch(kPeaksRate, kSpectrogramColumns);
  media::DecodeOptions options;
  options.analysis_rate = kPeaksRate;
  options.keep_analysis = false;
  options.allow_truncated = true;
  media::DecodedAudio decoded;
  try {
    decoded = media::decode_audio(
        item.original_path, options,
        [&](const float* mono, std::size_t frames, int rate) {
          if (wav) wav->feed(mono, frames, rate);
        },
        {},
        [&](const float* mono, std::size_t count) {
          peaks.feed(mono, count);
          sketch.feed(mono, count);
        });
  } catch (const InputError&) {
    fs::remove(partial, ec);
    throw MediaRefused({422, "the original file cannot be decoded for playback"});
  }
  media->duration_s = decoded.decoded_duration_s();
  media->peaks = peaks.finish();
  media->spectrogram_png = report::encode_png(report::spectrogram_image(sketch));
  media->spectrogram_top_hz = kPeaksRate / 2;
  if (wav) {
    if (!wav->finish()) {
      fs::remove(partial, ec);
      throw MediaRefused({422, "the recording is too long for a WAV rendition"});
    }
    fs::rename(partial, rendition);
    media->playable = rendition;
    media->playable_type = "audio/wav";
  } else {
    media->playable = item.original_path;
    media->playable_type = original_mime_type(item.container.value("format", ""));
  }
  write_atomically(folder_ / (item.sha256 + ".media"), serialised(*media));
  return media;
}

}  // namespace prov::server
