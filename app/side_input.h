#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace prov::cli {

// A file read beside the recording (transcript, timeline, gazetteer, ENF
// reference, fingerprint archive) as the custody log records it:
// {"path": absolute path, "sha256": ..., "size_bytes": ...}, so the log says
// which bytes were used, not only where they were. Call once the step has
// read the file. Throws InputError when it cannot be read.
nlohmann::json side_input(const std::string& path);

}  // namespace prov::cli
