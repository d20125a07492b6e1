#pragma once
// Backups of the encrypted store and restoring one (`sango backup`, `sango restore`, and the copy the store
// makes of itself before a schema upgrade). A backup is a whole SQLCipher store encrypted with the same key
// as the live one (EventStore::backupTo); the key is never in it and must be kept separately.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "sango/clock.h"
#include "sango/error.h"
#include "sango/event_store.h"
#include "sango/key_file.h"

namespace sango {

struct RestoreResult {
    StoreCopyInfo restored;                      // the backup as checked (file: the one given)
    std::optional<std::filesystem::path> replaced; // where the store it replaced was kept; none on a fresh machine
    std::int64_t previousEvents = 0;             // events of the store it replaced
    std::int64_t eventsLost = 0;                 // of those, the ones the backup lacks (only with force)
    std::string incarnation;                     // the new incarnation begun, "" when the store's line goes on
};

class StoreBackup {
public:
    // "20260403T010000Z": the UTC time in backup and replaced-store names.
    static std::string stamp(Instant t);
    // <data-dir>/backups
    static std::filesystem::path directory(const StoreLocation& where) { return where.dataDir / "backups"; }
    // <data-dir>/backups/sango-<stamp>.db, `sango backup`'s default.
    static std::filesystem::path defaultFile(const StoreLocation& where, Instant now);
    // <data-dir>/backups/sango-schema-v<N>-<stamp>.db, the copy made before upgrading from schema N.
    static std::filesystem::path preMigrationFile(const StoreLocation& where, int version, Instant now);
    // Makes <data-dir>/backups (0700) when it is missing.
    static Expected<void> makeDirectory(const StoreLocation& where);

    // Opens a backup with the key and checks it: its schema version (not newer than this Sango's), its chain
    // and SQLite's integrity check (and, at this Sango's schema, its projections). Reads only.
    // `shownAs` names the file in messages (default: file).
    static Expected<StoreCopyInfo> verify(const std::filesystem::path& file, const StoreKey& key,
                                          const std::filesystem::path& shownAs = {});

    // Replaces the store of `where` with the backup `file`, keyed with the store's key file (which must be
    // there: a fresh machine needs only the key file). Takes the store lock EXCLUSIVE without waiting
    // (store_in_use while another program has the store open). Checks a copy of the backup made in the data
    // directory (wrong_key, store_corrupt, audit_broken, schema_too_new: nothing changed). Refuses with
    // events_would_be_lost, unless `force`, when the current store holds events the backup lacks (the
    // backup's chain must hold the current chain as a prefix). Never deletes the current store: it is kept as
    // sango.db.replaced-<stamp> (0600), and the checked copy takes its place with a rename; the directory is
    // synced. A backup of an older schema is migrated at the next open.
    // Unless the backup holds every event of a readable current store, the restored store begins a new
    // incarnation (a store_restored event on the checked copy, before it takes its place): the ledger may hold
    // events the backup lacks, and session ids made from now on must differ from theirs.
    static Expected<RestoreResult> restore(const StoreLocation& where, const std::filesystem::path& file, bool force,
                                           Instant now);

private:
    // Appends the store_restored event (`restored` with a new random incarnation tag and the previous one) to a
    // checked copy and folds the copy's log into it; the new tag.
    static Expected<std::string> beginIncarnation(const std::filesystem::path& copy, const StoreKey& key, Instant now,
                                                  events::StoreRestored restored);
};

} // namespace sango
