#include "output_check.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>

#include "core/error.h"

namespace prov::cli {

void require_writable_output(const std::string& path, const std::string& what) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path target(path);
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const auto folder_status = fs::status(folder, ec);
  if (!fs::exists(folder_status)) {
    throw InputError(fmt::format("{}: cannot write the {}: folder {} does not exist", path, what, folder.string()));
  }
  if (!fs::is_directory(folder_status)) {
    throw InputError(fmt::format("{}: cannot write the {}: {} is not a folder", path, what, folder.string()));
  }
  const auto status = fs::status(target, ec);
  if (fs::exists(status)) {
    if (fs::is_directory(status)) throw InputError(fmt::format("{}: cannot write the {}: is a folder", path, what));
    if (!fs::is_regular_file(status)) {
      throw InputError(fmt::format("{}: cannot write the {}: not a regular file", path, what));
    }
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) throw InputError(fmt::format("{}: cannot write the {}: {}", path, what, std::strerror(errno)));
    ::close(fd);
  }
  std::string scratch = (folder / ".provenance-write-check-XXXXXX").string();
  const int fd = ::mkstemp(scratch.data());
  if (fd < 0) {
    throw InputError(fmt::format("{}: cannot write the {}: cannot create files in {}: {}", path, what,
                                 folder.string(), std::strerror(errno)));
  }
  ::close(fd);
  ::unlink(scratch.c_str());
}

}  // namespace prov::cli
