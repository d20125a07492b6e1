#pragma once
// What a failure of the disk under a store means, in one place for both stores: SQLite's result codes and the
// OS's errno values mapped to Errc (disk_full, store_read_only, wrong_key, store_corrupt, store_io) with a
// message that says what to do; and the directory sync that makes a new or renamed file durable.
#include <filesystem>
#include <string>
#include <string_view>

#include "sango/error.h"

namespace sango::db {

// For errno `err` while doing `what` to `p`. program: who needs write access ("Sango", "sango-ledger").
Error ioError(const std::filesystem::path& p, const std::string& what, int err, std::string_view program = "Sango");

// For SQLite result code rc (extended codes on) while doing `what` to the database at `where`; detail is the
// connection's own message.
Error sqliteError(int rc, const std::string& detail, const std::filesystem::path& where, std::string_view what);

// fsync of a directory, after a file in it was created, linked or renamed (best effort).
void syncDirectory(const std::filesystem::path& dir);

} // namespace sango::db
