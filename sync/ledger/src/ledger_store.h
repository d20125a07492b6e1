#pragma once
// The ledger's encrypted store: one SQLCipher file (ledger.db) keyed from ledger.key (0600), the terminal's
// settings (4 KiB cipher pages, WAL, synchronous=FULL) plus a busy timeout so that `serve` and the admin
// commands share the file, and numbered schema migrations recorded in schema_migrations.
//
// The only part of the ledger that speaks SQL: the rules, the administration and the terminal API call its
// typed methods, named by what they mean, so that another engine can stand behind them. Its sources:
// ledger_store.cpp (the file, migrations, transactions), ledger_store_admin.cpp (the municipality's keys,
// policies, providers, codes, coupons, paper tickets, terminals and nonces) and ledger_store_sessions.cpp (judged
// events, sessions, the changes feed and totals).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sango/billing.h" // DailyRow
#include "sango/database.h"
#include "sango/error.h"
#include "sango/ledger/ledger.h"
#include "sango/transaction.h"

namespace sango::ledger {

inline constexpr const char* kDatabaseFileName = "ledger.db";
inline constexpr const char* kKeyFileName = "ledger.key";

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

class LedgerStore {
public:
    static constexpr int kSchemaVersion = 2;
    static constexpr int kPageSize = 4096;
    static constexpr int kBusyTimeoutMs = 5000;

    // Makes the data directory (0700), the key file and the store, migrated to the current schema; populate
    // fills it (in a write transaction) before it takes its final name, so that a failure leaves nothing.
    // Refuses (store_exists) when the directory already holds a ledger.
    static Expected<LedgerStore> create(const std::filesystem::path& dataDir, std::int64_t now,
                                        const std::function<Expected<void>(LedgerStore&)>& populate);
    // Opens and applies the migrations the file lacks (now: their applied_at).
    static Expected<LedgerStore> open(const std::filesystem::path& dataDir, std::int64_t now);

    // BEGIN IMMEDIATE for writes (one writer at a time, waiting up to the busy timeout), BEGIN for reads that
    // must see one state. Rolled back unless committed.
    Expected<db::Transaction> beginWrite();
    Expected<db::Transaction> beginRead();
    // Reads the file, so that a lost disk or key shows.
    Expected<void> checkReadable();

    // ---- the municipality (ledger_store_admin.cpp) ----
    Expected<void> initialise(const std::string& municipality, const std::string& codeSecretHex);
    Expected<std::optional<std::string>> municipality();
    Expected<std::optional<std::string>> codeSecret(); // hex
    Expected<void> addPolicy(const std::string& fromDate, const std::string& policy, std::int64_t now);
    // The policy set last (JSON), whatever its date.
    Expected<std::optional<std::string>> newestPolicy();
    // The policy in force on a local date: the latest `from` not after it, else the earliest.
    Expected<std::optional<std::string>> policyOn(const std::string& date);
    Expected<std::vector<IssuerKeyRow>> activeIssuerKeys();
    Expected<bool> issuerKeyExists(const std::string& kid);
    Expected<void> addIssuerKey(const std::string& kid, const std::uint8_t* secret, std::size_t secretSize,
                                const std::string& publicKeyB64u, std::int64_t now);
    // The active key asked for, else the newest active one.
    Expected<std::optional<IssuerSecret>> activeIssuerSecret(const std::optional<std::string>& kid);
    // Whether the key is retired; nothing when there is no such key.
    Expected<std::optional<bool>> issuerKeyRetired(const std::string& kid);
    Expected<std::int64_t> activeIssuerKeyCount();
    Expected<void> retireIssuerKey(const std::string& kid, std::int64_t now);

    Expected<std::optional<std::string>> providerProfile(const std::string& providerId); // JSON
    Expected<bool> providerExists(const std::string& providerId);
    Expected<bool> providerSuspended(const std::string& providerId);
    Expected<void> addProvider(const std::string& providerId, const std::string& profile, std::int64_t now);
    Expected<void> updateProvider(const std::string& providerId, const std::string& profile, std::int64_t now);
    Expected<void> suspendProvider(const std::string& providerId, std::int64_t now); // since the first time
    Expected<void> resumeProvider(const std::string& providerId);

    Expected<void> addEnrolmentCode(const std::string& codeHash, const std::string& providerId, std::int64_t now,
                                    std::int64_t expiresAt);
    Expected<std::optional<EnrolmentCodeRow>> findEnrolmentCode(const std::string& codeHash, std::int64_t now);
    // Unused and not cancelled (expired or not).
    Expected<bool> enrolmentCodeOpen(const std::string& codeHash);
    Expected<void> cancelEnrolmentCode(const std::string& codeHash, std::int64_t now);
    // Cancels every open code of a provider; how many.
    Expected<std::int64_t> cancelEnrolmentCodesOf(const std::string& providerId, std::int64_t now);
    Expected<void> spendEnrolmentCode(const std::string& codeHash, const std::string& terminalId, std::int64_t now);

