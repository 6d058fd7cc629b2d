#pragma once
#include <cstdint>
#include <string>

namespace prov::media {

struct FileIdentity {
  std::string sha256;  // lowercase hex
  uint64_t size_bytes = 0;
};

// Hashes the file as it is on disk (read-only). Throws InputError when unreadable.
FileIdentity identify_file(const std::string& path);

}  // namespace prov::media
