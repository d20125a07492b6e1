#include "ledger_cli.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "qr_png.h"
#include "sango/coupon_id.h"
#include "sango/ledger/ledger.h"
#include "sango/local_time.h"
#include "sango/report_format.h"

#if __has_include("serve_command.h")
#include "serve_command.h"
#define SANGO_LEDGER_HAS_SERVE 1
#endif

namespace sango::ledger {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kVersion = SANGO_VERSION; // the project version, from CMake

// What CLI11 fills.
struct Options {
    std::string dataDir;
    std::string municipality, policyFile;              // init, policy set
    std::string listen, tlsCert, tlsKey;               // serve
    std::string providerFile, providerId;              // provider add|update|code, totals
    std::string type, services, png, kid;              // issue, key
    int grant = 0, validDays = 0;
    std::string couponId, reason;                      // revoke, balance, events
    std::string month, status, from;                   // totals, events, policy set
};

class Commands {
public:
    Commands(Options& o, const Clock& clock, std::ostream& out, std::ostream& err)
        : m_o(o), m_clock(clock), m_out(out), m_err(err)
    {
    }

    // Text from outside (a file name, a typed id) may not be UTF-8: shown with U+FFFD rather than lost.
    void print(const json& j) const
    {
        m_out << j.dump(-1, ' ', false, json::error_handler_t::replace) << '\n' << std::flush;
    }

    int failure(const Error& e) const
    {
        print({{"result", std::string(toString(e.code))}, {"message", e.message}});
        m_err << "sango-ledger: " << e.message << '\n';
        return exitStatus(e.code);
    }

    int usage(const std::string& message) const { return failure({Errc::invalid_argument, message}); }

    Expected<fs::path> dataDir() const
    {
        if (!m_o.dataDir.empty())
            return fs::path(m_o.dataDir);
        if (const char* env = std::getenv("SANGO_LEDGER_DATA_DIR"); env && *env)
            return fs::path(env);
        return fail(Errc::invalid_argument, "give the ledger's data directory with --data-dir DIR (or set "
                                            "SANGO_LEDGER_DATA_DIR)");
    }

    Expected<json> readJsonFile(const std::string& path, const char* what) const
    {
        std::ifstream in(path, std::ios::binary);
        if (!in)
            return fail(Errc::invalid_argument, std::string("cannot read the ") + what + " file " + path);
        std::stringstream ss;
        ss << in.rdbuf();
        auto j = json::parse(ss.str(), nullptr, false);
        if (j.is_discarded())
            return fail(Errc::invalid_config, std::string("the ") + what + " file " + path + " is not valid JSON");
        return j;
    }

    Expected<Ledger> open() const
    {
        auto dir = dataDir();
        if (!dir)
            return tl::unexpected(dir.error());
        return Ledger::open(*dir, m_clock);
    }

    // The municipality's calendar, for times shown to a person.
    Expected<LocalTime> local(Ledger& ledger) const
    {
        auto p = ledger.policy();
        if (!p)
            return tl::unexpected(p.error());
        return LocalTime::forZone(p->value("time_zone", "Asia/Tokyo"));
    }

    // ---- commands ----

    int init() const
    {
        auto dir = dataDir();
        if (!dir)
            return failure(dir.error());
        auto policy = readJsonFile(m_o.policyFile, "policy");
        if (!policy)
            return failure(policy.error());
        auto ledger = Ledger::create(*dir, m_o.municipality, *policy, m_clock);
        if (!ledger)
            return failure(ledger.error());
        auto trust = ledger->trustStore();
        if (!trust)
            return failure(trust.error());
        print(*trust);
        m_err << "sango-ledger: ledger created in " << dir->string() << "; the trust store above is what terminals "
              << "verify coupons with\n";
        return 0;
    }

#ifdef SANGO_LEDGER_HAS_SERVE
    int serve() const
    {
        auto dir = dataDir();
        if (!dir)
            return failure(dir.error());
        ServeOptions s;
        s.dataDir = *dir;
        s.listen = m_o.listen;
        s.tlsCert = m_o.tlsCert;
        s.tlsKey = m_o.tlsKey;
        return runServe(s);
    }
#endif

    int providerAdd() const
    {
        auto profile = readJsonFile(m_o.providerFile, "provider");
        if (!profile)
            return failure(profile.error());
        auto ledger = open();
        if (!ledger)
            return failure(ledger.error());
        auto r = ledger->addProvider(*profile);
        if (!r)
            return failure(r.error());
        print({{"provider_id", r->providerId}, {"enrolment_code", r->enrolmentCode}});
        m_err << "sango-ledger: give the enrolment code to provider " << r->providerId
              << " for one terminal; it works once\n";
        return 0;
    }

