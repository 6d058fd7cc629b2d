#include "media/hash.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <vector>

#include "core/error.h"
#include "core/sha256.h"

namespace prov::media {
namespace {

const char* kind_of(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISDIR(mode)) return "a folder";
  return "not a regular file";
}

void refuse_unless_regular(const std::string& path, mode_t mode) {
  if (S_ISDIR(mode)) throw InputError(fmt::format("{}: is a folder, not a file", path));
  if (!S_ISREG(mode)) {
    throw InputError(fmt::format("{}: is {}, not a regular file; copy the recording to a file first", path,
                                 kind_of(mode)));
  }
}

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

FileIdentity identify_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) throw InputError(fmt::format("{}: no such file", path));
    throw InputError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  }
  refuse_unless_regular(path, st.st_mode);
  // O_NONBLOCK: should the path be swapped for a FIFO after the check, opening
  // it must not wait for a writer; fstat below then refuses it.
  Fd file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
  if (file.fd < 0) throw InputError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  if (::fstat(file.fd, &st) != 0) throw InputError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  refuse_unless_regular(path, st.st_mode);

  Sha256 digest;
  FileIdentity identity;
  std::vector<unsigned char> buffer(1 << 20);
  while (true) {
    const ssize_t n = ::read(file.fd, buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      throw InputError(fmt::format("{}: read error: {}", path, std::strerror(errno)));
    }
    if (n == 0) break;
    digest.update(buffer.data(), static_cast<std::size_t>(n));
    identity.size_bytes += static_cast<uint64_t>(n);
  }
  identity.sha256 = digest.hex_digest();
  return identity;
}

void require_unchanged(const std::string& path, const FileIdentity& before) {
  const FileIdentity after = identify_file(path);
  if (after.sha256 == before.sha256 && after.size_bytes == before.size_bytes) return;
  throw InputError(fmt::format(
      "{}: changed while being analysed ({} bytes, SHA-256 {}... before; {} bytes, SHA-256 {}... after); "
      "analyse a copy that nothing is writing to",
      path, before.size_bytes, before.sha256.substr(0, 16), after.size_bytes, after.sha256.substr(0, 16)));
}

}  // namespace prov::media
