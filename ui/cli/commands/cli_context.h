#pragma once
// What every verb of the `sango` command line shares: its streams (machine output on out, human messages on
// err, stdin for a PIN), the clock, the options common to all verbs (--config, --data-dir, --key-file, --lang)
// and what follows from them (the configuration, the store's location, the words in the chosen language), the
// way an answer and a failure are printed, and opening the store and the terminal over it for one command.
// Each verb registers its CLI11 subcommand and its handler with handle(); runCli runs the chosen one.
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "cli_words.h"
#include "sango/clock.h"
#include "sango/clock_witness.h"
#include "sango/event_store.h"
#include "sango/report_format.h"
#include "sango/terminal.h"
#include "sango/terminal_config.h"
#include "sango/terminal_session.h"

namespace CLI {
class App;
}

namespace sango::cli {

// The store and the terminal over it, opened for one command (TerminalSession: key, store, Terminal and clock
// witness); the members name its parts as the commands use them.
struct OpenTerminal {
    std::unique_ptr<TerminalSession> opened;
    EventStore& store;
    Terminal* terminal;
    StoredClockWitness* witness;
};

class CliContext {
public:
    CliContext(Clock& clock, std::istream& in, std::ostream& out, std::ostream& err);
    ~CliContext();
    CliContext(const CliContext&) = delete;
    CliContext& operator=(const CliContext&) = delete;

    // The options every verb takes (before or after the verb); bound by runCli.
    std::string configFile; // --config
    std::string dataDir;    // --data-dir
    std::string keyFile;    // --key-file
    std::string langName;   // --lang
    // What --config (or $SANGO_CONFIG, or /etc/sango/terminal.toml) says, else the defaults.
    TerminalConfig config;

    // A verb's handler, run after the command line is parsed and the configuration read when `command` is the
    // one given; it returns the exit status.
    void handle(CLI::App* command, std::function<int()> handler);
    // The handler of the command given, if one was.
    const std::function<int()>* chosen() const { return m_chosen ? &m_chosen : nullptr; }

    Clock& clock() const { return m_clock; }
    const BootClock& boot() const { return m_boot; }
    std::istream& in() const { return m_in; }
    std::ostream& out() const { return m_out; }
    std::ostream& err() const { return m_err; }
    // True when stdin is the process's own and a terminal (a PIN is then typed without echo).
    bool stdinIsTerminal() const;

    Lang lang() const;
    const Words& words() const;

    // Flag > environment > terminal.toml > default (StoreLocation::resolve).
    StoreLocation location() const;
    // Where the key came from, for `status` (a path and its origin; never the key).
    std::string keySource() const;

    // Text from outside (a path, a typed id) may not be UTF-8: it is shown with U+FFFD rather than lost.
    static std::string dump(const nlohmann::json& j);
    void print(const nlohmann::json& j) const;
    // Control characters from typed input never reach the terminal as such.
    static std::string printable(std::string text);

    // A failure: {"result", "message", "detail"} on stdout, the message on stderr; returns the exit status.
    int failure(const Error& e) const;
    int usage(const std::string& message) const;
    // Root on another user's data directory: refused before anything is opened (exit 2).
    int refuseAsRoot(const std::string& owner) const;

    Expected<std::unique_ptr<OpenTerminal>> openTerminal() const;

    // Writes a rendered document to outFile (a temporary file beside it, synced, then renamed into place, so a
    // reader never sees half a statement), or to stdout when outFile is empty.
    int emit(const std::string& document, const std::string& outFile) const;
    // A table as CSV (format "csv") or JSON, through emit.
    int render(const Table& table, const std::string& format, const std::string& outFile,
               bool dropTotalForJson = false) const;

private:
    Clock& m_clock;
    SystemBootClock m_boot;
    std::istream& m_in;
    std::ostream& m_out;
    std::ostream& m_err;
    std::function<int()> m_chosen;
    mutable std::unique_ptr<Words> m_words;
};

// Argument parsing shared by several verbs.
Expected<Service> parseServiceOption(const std::string& text);
Expected<Instant> parseTimeOption(const Terminal& t, const std::string& text, const char* what);
Expected<std::pair<Instant, Instant>> parseStartAndStop(const Terminal& t, const std::string& start,
                                                         const std::string& stop);
// --month YYYY-MM; nothing when not given.
Expected<std::optional<date::year_month>> parseMonthOption(const std::string& text);

} // namespace sango::cli
