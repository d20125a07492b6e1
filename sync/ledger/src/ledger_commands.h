#pragma once
// `sango-ledger`'s commands: ledger_cli.cpp parses the command line into Options and calls one of these. Each
// opens the ledger in the data directory, does one thing, and prints one JSON value on stdout (a failure:
// {"result": CODE, "message"}) and any message for a person on stderr; it returns the exit status. Split by
// what they administer: ledger_commands.cpp (the ledger, coupons, providers, reports, keys, policy),
// ledger_commands_lifecycle.cpp (codes, suspension, terminal revocation, paper tickets, unlocks),
// ledger_commands_transfer.cpp (export, import).
#include <filesystem>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "sango/clock.h"
#include "sango/error.h"
#include "sango/ledger/ledger.h"
#include "sango/local_time.h"

namespace sango::ledger::cli {

// What CLI11 fills.
struct Options {
    std::string dataDir;
    std::string database, databasePasswordFile;        // the PostgreSQL engine (instead of dataDir)
    std::string municipality, policyFile;              // init, policy set
    std::string listen, tlsCert, tlsKey;               // serve
    std::string providerFile, providerId;              // provider add|update|code|suspend|resume, totals
    std::string type, services, png, kid;              // issue, key
    int grant = 0, validDays = 0;
    std::string couponId, reason;                      // revoke, balance, events, paper issue
    std::string month, status, from;                   // totals, events, policy set
    int tickets = 0;                                   // paper issue, revoke --reason paper
    std::int64_t codeValidDays = kDefaultCodeValidDays; // provider add|code
    std::string code;                                  // code cancel
    std::string terminalId, sessionId;                 // terminal revoke, session unlock
    int days = 14;                                     // session unlock
    std::string file;                                  // export, import
};

class Commands {
public:
    Commands(Options& o, const Clock& clock, std::ostream& out, std::ostream& err)
        : m_o(o), m_clock(clock), m_out(out), m_err(err)
    {
    }

    // Text from outside (a file name, a typed id) may not be UTF-8: shown with U+FFFD rather than lost.
    void print(const nlohmann::json& j) const;
    int failure(const Error& e) const;
    int usage(const std::string& message) const { return failure({Errc::invalid_argument, message}); }
    // Where the ledger is: --database URL (or $SANGO_LEDGER_DATABASE) for PostgreSQL, with its password file
    // (--database-password-file, $SANGO_LEDGER_DATABASE_PASSWORD_FILE, else systemd's credential
    // ledger-db-password); otherwise --data-dir (or $SANGO_LEDGER_DATA_DIR) for SQLCipher.
    Expected<LedgerLocation> location() const;
    Expected<Ledger> open() const;
    // The municipality's calendar, for times shown to a person.
    Expected<LocalTime> local(Ledger& ledger) const;

    // ---- the ledger, coupons, providers, reports (ledger_commands.cpp) ----
    int init() const;
    int serve() const;
    int providerAdd() const;
    int providerUpdate() const;
    int providerCode() const;
    int issue() const;
    int revoke() const;
    int balance() const;
    int totals() const;
    int events() const;
    int keyAdd() const;
    int keyRetire() const;
    int policySet() const;
    int terminals() const;
    int status() const;

    // ---- lifecycle (ledger_commands_lifecycle.cpp) ----
    int codeCancel() const;
    int providerSuspend(bool suspend) const;
    int terminalRevoke() const;
    int paperIssue() const;
    int sessionUnlock() const;

    // ---- moving a ledger between engines (ledger_commands_transfer.cpp) ----
    int exportLedger() const;
    int importLedger() const;

    bool m_grantGiven = false;
    bool m_validDaysGiven = false;
    bool m_ticketsGiven = false;

private:
    // A time shown to a person: local ISO 8601 in the municipality's zone, or Unix seconds without one.
    nlohmann::json timeText(Ledger& ledger, std::int64_t t) const;

    Options& m_o;
    const Clock& m_clock;
    std::ostream& m_out;
    std::ostream& m_err;
};

} // namespace sango::ledger::cli
