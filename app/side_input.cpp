#include "side_input.h"

#include <filesystem>

#include "media/hash.h"

namespace prov::cli {

nlohmann::json side_input(const std::string& path) {
  const auto identity = media::identify_file(path);
  std::error_code ec;
  const auto absolute = std::filesystem::absolute(path, ec);
  return {{"path", ec ? path : absolute.string()}, {"sha256", identity.sha256}, {"size_bytes", identity.size_bytes}};
}

}  // namespace prov::cli
