#include "cli_app.h"

#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include <CLI/CLI.hpp>
#include <QGuiApplication>
#include <nlohmann/json.hpp>

#include "messages.h"
#include "report_pdf.h"
#include "sango/atomic_file.h"
#include "sango/coupon_id.h"
#include "sango/event_store.h"
#include "sango/hal/image_file.h"
#include "sango/log_setup.h"
#include "sango/report_format.h"
#include "sango/reports.h"
#include "sango/store_backup.h"
#include "sango/initial_setup.h"
#include "sango/sync/enrolment.h"
#include "sango/sync/resolve_tls.h"
#include "sango/sync/store_sync_local.h"
#include "sango/sync/sync_stack.h"
#include "sango/sync_state.h"
#include "sango/terminal.h"
#include "sango/terminal_config.h"
#include "sango/terminal_session.h"

namespace sango::cli {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kVersion = SANGO_VERSION; // the project version, from CMake

// Everything the options hold, filled by CLI11.
struct Options {
    std::string configFile; // --config
    TerminalConfig config;  // what it (or $SANGO_CONFIG, or /etc/sango/terminal.toml) says, else the defaults
    std::string dataDir;
    std::string keyFile;
    std::string lang;

    std::string terminalId, policyFile, providerFile, trustFile; // init
    bool demo = false; // init, enroll: a demonstration store (it may trust the published test keys)
    std::string qrText, imageFile, couponId, at;                 // verify, scan
    std::string service, staff, reason, start, stop, ticket;     // scan, cancel, correct, paper
    std::string sessionId;
    bool openOnly = false;
    std::string month, format = "json", out, reportKind;
    std::string role;
    std::string ledger, code, label, caFile, pinnedKey;
    bool once = false;
    std::size_t batchEvents = 200;
    bool batchEventsGiven = false; // else [sync] batch_events
    bool qrGiven = false; // QR_TEXT given, possibly empty (an empty scan is not_a_coupon, not a usage error)
    std::string backupFile; // restore
    bool force = false;     // restore
};

// Run as root (sudo) on a data directory that belongs to another user (the kiosk's /var/lib/sango, owned by
// `sango`): that user's name (or #uid), since root would leave files there (the store's -wal and -shm, a new
// key or backup) that the kiosk could not read. Nothing otherwise.
std::optional<std::string> foreignOwner(const fs::path& dataDir)
{
    if (::geteuid() != 0)
        return std::nullopt;
    struct stat st {};
    if (::stat(dataDir.c_str(), &st) != 0 || st.st_uid == 0)
        return std::nullopt;
    if (const passwd* pw = ::getpwuid(st.st_uid); pw && pw->pw_name && *pw->pw_name)
        return std::string(pw->pw_name);
    return "#" + std::to_string(st.st_uid);
}

class App {
public:
    explicit App(Options& o) : m_o(o) {}

    Lang lang() const
    {
        if (auto l = parseLang(m_o.lang))
            return *l;
        return langFromEnvironment();
    }

    // Flag > environment > terminal.toml > default (StoreLocation::resolve).
    StoreLocation location() const
    {
        return StoreLocation::resolve(m_o.dataDir, m_o.keyFile, m_o.config.dataDir, m_o.config.keyFile);
    }

    // Where the key came from, for `status` (a path and its origin; never the key).
    std::string keySource() const
    {
        if (!m_o.keyFile.empty())
            return "--key-file";
        if (!m_o.config.keyFile.empty())
            return "config";
        if (!location().keyFile.empty())
            return "credential"; // systemd's $CREDENTIALS_DIRECTORY/store-key
        return "data_dir";
    }

    // Text from outside (a path, a typed id) may not be UTF-8: it is shown with U+FFFD rather than lost.
    static std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }
    void print(const json& j) const { std::cout << dump(j) << '\n' << std::flush; }

    // A failure: {"result", "message", "detail"} on stdout, the message on stderr; returns the exit status.
    int failure(const Error& e) const
    {
        const Lang l = lang();
        json out = {{"result", std::string(toString(e.code))},
                    {"message", std::string(staffMessage(e.code, l))},
                    {"detail", e.message}};
        if (auto m = motherMessage(e.code, l); !m.empty())
            out["message_for_mother"] = std::string(m);
        print(out);
        std::cerr << "sango: " << staffMessage(e.code, l) << "\n  " << printable(e.message) << '\n';
        return exitStatus(e.code);
    }

    // Control characters from typed input never reach the terminal as such.
    static std::string printable(std::string text)
    {
        for (char& c : text)
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
                c = '?';
        return text;
    }

    int usage(const std::string& message) const { return failure({Errc::invalid_argument, message}); }

    // Root on another user's data directory: refused before anything is opened (exit 2).
    int refuseAsRoot(const std::string& owner) const
    {
        const std::string dir = location().dataDir.string();
        const std::string message = "the data directory " + dir + " belongs to user " + owner +
                                    "; run `sudo -u " + owner + " sango …` instead, so that root leaves no file " +
                                    "there that " + owner + " (the kiosk's user) cannot read";
        print({{"result", std::string(toString(Errc::not_permitted))}, {"message", message}, {"detail", message}});
        std::cerr << "sango: " << printable(message) << '\n';
        return exitStatus(Errc::not_permitted);
    }