    int providerUpdate() const
    {
        auto profile = readJsonFile(m_o.providerFile, "provider");
        if (!profile)
            return failure(profile.error());
        auto ledger = open();
        if (!ledger)
            return failure(ledger.error());
        if (auto r = ledger->updateProvider(*profile); !r)
            return failure(r.error());
        print({{"provider_id", profile->value("provider_id", "")}, {"updated", true}});
        return 0;
    }

    int providerCode() const
    {
        auto ledger = open();
        if (!ledger)
            return failure(ledger.error());
        auto code = ledger->newEnrolmentCode(m_o.providerId);
        if (!code)
            return failure(code.error());
        print({{"provider_id", m_o.providerId}, {"enrolment_code", *code}});
        return 0;
    }

    int issue() const
    {
        IssueRequest req;
        req.type = m_o.type;
        if (m_grantGiven)
            req.grantMinutes = m_o.grant;
        if (!m_o.services.empty()) {
            std::stringstream ss(m_o.services);
            for (std::string item; std::getline(ss, item, ',');)
                if (!item.empty())
                    req.services.push_back(item);
            if (req.services.empty())
                return usage("--services lists stay, day or visit, separated by commas");
        }
        if (m_validDaysGiven) {
            if (m_o.validDays <= 0)
                return usage("--valid-days must be a positive number of days");
            req.notBefore = m_clock.now().time_since_epoch().count();
            req.expires = *req.notBefore + static_cast<std::int64_t>(m_o.validDays) * 86400;
        }
        if (!m_o.kid.empty())
            req.kid = m_o.kid;
        bool madePng = false;
        if (!m_o.png.empty()) {
            // Checked before issuing: a coupon whose QR cannot be written should not be issued at all.
            std::error_code ec;
            madePng = !fs::exists(m_o.png, ec);
            const int fd = ::open(m_o.png.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
            if (fd < 0)
                return usage("cannot write the PNG file " + m_o.png + ": " + std::strerror(errno));
            ::close(fd);
        }
        // A refused or failed command leaves nothing behind, not even the empty PNG file made above.
        auto failed = [&](const Error& e) {
            std::error_code ec;
            if (madePng)
                fs::remove(m_o.png, ec);
            return failure(e);
        };
        auto ledger = open();
        if (!ledger)
            return failed(ledger.error());
        auto c = ledger->issue(req);
        if (!c)
            return failed(c.error());
        json out = {{"coupon_id", c->couponId},     {"qr_text", c->qrText},
                    {"serial", c->serial},          {"pass", c->pass},
                    {"kid", c->kid},                {"grant_minutes", c->grantMinutes},
                    {"services", c->services},      {"coupon_id_printed", couponid::grouped(c->couponId)}};
        if (auto l = local(*ledger)) {
            out["not_before"] = l->format(Instant{std::chrono::seconds(c->notBefore)});
            out["expires"] = l->format(Instant{std::chrono::seconds(c->expires)});
        }
        int status = 0;
        if (!m_o.png.empty()) {
            if (auto w = QrPng::write(c->qrText, m_o.png); !w) {
                // The coupon exists now: its pass is shown this once, so the answer is printed all the same.
                out["png_error"] = w.error().message;
                m_err << "sango-ledger: the coupon was issued but its PNG was not written: " << w.error().message
                      << '\n';
                status = exitStatus(w.error().code);
            } else {
                out["png"] = m_o.png;
            }
        }
        print(out);
        m_err << "sango-ledger: coupon " << couponid::grouped(c->couponId)
              << " issued; the serial and pass are shown only now\n";
        return status;
    }

    int revoke() const
    {
        auto ledger = open();
        if (!ledger)
            return failure(ledger.error());
        if (auto r = ledger->revoke(m_o.couponId, m_o.reason); !r)
            return failure(r.error());
        print({{"coupon_id", couponid::normalize(m_o.couponId).value_or(m_o.couponId)},
               {"revoked", true},
               {"reason", m_o.reason}});
        return 0;
    }

    int balance() const
    {
        auto ledger = open();
        if (!ledger)
            return failure(ledger.error());
        auto b = ledger->balance(m_o.couponId);
        if (!b)
            return failure(b.error());
        print({{"coupon_id", b->couponId},
               {"grant_minutes", b->grantMinutes},
               {"used_minutes", b->usedMinutes},
               {"balance_minutes", b->balanceMinutes}});
        return 0;
    }

    int totals() const
    {
        auto month = parseMonth(m_o.month);
        if (!month)
            return usage("--month must be YYYY-MM, for example 2026-04");
        auto ledger = open();
        if (!ledger)
            return failure(ledger.error());
        auto rows = ledger->totals(m_o.providerId, *month);
        if (!rows)
            return failure(rows.error());
        // The terminal's `report totals --format json`: the same table, without the total line.
        json j = totalsTable(*rows).toJson();
        if (!j.empty())
            j.erase(j.size() - 1);
        print(j);
        return 0;
    }

    int events() const
    {
        auto ledger = open();
        if (!ledger)
            return failure(ledger.error());
        auto rows = ledger->events(m_o.couponId.empty() ? std::nullopt : std::optional<std::string>(m_o.couponId),
                                   m_o.status.empty() ? std::nullopt : std::optional<std::string>(m_o.status));
        if (!rows)
            return failure(rows.error());
        json out = json::array();
        for (const auto& r : *rows)
            out.push_back(r.toJson());
        print(out);
        return 0;
    }

    int keyAdd() const
    {
        auto ledger = open();
        if (!ledger)
            return failure(ledger.error());
        auto kid = ledger->addIssuerKey(m_o.kid.empty() ? std::nullopt : std::optional<std::string>(m_o.kid));
        if (!kid)
            return failure(kid.error());
        auto trust = ledger->trustStore();
        if (!trust)
            return failure(trust.error());
        print({{"kid", *kid}, {"trust", *trust}});
        return 0;
    }

    int keyRetire() const
    {
        auto ledger = open();
        if (!ledger)
            return failure(ledger.error());
        if (auto r = ledger->retireIssuerKey(m_o.kid); !r)
            return failure(r.error());
        auto trust = ledger->trustStore();
        if (!trust)
            return failure(trust.error());
        print({{"kid", m_o.kid}, {"retired", true}, {"trust", *trust}});
        return 0;
    }

    int policySet() const
    {
        auto policy = readJsonFile(m_o.policyFile, "policy");
        if (!policy)
            return failure(policy.error());
        auto ledger = open();
        if (!ledger)
            return failure(ledger.error());
        date::year_month_day from{};
        if (!m_o.from.empty()) {
            auto d = parseDate(m_o.from);
            if (!d)
                return usage("--from must be a date, YYYY-MM-DD");
            from = *d;
        } else {
            auto zone = LocalTime::forZone(policy->value("time_zone", "Asia/Tokyo"));
            if (!zone)
                return failure(zone.error());
            from = zone->dateOf(m_clock.now());
        }
        if (auto r = ledger->setPolicy(*policy, from); !r)
            return failure(r.error());
        print({{"version", policy->value("version", "")}, {"from", formatDate(from)}});
        return 0;
    }

    int terminals() const
    {
        auto ledger = open();
        if (!ledger)
            return failure(ledger.error());
        auto list = ledger->terminals();
        if (!list)
            return failure(list.error());
        json out = json::array();
        for (const auto& t : *list)
            out.push_back({{"terminal_id", t.terminalId},
                           {"provider_id", t.providerId},
                           {"public_key_b64u", t.publicKeyB64u},
                           {"label", t.label},
                           {"enrolled_at", t.enrolledAt}});
        print(out);
        return 0;
    }

    bool m_grantGiven = false;
    bool m_validDaysGiven = false;

private:
    Options& m_o;
    const Clock& m_clock;
    std::ostream& m_out;
    std::ostream& m_err;
};

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

