#pragma once
// The reference municipal ledger: its store (one SQLCipher file, keyed like the terminal's store, WAL,
// synchronous=FULL, or a PostgreSQL database; numbered schema migrations from version 1), the municipality's administration (issuer
// keys, coupons, revocations, providers, policy) and the rules that judge the terminals' events. It has the
// final word on balances: events are applied in commit order across all providers and terminals.
//
// Data directory: ledger.db, ledger.key (0600; made at init). One writer at a time (BEGIN IMMEDIATE with a
// busy timeout), readers alongside: admin commands may run while `serve` does.
// A Ledger is thread-safe: its one connection is used by one caller at a time (LedgerApi calls it from several
// server threads).
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>
#include <nlohmann/json.hpp>

#include "sango/billing.h"
#include "sango/clock.h"
#include "sango/error.h"
#include "sango/ledger/ledger_location.h"
#include "sango/protocol/messages.h"

namespace sango::ledger {

struct IssuedCoupon {
    std::string couponId;
    std::string qrText;   // "SGC1:" + JWS
    std::string serial;   // the mailed serial code (12 digits)
    std::string pass;     // the mailed pass (shown once; the ledger keeps only its Argon2id hash)
    std::string kid;
    int grantMinutes = 0;
    std::vector<std::string> services;
    std::int64_t notBefore = 0;
    std::int64_t expires = 0;
};

struct IssueRequest {
    std::string type;                  // a coupon type of the policy
    std::optional<int> grantMinutes;   // default: the policy's grant for the type
    std::vector<std::string> services; // default: stay, day, visit
    std::optional<std::int64_t> notBefore; // default: now
    std::optional<std::int64_t> expires;   // default: notBefore + 365 days
    std::optional<std::string> kid;    // default: the newest active issuer key
};

struct LedgerBalance {
    std::string couponId;
    int grantMinutes = 0;
    std::int64_t usedMinutes = 0;    // billed minutes of accepted, not cancelled sessions
    std::int64_t balanceMinutes = 0; // max(grant − used, 0)
};

struct ProviderEnrolment {
    std::string providerId;
    std::string enrolmentCode; // one-time: shown once, kept only as a hash
};

struct TerminalInfo {
    std::string terminalId;
    std::string providerId;
    std::string publicKeyB64u;
    std::string label;
    std::int64_t enrolledAt = 0; // when it enrolled (Unix seconds)
    std::optional<std::int64_t> revokedAt; // the municipality revoked it (lost, retired): refused from then on
    std::string revokeReason;
    bool providerSuspended = false;       // its provider is suspended: refused until resumed
    std::optional<std::int64_t> lastContactAt; // its last authenticated request
    std::optional<std::int64_t> lastPullAt; // its last pull of changes

    // "active", "revoked" or "suspended" (its provider).
    std::string state() const;
};

// One-time enrolment codes: valid for a while (default kDefaultCodeValidDays days), until used or cancelled.
inline constexpr std::int64_t kDefaultCodeValidDays = 7;

struct PaperTickets {
    std::string couponId;
    std::vector<std::string> tickets; // printed form, "XXXXX-XXXXX"
};

struct LedgerEventRow {
    std::string id;
    std::string terminalId;
    std::string providerId;
    std::int64_t seq = 0;
    std::string type;
    std::int64_t at = 0;
    std::string couponId;  // or the paper ticket
    std::string sessionId;
    std::string status;    // accepted | rejected (a later duplicate delivery is not a row; a conflicting
                           // delivery is listed as its own row, rejected with reason conflict)
    std::string reason;
    std::vector<std::string> flags; // unverified_time, ...
    std::int64_t receivedAt = 0;
    nlohmann::json body;
    std::string detail;             // what exactly was wrong, for a rejection
    nlohmann::json figures;         // the ledger's figures for the session, or null
    std::optional<std::int64_t> clockOffsetSeconds; // added: body.clock.offset_s as the terminal sent it

    nlohmann::json toJson() const;
};

class Ledger {
public:
    ~Ledger();
    Ledger(Ledger&&) noexcept;
    Ledger& operator=(Ledger&&) noexcept;

    // Creates the store (SQLCipher: the data directory's file and key; PostgreSQL: the schema in an empty
    // database), installs the policy (policy.json), makes the first issuer key. Refuses to overwrite
    // (store_exists).
    static Expected<Ledger> create(const LedgerLocation& location, std::string_view municipality,
                                   const nlohmann::json& policy, const Clock& clock);
    // Opens and migrates to the current schema.
    static Expected<Ledger> open(const LedgerLocation& location, const Clock& clock);

