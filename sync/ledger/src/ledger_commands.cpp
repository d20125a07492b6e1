// `sango-ledger`'s commands on the ledger itself, its coupons, providers, reports, keys and policy.
#include "ledger_commands.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include "qr_png.h"
#include "sango/coupon_id.h"
#include "sango/json_file.h"
#include "sango/report_format.h"
#include "serve_command.h"

namespace sango::ledger::cli {

namespace fs = std::filesystem;
using nlohmann::json;

void Commands::print(const json& j) const
{
    m_out << j.dump(-1, ' ', false, json::error_handler_t::replace) << '\n' << std::flush;
}

int Commands::failure(const Error& e) const
{
    print({{"result", std::string(toString(e.code))}, {"message", e.message}});
    m_err << "sango-ledger: " << e.message << '\n';
    return exitStatus(e.code);
}

Expected<LedgerLocation> Commands::location() const
{
    const auto env = [](const char* name) {
        const char* v = std::getenv(name);
        return std::string(v != nullptr ? v : "");
    };
    LedgerLocation where;
    // The command line first, then the environment (ledger.conf under systemd).
    const bool givenDir = !m_o.dataDir.empty();
    where.databaseUrl = !m_o.database.empty() ? m_o.database : givenDir ? std::string() : env("SANGO_LEDGER_DATABASE");
    if (where.postgres()) {
        if (!m_o.database.empty() && givenDir)
            return fail(Errc::invalid_argument, "give --database or --data-dir, not both");
        where.passwordFile = !m_o.databasePasswordFile.empty() ? m_o.databasePasswordFile
                                                               : env("SANGO_LEDGER_DATABASE_PASSWORD_FILE");
        return where;
    }
    where.dataDir = givenDir ? m_o.dataDir : env("SANGO_LEDGER_DATA_DIR");
    if (where.dataDir.empty())
        return fail(Errc::invalid_argument, "give the ledger's data directory with --data-dir DIR (or set "
                                            "SANGO_LEDGER_DATA_DIR), or its PostgreSQL database with --database "
                                            "postgresql://... (or SANGO_LEDGER_DATABASE)");
    return where;
}

Expected<Ledger> Commands::open() const
{
    auto where = location();
    if (!where)
        return tl::unexpected(where.error());
    return Ledger::open(*where, m_clock);
}

Expected<LocalTime> Commands::local(Ledger& ledger) const
{
    auto p = ledger.policy();
    if (!p)
        return tl::unexpected(p.error());
    return LocalTime::forZone(p->value("time_zone", "Asia/Tokyo"));
}

int Commands::init() const
{
    auto dir = location();
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
    m_err << "sango-ledger: ledger created in " << (dir->postgres() ? dir->databaseUrl : dir->dataDir.string())
          << "; the trust store above is what terminals "
          << "verify coupons with\n";
    return 0;
}

int Commands::serve() const
{
    auto where = location();
    if (!where)
        return failure(where.error());
    ServeOptions s;
    s.location = *where;
    s.listen = m_o.listen;
    s.tlsCert = m_o.tlsCert;
    s.tlsKey = m_o.tlsKey;
    return runServe(s);
}

int Commands::status() const
{
    auto ledger = open();
    if (!ledger)
        return failure(ledger.error());
    const StoreInfo info = ledger->storeInfo();
    print({{"engine", info.engine},
           {"location", info.location},
           {"read_only", info.readOnly},
           {"schema_version", info.schemaVersion},
           {"municipality", ledger->municipality()}});
    return 0;
}

int Commands::providerAdd() const
{
    auto profile = readJsonFile(m_o.providerFile, "provider");
    if (!profile)
        return failure(profile.error());
    auto ledger = open();
    if (!ledger)
        return failure(ledger.error());
    auto r = ledger->addProvider(*profile, m_o.codeValidDays);
    if (!r)
        return failure(r.error());
    const std::int64_t expires = m_clock.now().time_since_epoch().count() + m_o.codeValidDays * 86400;
    print({{"provider_id", r->providerId},
           {"enrolment_code", r->enrolmentCode},
           {"code_expires", timeText(*ledger, expires)}});
    m_err << "sango-ledger: give the enrolment code to provider " << r->providerId
          << " for one terminal; it works once, for " << m_o.codeValidDays << " days\n";
    return 0;
}

int Commands::providerUpdate() const
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

int Commands::providerCode() const
{
    auto ledger = open();
    if (!ledger)
        return failure(ledger.error());
    auto code = ledger->newEnrolmentCode(m_o.providerId, m_o.codeValidDays);
    if (!code)
        return failure(code.error());
    const std::int64_t expires = m_clock.now().time_since_epoch().count() + m_o.codeValidDays * 86400;
    print({{"provider_id", m_o.providerId}, {"enrolment_code", *code}, {"code_expires", timeText(*ledger, expires)}});
    return 0;
}

int Commands::issue() const
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

int Commands::revoke() const
{
    auto ledger = open();
    if (!ledger)
        return failure(ledger.error());
    if (m_ticketsGiven && m_o.reason != "paper")
        return usage("--tickets goes with --reason paper: paper tickets replace the digital coupon");
    if (auto r = ledger->revoke(m_o.couponId, m_o.reason); !r)
        return failure(r.error());
    json out = {{"coupon_id", couponid::normalize(m_o.couponId).value_or(m_o.couponId)},
                {"revoked", true},
                {"reason", m_o.reason}};
    if (m_ticketsGiven) {
        // The switch to paper in one step: the coupon is revoked, and its tickets are issued.
        auto t = ledger->issuePaperTickets(m_o.couponId, m_o.tickets);
        if (!t) {
            m_err << "sango-ledger: the coupon is revoked, but its paper tickets were not issued: "
                  << t.error().message << " (issue them with `sango-ledger paper issue`)\n";
            out["tickets_error"] = t.error().message;
            print(out);
            return exitStatus(t.error().code);
        }
        out["tickets"] = t->tickets;
    }
    print(out);
    return 0;
}

int Commands::balance() const
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

int Commands::totals() const
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

int Commands::events() const
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

int Commands::keyAdd() const
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

int Commands::keyRetire() const
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

int Commands::policySet() const
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

int Commands::terminals() const
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
                       {"enrolled_at", t.enrolledAt},
                       {"state", t.state()},
                       {"revoked_at", t.revokedAt ? json(*t.revokedAt) : json()},
                       {"revoke_reason", t.revokeReason.empty() ? json() : json(t.revokeReason)},
                       {"last_contact_at", t.lastContactAt ? json(*t.lastContactAt) : json()},
                       {"last_contact", t.lastContactAt ? timeText(*ledger, *t.lastContactAt) : json()},
                       {"last_pull", t.lastPullAt ? timeText(*ledger, *t.lastPullAt) : json()}});
    print(out);
    return 0;
}

json Commands::timeText(Ledger& ledger, std::int64_t t) const
{
    if (auto l = local(ledger))
        return l->format(Instant(std::chrono::seconds(t)));
    return t;
}

} // namespace sango::ledger::cli
