#pragma once
#include <cstdint>
#include <vector>

namespace prov::video {

// An 8-bit luma picture, rows top to bottom, `width` bytes a row.
struct GreyImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;
  uint8_t at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * width + x]; }
};

}  // namespace prov::video
