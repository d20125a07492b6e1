#pragma once
// The ledger's store, as one interface with two engines behind it: SqliteLedgerStore (one SQLCipher file, the
// default, embedded) and PgLedgerStore (a PostgreSQL database shared by several ledger processes). Both keep
// the same numbered schema versions; open_ledger_store.h chooses one from a LedgerLocation.
//
// The only part of the ledger that speaks SQL: the rules, the administration and the terminal API call its
// typed methods, named by what they mean, and never learn which engine answers. Every figure is an integer
// (BIGINT minutes, seconds, sequence numbers); nothing is floating point.
//
// Writes happen inside beginWrite()'s transaction. Each engine makes the rules' reads in a write transaction
// reflect commit order: SQLCipher by one writer at a time (BEGIN IMMEDIATE); PostgreSQL by row locks on the
// coupon, enrolment code and paper ticket a write transaction reads, unique constraints on event ids, nonces and
// tickets, and one lock around the changes feed. A write that lost a race to another process fails with
// Errc::store_in_use and a conflict() error: the ledger runs it again (ledger_impl.h, retryOnConflict), and the
// second run sees the first one's result (a duplicate, a replayed nonce, a spent code).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sango/billing.h" // DailyRow
#include "sango/error.h"
#include "sango/ledger/ledger.h"
#include "ledger_tables.h"

#include <nlohmann/json.hpp>

namespace sango::ledger {

// An active issuer key as the trust store lists it.
struct IssuerKeyRow {
    std::string kid;
    std::string publicKeyB64u;
};

// An issuer key with its secret (wiped by the caller once used).
struct IssuerSecret {
    std::string kid;
    std::vector<std::uint8_t> secret;
};

struct CouponRow {
    std::int64_t grantMinutes = 0;
    std::string services; // JSON array of service names
    std::int64_t notBefore = 0;
    std::int64_t expires = 0;
    std::optional<std::int64_t> revokedAt;
    std::optional<std::int64_t> revokedChange; // the change that carries the revocation
};

struct NewCoupon {
    std::string couponId;
    std::string type;
    std::int64_t grantMinutes = 0;
    std::string services; // JSON array
    std::int64_t notBefore = 0;
    std::int64_t expires = 0;
    std::string kid;
    std::string serial;
    std::string passHash;
    std::int64_t issuedAt = 0;
};

// grant: nothing for a coupon the ledger never issued; used: minutes counted by its sessions.
struct CouponBalance {
    std::optional<std::int64_t> grantMinutes;
    std::int64_t usedMinutes = 0;
};

// What an enrolment code looks up: its provider, and the terminal and key it enrolled when it is used.
struct EnrolmentCodeRow {
    std::string providerId;
    std::optional<std::int64_t> usedAt;
    std::string terminalId;
    std::string publicKey; // of that terminal
    bool usable = false;   // unused, not expired, not cancelled
};

struct NewTerminal {
    std::string terminalId;
    std::string providerId;
    std::int64_t number = 0;
    std::string publicKeyB64u;
    std::string label;
    std::int64_t enrolledAt = 0;
};

struct PaperTicketRow {
    std::string couponId;
    bool used = false;
};

// The first judgement of an event id: what a duplicate delivery is answered.
struct JudgementRow {
    std::string digest;
    std::string status;
    std::string reason;
    std::string detail;
    std::optional<std::string> figures; // JSON
};

// A judged event as stored.
struct EventRecord {
    std::string id;
    std::string digest;
    std::string terminalId;
    std::string providerId;
    std::int64_t seq = 0;
    std::string type;
    std::int64_t at = 0;
    std::string couponId;
    std::string sessionId;
    std::string status;
    std::string reason;
    std::string flags; // JSON array
    std::optional<std::int64_t> clockOffset;
    std::int64_t receivedAt = 0;
    std::string body;
    std::optional<std::string> figures; // JSON
    std::string detail;
};

// A delivery of an event id with other content than its first: kept for review.
struct ConflictRecord {
    std::string id;
    std::string digest;
    std::string terminalId;
    std::string providerId;
    std::int64_t seq = 0;
    std::string type;
    std::int64_t at = 0;
    std::int64_t receivedAt = 0;
    std::string body;
};

// The ledger's session, keyed (terminal_id, session_id).
struct SessionRow {
    std::string couponId;  // the coupon (for a paper session: its ticket's coupon)
    std::string ticket;    // an accepted paper session's ticket, else ""
    std::string source;    // qr | manual | paper
    std::string service;
    std::string status;    // open | closed | cancelled | rejected
    std::int64_t openedStart = 0;
    std::int64_t start = 0; // effective (after corrections)
    std::optional<std::int64_t> stop;
    std::string date;
    std::int64_t actualMinutes = 0;
    std::int64_t billedMinutes = 0;
    std::int64_t countedMinutes = 0;
};

// A session as its opening (or a paper session as a whole) records it.
struct NewSession {
    std::string terminalId;
    std::string sessionId;
    std::string providerId;
    std::optional<std::string> couponId;
    std::optional<std::string> ticket; // paper sessions only
    std::string source;
    std::string service;
    std::int64_t start = 0;
    std::optional<std::int64_t> stop;
    std::string date;
    std::optional<std::int64_t> actualMinutes;
    std::optional<std::int64_t> billedMinutes;
    std::string status;
    std::int64_t countedMinutes = 0;
    std::string openedEvent;
    std::int64_t openedStart = 0;
};

// New figures of a session (a close or a correction).
struct SessionFiguresRow {
    std::int64_t start = 0;
    std::int64_t stop = 0;
    std::string date;
    std::int64_t actualMinutes = 0;
    std::int64_t billedMinutes = 0;
    std::int64_t countedMinutes = 0;
};

struct ChangeRow {
    std::int64_t seq = 0;
    std::string kind;
    std::string couponId; // balance changes
    std::string body;     // JSON (the others)
};

// An engine-neutral transaction: rolled back when it goes out of scope uncommitted.
class LedgerTransaction {
public:
    // What an engine keeps of an open transaction; its destructor rolls back what was not committed.
    class Impl {
    public:
        virtual ~Impl() = default;
        virtual Expected<void> commit() = 0;
    };

