#pragma once
#include <array>
#include <bit>
#include <cstdint>
#include <string>

#include "video/grey_image.h"

namespace prov::video {

// 256 bits; bit 16*u + v is set when DCT coefficient (u, v) lies above the
// median of the 256 kept coefficients.
struct Hash256 {
  std::array<uint64_t, 4> words{};
  bool operator==(const Hash256&) const = default;
  bool bit(int i) const { return (words[i >> 6] >> (i & 63)) & 1u; }
  void set(int i) { words[i >> 6] |= uint64_t{1} << (i & 63); }
  std::string hex() const;
};

inline int hamming_distance(const Hash256& a, const Hash256& b) {
  return std::popcount(a.words[0] ^ b.words[0]) + std::popcount(a.words[1] ^ b.words[1]) +
         std::popcount(a.words[2] ^ b.words[2]) + std::popcount(a.words[3] ^ b.words[3]);
}

// The eight symmetries of the square. A picture transformed this way hashes
// (up to resampling noise) to the variant of the original's hash.
enum class Dihedral : uint8_t {
  identity = 0,
  mirror,          // left-right flip
  flip,            // upside down
  rotate_180,
  transpose,       // about the main diagonal
  rotate_90,       // clockwise
  rotate_270,      // clockwise (90 anticlockwise)
  anti_transpose,  // about the other diagonal
};
const char* to_string(Dihedral d);

struct PdqHash {
  Hash256 bits;
  // 0..100: how much structure the picture has (the sum of its luma
  // gradients at 64x64). Flat, black and washed-out frames score near 0,
  // and their hashes are noise.
  int quality = 0;
};

// A PDQ-style hash following the published description of Facebook's PDQ
// (2019): luma downsampled to 64x64 with a tent (two box passes) filter, the
// 16x16 lowest non-constant frequencies of its 2-D DCT-II, and one bit per
// coefficient against their median. `hashes[d]` is the hash of the picture
// transformed by Dihedral d, all from one DCT (transposes and sign flips of
// the coefficients), and `quality` is shared by all eight.
struct PdqHashes {
  std::array<Hash256, 8> hashes;
  int quality = 0;
  const Hash256& of(Dihedral d) const { return hashes[static_cast<std::size_t>(d)]; }
};

PdqHashes pdq_hash_dihedral(const GreyImage& picture);
PdqHash pdq_hash(const GreyImage& picture);

// Mean luma (0-255) of a picture, to tell black frames from dark ones.
double mean_luma(const GreyImage& picture);

}  // namespace prov::video
