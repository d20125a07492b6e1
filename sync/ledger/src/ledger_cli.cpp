#include "ledger_cli.h"

#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "ledger_commands.h"
#include "sango/ledger/ledger.h"
#include "sango/local_time.h"


namespace sango::ledger {

namespace {

using cli::Commands;
using cli::Options;

constexpr const char* kVersion = SANGO_VERSION; // the project version, from CMake

} // namespace

int runLedgerCli(int argc, char** argv, const Clock& clock, std::ostream& out, std::ostream& err)
{
    Options o;
    Commands app(o, clock, out, err);
    CLI::App cli{"sango-ledger: the reference municipal ledger of the postpartum-care digital coupon", "sango-ledger"};
    cli.set_version_flag("--version", std::string("sango-ledger ") + kVersion);
    cli.require_subcommand(1);
    cli.fallthrough(); // --data-dir may also follow the command
    cli.add_option("--data-dir", o.dataDir, "the ledger's data directory (default $SANGO_LEDGER_DATA_DIR)");
    cli.add_option("--database", o.database,
                   "a PostgreSQL database instead: postgresql://[user@]host[:port]/dbname, without a password "
                   "(default $SANGO_LEDGER_DATABASE)");
    cli.add_option("--database-password-file", o.databasePasswordFile,
                   "the database password's file (default $SANGO_LEDGER_DATABASE_PASSWORD_FILE, else "
                   "$CREDENTIALS_DIRECTORY/ledger-db-password)");

    auto* init = cli.add_subcommand("init", "create the ledger and its first issuer key; prints the trust store");
    init->add_option("--municipality", o.municipality, "the 6-digit local government code")->required();
    init->add_option("--policy", o.policyFile, "the municipality's policy.json")->required();

    auto* serve = cli.add_subcommand("serve", "serve the terminal API (plain HTTP only on a loopback address)");
    serve->add_option("--listen", o.listen, "HOST:PORT")->required();
    serve->add_option("--tls-cert", o.tlsCert, "the server certificate (PEM)");
    serve->add_option("--tls-key", o.tlsKey, "its private key (PEM)");

    auto* provider = cli.add_subcommand("provider", "care providers");
    provider->require_subcommand(1);
    provider->fallthrough();
    auto* providerAdd = provider->add_subcommand("add", "register a provider: prints its first enrolment code");
    providerAdd->add_option("--provider", o.providerFile, "provider.json")->required();
    auto* providerUpdate = provider->add_subcommand("update", "change a provider's name, services or prices");
    providerUpdate->add_option("--provider", o.providerFile, "provider.json")->required();
    providerAdd->add_option("--code-valid-days", o.codeValidDays, "days its first enrolment code works (default 7)")
        ->check(CLI::Range(1, 90));
    auto* providerCode = provider->add_subcommand("code", "a new one-time enrolment code for another terminal");
    providerCode->add_option("--provider", o.providerId, "the provider id")->required();
    providerCode->add_option("--valid-days", o.codeValidDays, "days the code works (default 7)")
        ->check(CLI::Range(1, 90));
    auto* providerSuspend = provider->add_subcommand("suspend", "refuse every terminal of a provider until resumed");
    providerSuspend->add_option("--provider", o.providerId, "the provider id")->required();
    auto* providerResume = provider->add_subcommand("resume", "admit a suspended provider's terminals again");
    providerResume->add_option("--provider", o.providerId, "the provider id")->required();

    auto* code = cli.add_subcommand("code", "enrolment codes");
    code->require_subcommand(1);
    code->fallthrough();
    auto* codeCancel = code->add_subcommand("cancel", "cancel an unused enrolment code (or all of a provider's)");
    codeCancel->add_option("CODE", o.code, "the code as given to the provider");
    codeCancel->add_option("--provider", o.providerId, "cancel every unused code of this provider");

    auto* terminal = cli.add_subcommand("terminal", "enrolled terminals");
    terminal->require_subcommand(1);
    terminal->fallthrough();
    auto* terminalRevoke = terminal->add_subcommand("revoke", "refuse every later request of a terminal");
    terminalRevoke->add_option("TERMINAL_ID", o.terminalId)->required();
    terminalRevoke->add_option("--reason", o.reason, "lost or retired")->required()->check(
        CLI::IsMember({"lost", "retired"}));

    auto* paper = cli.add_subcommand("paper", "paper tickets");
    paper->require_subcommand(1);
    paper->fallthrough();
    auto* paperIssue = paper->add_subcommand("issue", "issue paper ticket numbers bound to a coupon, each usable once");
    paperIssue->add_option("COUPON_ID", o.couponId)->required();
    paperIssue->add_option("--tickets", o.tickets, "how many (1 to 100)")->required()->check(CLI::Range(1, 100));

    auto* session = cli.add_subcommand("session", "terminals' sessions");
    session->require_subcommand(1);
    session->fallthrough();
    auto* sessionUnlock =
        session->add_subcommand("unlock", "let a session's events through the correction window for a while");
    sessionUnlock->add_option("SESSION_ID", o.sessionId)->required();
    sessionUnlock->add_option("--terminal", o.terminalId, "the terminal that recorded it")->required();
    sessionUnlock->add_option("--days", o.days, "how long the unlock lasts (default 14)")->check(CLI::Range(1, 90));

    auto* issue = cli.add_subcommand("issue", "issue a coupon: prints its id, QR text, serial and pass");
    issue->add_option("--type", o.type, "a coupon type of the policy, e.g. standard")->required();
    auto* grant = issue->add_option("--grant", o.grant, "minutes granted (default: the policy's for the type)");
    issue->add_option("--services", o.services, "comma-separated: stay,day,visit (default all)");
    issue->add_option("--png", o.png, "also write the QR code to this PNG file");
    auto* validDays = issue->add_option("--valid-days", o.validDays, "days of validity from now (default 365)");
    issue->add_option("--kid", o.kid, "sign with this issuer key (default the newest active one)");

    auto* revoke = cli.add_subcommand("revoke", "revoke a coupon (the switch to paper tickets)");
    revoke->add_option("COUPON_ID", o.couponId)->required();
    revoke->add_option("--reason", o.reason, "paper or withdrawn")->required()->check(CLI::IsMember({"paper", "withdrawn"}));
    auto* revokeTickets = revoke->add_option("--tickets", o.tickets, "with --reason paper: issue this many paper tickets")
                              ->check(CLI::Range(1, 100));

    auto* balance = cli.add_subcommand("balance", "a coupon's balance at the ledger");
    balance->add_option("COUPON_ID", o.couponId)->required();

    auto* totals = cli.add_subcommand("totals", "a provider's accepted totals for a month (JSON)");
    totals->add_option("--provider", o.providerId)->required();
    totals->add_option("--month", o.month, "YYYY-MM")->required();

    auto* events = cli.add_subcommand("events", "the events as the ledger holds them, with status and reason");
    events->add_option("--coupon", o.couponId, "only this coupon's (or paper ticket's)");
    events->add_option("--status", o.status, "accepted, duplicate or rejected")
        ->check(CLI::IsMember({"accepted", "duplicate", "rejected"}));

    auto* key = cli.add_subcommand("key", "issuer keys");
    key->require_subcommand(1);
    key->fallthrough();
    auto* keyAdd = key->add_subcommand("add", "a new issuer key (rotation); terminals learn it by sync");
    keyAdd->add_option("--kid", o.kid, "its key id (default <municipality>-<year><letter>)");
    auto* keyRetire = key->add_subcommand("retire", "retire an issuer key (never the last active one)");
    keyRetire->add_option("KID", o.kid)->required();

    auto* policy = cli.add_subcommand("policy", "the municipality's policy");
    policy->require_subcommand(1);
    policy->fallthrough();
    auto* policySet = policy->add_subcommand("set", "install a new policy, in force from a date");
    policySet->add_option("--policy", o.policyFile, "policy.json")->required();
    policySet->add_option("--from", o.from, "YYYY-MM-DD (default today)");

    auto* terminals = cli.add_subcommand("terminals", "the enrolled terminals");
    auto* status = cli.add_subcommand("status", "the store: engine, location (no password), read-only, schema");
    auto* exportCmd = cli.add_subcommand("export", "write the whole ledger to a file (0600: it holds the issuer "
                                                   "keys' secrets), to move it to another engine or back it up");
    exportCmd->add_option("--file", o.file, "the export file to make (never overwritten)")->required();
    auto* importCmd = cli.add_subcommand("import", "make a new ledger here from an export, checked against the "
                                                   "source's balances and totals");
    importCmd->add_option("--file", o.file, "the export file")->required();

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e, out, err) == 0 ? 0 : 1;
    }
    app.m_grantGiven = grant->count() > 0;
    app.m_validDaysGiven = validDays->count() > 0;
    app.m_ticketsGiven = revokeTickets->count() > 0;

    // Failures are values throughout; this is the last guard, so that nothing ends without a JSON answer.
    auto dispatch = [&]() -> int {
        try {
            if (init->parsed()) return app.init();
            if (serve->parsed()) return app.serve();
            if (providerAdd->parsed()) return app.providerAdd();
            if (providerUpdate->parsed()) return app.providerUpdate();
            if (providerCode->parsed()) return app.providerCode();
            if (issue->parsed()) return app.issue();
            if (revoke->parsed()) return app.revoke();
            if (balance->parsed()) return app.balance();
            if (totals->parsed()) return app.totals();
            if (events->parsed()) return app.events();
            if (keyAdd->parsed()) return app.keyAdd();
            if (keyRetire->parsed()) return app.keyRetire();
            if (policySet->parsed()) return app.policySet();
            if (terminals->parsed()) return app.terminals();
            if (status->parsed()) return app.status();
            if (exportCmd->parsed()) return app.exportLedger();
            if (importCmd->parsed()) return app.importLedger();
            if (providerSuspend->parsed()) return app.providerSuspend(true);
            if (providerResume->parsed()) return app.providerSuspend(false);
            if (codeCancel->parsed()) return app.codeCancel();
            if (terminalRevoke->parsed()) return app.terminalRevoke();
            if (paperIssue->parsed()) return app.paperIssue();
            if (sessionUnlock->parsed()) return app.sessionUnlock();
        } catch (const std::exception& e) {
            return app.failure({Errc::store_io, std::string("internal error: ") + e.what()});
        }
        return 1;
    };
    const int result = dispatch();
    out.flush();
    if (!out) {
        err << "sango-ledger: the answer could not be written to standard output"
            << (result == 0 ? "; what the command did is recorded" : "") << '\n';
        return result == 0 ? 3 : result;
    }
    return result;
}

} // namespace sango::ledger
