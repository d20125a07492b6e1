#pragma once
// The encrypted event store: one SQLCipher file holding the append-only event log (with its hash chain) and
// the projections that serve open sessions, balances and reports. Appends and their projection updates
// commit in one transaction (synchronous=FULL, WAL), so a crash leaves either all of an event or none.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>
#include <nlohmann/json.hpp>

#include "sango/billing.h"
#include "sango/clock.h"
#include "sango/error.h"
#include "sango/event.h"
#include "sango/events.h"
#include "sango/key_file.h"
#include "sango/session.h"

namespace sango {

// Where a store lives: a data directory holding sango.db, and a key file (store.key there by default).
struct StoreLocation {
    std::filesystem::path dataDir;
    std::filesystem::path keyFile; // empty: dataDir / "store.key"

    std::filesystem::path database() const { return dataDir / "sango.db"; }
    std::filesystem::path key() const { return keyFile.empty() ? dataDir / "store.key" : keyFile; }
    // A keyed fingerprint of the right key, to tell a wrong key from a damaged file.
    std::filesystem::path keyCheck() const { return dataDir / "store.keycheck"; }

    // Where `sango` and `sango-kiosk` look (flag > environment > configuration file > default): dataDir if given
    // (--data-dir), else $SANGO_DATA_DIR, else configDataDir ([store] data_dir), else $XDG_DATA_HOME/sango, else
    // ~/.local/share/sango, else /var/lib/sango. The key: keyFile if given (--key-file), else configKeyFile
    // ([store] key_file), else systemd's credential $CREDENTIALS_DIRECTORY/store-key if it exists, else
    // dataDir/store.key.
    static StoreLocation resolve(const std::string& dataDir, const std::string& keyFile,
                                 const std::string& configDataDir = {}, const std::string& configKeyFile = {});
};

// A terminal's enrolment with a municipal ledger (the terminal_enrolled event; the device's secret key is
// kept apart, in the store's sync state, never in an event).
struct Enrolment {
    std::string ledgerUrl;
    std::string terminalId; // as the ledger knows this terminal
    std::string providerId;
    std::string publicKeyB64u;
};

struct InitialConfig {
    std::string terminalId;
    nlohmann::json policy;
    nlohmann::json provider;
    nlohmann::json trust;
    // A demonstration store: it may trust the published test keys (sango/published_keys.h), and every screen
    // and report of it says DEMO. Recorded in the store_initialised event.
    bool demo = false;
};

// A store made by enrolment records it, and the sync state that goes with it (the device key, the first
// cursor, the TLS settings), in the same transaction as the rest.
struct EnrolmentRecord {
    Enrolment enrolment;
    std::vector<std::pair<std::string, std::string>> syncState; // holds the device key: wiped by the caller
};

// The ledger's answer to one uploaded event, as recorded by a sync_answered event.
struct LedgerAnswer {
    std::int64_t seq = 0; // the event's seq here
    std::string eventId;
    std::string type;
    std::string sessionId;
    std::string couponId;
    std::string status; // accepted | rejected (a duplicate delivery is recorded as what it was first answered)
    std::string reason;
    std::string detail;     // the ledger's short English explanation ("" when it gave none)
    nlohmann::json figures; // null, or the ledger's own figures for the session: {"date", "start", "stop",
                            // "actual_minutes", "billed_minutes", "amount_yen"} (start/stop unix seconds)
    Instant answeredAt{};
};

// The ledger's figures for a coupon (ledger_balance event): used across all providers and terminals, and
// the part of it this terminal's own sessions make.
struct LedgerBalance {
    std::string couponId;
    int grantMinutes = 0;
    std::int64_t usedMinutes = 0;
    std::int64_t usedHereMinutes = 0;
    std::int64_t changeSeq = 0;
    Instant asOf{};
};

struct AuditResult {
    std::int64_t events = 0;
    bool intact = true;
    std::int64_t brokenAt = 0; // seq of the first bad event
    std::string problem;       // what is wrong there
    std::int64_t headSeq = 0;  // the last event of the chain (0 for none), when intact
    std::string headHash;      // its hash in hex ("" for none), when intact
};

// A copy of a store as checked after it was written (EventStore::backupTo) or before it is restored
// (StoreBackup): opened with the key, its schema version read, its chain audited.
struct StoreCopyInfo {
    std::filesystem::path file;
    std::int64_t events = 0;
    std::int64_t headSeq = 0;
    std::string headHash; // hex, as the audit recomputes it
    int schemaVersion = 0;
};

struct StaffRecord {
    std::string staffId;
    std::string role; // "staff" or "manager"
    std::string pinHash;
};

class EventStore {
public:
    static constexpr int kSchemaVersion = 3;
    static constexpr int kPageSize = 4096;

