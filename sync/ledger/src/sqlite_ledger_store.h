#pragma once
// The SQLCipher engine of the ledger's store, the default: one encrypted file (ledger.db) keyed from ledger.key
// (0600), the terminal's settings (4 KiB cipher pages, WAL, synchronous=FULL) plus a busy timeout so that
// `serve` and the admin commands share the file, and numbered schema migrations (sqlite_schema.h) recorded in
// schema_migrations. One writer at a time (BEGIN IMMEDIATE): the rules' reads in a write transaction see
// every earlier commit.
//
// Sources: sqlite_ledger_store.cpp (the file, migrations, transactions), sqlite_ledger_store_admin.cpp (the
// municipality's keys, policies, providers, codes, coupons, paper tickets, terminals and nonces) and
// sqlite_ledger_store_sessions.cpp (judged events, sessions, the changes feed and totals).
#include "ledger_store.h"
#include "sango/database.h"
#include "sango/transaction.h"

namespace sango::ledger {

inline constexpr const char* kDatabaseFileName = "ledger.db";
inline constexpr const char* kKeyFileName = "ledger.key";

class SqliteLedgerStore final : public LedgerStore {
public:
    static constexpr int kPageSize = 4096;
    static constexpr int kBusyTimeoutMs = 5000;

    // Makes the data directory (0700), the key file and the store, migrated to the current schema; populate
    // fills it (in a write transaction) before it takes its final name, so that a failure leaves nothing.
    // Refuses (store_exists) when the directory already holds a ledger.
    static Expected<std::unique_ptr<LedgerStore>> create(const std::filesystem::path& dataDir, std::int64_t now,
                                                         const std::function<Expected<void>(LedgerStore&)>& populate);
    // Opens and applies the migrations the file lacks (now: their applied_at).
    static Expected<std::unique_ptr<LedgerStore>> open(const std::filesystem::path& dataDir, std::int64_t now);

    StoreInfo info() override;
    Expected<LedgerTransaction> beginWrite() override;
    Expected<LedgerTransaction> beginRead() override;
    Expected<void> checkReadable() override;

    // ---- the municipality (sqlite_ledger_store_admin.cpp) ----
    Expected<void> initialise(const std::string& municipality, const std::string& codeSecretHex) override;
    Expected<std::optional<std::string>> municipality() override;
    Expected<std::optional<std::string>> codeSecret() override;
    Expected<void> addPolicy(const std::string& fromDate, const std::string& policy, std::int64_t now) override;
    Expected<std::optional<std::string>> newestPolicy() override;
    Expected<std::optional<std::string>> policyOn(const std::string& date) override;
    Expected<std::vector<IssuerKeyRow>> activeIssuerKeys() override;
    Expected<bool> issuerKeyExists(const std::string& kid) override;
    Expected<void> addIssuerKey(const std::string& kid, const std::uint8_t* secret, std::size_t secretSize,
                                const std::string& publicKeyB64u, std::int64_t now) override;
    Expected<std::optional<IssuerSecret>> activeIssuerSecret(const std::optional<std::string>& kid) override;
    Expected<std::optional<bool>> issuerKeyRetired(const std::string& kid) override;
    Expected<std::int64_t> activeIssuerKeyCount() override;
    Expected<void> retireIssuerKey(const std::string& kid, std::int64_t now) override;

    Expected<std::optional<std::string>> providerProfile(const std::string& providerId) override;
    Expected<bool> providerExists(const std::string& providerId) override;
    Expected<bool> providerSuspended(const std::string& providerId) override;
    Expected<void> addProvider(const std::string& providerId, const std::string& profile, std::int64_t now) override;
    Expected<void> updateProvider(const std::string& providerId, const std::string& profile, std::int64_t now) override;
    Expected<void> suspendProvider(const std::string& providerId, std::int64_t now) override;
    Expected<void> resumeProvider(const std::string& providerId) override;

    Expected<void> addEnrolmentCode(const std::string& codeHash, const std::string& providerId, std::int64_t now,
                                    std::int64_t expiresAt) override;
    Expected<std::optional<EnrolmentCodeRow>> findEnrolmentCode(const std::string& codeHash, std::int64_t now) override;
    Expected<bool> enrolmentCodeOpen(const std::string& codeHash) override;
    Expected<void> cancelEnrolmentCode(const std::string& codeHash, std::int64_t now) override;
    Expected<std::int64_t> cancelEnrolmentCodesOf(const std::string& providerId, std::int64_t now) override;
    Expected<void> spendEnrolmentCode(const std::string& codeHash, const std::string& terminalId, std::int64_t now) override;

