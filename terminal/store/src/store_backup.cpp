#include "sango/store_backup.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstdio>
#include <cstring>

#include <date/date.h>

#include "event_store_impl.h"
#include "sango/crypto.h"
#include "sango/log.h"
#include "sango/store_lock.h"

namespace sango {

namespace fs = std::filesystem;

namespace {

// Copies `from` to a new temporary file in `folder` (mode 0600), synced; its path.
Expected<fs::path> copyToTemporary(const fs::path& from, const fs::path& folder, const std::string& prefix)
{
    const int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return fail(Errc::invalid_argument, "cannot read the backup " + from.string() + ": " + std::strerror(errno));
    std::string name = (folder / (prefix + "XXXXXX")).string();
    const int out = ::mkstemp(name.data());
    if (out < 0) {
        const int err = errno;
        ::close(in);
        return tl::unexpected(store_files::ioError(folder, "write in", err));
    }
    ::fchmod(out, 0600);
    char buf[1 << 16];
    int err = 0;
    for (;;) {
        const ssize_t n = ::read(in, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n < 0)
                err = errno;
            break;
        }
        for (ssize_t done = 0; done < n;) {
            const ssize_t w = ::write(out, buf + done, static_cast<std::size_t>(n - done));
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                err = w < 0 ? errno : ENOSPC;
                break;
            }
            done += w;
        }
        if (err)
            break;
    }
    if (!err && ::fsync(out) != 0)
        err = errno;
    ::close(in);
    ::close(out);
    if (err) {
        ::unlink(name.c_str());
        return tl::unexpected(store_files::ioError(folder, "copy the backup into", err));
    }
    return fs::path(name);
}

// The hash of event `seq` (empty when there is none).
Expected<std::string> hashAt(EventStore& store, std::int64_t seq)
{
    auto e = store.events(seq, 1);
    SANGO_TRY(e);
    if (e->empty() || e->front().seq != seq)
        return std::string();
    return crypto::toHex(e->front().hash);
}

