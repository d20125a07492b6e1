#pragma once
// The PostgreSQL engine of the ledger's store (libpqxx, PRIVATE to sango::ledger): a database that several
// `sango-ledger` processes share, with numbered migrations (pg_schema.h) in schema_migrations, the same
// version numbers as the SQLCipher engine.
//
// Exactly-once across processes. Write transactions are READ COMMITTED, and what a rule reads before it
// decides is locked first: the coupon (SELECT ... FOR UPDATE in couponBalance) before its balance, so that
// two sessions on one coupon are judged in commit order, the second seeing the first's minutes; the
// enrolment code and the paper ticket likewise before they are found usable. Event ids, nonces and tickets
// are unique keys: a second process inserting one gets a unique violation, reported as a conflict
// (isConflict), and the ledger runs the request again, when it sees the first judgement and answers
// duplicate. A nonce is inserted ON CONFLICT DO NOTHING: a second use is a replay. The changes feed takes
// one advisory lock per transaction before it numbers a change, so its order is commit order.
//
// Every libpqxx exception is caught here and becomes an Error: a lost connection says to check the
// database server; a read-only database (a standby) refuses writes with store_read_only.
//
// Sources: pg_ledger_store.cpp (connecting, migrations, transactions, errors), pg_ledger_store_admin.cpp and
// pg_ledger_store_sessions.cpp (the same queries as the SQLCipher engine's, in PostgreSQL's dialect).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ledger_store.h"
#include "pg_url.h"

#include <pqxx/connection>
#include <pqxx/dbtransaction>
#include <pqxx/result>

namespace sango::ledger {

class PgLedgerStore final : public LedgerStore {
public:
    // A statement parameter: text, or NULL.
    using Param = std::optional<std::string>;

    ~PgLedgerStore() override;

    // Makes the schema in an empty database and fills it (populate) in the same transaction; refuses
    // (store_exists) when the database holds a ledger already.
    static Expected<std::unique_ptr<LedgerStore>> create(const LedgerLocation& location, std::int64_t now,
                                                         const std::function<Expected<void>(LedgerStore&)>& populate);
    // Connects and applies the migrations the database lacks.
    static Expected<std::unique_ptr<LedgerStore>> open(const LedgerLocation& location, std::int64_t now);

    StoreInfo info() override;
    Expected<LedgerTransaction> beginWrite() override;
    Expected<LedgerTransaction> beginRead() override;
    Expected<void> checkReadable() override;

    // ---- the municipality (pg_ledger_store_admin.cpp) ----
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

    // ---- judged events, sessions, changes, totals (pg_ledger_store_sessions.cpp) ----
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

    // ---- moving a ledger between engines (pg_ledger_store_transfer.cpp) ----
    Expected<std::int64_t> exportTable(const TableSpec& table, const RowSink& sink) override;
    Expected<std::int64_t> importTable(const TableSpec& table, const RowSource& source,
                                       std::int64_t sequenceFloor) override;

    // ---- for the transaction handle (pg_ledger_store.cpp) ----
    Expected<void> commitTransaction();
    void abortTransaction();

private:
    PgLedgerStore(std::unique_ptr<pqxx::connection> c, PgUrl url);
    static Expected<std::unique_ptr<PgLedgerStore>> connect(const LedgerLocation& location);
    Expected<void> migrate(std::int64_t now);
    Expected<LedgerTransaction> begin(bool write);
    // Runs one statement in the open transaction (or on its own); every exception becomes an Error.
    Expected<pqxx::result> run(const std::string& sql, const std::vector<Param>& params);
    template <typename... Args>
    Expected<pqxx::result> query(const std::string& sql, const Args&... args);
    template <typename... Args>
    Expected<void> exec(const std::string& sql, const Args&... args);
    // count(*) > 0 of a query.
    template <typename... Args>
    Expected<bool> any(const std::string& sql, const Args&... args);
    // The first column of the first row, if any and not NULL.
    template <typename... Args>
    Expected<std::optional<std::string>> scalarText(const std::string& sql, const Args&... args);
    template <typename... Args>
    Expected<std::optional<std::int64_t>> scalarInt(const std::string& sql, const Args&... args);
    // " FOR UPDATE" inside a write transaction (the row is locked until commit), else "".
    std::string lockForWrite() const;
    // Before a change is numbered: one at a time, until commit (see the header comment).
    Expected<void> lockChanges();

    std::unique_ptr<pqxx::connection> m_conn;
    std::unique_ptr<pqxx::dbtransaction> m_tx;
    bool m_writing = false;
    bool m_readOnly = false;
    bool m_changesLocked = false;
    PgUrl m_url;
};

} // namespace sango::ledger