    explicit LedgerTransaction(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
    LedgerTransaction(LedgerTransaction&&) noexcept = default;
    LedgerTransaction& operator=(LedgerTransaction&&) noexcept = default;
    ~LedgerTransaction() = default;

    // Makes the work durable; on a failure the transaction stays open and scope exit rolls it back.
    Expected<void> commit() { return m_impl->commit(); }

private:
    std::unique_ptr<Impl> m_impl;
};

// The error of a write that lost a race with another ledger process (a unique key taken, a serialization
// failure): running the whole request again gives the right answer.
Error conflictError(std::string what);
bool isConflict(const Error& e);

class LedgerStore {
public:
    static constexpr int kSchemaVersion = 2;

    LedgerStore() = default;
    virtual ~LedgerStore() = default;
    LedgerStore(const LedgerStore&) = delete;
    LedgerStore& operator=(const LedgerStore&) = delete;

    // Which engine and where (a URL never carries a password), and whether it refuses writes.
    virtual StoreInfo info() = 0;

    // For writes: one state that later writers see in commit order (refused with store_read_only on a
    // read-only database). For reads that must see one state. Rolled back unless committed.
    virtual Expected<LedgerTransaction> beginWrite() = 0;
    virtual Expected<LedgerTransaction> beginRead() = 0;
    // Reads the store, so that a lost disk, key or database server shows.
    virtual Expected<void> checkReadable() = 0;

    // ---- the municipality (each engine's *_admin.cpp) ----
    virtual Expected<void> initialise(const std::string& municipality, const std::string& codeSecretHex) = 0;
    virtual Expected<std::optional<std::string>> municipality() = 0;
    virtual Expected<std::optional<std::string>> codeSecret() = 0; // hex
    virtual Expected<void> addPolicy(const std::string& fromDate, const std::string& policy, std::int64_t now) = 0;
    // The policy set last (JSON), whatever its date.
    virtual Expected<std::optional<std::string>> newestPolicy() = 0;
    // The policy in force on a local date: the latest `from` not after it, else the earliest.
    virtual Expected<std::optional<std::string>> policyOn(const std::string& date) = 0;
    virtual Expected<std::vector<IssuerKeyRow>> activeIssuerKeys() = 0;
    virtual Expected<bool> issuerKeyExists(const std::string& kid) = 0;
    virtual Expected<void> addIssuerKey(const std::string& kid, const std::uint8_t* secret, std::size_t secretSize,
                                const std::string& publicKeyB64u, std::int64_t now) = 0;
    // The active key asked for, else the newest active one.
    virtual Expected<std::optional<IssuerSecret>> activeIssuerSecret(const std::optional<std::string>& kid) = 0;
    // Whether the key is retired; nothing when there is no such key.
    virtual Expected<std::optional<bool>> issuerKeyRetired(const std::string& kid) = 0;
    virtual Expected<std::int64_t> activeIssuerKeyCount() = 0;
    virtual Expected<void> retireIssuerKey(const std::string& kid, std::int64_t now) = 0;