    ~EventStore();
    EventStore(EventStore&&) noexcept;
    EventStore& operator=(EventStore&&) noexcept;

    // Creates a new store (and a new key file if there is none); refuses to overwrite a store.
    static Expected<EventStore> create(const StoreLocation& where, const InitialConfig& config, Instant now,
                                       const EnrolmentRecord* enrolled = nullptr);
    static Expected<EventStore> open(const StoreLocation& where);
    static Expected<EventStore> open(const StoreLocation& where, const KeyProvider& keys);

    // A write transaction (BEGIN IMMEDIATE): reads inside it see a stable state, and appends become
    // visible (and durable) together at commit(). Destroyed without commit, it rolls everything back.
    class Write {
    public:
        ~Write();
        Write(Write&& other) noexcept;
        Write& operator=(Write&&) = delete;
        Expected<void> commit();

    private:
        friend class EventStore;
        explicit Write(EventStore* store) : m_store(store) {}
        EventStore* m_store = nullptr;
    };
    Expected<Write> beginWrite();

    // Appends an event (any body type of events.h) and applies it to the projections; only inside a Write.
    Expected<Event> append(const events::AnyEvent& event, Instant at);

    // Runs f inside a write transaction and commits when it succeeds.
    template <typename F>
    auto transact(F&& f) -> decltype(f())
    {
        auto w = beginWrite();
        if (!w)
            return tl::unexpected(w.error());
        auto r = f();
        if (!r)
            return r;
        if (auto c = w->commit(); !c)
            return tl::unexpected(c.error());
        return r;
    }

    // ---- reads ----
    Expected<std::string> terminalId();
    // The store's incarnation: "" until a restore from a backup that lacked some of its events (or replaced a
    // store that could not be read); then the tag that restore chose (store_restored event), which every
    // session id made since carries, so that no session id the ledger already holds is made again.
    Expected<std::string> incarnation();
    // Whether the store was made as a demonstration store (InitialConfig::demo).
    Expected<bool> isDemo();
    Expected<nlohmann::json> config(std::string_view kind); // "policy", "provider", "trust"
    Expected<std::optional<SessionRecord>> session(std::string_view sessionId);
    Expected<std::optional<SessionRecord>> openSessionFor(std::string_view couponId);
    Expected<std::optional<SessionRecord>> lastSessionFor(std::string_view couponId);
    Expected<std::optional<CouponRecord>> coupon(std::string_view couponId);
    Expected<std::int64_t> usedMinutes(std::string_view couponId, std::string_view exceptSession = {});
    Expected<bool> isRevoked(std::string_view couponId);
    Expected<bool> ticketUsed(std::string_view ticket);
    Expected<std::optional<StaffRecord>> staff(std::string_view staffId);
    Expected<std::int64_t> staffCount();
    // Sessions whose local date lies in [first, last], in start order; all when no range.
    Expected<std::vector<SessionRecord>> sessions(std::optional<date::year_month_day> first,
                                                  std::optional<date::year_month_day> last, bool openOnly);
    // Closed sessions per local date and service in [first, last].
    Expected<std::vector<DailyRow>> dailyTotals(date::year_month_day first, date::year_month_day last);
    Expected<std::int64_t> eventCount();
    // Session events (opened, closed, cancelled, corrected, paper): how many, and the oldest one's time.
    struct Summary {
        std::int64_t count = 0;
        std::optional<Instant> oldest;
    };
    Expected<Summary> sessionEventSummary();
    // The sequence number of the newest event (0 for none): a lookup, not a count.
    Expected<std::int64_t> lastSeq();
    Expected<std::vector<Event>> events(std::int64_t fromSeq, std::int64_t limit);
    // Every event about one session, oldest first: its opening, close, cancellation and corrections.
    Expected<std::vector<Event>> sessionHistory(std::string_view sessionId);

