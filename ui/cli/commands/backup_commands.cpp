// `sango backup` (a checked, encrypted copy of the store) and `sango restore` (replaces the store with a backup,
// keeping the current one aside). The key is in neither: it stays in its key file.
#include <filesystem>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "cli_context.h"
#include "commands.h"
#include "sango/store_backup.h"

namespace sango::cli {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct BackupOptions {
    std::string out;
};

struct RestoreOptions {
    std::string backupFile;
    bool force = false;
};

json copyJson(const StoreCopyInfo& c)
{
    std::error_code ec;
    const fs::path shown = fs::absolute(c.file, ec);
    return {{"file", (ec ? c.file : shown).string()},
            {"events", c.events},
            {"head_seq", c.headSeq},
            {"head_hash", c.headHash.empty() ? json() : json(c.headHash)},
            {"schema_version", c.schemaVersion}};
}

int runBackup(const CliContext& ctx, const BackupOptions& o)
{
    const StoreLocation where = ctx.location();
    // Opened as every command opens it (shared: the kiosk may go on recording meanwhile).
    auto store = EventStore::open(where);
    if (!store)
        return ctx.failure(store.error());
    fs::path file = o.out;
    if (file.empty()) {
        if (auto dir = StoreBackup::makeDirectory(where); !dir)
            return ctx.failure(dir.error());
        file = StoreBackup::defaultFile(where, ctx.clock().now());
    }
    auto info = store->backupTo(file);
    if (!info)
        return ctx.failure(info.error());
    ctx.print(copyJson(*info));
    ctx.err() << "sango: " << ctx.words().outcome(Outcome::backup_written) << '\n';
    return 0;
}

int runRestore(const CliContext& ctx, const RestoreOptions& o)
{
    auto r = StoreBackup::restore(ctx.location(), o.backupFile, o.force, ctx.clock().now());
    if (!r)
        return ctx.failure(r.error());
    json out = copyJson(r->restored);
    out["replaced"] = r->replaced ? json(r->replaced->string()) : json();
    out["previous_events"] = r->previousEvents;
    out["events_lost"] = r->eventsLost;
    // A restore that may have lost events the ledger holds begins a new incarnation: its session ids differ.
    out["incarnation"] = r->incarnation.empty() ? json() : json(r->incarnation);
    ctx.print(out);
    ctx.err() << "sango: " << ctx.words().outcome(Outcome::store_restored) << '\n';
    if (r->replaced)
        ctx.err() << "  " << o.backupFile << " -> " << ctx.location().database().string() << "; "
                  << ctx.location().database().filename().string() << " -> " << r->replaced->string() << '\n';
    return 0;
}

} // namespace

void addBackupCommands(CLI::App& app, CliContext& ctx)
{
    auto b = std::make_shared<BackupOptions>();
    auto* backup = app.add_subcommand("backup", "a checked, encrypted copy of the store (the key is not in it)");
    backup->add_option("--out", b->out, "the backup file (default DATA_DIR/backups/sango-<UTC time>.db)");
    ctx.handle(backup, [&ctx, b] { return runBackup(ctx, *b); });

    auto r = std::make_shared<RestoreOptions>();
    auto* restore = app.add_subcommand("restore", "replace the store with a backup; the current one is kept aside");
    restore->add_option("FILE", r->backupFile, "a backup made by `sango backup`")->required();
    restore->add_flag("--force", r->force, "restore even when the current store holds events the backup lacks");
    ctx.handle(restore, [&ctx, r] { return runRestore(ctx, *r); });
}

} // namespace sango::cli