    // The store and the terminal over it, opened for one command (TerminalSession: key, store, Terminal and
    // clock witness); the members name its parts as the commands use them.
    struct Session {
        std::unique_ptr<TerminalSession> opened;
        EventStore& store;
        Terminal* terminal;
        StoredClockWitness* witness;
    };
    Expected<std::unique_ptr<Session>> openTerminal() const
    {
        SANGO_TRY_ASSIGN(std::unique_ptr<TerminalSession> opened,
                         TerminalSession::open({location(), &m_clock, &m_boot}));
        TerminalSession& t = *opened;
        return std::make_unique<Session>(Session{std::move(opened), t.store(), &t.terminal(), &t.witness()});
    }

    Expected<Service> service(const std::string& text) const
    {
        if (auto s = parseService(text))
            return *s;
        return fail(Errc::invalid_argument, "--service must be stay, day or visit");
    }

    Expected<Instant> time(const Terminal& t, const std::string& text, const char* what) const
    {
        auto r = t.localTime().parse(text);
        if (!r)
            return fail(Errc::invalid_argument, std::string(what) + ": " + r.error().message);
        return r;
    }

    Expected<std::pair<Instant, Instant>> startAndStop(const Terminal& t) const
    {
        auto start = time(t, m_o.start, "--start");
        if (!start)
            return tl::unexpected(start.error());
        auto stop = time(t, m_o.stop, "--stop");
        if (!stop)
            return tl::unexpected(stop.error());
        return std::pair{*start, *stop};
    }

    json scanJson(const ScanResult& r, const Terminal& t) const
    {
        json j = sessionJson(r.session, t.localTime());
        json out = {{"action", std::string(toString(r.action))},
                    {"session_id", r.session.sessionId},
                    {"coupon_id", r.session.couponId},
                    {"service", j["service"]},
                    {"start", j["start"]},
                    {"stop", j["stop"]},
                    {"actual_minutes", j["actual_minutes"]},
                    {"billed_minutes", j["billed_minutes"]},
                    {"balance_minutes", r.balanceMinutes ? json(*r.balanceMinutes) : json()},
                    {"flags", j["flags"]},
                    {"status", j["status"]},
                    {"date", j["date"]}};
        const Outcome o = r.action == ScanAction::opened   ? Outcome::opened
                          : r.action == ScanAction::closed ? Outcome::closed
                                                           : Outcome::ignored;
        out["message"] = std::string(outcomeMessage(o, lang()));
        return out;
    }

    // ---- commands ----

    int init() const
    {
        auto setup = InitialSetup::fromFiles(
            SetupFiles{m_o.terminalId, m_o.policyFile, m_o.providerFile, m_o.trustFile, m_o.demo});
        if (!setup)
            return failure(setup.error());
        const StoreLocation where = location();
        auto store = setup->createStore(where, m_clock.now());
        if (!store)
            return failure(store.error());
        print({{"terminal_id", m_o.terminalId},
               {"data_dir", where.dataDir.string()},
               {"store", where.database().string()},
               {"key_file", where.key().string()},
               {"policy_version", setup->policy.version},
               {"provider_id", setup->provider.providerId},
               {"demo", m_o.demo}});
        std::cerr << "sango: " << outcomeMessage(Outcome::store_created, lang()) << '\n';
        return 0;
    }

    // verify's answer to a refused credential (or an image without a QR code): exit 2.
    int verifyRefusal(const Error& e) const
    {
        const Lang l = lang();
        print({{"result", std::string(toString(e.code))},
               {"coupon_id", nullptr},
               {"coupon_type", nullptr},
               {"grant_minutes", nullptr},
               {"services", nullptr},
               {"message", std::string(staffMessage(e.code, l))},
               {"message_for_mother", std::string(motherMessage(e.code, l))},
               {"detail", e.message}});
        std::cerr << "sango: " << staffMessage(e.code, l) << '\n';
        return 2;
    }

    int verify() const
    {
        if (m_o.qrGiven == !m_o.imageFile.empty())
            return usage("give exactly one of QR_TEXT or --image FILE");
        // --image FILE: its QR text, then exactly as QR_TEXT; no QR code in it is a refusal like a bad QR text.
        std::string qrText = m_o.qrText;
        if (!m_o.imageFile.empty()) {
            auto decoded = hal::decodeImageFile(m_o.imageFile);
            if (!decoded)
                return kindOf(decoded.error().code) == ErrorKind::refusal ? verifyRefusal(decoded.error())
                                                                           : failure(decoded.error());
            qrText = std::move(*decoded);
        }
        auto s = openTerminal();
        if (!s)
            return failure(s.error());
        std::optional<Instant> at;
        if (!m_o.at.empty()) {
            auto t = time(*(*s)->terminal, m_o.at, "--at");
            if (!t)
                return failure(t.error());
            at = *t;
        }
        auto c = (*s)->terminal->verify(qrText, at);
        if (!c) {
            if (kindOf(c.error().code) != ErrorKind::refusal)
                return failure(c.error());
            return verifyRefusal(c.error());
        }
        json services = json::array();
        for (Service sv : c->services)
            services.push_back(std::string(toString(sv)));
        print({{"result", "ok"},
               {"coupon_id", c->couponId},
               {"coupon_type", c->couponType},
               {"grant_minutes", c->grantMinutes},
               {"services", services},
               {"message", std::string(outcomeMessage(Outcome::verified, lang()))}});
        return 0;
    }

