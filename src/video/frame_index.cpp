#include "video/frame_index.h"

#include <algorithm>
#include <stdexcept>

namespace prov::video {
namespace {

uint16_t chunk_of(const Hash256& h, int chunk) {
  return static_cast<uint16_t>(h.words[chunk / 4] >> (16 * (chunk % 4)));
}

}  // namespace

FrameIndex::FrameIndex(std::vector<StoredVideo> videos) : videos_(std::move(videos)) {
  for (uint32_t v = 0; v < videos_.size(); ++v)
    for (uint32_t f = 0; f < videos_[v].frames.size(); ++f) owner_.push_back({v, f});
  if (owner_.size() >= UINT32_MAX) throw std::length_error("frame index: too many frames");
  starts_.assign(kChunks, std::vector<uint32_t>(65537, 0));
  entries_.assign(kChunks, std::vector<uint32_t>(owner_.size()));
  for (int c = 0; c < kChunks; ++c) {
    auto& starts = starts_[c];
    for (const auto& [v, f] : owner_) ++starts[chunk_of(videos_[v].frames[f].hash, c) + 1];
    for (std::size_t i = 1; i < starts.size(); ++i) starts[i] += starts[i - 1];
    std::vector<uint32_t> fill(starts.begin(), starts.end() - 1);
    for (uint32_t g = 0; g < owner_.size(); ++g) {
      const auto [v, f] = owner_[g];
      entries_[c][fill[chunk_of(videos_[v].frames[f].hash, c)]++] = g;
    }
  }
  hashes_.reserve(owner_.size());
  for (const auto& [v, f] : owner_) hashes_.push_back(videos_[v].frames[f].hash);
}

FrameIndex::Located FrameIndex::frame(uint32_t index) const {
  const auto [v, f] = owner_.at(index);
  const FrameHash& h = videos_[v].frames[f];
  return {videos_[v].item, h.time_s, &h};
}

const StoredVideo* FrameIndex::video(int64_t item) const {
  for (const auto& v : videos_)
    if (v.item == item) return &v;
  return nullptr;
}

void FrameIndex::search(const Hash256& query, int max_distance, std::vector<FrameHit>& hits) const {
  if (owner_.empty()) return;
  const std::size_t first = hits.size();
  for (int c = 0; c < kChunks; ++c) {
    const uint16_t value = chunk_of(query, c);
    const auto& starts = starts_[c];
    const auto& entries = entries_[c];
    for (int flip = -1; flip < 16; ++flip) {
      const uint16_t probe = flip < 0 ? value : static_cast<uint16_t>(value ^ (1u << flip));
      for (uint32_t i = starts[probe]; i < starts[probe + 1]; ++i) {
        const uint32_t g = entries[i];
        const int d = hamming_distance(query, hashes_[g]);
        if (d <= max_distance) hits.push_back({g, d});
      }
    }
  }
  // A frame close on several chunks was reached once per chunk.
  std::sort(hits.begin() + static_cast<std::ptrdiff_t>(first), hits.end(),
            [](const FrameHit& a, const FrameHit& b) { return a.frame < b.frame; });
  hits.erase(std::unique(hits.begin() + static_cast<std::ptrdiff_t>(first), hits.end(),
                         [](const FrameHit& a, const FrameHit& b) { return a.frame == b.frame; }),
             hits.end());
}

}  // namespace prov::video
