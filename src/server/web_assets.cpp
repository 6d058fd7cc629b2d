#include "server/web_assets.h"

#include "provenance_web_assets.h"

namespace prov::server {

WebAsset web_asset(std::string_view path) {
  if (path == "/" || path == "/index.html") return {kWebIndexHtml, "text/html; charset=utf-8"};
  if (path == "/app.js") return {kWebAppJs, "text/javascript; charset=utf-8"};
  if (path == "/dom.js") return {kWebDomJs, "text/javascript; charset=utf-8"};
  if (path == "/player.js") return {kWebPlayerJs, "text/javascript; charset=utf-8"};
  if (path == "/panels.js") return {kWebPanelsJs, "text/javascript; charset=utf-8"};
  if (path == "/upload.js") return {kWebUploadJs, "text/javascript; charset=utf-8"};
  if (path == "/style.css") return {kWebStyleCss, "text/css; charset=utf-8"};
  if (path == "/vendor/wavesurfer.js") return {kWebWavesurferMinJs, "text/javascript; charset=utf-8"};
  if (path == "/vendor/regions.js") return {kWebRegionsMinJs, "text/javascript; charset=utf-8"};
  if (path == "/vendor/timeline.js") return {kWebTimelineMinJs, "text/javascript; charset=utf-8"};
  return {};
}

}  // namespace prov::server