// How many events, from the first, `current` and `backup` share (their chains agree up to there: each hash
// covers the one before, so once they differ they differ for good).
Expected<std::int64_t> commonPrefix(EventStore& current, std::int64_t currentHead, EventStore& backup,
                                    std::int64_t backupHead)
{
    std::int64_t lo = 0;                                // known to agree up to lo
    std::int64_t hi = std::min(currentHead, backupHead); // the most they can share
    while (lo < hi) {
        const std::int64_t mid = lo + (hi - lo + 1) / 2;
        auto a = hashAt(current, mid);
        auto b = hashAt(backup, mid);
        SANGO_TRY(a);
        SANGO_TRY(b);
        if (!a->empty() && *a == *b)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

// The events of `store` after `shared` up to `head` that a restore would lose: every one but the marks of
// earlier restores (a store restored and then put back as it was loses nothing: the same line goes on).
Expected<std::int64_t> eventsAfter(EventStore& store, std::int64_t shared, std::int64_t head)
{
    std::int64_t lost = 0;
    for (std::int64_t from = shared + 1; from <= head; from += 1000) {
        auto page = store.events(from, 1000);
        SANGO_TRY(page);
        for (const Event& e : *page)
            if (e.seq <= head && e.type != event_type::store_restored)
                ++lost;
        if (page->empty())
            break;
    }
    return lost;
}

// A new incarnation tag: four random Crockford base32 characters (about a million), other than `previous`.
std::string newIncarnation(const std::string& previous)
{
    static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    for (;;) {
        std::array<std::uint8_t, 4> bytes{};
        crypto::randomBytes(bytes.data(), bytes.size());
        std::string tag;
        for (std::uint8_t b : bytes)
            tag.push_back(kAlphabet[b % 32]);
        if (tag != previous)
            return tag;
    }
}

} // namespace

Expected<std::string> StoreBackup::beginIncarnation(const fs::path& copy, const StoreKey& key, Instant now,
                                                    events::StoreRestored restored)
{
    std::string tag;
    {
        auto store = EventStore::openCopy(copy, key, "the restored copy " + copy.string());
        SANGO_TRY(store);
        SANGO_TRY_ASSIGN(const auto previous, store->incarnation());
        tag = newIncarnation(previous);
        restored.incarnation = tag;
        restored.previousIncarnation = previous;
        SANGO_TRY(store->transact([&]() -> Expected<Event> { return store->append(restored, now); }));
        // Everything into the file itself before it is renamed into place (its log would not follow it).
        SANGO_TRY(store->m_impl->db.exec("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    // Closed after a truncating checkpoint: its log holds nothing the file lacks.
    std::error_code ec;
    for (const char* suffix : {"-wal", "-shm"})
        fs::remove(fs::path(copy.string() + suffix), ec);
    return tag;
}

std::string StoreBackup::stamp(Instant t)
{
    return date::format("%Y%m%dT%H%M%SZ", t);
}

fs::path StoreBackup::defaultFile(const StoreLocation& where, Instant now)
{
    return directory(where) / ("sango-" + stamp(now) + ".db");
}

fs::path StoreBackup::preMigrationFile(const StoreLocation& where, int version, Instant now)
{
    return directory(where) / ("sango-schema-v" + std::to_string(version) + "-" + stamp(now) + ".db");
}

Expected<void> StoreBackup::makeDirectory(const StoreLocation& where)
{
    const fs::path dir = directory(where);
    if (::mkdir(dir.c_str(), 0700) == 0) {
        store_files::syncDirectory(where.dataDir);
        return {};
    }
    const int err = errno;
    std::error_code ec;
    if (err == EEXIST && fs::is_directory(dir, ec))
        return {};
    if (err == EEXIST)
        return fail(Errc::store_io, "cannot make the backup folder " + dir.string() +
                                        ": a file of that name is in the way; move it away");
    return tl::unexpected(store_files::ioError(dir, "make the backup folder", err));
}

Expected<StoreCopyInfo> StoreBackup::verify(const fs::path& file, const StoreKey& key, const fs::path& shownAs)
{
    const std::string name = "the backup " + (shownAs.empty() ? file : shownAs).string();
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
        return fail(Errc::invalid_argument, name + " does not exist or is not a file: check the name");
    auto copy = EventStore::openCopy(file, key, name);
    SANGO_TRY(copy);
    const int version = copy->m_impl->schemaVersion;
    if (version > EventStore::kSchemaVersion)
        return fail(Errc::schema_too_new, name + " was made by a newer Sango (schema " + std::to_string(version) +
                                              ", this one knows " + std::to_string(EventStore::kSchemaVersion) +
                                              "): restore it with that version");
    auto audit = copy->audit();
    if (!audit) {
        const Error& e = audit.error();
        if (e.code == Errc::store_corrupt || e.code == Errc::wrong_key)
            return fail(Errc::store_corrupt, name + " is damaged (" + e.message + "): use another backup");
        return tl::unexpected(e);
    }
    if (!audit->intact)
        return fail(Errc::audit_broken, name + " does not pass the audit (" + audit->problem + "): use another backup");
    StoreCopyInfo info;
    info.file = shownAs.empty() ? file : shownAs;
    info.events = audit->events;
    info.headSeq = audit->headSeq;
    info.headHash = audit->headHash;
    info.schemaVersion = version;
    return info;
}

Expected<RestoreResult> StoreBackup::restore(const StoreLocation& where, const fs::path& file, bool force,
                                             Instant now)
{
    auto logger = log::category("terminal.store");
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
        return fail(Errc::invalid_argument, "there is no backup file " + file.string() + ": check the name");
    // The key is never in a backup: the store's key file must be here (on a new machine too).
    auto key = KeyFile(where.key()).load();
    if (!key) {
        Error e = key.error();
        if (e.code == Errc::key_missing)
            e.message += " (a backup holds no key: a restore needs the key file of the store it was made from)";
        return tl::unexpected(e);
    }
    if (!fs::exists(where.dataDir, ec)) {
        fs::create_directories(where.dataDir, ec);
        if (ec)
            return tl::unexpected(store_files::ioError(where.dataDir, "create the data directory", ec.value()));
        fs::permissions(where.dataDir, fs::perms::owner_all, ec);
    }
    // A file with a write-ahead log beside it (a store that was in use, e.g. a sango.db.replaced-* kept by an
    // earlier restore after a crash) holds committed events in that log, which a copy of the file alone lacks.
    if (const fs::path log(file.string() + "-wal"); fs::exists(log, ec) && fs::file_size(log, ec) > 0 && !ec)
        return fail(Errc::invalid_argument,
                    file.string() + " has a write-ahead log beside it (" + log.string() +
                        ") holding events the file alone lacks, so it was not restored. Copy both into an empty "
                        "directory as sango.db and sango.db-wal, make a backup of that with `sango --data-dir DIR "
                        "backup --out FILE`, and restore that backup");
    // Nobody else may have the store open while its file is replaced.
    auto lock = StoreLock::acquire(where.dataDir, StoreLock::Mode::exclusive);
    SANGO_TRY(lock);

    // What is checked is what is put in place: a copy in the data directory (same file system: the final
    // rename is atomic).
    auto tmp = copyToTemporary(file, where.dataDir, "sango.db.restore-");
    SANGO_TRY(tmp);
    auto discard = [&](Error e) {
        store_files::removeWithSidecars(*tmp);
        return tl::unexpected(std::move(e));
    };
    auto checked = verify(*tmp, *key, file);
    if (!checked)
        return discard(checked.error());

    RestoreResult result;
    result.restored = *checked;
    const fs::path db = where.database();
    const bool current = fs::exists(db, ec);
    const std::string forceHint = "; `sango restore " + file.string() +
                                  " --force` replaces it anyway (the current store is kept as " + db.string() +
                                  ".replaced-" + stamp(now) + ")";
    if (current) {
        auto open = EventStore::openCopy(db, *key, "the current store " + db.string());
        if (!open) {
            // A store that cannot be read (the usual reason to restore) cannot be compared: only --force.
            if (!force) {
                Error e = open.error();
                e.message += forceHint;
                return discard(e);
            }
            logger->warn("restore: the current store cannot be read ({}); it is replaced as --force says",
                         open.error().message);
        } else {
            auto head = open->lastSeq();
            if (!head)
                return discard(head.error());
            auto backup = EventStore::openCopy(*tmp, *key, "the backup " + file.string());
            if (!backup)
                return discard(backup.error());
            auto shared = commonPrefix(*open, *head, *backup, checked->headSeq);
            if (!shared)
                return discard(shared.error());
            result.previousEvents = *head;
            auto lost = eventsAfter(*open, *shared, *head);
            if (!lost)
                return discard(lost.error());
            result.eventsLost = *lost;
            if (result.eventsLost > 0 && !force) {
                const std::string parting =
                    *shared == 0                  ? "they share no event: it is a backup of another store"
                    : *shared == checked->headSeq ? "the backup is an earlier state of this store"
                                                  : "they part after event " + std::to_string(*shared);
                return discard({Errc::events_would_be_lost,
                                "the current store holds " + std::to_string(result.eventsLost) + " event" +
                                    (result.eventsLost == 1 ? "" : "s") + " that the backup " + file.string() +
                                    " lacks (the store ends at event " + std::to_string(*head) +
                                    ", the backup at event " + std::to_string(checked->headSeq) + "; " + parting +
                                    "): restoring it would lose them, so nothing was changed. Back up the current "
                                    "store first (`sango backup`)" +
                                    forceHint});
            }
        }
    }

    // A restore that may lose events the ledger holds (the current store had events the backup lacks, could
    // not be read, or is not there at all) begins a new incarnation, so that no session id is made twice.
    const bool sameLine = current && result.previousEvents > 0 && result.eventsLost == 0;
    if (!sameLine) {
        events::StoreRestored restored;
        restored.backupHeadSeq = checked->headSeq;
        if (current && result.previousEvents > 0) {
            restored.replacedHeadSeq = result.previousEvents;
            restored.eventsLost = result.eventsLost;
        }
        auto tag = beginIncarnation(*tmp, *key, now, std::move(restored));
        if (!tag)
            return discard(tag.error());
        result.incarnation = *tag;
    }

    // Keep what is replaced: the store under a new name (its log with it, should one be left by a crash).
    fs::path replaced = fs::path(db.string() + ".replaced-" + stamp(now));
    for (int n = 2; fs::exists(fs::symlink_status(replaced, ec)) && n < 100; ++n)
        replaced = fs::path(db.string() + ".replaced-" + stamp(now) + "-" + std::to_string(n));
    const fs::path wal(db.string() + "-wal");
    const fs::path replacedWal(replaced.string() + "-wal");
    bool linked = false;
    bool renamedAway = false;
    if (current) {
        // A second name first: sango.db stays in place until the rename below swaps it in one step.
        if (::link(db.c_str(), replaced.c_str()) == 0) {
            linked = true;
        } else if ((errno == EPERM || errno == EOPNOTSUPP || errno == ENOSYS) &&
                   ::rename(db.c_str(), replaced.c_str()) == 0) {
            renamedAway = true; // no hard links here (FAT): a moment without sango.db
        } else {
            return discard(store_files::ioError(replaced, "keep the current store as", errno));
        }
        ::chmod(replaced.c_str(), 0600);
    }
    const bool walMoved = fs::exists(wal, ec) && ::rename(wal.c_str(), replacedWal.c_str()) == 0;
    fs::remove(fs::path(db.string() + "-shm"), ec);
    if (::rename(tmp->c_str(), db.c_str()) != 0) {
        const int err = errno;
        // Undo: the current store as it was.
        if (walMoved)
            (void)::rename(replacedWal.c_str(), wal.c_str());
        if (linked)
            ::unlink(replaced.c_str());
        if (renamedAway)
            (void)::rename(replaced.c_str(), db.c_str());
        return discard(store_files::ioError(db, "put the restored store in place as", err));
    }
    store_files::syncDirectory(where.dataDir);
    // The key opened the backup: it is this store's key, whatever the fingerprint file said.
    const std::string fingerprint = key->fingerprint() + "\n";
    std::string recorded;
    if (std::FILE* f = std::fopen(where.keyCheck().c_str(), "r")) {
        char line[130] = {};
        if (std::fgets(line, sizeof line, f))
            recorded = line;
        std::fclose(f);
    }
    if (recorded != fingerprint)
        (void)store_files::writeFileDurably(where.keyCheck(), fingerprint, 0600);
    if (current)
        result.replaced = replaced;
    logger->info("restored the store {} from {} ({} events, schema {}); the previous store is kept as {}",
                 db.string(), file.string(), checked->events, checked->schemaVersion,
                 current ? replaced.string() : std::string("(none)"));
    return result;
}

} // namespace sango
