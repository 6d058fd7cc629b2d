#pragma once
#include <string>

namespace prov::cli {

// The archive given to `analyze --archive` (empty: none), shared by the
// steps that search it for reused audio and reused pictures.
std::string& archive_option();

}  // namespace prov::cli