    int scan() const
    {
        const int given = m_o.qrGiven + !m_o.imageFile.empty() + !m_o.couponId.empty();
        if (given != 1)
            return usage("give exactly one of QR_TEXT, --image FILE or --id COUPON_ID");
        auto svc = service(m_o.service);
        if (!svc)
            return failure(svc.error());
        // --image FILE: its QR text, then exactly as QR_TEXT (no QR code in it: not_a_coupon, exit 2).
        std::string qrText = m_o.qrText;
        if (!m_o.imageFile.empty()) {
            auto decoded = hal::decodeImageFile(m_o.imageFile);
            if (!decoded)
                return failure(decoded.error());
            qrText = std::move(*decoded);
        }
        auto s = openTerminal();
        if (!s)
            return failure(s.error());
        const ScanInput input = m_o.couponId.empty() ? ScanInput::qr(qrText) : ScanInput::typed(m_o.couponId);
        auto r = (*s)->terminal->scan(input, *svc, m_o.staff);
        if (!r)
            return failure(r.error());
        print(scanJson(*r, *(*s)->terminal));
        return 0;
    }

    int close() const
    {
        auto s = openTerminal();
        if (!s)
            return failure(s.error());
        auto r = (*s)->terminal->close(m_o.sessionId, m_o.staff);
        if (!r)
            return failure(r.error());
        print(scanJson(*r, *(*s)->terminal));
        return 0;
    }

    int sessionResult(const Expected<SessionRecord>& r, const Terminal& t, Outcome o) const
    {
        if (!r)
            return failure(r.error());
        json j = sessionJson(*r, t.localTime());
        j["message"] = std::string(outcomeMessage(o, lang()));
        print(j);
        return 0;
    }

    int cancel() const
    {
        auto s = openTerminal();
        if (!s)
            return failure(s.error());
        auto r = (*s)->terminal->cancel(m_o.sessionId, m_o.staff, m_o.reason);
        return sessionResult(r, *(*s)->terminal, Outcome::cancelled);
    }

    int correct() const
    {
        auto s = openTerminal();
        if (!s)
            return failure(s.error());
        auto& t = *(*s)->terminal;
        auto times = startAndStop(t);
        if (!times)
            return failure(times.error());
        const auto [start, stop] = *times;
        return sessionResult(t.correct(m_o.sessionId, start, stop, m_o.staff, m_o.reason), t, Outcome::corrected);
    }

    int paper() const
    {
        auto svc = service(m_o.service);
        if (!svc)
            return failure(svc.error());
        auto s = openTerminal();
        if (!s)
            return failure(s.error());
        auto& t = *(*s)->terminal;
        auto times = startAndStop(t);
        if (!times)
            return failure(times.error());
        const auto [start, stop] = *times;
        return sessionResult(t.recordPaper(m_o.ticket, *svc, start, stop, m_o.staff), t, Outcome::paper_recorded);
    }

    // Writes the rendered document to --out (a temporary file beside it, synced, then renamed into place, so
    // a reader never sees half a statement) or stdout.
    int emit(const std::string& document) const
    {
        if (m_o.out.empty()) {
            std::cout << document << std::flush;
            return 0;
        }
        // Mode 0600: coupon ids are nobody else's business.
        if (auto written = writeFileAtomically(m_o.out, document); !written)
            return failure(written.error());
        return 0;
    }

    int render(const Table& table, bool dropTotalForJson = false) const
    {
        if (m_o.format == "csv")
            return emit(table.toCsv());
        json j = table.toJson();
        if (dropTotalForJson && !j.empty())
            j.erase(j.size() - 1);
        return emit(dump(j) + "\n");
    }

    Expected<std::optional<date::year_month>> month() const
    {
        if (m_o.month.empty())
            return std::optional<date::year_month>();
        auto m = parseMonth(m_o.month);
        if (!m)
            return fail(Errc::invalid_argument, "--month must be YYYY-MM, for example 2026-04");
        return std::optional<date::year_month>(*m);
    }

    int sessions() const
    {
        if (m_o.format != "json" && m_o.format != "csv")
            return usage("--format must be csv or json");
        auto m = month();
        if (!m)
            return failure(m.error());
        auto s = openTerminal();
        if (!s)
            return failure(s.error());
        std::optional<date::year_month_day> first, last;
        if (*m) {
            first = **m / date::day{1};
            last = date::year_month_day{**m / date::last};
        }
        auto list = (*s)->store.sessions(first, last, m_o.openOnly);
        if (!list)
            return failure(list.error());
        return render(sessionTable(*list, (*s)->terminal->localTime()));
    }

