#pragma once
// A file written whole or not at all: the bytes go to a temporary file beside it (mode `mode`), which is
// synced and renamed into place, then the folder is synced. A reader never sees half a file; a full disk or
// an unwritable folder leaves the previous file as it was (disk_full, else invalid_argument, with a message
// that says what to check).
#include <sys/types.h>

#include <filesystem>
#include <string_view>

#include "sango/error.h"

namespace sango {

Expected<void> writeFileAtomically(const std::filesystem::path& file, std::string_view bytes, mode_t mode = 0600);

} // namespace sango
