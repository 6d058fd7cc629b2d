#pragma once
#include <cstdint>
#include <string>

namespace prov::media {

struct FileIdentity {
  std::string sha256;  // lowercase hex
  uint64_t size_bytes = 0;
};

// Hashes the file as it is on disk (read-only). Throws InputError when
// unreadable or when it is not a regular file: a FIFO, socket or device such
// as /dev/zero has no fixed content to identify, and reading one can block
// or never end.
FileIdentity identify_file(const std::string& path);

// Hashes the file again and throws InputError when its bytes are no longer
// those identified before (a file still being written or replaced while it
// was analysed): findings must belong to the bytes the custody log names.
void require_unchanged(const std::string& path, const FileIdentity& before);

}  // namespace prov::media
