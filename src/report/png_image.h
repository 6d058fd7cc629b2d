#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace prov::report {

// 8-bit RGB image, rows top to bottom.
struct RgbImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;  // width * height * 3
};

// PNG bytes of the image (libpng). Throws std::runtime_error on failure.
std::string encode_png(const RgbImage& image);
// "data:image/png;base64,..." for embedding in a self-contained page.
std::string png_data_uri(const RgbImage& image);
std::string base64_encode(const std::string& bytes);

}  // namespace prov::report