    Expected<std::optional<CouponRow>> findCoupon(const std::string& couponId) override;
    Expected<bool> couponIdOrSerialTaken(const std::string& couponId, const std::string& serial) override;
    Expected<void> addCoupon(const NewCoupon& c) override;
    Expected<void> revokeCoupon(const std::string& couponId, const std::string& reason, std::int64_t now,
                                std::int64_t change) override;
    Expected<CouponBalance> couponBalance(const std::string& couponId) override;
    Expected<std::int64_t> couponUsedBy(const std::string& couponId, const std::string& terminalId) override;

    Expected<bool> paperTicketExists(const std::string& ticket) override;
    Expected<void> addPaperTicket(const std::string& ticket, const std::string& couponId, std::int64_t now) override;
    Expected<std::optional<PaperTicketRow>> findPaperTicket(const std::string& ticket) override;
    Expected<void> spendPaperTicket(const std::string& ticket, const std::string& terminalId,
                                    const std::string& sessionId, std::int64_t now) override;

    Expected<bool> terminalExists(const std::string& terminalId) override;
    Expected<std::optional<TerminalInfo>> findTerminal(const std::string& terminalId) override;
    Expected<std::vector<TerminalInfo>> terminals() override;
    Expected<bool> terminalRevoked(const std::string& terminalId) override;
    Expected<std::int64_t> lastTerminalNumber(const std::string& providerId) override;
    Expected<void> addTerminal(const NewTerminal& t) override;
    Expected<void> revokeTerminal(const std::string& terminalId, const std::string& reason, std::int64_t now) override;
    Expected<std::optional<std::int64_t>> lastPullAt(const std::string& terminalId) override;
    Expected<void> recordPull(const std::string& terminalId, std::int64_t now, std::int64_t cursor) override;
    Expected<bool> terminalPulled(const std::string& terminalId, std::int64_t seq) override;
    Expected<bool> rememberNonce(const std::string& terminalId, const std::string& nonce, std::int64_t keepUntil,
                                 std::int64_t horizon, std::int64_t now) override;

    Expected<void> unlockSession(const std::string& terminalId, const std::string& sessionId, std::int64_t until,
                                 std::int64_t now) override;
    Expected<bool> sessionUnlocked(const std::string& terminalId, const std::string& sessionId, std::int64_t now) override;

    // ---- judged events, sessions, changes, totals (sqlite_ledger_store_sessions.cpp) ----
    Expected<std::optional<JudgementRow>> judgement(const std::string& eventId) override;
    Expected<void> recordEvent(const EventRecord& e) override;
    Expected<void> recordConflict(const ConflictRecord& c) override;
    Expected<std::vector<LedgerEventRow>> eventRows(const std::string& couponId, const std::string& status) override;

    Expected<std::optional<SessionRow>> findSession(const std::string& terminalId, const std::string& sessionId) override;
    Expected<void> addSession(const NewSession& s) override;
    Expected<void> closeSession(const std::string& terminalId, const std::string& sessionId,
                                const SessionFiguresRow& f) override;
    Expected<void> correctSession(const std::string& terminalId, const std::string& sessionId,
                                  const SessionFiguresRow& f) override;
    Expected<void> cancelSession(const std::string& terminalId, const std::string& sessionId) override;
    Expected<std::optional<std::string>> openingReason(const std::string& terminalId, const std::string& sessionId) override;
    Expected<std::vector<DailyRow>> dailyTotals(const std::string& providerId, const std::string& first,
                                                const std::string& last) override;

    Expected<void> addChange(std::string_view kind, const std::optional<std::string>& providerId,
                             const std::string& body, std::int64_t now) override;
    Expected<std::vector<std::string>> providersWithSessionsOf(const std::string& couponId) override;
    Expected<void> replaceBalanceChange(const std::string& couponId, const std::string& providerId, std::int64_t now) override;
    Expected<std::int64_t> lastChangeSeq() override;
    Expected<std::vector<ChangeRow>> changesAfter(std::int64_t after, const std::string& providerId,
                                                  std::int64_t limit) override;

    // ---- moving a ledger between engines (sqlite_ledger_store_transfer.cpp) ----
    Expected<std::int64_t> exportTable(const TableSpec& table, const RowSink& sink) override;
    Expected<std::int64_t> importTable(const TableSpec& table, const RowSource& source,
                                       std::int64_t sequenceFloor) override;

private:
    SqliteLedgerStore(db::Database d, std::filesystem::path file) : m_db(std::move(d)), m_file(std::move(file)) {}
    static Expected<db::Database> connect(const std::filesystem::path& file, const std::filesystem::path& keyFile,
                                          bool create);
    static Expected<void> migrate(db::Database& d, std::int64_t now);
    Expected<LedgerTransaction> begin(db::Transaction::Kind kind);

    db::Database m_db;
    std::filesystem::path m_file;
};

} // namespace sango::ledger