    virtual Expected<std::optional<std::string>> providerProfile(const std::string& providerId) = 0; // JSON
    virtual Expected<bool> providerExists(const std::string& providerId) = 0;
    virtual Expected<bool> providerSuspended(const std::string& providerId) = 0;
    virtual Expected<void> addProvider(const std::string& providerId, const std::string& profile, std::int64_t now) = 0;
    virtual Expected<void> updateProvider(const std::string& providerId, const std::string& profile, std::int64_t now) = 0;
    virtual Expected<void> suspendProvider(const std::string& providerId, std::int64_t now) = 0; // since the first time
    virtual Expected<void> resumeProvider(const std::string& providerId) = 0;

    virtual Expected<void> addEnrolmentCode(const std::string& codeHash, const std::string& providerId, std::int64_t now,
                                    std::int64_t expiresAt) = 0;
    virtual Expected<std::optional<EnrolmentCodeRow>> findEnrolmentCode(const std::string& codeHash, std::int64_t now) = 0;
    // Unused and not cancelled (expired or not).
    virtual Expected<bool> enrolmentCodeOpen(const std::string& codeHash) = 0;
    virtual Expected<void> cancelEnrolmentCode(const std::string& codeHash, std::int64_t now) = 0;
    // Cancels every open code of a provider; how many.
    virtual Expected<std::int64_t> cancelEnrolmentCodesOf(const std::string& providerId, std::int64_t now) = 0;
    virtual Expected<void> spendEnrolmentCode(const std::string& codeHash, const std::string& terminalId, std::int64_t now) = 0;

    virtual Expected<std::optional<CouponRow>> findCoupon(const std::string& couponId) = 0;
    virtual Expected<bool> couponIdOrSerialTaken(const std::string& couponId, const std::string& serial) = 0;
    virtual Expected<void> addCoupon(const NewCoupon& c) = 0;
    virtual Expected<void> revokeCoupon(const std::string& couponId, const std::string& reason, std::int64_t now,
                                std::int64_t change) = 0;
    virtual Expected<CouponBalance> couponBalance(const std::string& couponId) = 0;
    // Minutes counted under the coupon itself by one terminal's digital and typed sessions.
    virtual Expected<std::int64_t> couponUsedBy(const std::string& couponId, const std::string& terminalId) = 0;

    virtual Expected<bool> paperTicketExists(const std::string& ticket) = 0;
    virtual Expected<void> addPaperTicket(const std::string& ticket, const std::string& couponId, std::int64_t now) = 0;
    virtual Expected<std::optional<PaperTicketRow>> findPaperTicket(const std::string& ticket) = 0;
    virtual Expected<void> spendPaperTicket(const std::string& ticket, const std::string& terminalId,
                                    const std::string& sessionId, std::int64_t now) = 0;

    virtual Expected<bool> terminalExists(const std::string& terminalId) = 0;
    virtual Expected<std::optional<TerminalInfo>> findTerminal(const std::string& terminalId) = 0;
    virtual Expected<std::vector<TerminalInfo>> terminals() = 0; // by provider and number
    virtual Expected<bool> terminalRevoked(const std::string& terminalId) = 0;
    virtual Expected<std::int64_t> lastTerminalNumber(const std::string& providerId) = 0; // 0 for none
    virtual Expected<void> addTerminal(const NewTerminal& t) = 0;
    virtual Expected<void> revokeTerminal(const std::string& terminalId, const std::string& reason, std::int64_t now) = 0;
    virtual Expected<std::optional<std::int64_t>> lastPullAt(const std::string& terminalId) = 0;
    // A pull: its time, and the cursor it reached (never moved back).
    virtual Expected<void> recordPull(const std::string& terminalId, std::int64_t now, std::int64_t cursor) = 0;
    // Whether the terminal has pulled the change `seq`.
    virtual Expected<bool> terminalPulled(const std::string& terminalId, std::int64_t seq) = 0;
    // A signed request's nonce, remembered until horizon passes (older ones are forgotten), and the terminal's
    // last contact; false when the nonce was seen before.
    virtual Expected<bool> rememberNonce(const std::string& terminalId, const std::string& nonce, std::int64_t keepUntil,
                                 std::int64_t horizon, std::int64_t now) = 0;