    // Every event of one session: the original times stay visible beside each correction.
    int history() const
    {
        auto s = openTerminal();
        if (!s)
            return failure(s.error());
        auto& t = *(*s)->terminal;
        auto events = (*s)->store.sessionHistory(m_o.sessionId);
        if (!events)
            return failure(events.error());
        if (events->empty())
            return failure({Errc::session_not_found, "there is no session " + m_o.sessionId +
                                                         ": check the id with `sango sessions`"});
        json out = json::array();
        for (const Event& e : *events) {
            json line = {{"seq", e.seq}, {"event_id", e.id}, {"type", e.type}, {"at", t.localTime().format(e.at)}};
            for (const char* key : {"staff_id", "reason", "corrects", "actual_minutes", "billed_minutes", "flags",
                                    "service", "coupon_id", "ticket"})
                if (e.body.contains(key))
                    line[key] = e.body[key];
            for (const char* key : {"start", "stop"})
                if (e.body.contains(key) && e.body[key].is_number_integer())
                    line[key] = t.localTime().format(Instant(std::chrono::seconds(e.body[key].get<std::int64_t>())));
            out.push_back(std::move(line));
        }
        print(out);
        return 0;
    }

    int balance() const
    {
        auto s = openTerminal();
        if (!s)
            return failure(s.error());
        auto& t = *(*s)->terminal;
        auto b = t.balance(m_o.couponId);
        if (!b)
            return failure(b.error());
        print({{"coupon_id", b->couponId},
               {"grant_minutes", b->grantMinutes ? json(*b->grantMinutes) : json()},
               {"used_minutes", b->usedMinutes},
               {"balance_minutes", b->balanceMinutes ? json(*b->balanceMinutes) : json()},
               {"as_of", t.localTime().format(b->asOf)},
               {"source", b->source}});
        return 0;
    }

    int report() const
    {
        if (m_o.format != "json" && m_o.format != "csv" && m_o.format != "pdf")
            return usage("--format must be csv, json or pdf");
        if (m_o.format == "pdf" && m_o.out.empty())
            return usage("--format pdf needs --out FILE (a PDF is not written to the terminal)");
        auto m = month();
        if (!m)
            return failure(m.error());
        if (!*m)
            return usage("--month YYYY-MM is required");
        auto s = openTerminal();
        if (!s)
            return failure(s.error());
        auto& t = *(*s)->terminal;
        Reports reports((*s)->store, t.policy(), t.provider(), t.localTime());
        // What the statement rests on, for the person reading it (stdout stays the table itself).
        const ReportHeader h = reports.header(**m, m_clock.now());
        // A demonstration store's statement says so before anything else: it bills nobody.
        std::cerr << "sango: " << (h.demo ? "DEMO (demonstration store, not for billing) · " : "") << m_o.reportKind
                  << " report " << formatMonth(h.month) << " · provider "
                  << h.providerId << " " << h.providerName << " · municipality " << h.municipality << " · policy "
                  << h.policyVersion << " · prices from " << h.priceTableVersion << " · generated "
                  << t.localTime().format(h.generatedAt) << '\n';
        if (m_o.format == "pdf")
            return pdf(t, **m);
        if (m_o.reportKind == "monthly") {
            auto rows = reports.monthly(**m);
            if (!rows)
                return failure(rows.error());
            return render(sessionTable(*rows, t.localTime()));
        }
        if (m_o.reportKind == "daily") {
            auto rows = reports.daily(**m);
            if (!rows)
                return failure(rows.error());
            return render(dailyTable(*rows));
        }
        auto rows = reports.totals(**m);
        if (!rows)
            return failure(rows.error());
        for (const TotalsRow& r : *rows)
            if (r.service != "total" && !r.yenPerHour && r.billedMinutes > 0)
                std::cerr << "sango: warning: " << r.billedMinutes << " minutes of " << r.service
                          << " care fall before any agreed price and are billed at 0 yen: ask the municipality "
                             "for the price of that period\n";
        return render(totalsTable(*rows), /*dropTotalForJson=*/true);
    }

    // The printable statement (ui/report), in the --lang language. Qt needs an application object for fonts:
    // made here only, on the offscreen platform unless QT_QPA_PLATFORM says otherwise (no display is needed
    // to write a PDF, and a stale DISPLAY must not stop it).
    int pdf(Terminal& t, date::year_month month) const
    {
        const auto kind = report::parseReportKind(m_o.reportKind);
        if (!kind)
            return usage("KIND must be daily, monthly or totals");
        const Lang l = lang();
        auto doc = report::buildReport(t, *kind, month, m_clock.now(),
                                       l == Lang::ja ? "ja" : l == Lang::zh ? "zh_CN" : "en");
        if (!doc)
            return failure(doc.error());
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        int qtArgc = 1;
        char qtName[] = "sango";
        char* qtArgv[] = {qtName, nullptr};
        QGuiApplication qtApp(qtArgc, qtArgv);
        auto bytes = report::renderPdf(*doc);
        if (!bytes)
            return failure(bytes.error());
        return emit(std::string(bytes->constData(), static_cast<std::size_t>(bytes->size())));
    }

    int audit() const
    {
        auto store = EventStore::open(location());
        if (!store)
            return failure(store.error());
        auto r = store->audit();
        if (!r)
            return failure(r.error());
        print({{"intact", r->intact},
               {"events", r->events},
               {"broken_at", r->intact || r->brokenAt == 0 ? json() : json(r->brokenAt)},
               {"problem", r->intact ? json() : json(r->problem)}});
        if (!r->intact) {
            std::cerr << "sango: " << staffMessage(Errc::audit_broken, lang()) << "\n  " << r->problem << '\n';
            return 3;
        }
        std::cerr << "sango: " << outcomeMessage(Outcome::audit_intact, lang()) << '\n';
        return 0;
    }

