#include "media/wav_header.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <vector>

namespace prov::media {
namespace {

uint32_t le32(const unsigned char* p) {
  return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 | static_cast<uint32_t>(p[2]) << 16 |
         static_cast<uint32_t>(p[3]) << 24;
}
uint16_t le16(const unsigned char* p) { return static_cast<uint16_t>(p[0] | p[1] << 8); }

}  // namespace

std::optional<WavDataClaim> read_wav_data_claim(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::vector<unsigned char> head(1 << 20);
  in.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (head.size() < 12 || std::string(head.begin(), head.begin() + 4) != "RIFF" ||
      std::string(head.begin() + 8, head.begin() + 12) != "WAVE") {
    return std::nullopt;
  }
  std::error_code ec;
  const auto file_size = std::filesystem::file_size(path, ec);
  if (ec) return std::nullopt;

  uint32_t bytes_per_second = 0;
  std::size_t pos = 12;
  while (pos + 8 <= head.size()) {
    const std::string id(head.begin() + static_cast<std::ptrdiff_t>(pos),
                         head.begin() + static_cast<std::ptrdiff_t>(pos + 4));
    const uint32_t size = le32(&head[pos + 4]);
    const std::size_t body = pos + 8;
    if (id == "fmt " && size >= 16 && body + 16 <= head.size()) {
      const uint32_t rate = le32(&head[body + 4]);
      const uint16_t block_align = le16(&head[body + 12]);
      bytes_per_second = rate * block_align;
      if (bytes_per_second == 0) bytes_per_second = le32(&head[body + 8]);
    } else if (id == "data") {
      if (bytes_per_second == 0 || size == 0 || size == 0xFFFFFFFFu) return std::nullopt;
      WavDataClaim claim;
      claim.declared_bytes = size;
      claim.present_bytes = file_size > body ? std::min<uint64_t>(size, file_size - body) : 0;
      claim.declared_s = static_cast<double>(claim.declared_bytes) / bytes_per_second;
      claim.present_s = static_cast<double>(claim.present_bytes) / bytes_per_second;
      return claim;
    }
    pos = body + size + (size & 1u);  // chunks are padded to an even length
  }
  return std::nullopt;
}

}  // namespace prov::media