    // Which engine and database, and whether it is read-only (a standby).
    StoreInfo storeInfo();

    static constexpr int kSchemaVersion = 2;

    // ---- municipality ----
    const std::string& municipality() const;
    Expected<nlohmann::json> trustStore();   // active issuer keys, spec/credential.md form
    Expected<std::string> addIssuerKey(std::optional<std::string> kid); // rotation: returns the kid
    Expected<void> retireIssuerKey(const std::string& kid);
    Expected<nlohmann::json> policy();       // the policy in force now
    Expected<void> setPolicy(const nlohmann::json& policy, date::year_month_day from);
    Expected<IssuedCoupon> issue(const IssueRequest& request);
    Expected<void> revoke(const std::string& couponId, const std::string& reason); // paper | withdrawn
    Expected<LedgerBalance> balance(const std::string& couponId);
    // provider.json; its first enrolment code is valid for codeValidDays.
    Expected<ProviderEnrolment> addProvider(const nlohmann::json& provider,
                                            std::int64_t codeValidDays = kDefaultCodeValidDays);
    Expected<void> updateProvider(const nlohmann::json& provider);            // prices, services, name
    Expected<std::string> newEnrolmentCode(const std::string& providerId,     // another terminal
                                           std::int64_t validDays = kDefaultCodeValidDays);
    // Cancels one unused code (as given to the provider); invalid_argument when no unused code matches.
    Expected<void> cancelEnrolmentCode(const std::string& code);
    // Cancels every unused code of a provider; how many.
    Expected<std::int64_t> cancelEnrolmentCodes(const std::string& providerId);
    // A suspended provider's terminals are refused (provider_suspended) until it is resumed.
    Expected<void> suspendProvider(const std::string& providerId);
    Expected<void> resumeProvider(const std::string& providerId);
    // Every later request of the terminal is refused (terminal_revoked). reason: lost | retired.
    Expected<void> revokeTerminal(const std::string& terminalId, const std::string& reason);
    // Paper tickets for a coupon (the switch to paper): n new ticket numbers, each bound to the coupon and
    // usable once by any provider. n from 1 to 100.
    Expected<PaperTickets> issuePaperTickets(const std::string& couponId, int n);
    // Lets events about one session of a terminal through the correction window for `days` days.
    Expected<std::int64_t> unlockSession(const std::string& terminalId, const std::string& sessionId, int days);
    Expected<std::vector<TotalsRow>> totals(const std::string& providerId, date::year_month month);
    Expected<std::vector<LedgerEventRow>> events(std::optional<std::string> couponId,
                                                 std::optional<std::string> status);
    Expected<std::vector<TerminalInfo>> terminals();

    // ---- terminal API ----
    // Errors of enrol: an enrolment code that is unknown or already used gives Errc::invalid_argument
    // ("enrolment code unknown or already used"), which LedgerApi answers 403 bad_code; a public key that is
    // not 32 bytes of base64url (or a label over 200 bytes) gives Errc::malformed (400 malformed).
    Expected<protocol::EnrolResponse> enrol(const protocol::EnrolRequest& request);
    Expected<std::optional<TerminalInfo>> terminal(const std::string& terminalId);

    // A signed request's nonce and timestamp: remembered (for 2 × kMaxClockSkew) in the same transaction as
    // what the request does, so a request counts once or not at all. A nonce seen before is a replay: the
    // request does nothing and the answer is nullopt.
    struct Nonce {
        std::string nonce;
        std::int64_t timestamp = 0;
    };
    // Judges a batch in order, in one transaction with its nonce: accepted, duplicate or rejected with a
    // reason and the ledger's figures, each stored.
    Expected<std::optional<protocol::PushResponse>> push(const TerminalInfo& terminal, const Nonce& nonce,
                                                         const protocol::PushRequest& request);
    // Changes after the cursor for this terminal (revocations, policy, trust, its provider's profile, and
    // balances of coupons its provider has seen); bad_cursor-worthy text gives Errc::invalid_argument (and
    // nothing is stored). Records the pull: the terminal had sent everything it recorded before it,
    // and knows these changes.
    Expected<std::optional<protocol::ChangesResponse>> changes(const TerminalInfo& terminal, const Nonce& nonce,
                                                               const std::string& cursor, std::size_t limit);
    Expected<protocol::Health> health();

private:
    struct Impl;
    explicit Ledger(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace sango::ledger