    int status() const
    {
        auto s = openTerminal();
        if (!s)
            return failure(s.error());
        auto& store = (*s)->store;
        auto& t = *(*s)->terminal;
        auto id = store.terminalId();
        auto events = store.eventCount();
        auto open = store.sessions(std::nullopt, std::nullopt, true);
        auto staffCount = store.staffCount();
        if (!id || !events || !open || !staffCount)
            return failure(!id ? id.error() : !events ? events.error() : !open ? open.error() : staffCount.error());
        auto queue = store.outboxSummary();
        auto enrolment = store.enrolment();
        auto attention = store.attention();
        auto last = sync::StoreSyncLocal::lastOutcome(store);
        auto lastSuccess = SyncState(store).lastSuccessSeconds();
        auto clockReading = (*s)->witness->read();
        if (!queue || !enrolment || !attention || !last || !lastSuccess || !clockReading)
            return failure(!queue ? queue.error() : !enrolment ? enrolment.error() : !attention ? attention.error()
                                                  : !last ? last.error() : !lastSuccess ? lastSuccess.error()
                                                                                       : clockReading.error());
        const std::int64_t queueLength = queue->count;
        const std::optional<Instant> oldest = queue->oldest;
        const Instant now = m_clock.now();
        auto when = [&](std::int64_t secs) { return t.localTime().format(Instant(std::chrono::seconds(secs))); };
        json items = json::array();
        for (const LedgerAnswer& a : *attention)
            items.push_back({{"session_id", a.sessionId},
                             {"coupon_id", a.couponId},
                             {"event", a.type},
                             {"event_id", a.eventId},
                             {"reason", a.reason},
                             {"detail", a.detail.empty() ? json() : json(a.detail)},
                             {"ledger_figures", a.figures},
                             {"answered_at", when(a.answeredAt.time_since_epoch().count())}});
        json lastSync = nullptr;
        json lastResult = nullptr;
        if (last->is_object()) {
            lastSync = when(last->value("at", std::int64_t{0}));
            lastResult = last->value("result", std::string());
        }
        print({{"terminal_id", *id},
               {"demo", store.isDemo().value_or(false)},
               {"data_dir", location().dataDir.string()},
               {"store", store.path().string()},
               {"key_file", location().key().string()},
               {"key_source", keySource()},
               {"config", m_o.config.file.empty() ? json() : json(m_o.config.file.string())},
               {"encrypted", true},
               {"enrolled", enrolment->has_value()},
               {"ledger", *enrolment ? json((*enrolment)->ledgerUrl) : json()},
               {"ledger_terminal_id", *enrolment ? json((*enrolment)->terminalId) : json()},
               {"clock", clockReading->toJson()},
               {"attention", items},
               {"last_success", *lastSuccess ? json(when(**lastSuccess)) : json()},
               {"policy_version", t.policy().version},
               {"price_table_version", t.provider().priceTableVersion()},
               {"provider_id", t.provider().providerId},
               {"events", *events},
               {"open_sessions", open->size()},
               {"staff_registered", *staffCount},
               {"queue_length", queueLength},
               {"oldest_unsynced_age_seconds", oldest ? json((now - *oldest).count()) : json()},
               {"last_sync", lastSync},
               {"last_sync_result", lastResult}});
        return 0;
    }

    // TLS settings: the flags, else terminal.toml's [sync], else what enrolment recorded. A setting that cannot
    // be read is an error, never a silent fall back to weaker checks.
    Expected<sync::TlsSettings> tlsSettings(EventStore* store) const
    {
        std::optional<SyncSettings> recorded;
        if (store) {
            SANGO_TRY_ASSIGN(recorded, SyncState(*store).settings());
        }
        return sync::resolveTls({m_o.caFile, m_o.pinnedKey}, {m_o.config.caFile, m_o.config.pinnedKey},
                                recorded ? &*recorded : nullptr);
    }

    int enroll() const
    {
        if (m_o.ledger.empty() || m_o.code.empty())
            return usage("enroll needs --ledger URL and --code CODE (the enrolment code from the municipality)");
        auto tls = tlsSettings(nullptr);
        if (!tls)
            return failure(tls.error());
        sync::SyncStack stack(*tls, m_o.ledger, m_clock);
        // The TLS settings used now are recorded with the enrolment: later syncs use the same.
        sync::EnrolOptions options{m_o.code, m_o.label, m_o.caFile, m_o.pinnedKey};
        options.demo = m_o.demo;
        auto e = sync::enrolTerminal(stack.client(), location(), options, m_clock, m_boot);
        if (!e)
            return failure(e.error());
        print({{"enrolled", true},
               {"ledger", e->ledgerUrl},
               {"terminal_id", e->terminalId},
               {"provider_id", e->providerId}});
        std::cerr << "sango: " << outcomeMessage(Outcome::enrolled, lang()) << '\n';
        return 0;
    }