    virtual Expected<void> unlockSession(const std::string& terminalId, const std::string& sessionId, std::int64_t until,
                                 std::int64_t now) = 0;
    virtual Expected<bool> sessionUnlocked(const std::string& terminalId, const std::string& sessionId, std::int64_t now) = 0;

    // ---- judged events, sessions, changes, totals (each engine's *_sessions.cpp) ----
    virtual Expected<std::optional<JudgementRow>> judgement(const std::string& eventId) = 0;
    virtual Expected<void> recordEvent(const EventRecord& e) = 0;
    virtual Expected<void> recordConflict(const ConflictRecord& c) = 0;
    // Judged events and conflicting deliveries, in the order received; coupon and status "" for all.
    virtual Expected<std::vector<LedgerEventRow>> eventRows(const std::string& couponId, const std::string& status) = 0;

    virtual Expected<std::optional<SessionRow>> findSession(const std::string& terminalId, const std::string& sessionId) = 0;
    virtual Expected<void> addSession(const NewSession& s) = 0;
    virtual Expected<void> closeSession(const std::string& terminalId, const std::string& sessionId,
                                const SessionFiguresRow& f) = 0;
    virtual Expected<void> correctSession(const std::string& terminalId, const std::string& sessionId,
                                  const SessionFiguresRow& f) = 0;
    virtual Expected<void> cancelSession(const std::string& terminalId, const std::string& sessionId) = 0;
    // The reason the session's opening was refused ("" when accepted); nothing when there is no session.
    virtual Expected<std::optional<std::string>> openingReason(const std::string& terminalId, const std::string& sessionId) = 0;
    // Accepted closed sessions of a provider per date and service in [first, last] (YYYY-MM-DD).
    virtual Expected<std::vector<DailyRow>> dailyTotals(const std::string& providerId, const std::string& first,
                                                const std::string& last) = 0;

    // providerId nothing: for every provider.
    virtual Expected<void> addChange(std::string_view kind, const std::optional<std::string>& providerId,
                             const std::string& body, std::int64_t now) = 0;
    virtual Expected<std::vector<std::string>> providersWithSessionsOf(const std::string& couponId) = 0;
    // The balance change of a coupon for a provider, replacing an older one.
    virtual Expected<void> replaceBalanceChange(const std::string& couponId, const std::string& providerId, std::int64_t now) = 0;
    virtual Expected<std::int64_t> lastChangeSeq() = 0; // 0 when none
    virtual Expected<std::vector<ChangeRow>> changesAfter(std::int64_t after, const std::string& providerId,
                                                  std::int64_t limit) = 0;

    // ---- moving a ledger between engines (each engine's *_transfer.cpp; ledger_transfer.h) ----
    // A row as a JSON array of the table's columns in ledger_tables.h's order: integers, strings, blobs as hex,
    // null.
    using RowSink = std::function<Expected<void>(nlohmann::json row)>;
    // The next row of a table, or nothing after its last one.
    using RowSource = std::function<Expected<std::optional<nlohmann::json>>()>;
    // Every row of a table, in its key's order, inside the caller's transaction; how many.
    virtual Expected<std::int64_t> exportTable(const TableSpec& table, const RowSink& sink) = 0;
    // Inserts the rows (already checked against the columns' types) with their values unchanged, inside the
    // caller's write transaction, then sets the table's serial column to continue after both the largest value
    // imported and sequenceFloor (the source's sequence: a deleted last change keeps its number); how many.
    virtual Expected<std::int64_t> importTable(const TableSpec& table, const RowSource& source,
                                               std::int64_t sequenceFloor) = 0;
};

} // namespace sango::ledger
