#pragma once
// What every front-end opens to work with a terminal: the store (its key found as StoreLocation says), the
// Terminal over it and the clock witness the Terminal consults, wired together and kept alive together. `sango`
// opens one per command, the kiosk one while its main window shows. Opening is on the caller's thread.
//
// The parts refer to each other (the Terminal to the store and the witness), so a session never moves: it is
// handed out in a unique_ptr, and destroyed in reverse order (witness and Terminal before the store).
// Failures: those of EventStore::open and Terminal::load (store_missing, key_missing, wrong_key, ...).
#include <memory>

#include "sango/clock.h"
#include "sango/clock_witness.h"
#include "sango/error.h"
#include "sango/event_store.h"
#include "sango/terminal.h"

namespace sango {

class TerminalSession {
public:
    struct Config {
        StoreLocation where;
        const Clock* clock = nullptr;    // outlives the session
        const BootClock* boot = nullptr; // outlives the session
    };

    // Opens the store at config.where, then the Terminal and the clock witness over it.
    static Expected<std::unique_ptr<TerminalSession>> open(const Config& config);
    // The Terminal and the clock witness over a store the caller opened already (and may have looked into).
    static Expected<std::unique_ptr<TerminalSession>> over(EventStore store, const Clock& clock,
                                                           const BootClock& boot);

    TerminalSession(const TerminalSession&) = delete;
    TerminalSession& operator=(const TerminalSession&) = delete;
    ~TerminalSession();

    EventStore& store() { return m_store; }
    Terminal& terminal() { return *m_terminal; }
    StoredClockWitness& witness() { return *m_witness; }

private:
    explicit TerminalSession(EventStore store);

    EventStore m_store;
    std::unique_ptr<StoredClockWitness> m_witness;
    std::unique_ptr<Terminal> m_terminal;
};

} // namespace sango