    int syncCommand() const
    {
        const std::size_t batchEvents =
            m_o.batchEventsGiven ? m_o.batchEvents : static_cast<std::size_t>(m_o.config.batchEvents);
        if (batchEvents < 1 || batchEvents > protocol::kMaxBatchEvents)
            return usage("--batch-events must be 1 to " + std::to_string(protocol::kMaxBatchEvents));
        auto s = openTerminal();
        if (!s)
            return failure(s.error());
        EventStore& store = (*s)->store;
        sync::StoreSyncLocal local(store, m_clock, m_boot);
        auto identity = local.identity();
        if (!identity)
            return failure(identity.error());
        auto tls = tlsSettings(&store);
        if (!tls)
            return failure(tls.error());
        // --ledger (else [sync] ledger_url): the same ledger at another address (moved, or behind a proxy); the
        // enrolment stays.
        const std::string url = sync::resolveLedgerUrl(m_o.ledger, m_o.config.ledgerUrl, identity->ledgerUrl);
        sync::SyncOptions options;
        options.maxBatchEvents = batchEvents;
        sync::SyncStack stack(local, *tls, url, m_clock, options);
        sync::SyncEngine& engine = *stack.engine();
        if (!m_o.once) {
            // Until SIGINT or SIGTERM: the engine syncs in the background, with backoff when the ledger is away.
            sigset_t set;
            sigemptyset(&set);
            sigaddset(&set, SIGINT);
            sigaddset(&set, SIGTERM);
            pthread_sigmask(SIG_BLOCK, &set, nullptr);
            engine.start();
            int sig = 0;
            sigwait(&set, &sig);
            engine.stop();
            const auto st = engine.state();
            print({{"stopped", true}, {"last_result", st.lastResult}});
            return 0;
        }
        auto report = engine.runOnce();
        if (!report)
            return failure(report.error());
        auto queue = store.outboxSummary();
        auto attention = store.attention();
        if (!queue || !attention)
            return failure(!queue ? queue.error() : attention.error());
        print({{"result", "ok"},
               {"batches", report->batches},
               {"accepted", report->accepted},
               {"duplicate", report->duplicate},
               {"rejected", report->rejected},
               {"changes", report->changes},
               {"queue_length", queue->count},
               {"attention", attention->size()}});
        return 0;
    }

    // ---- backup and restore (the key is in neither: it stays in its key file) ----

    static json copyJson(const StoreCopyInfo& c)
    {
        std::error_code ec;
        const fs::path shown = fs::absolute(c.file, ec);
        return {{"file", (ec ? c.file : shown).string()},
                {"events", c.events},
                {"head_seq", c.headSeq},
                {"head_hash", c.headHash.empty() ? json() : json(c.headHash)},
                {"schema_version", c.schemaVersion}};
    }

    int backup() const
    {
        const StoreLocation where = location();
        // Opened as every command opens it (shared: the kiosk may go on recording meanwhile).
        auto store = EventStore::open(where);
        if (!store)
            return failure(store.error());
        fs::path file = m_o.out;
        if (file.empty()) {
            if (auto dir = StoreBackup::makeDirectory(where); !dir)
                return failure(dir.error());
            file = StoreBackup::defaultFile(where, m_clock.now());
        }
        auto info = store->backupTo(file);
        if (!info)
            return failure(info.error());
        print(copyJson(*info));
        std::cerr << "sango: " << outcomeMessage(Outcome::backup_written, lang()) << '\n';
        return 0;
    }

    int restore() const
    {
        auto r = StoreBackup::restore(location(), m_o.backupFile, m_o.force, m_clock.now());
        if (!r)
            return failure(r.error());
        json out = copyJson(r->restored);
        out["replaced"] = r->replaced ? json(r->replaced->string()) : json();
        out["previous_events"] = r->previousEvents;
        out["events_lost"] = r->eventsLost;
        // A restore that may have lost events the ledger holds begins a new incarnation: its session ids differ.
        out["incarnation"] = r->incarnation.empty() ? json() : json(r->incarnation);
        print(out);
        std::cerr << "sango: " << outcomeMessage(Outcome::store_restored, lang()) << '\n';
        if (r->replaced)
            std::cerr << "  " << m_o.backupFile << " -> " << location().database().string() << "; "
                      << location().database().filename().string() << " -> " << r->replaced->string() << '\n';
        return 0;
    }

    int staffAdd() const
    {
        auto role = m_o.role == "manager" ? std::optional(StaffRole::manager)
                    : m_o.role == "staff" ? std::optional(StaffRole::staff)
                                          : std::nullopt;
        if (!role)
            return usage("--role must be staff or manager");
        std::string pin;
        // At a keyboard the PIN is typed without echo; from a pipe it is read as it comes.
        termios saved{};
        const bool tty = ::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &saved) == 0;
        if (tty) {
            std::cerr << "PIN: " << std::flush;
            termios quiet = saved;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        }
        std::getline(std::cin, pin);
        if (tty) {
            ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
            std::cerr << '\n';
        }
        while (!pin.empty() && (pin.back() == '\r' || pin.back() == ' '))
            pin.pop_back();
        auto s = openTerminal();
        if (!s)
            return failure(s.error());
        auto existing = (*s)->store.staff(m_o.staff);
        if (!existing)
            return failure(existing.error());
        auto r = (*s)->terminal->addStaff(m_o.staff, *role, pin);
        std::fill(pin.begin(), pin.end(), '\0');
        if (!r)
            return failure(r.error());
        // Adding an id that exists replaces its role and PIN (a new PIN after a forgotten one): say so.
        print({{"staff_id", m_o.staff}, {"role", m_o.role}, {"replaced", existing->has_value()}});
        if (existing->has_value())
            std::cerr << "sango: staff id " << m_o.staff << " existed: its role and PIN were replaced\n";
        return 0;
    }