    // ---- synchronisation (sync/ drives these; the terminal core reads them) ----
    Expected<std::optional<Enrolment>> enrolment();
    // Events that go to the ledger and have no answer yet, oldest first: at most maxEvents, and at most
    // maxBytes of bodies (but at least one event when any waits).
    Expected<std::vector<Event>> outbox(std::size_t maxEvents, std::size_t maxBytes);
    struct OutboxSummary {
        std::int64_t count = 0;
        std::optional<Instant> oldest;
    };
    Expected<OutboxSummary> outboxSummary();
    // The seq of the newest event the ledger has answered (0 for none).
    Expected<std::int64_t> lastAnsweredSeq();
    // The ledger's rejections still standing: sessions whose latest answered event the ledger rejected.
    Expected<std::vector<LedgerAnswer>> attention();
    Expected<std::optional<LedgerBalance>> ledgerBalance(std::string_view couponId);
    // The policy in force on a local date: the latest installed whose `from` is not after it.
    Expected<nlohmann::json> policyOn(date::year_month_day day);

    // Checks the chain end to end: seq without gaps, each prev_hash the hash before, each hash recomputed,
    // the head recorded in the meta table, and SQLite's own integrity check. (A copy of an older schema, which
    // is only read, has its chain checked but not its projections: they are of that schema.)
    Expected<AuditResult> audit();

    // A consistent copy of this store, encrypted with the same key, at `file` (which must not exist; its
    // folder must): written by SQLCipher's sqlcipher_export into a temporary file beside it (mode 0600)
    // inside one read transaction (a snapshot: others may write meanwhile), synced, checked (opened with the
    // key, schema version read, chain audited) and only then linked into place, and the folder synced. A
    // failure (a full disk) leaves no file and changes nothing in the store.
    Expected<StoreCopyInfo> backupTo(const std::filesystem::path& file);

    const std::filesystem::path& path() const;

private:
    // Small non-event values (table sync_state), read and written only through their typed owners: SyncState
    // (the sync's) and LocalValues (the clock witness's, the PIN failures). Values are never logged.
    friend class SyncState;
    friend class LocalValues;
    Expected<std::optional<std::string>> syncValue(std::string_view key);
    Expected<void> setSyncValue(std::string_view key, std::string_view value);

    struct Impl;
    friend class StoreBackup;
    explicit EventStore(std::unique_ptr<Impl> impl);
    // The benchmarks' seam (sango/plain_store.h): the same engine without encryption.
    friend Expected<EventStore> plainStoreForBenchmark(const std::filesystem::path& file, const InitialConfig& config,
                                                      Instant now);
    // A store file opened to be read and checked, not used: no lock, no migration, no change of journal mode
    // (a backup, or the store `sango restore` replaces while it holds the lock).
    static Expected<EventStore> openCopy(const std::filesystem::path& file, const StoreKey& key,
                                         const std::string& shownAs);
    Expected<void> migrateFrom(int version);
    Expected<void> copyBeforeMigration(const StoreLocation& where, int version);
    std::unique_ptr<Impl> m_impl;
};

} // namespace sango
