#include "media/hash.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <memory>
#include <vector>

#include "core/error.h"
#include "core/sha256.h"

namespace prov::media {

FileIdentity identify_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw InputError(fmt::format("{}: no such file", path));
  if (std::filesystem::is_directory(path, ec)) throw InputError(fmt::format("{}: is a folder, not a file", path));
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw InputError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  Sha256 digest;
  FileIdentity identity;
  std::vector<unsigned char> buffer(1 << 20);
  std::size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), file.get())) > 0) {
    digest.update(buffer.data(), n);
    identity.size_bytes += n;
  }
  if (std::ferror(file.get())) throw InputError(fmt::format("{}: read error: {}", path, std::strerror(errno)));
  identity.sha256 = digest.hex_digest();
  return identity;
}

}  // namespace prov::media