private:
    Options& m_o;
    SystemClock m_clock;
    SystemBootClock m_boot;
};

} // namespace

int run(int argc, char** argv)
{
    Options o;
    App app(o);
    CLI::App cli{"sango: the provider terminal of the postpartum-care digital coupon", "sango"};
    cli.set_version_flag("--version", std::string("sango ") + kVersion);
    cli.require_subcommand(1);
    cli.fallthrough(); // --config, --data-dir, --key-file and --lang may also follow the command
    cli.add_option("--config", o.configFile,
                   "the configuration file (default $SANGO_CONFIG, else /etc/sango/terminal.toml if it exists)");
    cli.add_option("--data-dir", o.dataDir,
                   "data directory (default $SANGO_DATA_DIR, else [store] data_dir, else the XDG data directory)");
    cli.add_option("--key-file", o.keyFile,
                   "the store key file (default [store] key_file, else the systemd credential store-key, else "
                   "DATA_DIR/store.key)");
    cli.add_option("--lang", o.lang, "language of human messages: ja, en or zh");

    auto* init = cli.add_subcommand("init", "create a new encrypted store");
    init->add_option("--terminal-id", o.terminalId, "this terminal's id")->required();
    init->add_option("--policy", o.policyFile, "the municipality's policy.json")->required();
    init->add_option("--provider", o.providerFile, "the provider profile provider.json")->required();
    init->add_option("--trust", o.trustFile, "the trust store (issuer keys) trust.json")->required();
    init->add_flag("--demo", o.demo,
                   "a demonstration store: it may trust the published test keys, and says DEMO everywhere");

    auto* verify = cli.add_subcommand("verify", "check a coupon credential; records nothing");
    auto* verifyQr = verify->add_option("QR_TEXT", o.qrText, "the text of the coupon's QR code");
    verify->add_option("--image", o.imageFile, "a PNG or JPEG holding the QR code");
    verify->add_option("--at", o.at, "verify as at this time (ISO 8601)");

    auto* scan = cli.add_subcommand("scan", "open a session for this coupon, or close its open one");
    auto* scanQr = scan->add_option("QR_TEXT", o.qrText, "the text of the coupon's QR code");
    scan->add_option("--image", o.imageFile, "a PNG or JPEG holding the QR code");
    scan->add_option("--id", o.couponId, "a typed 16-character coupon id");
    scan->add_option("--service", o.service, "stay, day or visit")->required();
    scan->add_option("--staff", o.staff, "staff id")->required();

    auto* close = cli.add_subcommand("close", "close an open session by its id");
    close->add_option("SESSION_ID", o.sessionId)->required();
    close->add_option("--staff", o.staff, "staff id")->required();

    auto* cancel = cli.add_subcommand("cancel", "cancel an open session, or a closed one within the cancel window");
    cancel->add_option("SESSION_ID", o.sessionId)->required();
    cancel->add_option("--staff", o.staff, "staff id")->required();
    cancel->add_option("--reason", o.reason, "reason code, e.g. opened_by_mistake")->required();

    auto* correct = cli.add_subcommand("correct", "a manager's correction: a new event naming the session");
    correct->add_option("SESSION_ID", o.sessionId)->required();
    correct->add_option("--start", o.start)->required();
    correct->add_option("--stop", o.stop)->required();
    correct->add_option("--staff", o.staff, "manager's staff id")->required();
    correct->add_option("--reason", o.reason, "reason code, e.g. forgotten_stop")->required();

    auto* paper = cli.add_subcommand("paper", "record a session paid with a paper ticket");
    paper->add_option("--ticket", o.ticket)->required();
    paper->add_option("--service", o.service)->required();
    paper->add_option("--start", o.start)->required();
    paper->add_option("--stop", o.stop)->required();
    paper->add_option("--staff", o.staff, "manager's staff id")->required();

    auto* sessions = cli.add_subcommand("sessions", "list sessions as monthly report lines");
    sessions->add_flag("--open", o.openOnly, "only open sessions");
    sessions->add_option("--month", o.month, "YYYY-MM");
    sessions->add_option("--format", o.format, "csv or json (default json)");

    auto* history = cli.add_subcommand("history", "every event of one session: opening, close, cancellation, "
                                                   "corrections (by whom, why, the times before and after)");
    history->add_option("SESSION_ID", o.sessionId)->required();

    auto* balance = cli.add_subcommand("balance", "a coupon's balance as this terminal knows it");
    balance->add_option("COUPON_ID", o.couponId)->required();

    auto* report = cli.add_subcommand("report", "daily, monthly or totals report");
    report->add_option("KIND", o.reportKind, "daily, monthly or totals")
        ->required()
        ->check(CLI::IsMember({"daily", "monthly", "totals"}));
    report->add_option("--month", o.month, "YYYY-MM")->required();
    report->add_option("--format", o.format, "csv, json or pdf (default json)");
    report->add_option("--out", o.out, "write to this file instead of stdout (required for pdf)");

    auto* audit = cli.add_subcommand("audit", "check the event chain end to end");
    auto* status = cli.add_subcommand("status", "terminal id, store, policy, sync queue");

    auto* staff = cli.add_subcommand("staff", "staff members");
    staff->require_subcommand(1);
    staff->fallthrough();
    auto* staffAdd = staff->add_subcommand("add", "add a staff member; the PIN is read from stdin");
    staffAdd->add_option("--id", o.staff)->required();
    staffAdd->add_option("--role", o.role, "staff or manager")->required();

    auto* enroll = cli.add_subcommand("enroll", "enrol this terminal with the municipal ledger");
    enroll->add_option("--ledger", o.ledger, "the ledger's URL (https://..., or http:// on loopback)")->required();
    enroll->add_option("--code", o.code, "the one-time enrolment code from the municipality")->required();
    enroll->add_option("--label", o.label, "a name for this terminal in the municipality's list");
    enroll->add_option("--ca-file", o.caFile, "PEM file of the CA that signed the ledger's certificate");
    enroll->add_option("--pinned-key", o.pinnedKey, "the ledger's public key pin (sha256//BASE64)");
    enroll->add_flag("--demo", o.demo,
                     "a demonstration store: the ledger may hand out a published test key; says DEMO everywhere");
    auto* sync = cli.add_subcommand("sync", "synchronise with the ledger (until SIGTERM; --once: one cycle)");
    sync->add_flag("--once", o.once, "one cycle: push every waiting event, pull every change, then exit");
    sync->add_option("--ca-file", o.caFile, "PEM file of the CA that signed the ledger's certificate");
    sync->add_option("--ledger", o.ledger, "reach the ledger at this URL instead of the enrolled one");
    auto* batchEvents =
        sync->add_option("--batch-events", o.batchEvents, "events per request (1 to 500, default [sync] batch_events)");
    sync->add_option("--pinned-key", o.pinnedKey, "the ledger's public key pin (sha256//BASE64)");

    auto* backup = cli.add_subcommand("backup", "a checked, encrypted copy of the store (the key is not in it)");
    backup->add_option("--out", o.out, "the backup file (default DATA_DIR/backups/sango-<UTC time>.db)");
    auto* restore = cli.add_subcommand("restore", "replace the store with a backup; the current one is kept aside");
    restore->add_option("FILE", o.backupFile, "a backup made by `sango backup`")->required();
    restore->add_flag("--force", o.force, "restore even when the current store holds events the backup lacks");

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e) == 0 ? 0 : 1;
    }
    o.qrGiven = verifyQr->count() > 0 || scanQr->count() > 0;
    o.batchEventsGiven = batchEvents->count() > 0;
    if (!o.lang.empty() && !parseLang(o.lang)) {
        std::cerr << "sango: --lang must be ja, en or zh\n";
        return 1;
    }
    // The configuration file, then the log level it sets (SANGO_LOG_LEVEL wins): a file that cannot be used
    // is a usage error (exit 1) that names the file, the line and the key.
    if (o.configFile.empty() && cli.get_option("--config")->count() > 0)
        return app.usage("--config needs a file name");
    auto config = TerminalConfig::load(o.configFile);
    if (!config)
        return app.failure(config.error());
    o.config = std::move(*config);
    if (auto level = log::setDefaultLevel(log::parseLevel(o.config.logLevel).value_or(log::Level::warn)); !level)
        return app.failure(level.error());
    if (auto owner = foreignOwner(app.location().dataDir))
        return app.refuseAsRoot(*owner);

    // Failures are values throughout; this is the last guard, so that nothing ends without a JSON answer.
    auto dispatch = [&]() -> int {
        try {
            if (init->parsed()) return app.init();
            if (verify->parsed()) return app.verify();
            if (scan->parsed()) return app.scan();
            if (close->parsed()) return app.close();
            if (cancel->parsed()) return app.cancel();
            if (correct->parsed()) return app.correct();
            if (paper->parsed()) return app.paper();
            if (sessions->parsed()) return app.sessions();
            if (balance->parsed()) return app.balance();
            if (history->parsed()) return app.history();
            if (report->parsed()) return app.report();
            if (audit->parsed()) return app.audit();
            if (status->parsed()) return app.status();
            if (staffAdd->parsed()) return app.staffAdd();
            if (enroll->parsed()) return app.enroll();
            if (sync->parsed()) return app.syncCommand();
            if (backup->parsed()) return app.backup();
            if (restore->parsed()) return app.restore();
        } catch (const std::exception& e) {
            return app.failure({Errc::store_io, std::string("internal error: ") + e.what() +
                                                    ": nothing was recorded; please report this"});
        }
        return 1;
    };
    const int result = dispatch();
    std::cout.flush();
    if (!std::cout) {
        // The work is done (and recorded, for a command that records) but its answer was lost: say so.
        std::cerr << "sango: the answer could not be written to standard output (disk full or a closed pipe)"
                  << (result == 0 ? "; what the command did is recorded" : "") << '\n';
        return result == 0 ? 3 : result;
    }
    return result;
}

} // namespace sango::cli
