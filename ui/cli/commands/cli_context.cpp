// The shared context of the `sango` verbs (cli_context.h): printing answers and failures, the store's
// location, and opening the store and the terminal for one command.
#include "cli_context.h"

#include <unistd.h>

#include <iostream>

#include <CLI/CLI.hpp>

#include "sango/atomic_file.h"
#include "sango/local_time.h"
#include "sango/service.h"

namespace sango::cli {

using nlohmann::json;

CliContext::CliContext(Clock& clock, std::istream& in, std::ostream& out, std::ostream& err)
    : m_clock(clock), m_in(in), m_out(out), m_err(err)
{
}

CliContext::~CliContext() = default;

void CliContext::handle(CLI::App* command, std::function<int()> handler)
{
    command->callback([this, handler = std::move(handler)] { m_chosen = handler; });
}

bool CliContext::stdinIsTerminal() const
{
    return &m_in == &std::cin && ::isatty(STDIN_FILENO);
}

Lang CliContext::lang() const
{
    if (auto l = parseLang(langName))
        return *l;
    return langFromEnvironment();
}

const Words& CliContext::words() const
{
    const Lang l = lang();
    if (!m_words || m_words->lang() != l)
        m_words = std::make_unique<Words>(l);
    return *m_words;
}

StoreLocation CliContext::location() const
{
    return StoreLocation::resolve(dataDir, keyFile, config.dataDir, config.keyFile);
}

std::string CliContext::keySource() const
{
    if (!keyFile.empty())
        return "--key-file";
    if (!config.keyFile.empty())
        return "config";
    if (!location().keyFile.empty())
        return "credential"; // systemd's $CREDENTIALS_DIRECTORY/store-key
    return "data_dir";
}

std::string CliContext::dump(const json& j)
{
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

void CliContext::print(const json& j) const
{
    m_out << dump(j) << '\n' << std::flush;
}

std::string CliContext::printable(std::string text)
{
    for (char& c : text)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            c = '?';
    return text;
}

int CliContext::failure(const Error& e) const
{
    const Words& w = words();
    json out = {{"result", std::string(toString(e.code))}, {"message", w.staff(e.code)}, {"detail", e.message}};
    if (auto m = w.mother(e.code); !m.empty())
        out["message_for_mother"] = m;
    print(out);
    m_err << "sango: " << w.staff(e.code) << "\n  " << printable(e.message) << '\n';
    return exitStatus(e.code);
}

int CliContext::usage(const std::string& message) const
{
    return failure({Errc::invalid_argument, message});
}

int CliContext::refuseAsRoot(const std::string& owner) const
{
    const std::string dir = location().dataDir.string();
    const std::string message = "the data directory " + dir + " belongs to user " + owner + "; run `sudo -u " +
                                owner + " sango …` instead, so that root leaves no file " + "there that " + owner +
                                " (the kiosk's user) cannot read";
    print({{"result", std::string(toString(Errc::not_permitted))}, {"message", message}, {"detail", message}});
    m_err << "sango: " << printable(message) << '\n';
    return exitStatus(Errc::not_permitted);
}

Expected<std::unique_ptr<OpenTerminal>> CliContext::openTerminal() const
{
    SANGO_TRY_ASSIGN(std::unique_ptr<TerminalSession> opened, TerminalSession::open({location(), &m_clock, &m_boot}));
    TerminalSession& t = *opened;
    return std::make_unique<OpenTerminal>(OpenTerminal{std::move(opened), t.store(), &t.terminal(), &t.witness()});
}

int CliContext::emit(const std::string& document, const std::string& outFile) const
{
    if (outFile.empty()) {
        m_out << document << std::flush;
        return 0;
    }
    // Mode 0600: coupon ids are nobody else's business.
    if (auto written = writeFileAtomically(outFile, document); !written)
        return failure(written.error());
    return 0;
}

int CliContext::render(const Table& table, const std::string& format, const std::string& outFile,
                       bool dropTotalForJson) const
{
    if (format == "csv")
        return emit(table.toCsv(), outFile);
    json j = table.toJson();
    if (dropTotalForJson && !j.empty())
        j.erase(j.size() - 1);
    return emit(dump(j) + "\n", outFile);
}

Expected<Service> parseServiceOption(const std::string& text)
{
    if (auto s = parseService(text))
        return *s;
    return fail(Errc::invalid_argument, "--service must be stay, day or visit");
}

Expected<Instant> parseTimeOption(const Terminal& t, const std::string& text, const char* what)
{
    auto r = t.localTime().parse(text);
    if (!r)
        return fail(Errc::invalid_argument, std::string(what) + ": " + r.error().message);
    return r;
}

Expected<std::pair<Instant, Instant>> parseStartAndStop(const Terminal& t, const std::string& start,
                                                         const std::string& stop)
{
    SANGO_TRY_ASSIGN(const Instant from, parseTimeOption(t, start, "--start"));
    SANGO_TRY_ASSIGN(const Instant to, parseTimeOption(t, stop, "--stop"));
    return std::pair{from, to};
}

Expected<std::optional<date::year_month>> parseMonthOption(const std::string& text)
{
    if (text.empty())
        return std::optional<date::year_month>();
    auto m = parseMonth(text);
    if (!m)
        return fail(Errc::invalid_argument, "--month must be YYYY-MM, for example 2026-04");
    return std::optional<date::year_month>(*m);
}

} // namespace sango::cli
