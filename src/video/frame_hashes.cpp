#include "video/frame_hashes.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace prov::video {
namespace {

constexpr char kMagic[4] = {'P', 'D', 'Q', '2'};
constexpr std::size_t kRecord = 4 + 1 + 1 + 32;

void put_u32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
uint32_t get_u32(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(static_cast<uint8_t>(p[i])) << (8 * i);
  return v;
}

}  // namespace

GreyImage centre_of(const GreyImage& picture, double share) {
  const int w = std::max(1, static_cast<int>(std::lround(picture.width * share)));
  const int h = std::max(1, static_cast<int>(std::lround(picture.height * share)));
  const int x0 = (picture.width - w) / 2, y0 = (picture.height - h) / 2;
  GreyImage out{w, h, std::vector<uint8_t>(static_cast<std::size_t>(w) * h)};
  for (int y = 0; y < h; ++y)
    std::copy_n(&picture.pixels[static_cast<std::size_t>(y0 + y) * picture.width + x0], w,
                &out.pixels[static_cast<std::size_t>(y) * w]);
  return out;
}

const char* skip_reason(const GreyImage& picture, int quality, const FrameHashOptions& options) {
  if (mean_luma(picture) < options.black_luma) return "black";
  if (quality < options.min_quality) return "low quality";
  return nullptr;
}

VideoHashes hash_video(const std::string& path, const FrameHashOptions& options, const VideoProgressSink& on_progress) {
  VideoHashes out;
  out.stream = sample_frames(
      path, options.sampling,
      [&](const SampledFrame& frame) {
        const PdqHashes h = pdq_hash_dihedral(frame.picture);
        if (const char* reason = skip_reason(frame.picture, h.quality, options)) {
          (reason[0] == 'b' ? out.skipped_black : out.skipped_low_quality) += 1;
          return;
        }
        out.frames.push_back({frame.time_s, h.of(Dihedral::identity), h.quality, frame.scene_change, false});
        if (options.keep_dihedral) out.dihedral.push_back(h);
        if (options.centre_crop > 0) {
          const PdqHashes c = pdq_hash_dihedral(centre_of(frame.picture, options.centre_crop));
          out.frames.push_back({frame.time_s, c.of(Dihedral::identity), c.quality, frame.scene_change, true});
          if (options.keep_dihedral) out.dihedral.push_back(c);
        }
      },
      {}, on_progress);
  return out;
}

std::string pack_frame_hashes(const std::vector<FrameHash>& frames) {
  std::string out(kMagic, sizeof kMagic);
  put_u32(out, static_cast<uint32_t>(frames.size()));
  for (const auto& f : frames) {
    put_u32(out, static_cast<uint32_t>(std::llround(std::max(0.0, f.time_s) * 1000.0)));
    // Quality (0..100) with bit 7 for a scene change, then a byte for the centre crop.
    out.push_back(static_cast<char>((f.quality & 0x7f) | (f.scene_change ? 0x80 : 0)));
    out.push_back(static_cast<char>(f.centre_crop ? 1 : 0));
    for (const uint64_t w : f.hash.words)
      for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((w >> (8 * i)) & 0xff));
  }
  return out;
}

std::vector<FrameHash> unpack_frame_hashes(const std::string& blob) {
  if (blob.size() < 8 || std::memcmp(blob.data(), kMagic, 4) != 0)
    throw std::runtime_error("video hashes: not a packed hash list");
  const uint32_t n = get_u32(blob.data() + 4);
  if (blob.size() != 8 + static_cast<std::size_t>(n) * kRecord)
    throw std::runtime_error("video hashes: damaged hash list (wrong length)");
  std::vector<FrameHash> frames(n);
  const char* p = blob.data() + 8;
  for (auto& f : frames) {
    f.time_s = get_u32(p) / 1000.0;
    f.quality = static_cast<uint8_t>(p[4]) & 0x7f;
    f.scene_change = (static_cast<uint8_t>(p[4]) & 0x80) != 0;
    f.centre_crop = p[5] != 0;
    for (int w = 0; w < 4; ++w) {
      uint64_t v = 0;
      for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(static_cast<uint8_t>(p[6 + 8 * w + i])) << (8 * i);
      f.hash.words[w] = v;
    }
    p += kRecord;
  }
  return frames;
}

}  // namespace prov::video
