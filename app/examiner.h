#pragma once
#include <string>

namespace prov::cli {

// Who is acting: --examiner if given, else $PROVENANCE_EXAMINER, else the login name.
std::string examiner_name(const std::string& given);

// Writes `content` to `path` through a temporary file and a rename, so a
// failed write never leaves half a file. Throws InputError naming the path.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace prov::cli
