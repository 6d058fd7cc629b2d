#pragma once
#include <string>

namespace prov::cli {

// Throws InputError (naming `path` and saying it is the `what`, e.g. "case
// file") unless `path` can be created or replaced: its folder exists and
// takes new files (tried by creating and removing a scratch file there, which
// also holds for root, read-only mounts and ACLs), and an existing `path` is
// a regular file open for writing. Checked before an analysis, so that a run
// is never done and saved only to fail at its last write.
void require_writable_output(const std::string& path, const std::string& what);

}  // namespace prov::cli
