#pragma once
#include <cstdint>
#include <vector>

#include "video/frame_hashes.h"

namespace prov::video {

// The frame hashes of one archived video.
struct StoredVideo {
  int64_t item = 0;
  double duration_s = 0;
  std::vector<FrameHash> frames;
};

// A stored frame within the searched distance of a query hash.
struct FrameHit {
  uint32_t frame = 0;  // index into FrameIndex::frame()
  int distance = 0;
};

// Multi-index hashing over 256-bit hashes: each hash is cut into 16 chunks
// of 16 bits, and each chunk indexes a table. Two hashes within 31 bits
// agree, by pigeonhole, on some chunk up to one bit, so probing each
// chunk's value and its 16 one-bit neighbours finds every stored hash
// within 31 bits; farther ones are found when some chunk is that close
// (most within 45 bits). Candidates are checked on all 256 bits.
class FrameIndex {
 public:
  explicit FrameIndex(std::vector<StoredVideo> videos);

  struct Located {
    int64_t item;
    double time_s;
    const FrameHash* hash;
  };
  std::size_t size() const { return owner_.size(); }
  Located frame(uint32_t index) const;
  const std::vector<StoredVideo>& videos() const { return videos_; }
  const StoredVideo* video(int64_t item) const;

  // Appends to `hits` every stored frame within `max_distance` of `query`
  // that the probes reach (all within 31 bits), each once.
  void search(const Hash256& query, int max_distance, std::vector<FrameHit>& hits) const;

 private:
  static constexpr int kChunks = 16;
  std::vector<StoredVideo> videos_;
  std::vector<std::pair<uint32_t, uint32_t>> owner_;  // (video, frame within it) per global frame
  std::vector<Hash256> hashes_;                        // per global frame, contiguous for the checks
  std::vector<std::vector<uint32_t>> starts_;          // per chunk: 65537 bucket starts
  std::vector<std::vector<uint32_t>> entries_;         // per chunk: global frames by chunk value
};

}  // namespace prov::video
