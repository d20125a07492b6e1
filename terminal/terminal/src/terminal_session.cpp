// The store, the Terminal and the clock witness, opened and wired together for a front-end (terminal_session.h).
#include "sango/terminal_session.h"

#include <utility>

namespace sango {

TerminalSession::TerminalSession(EventStore store) : m_store(std::move(store)) {}

TerminalSession::~TerminalSession()
{
    // The Terminal refers to the witness and the store: it goes first.
    m_terminal.reset();
    m_witness.reset();
}

Expected<std::unique_ptr<TerminalSession>> TerminalSession::open(const Config& config)
{
    SANGO_TRY_ASSIGN(EventStore store, EventStore::open(config.where));
    return over(std::move(store), *config.clock, *config.boot);
}

Expected<std::unique_ptr<TerminalSession>> TerminalSession::over(EventStore store, const Clock& clock,
                                                                 const BootClock& boot)
{
    std::unique_ptr<TerminalSession> s(new TerminalSession(std::move(store)));
    SANGO_TRY_ASSIGN(Terminal terminal, Terminal::load(s->m_store, clock));
    s->m_terminal = std::make_unique<Terminal>(std::move(terminal));
    s->m_witness = std::make_unique<StoredClockWitness>(s->m_store, boot);
    s->m_terminal->setClockWitness(s->m_witness.get());
    return s;
}

} // namespace sango
