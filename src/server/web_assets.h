#pragma once
#include <string_view>

namespace prov::server {

struct WebAsset {
  std::string_view content;
  std::string_view mime_type;
};

// The static web UI (web/*), compiled into the program so it works offline
// from any folder. Returns an empty asset for unknown paths.
WebAsset web_asset(std::string_view path);

}  // namespace prov::server