    Expected<std::optional<CouponRow>> findCoupon(const std::string& couponId);
    Expected<bool> couponIdOrSerialTaken(const std::string& couponId, const std::string& serial);
    Expected<void> addCoupon(const NewCoupon& c);
    Expected<void> revokeCoupon(const std::string& couponId, const std::string& reason, std::int64_t now,
                                std::int64_t change);
    Expected<CouponBalance> couponBalance(const std::string& couponId);
    // Minutes counted under the coupon itself by one terminal's digital and typed sessions.
    Expected<std::int64_t> couponUsedBy(const std::string& couponId, const std::string& terminalId);

    Expected<bool> paperTicketExists(const std::string& ticket);
    Expected<void> addPaperTicket(const std::string& ticket, const std::string& couponId, std::int64_t now);
    Expected<std::optional<PaperTicketRow>> findPaperTicket(const std::string& ticket);
    Expected<void> spendPaperTicket(const std::string& ticket, const std::string& terminalId,
                                    const std::string& sessionId, std::int64_t now);

    Expected<bool> terminalExists(const std::string& terminalId);
    Expected<std::optional<TerminalInfo>> findTerminal(const std::string& terminalId);
    Expected<std::vector<TerminalInfo>> terminals(); // by provider and number
    Expected<bool> terminalRevoked(const std::string& terminalId);
    Expected<std::int64_t> lastTerminalNumber(const std::string& providerId); // 0 for none
    Expected<void> addTerminal(const NewTerminal& t);
    Expected<void> revokeTerminal(const std::string& terminalId, const std::string& reason, std::int64_t now);
    Expected<std::optional<std::int64_t>> lastPullAt(const std::string& terminalId);
    // A pull: its time, and the cursor it reached (never moved back).
    Expected<void> recordPull(const std::string& terminalId, std::int64_t now, std::int64_t cursor);
    // Whether the terminal has pulled the change `seq`.
    Expected<bool> terminalPulled(const std::string& terminalId, std::int64_t seq);
    // A signed request's nonce, remembered until horizon passes (older ones are forgotten), and the terminal's
    // last contact; false when the nonce was seen before.
    Expected<bool> rememberNonce(const std::string& terminalId, const std::string& nonce, std::int64_t keepUntil,
                                 std::int64_t horizon, std::int64_t now);

    Expected<void> unlockSession(const std::string& terminalId, const std::string& sessionId, std::int64_t until,
                                 std::int64_t now);
    Expected<bool> sessionUnlocked(const std::string& terminalId, const std::string& sessionId, std::int64_t now);

    // ---- judged events, sessions, changes, totals (ledger_store_sessions.cpp) ----
    Expected<std::optional<JudgementRow>> judgement(const std::string& eventId);
    Expected<void> recordEvent(const EventRecord& e);
    Expected<void> recordConflict(const ConflictRecord& c);
    // Judged events and conflicting deliveries, in the order received; coupon and status "" for all.
    Expected<std::vector<LedgerEventRow>> eventRows(const std::string& couponId, const std::string& status);

    Expected<std::optional<SessionRow>> findSession(const std::string& terminalId, const std::string& sessionId);
    Expected<void> addSession(const NewSession& s);
    Expected<void> closeSession(const std::string& terminalId, const std::string& sessionId,
                                const SessionFiguresRow& f);
    Expected<void> correctSession(const std::string& terminalId, const std::string& sessionId,
                                  const SessionFiguresRow& f);
    Expected<void> cancelSession(const std::string& terminalId, const std::string& sessionId);
    // The reason the session's opening was refused ("" when accepted); nothing when there is no session.
    Expected<std::optional<std::string>> openingReason(const std::string& terminalId, const std::string& sessionId);
    // Accepted closed sessions of a provider per date and service in [first, last] (YYYY-MM-DD).
    Expected<std::vector<DailyRow>> dailyTotals(const std::string& providerId, const std::string& first,
                                                const std::string& last);

    // providerId nothing: for every provider.
    Expected<void> addChange(std::string_view kind, const std::optional<std::string>& providerId,
                             const std::string& body, std::int64_t now);
    Expected<std::vector<std::string>> providersWithSessionsOf(const std::string& couponId);
    // The balance change of a coupon for a provider, replacing an older one.
    Expected<void> replaceBalanceChange(const std::string& couponId, const std::string& providerId, std::int64_t now);
    Expected<std::int64_t> lastChangeSeq(); // 0 when none
    Expected<std::vector<ChangeRow>> changesAfter(std::int64_t after, const std::string& providerId,
                                                  std::int64_t limit);

private:
    explicit LedgerStore(db::Database d) : m_db(std::move(d)) {}
    static Expected<db::Database> connect(const std::filesystem::path& file, const std::filesystem::path& keyFile,
                                          bool create);
    static Expected<void> migrate(db::Database& d, std::int64_t now);

    db::Database m_db;
};

} // namespace sango::ledger