    auto* init = cli.add_subcommand("init", "create the ledger and its first issuer key; prints the trust store");
    init->add_option("--municipality", o.municipality, "the 6-digit local government code")->required();
    init->add_option("--policy", o.policyFile, "the municipality's policy.json")->required();

#ifdef SANGO_LEDGER_HAS_SERVE
    auto* serve = cli.add_subcommand("serve", "serve the terminal API (plain HTTP only on a loopback address)");
    serve->add_option("--listen", o.listen, "HOST:PORT")->required();
    serve->add_option("--tls-cert", o.tlsCert, "the server certificate (PEM)");
    serve->add_option("--tls-key", o.tlsKey, "its private key (PEM)");
#endif

    auto* provider = cli.add_subcommand("provider", "care providers");
    provider->require_subcommand(1);
    provider->fallthrough();
    auto* providerAdd = provider->add_subcommand("add", "register a provider: prints its first enrolment code");
    providerAdd->add_option("--provider", o.providerFile, "provider.json")->required();
    auto* providerUpdate = provider->add_subcommand("update", "change a provider's name, services or prices");
    providerUpdate->add_option("--provider", o.providerFile, "provider.json")->required();
    auto* providerCode = provider->add_subcommand("code", "a new one-time enrolment code for another terminal");
    providerCode->add_option("--provider", o.providerId, "the provider id")->required();

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

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e, out, err) == 0 ? 0 : 1;
    }
    app.m_grantGiven = grant->count() > 0;
    app.m_validDaysGiven = validDays->count() > 0;

    // Failures are values throughout; this is the last guard, so that nothing ends without a JSON answer.
    auto dispatch = [&]() -> int {
        try {
            if (init->parsed()) return app.init();
#ifdef SANGO_LEDGER_HAS_SERVE
            if (serve->parsed()) return app.serve();
#endif
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
