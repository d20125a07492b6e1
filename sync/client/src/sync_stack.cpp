// Transport, ledger client and sync engine, built and torn down in order (sync_stack.h).
#include "sango/sync/sync_stack.h"

#include <utility>

namespace sango::sync {

SyncStack::SyncStack(const TlsSettings& tls, std::string ledgerUrl, const Clock& clock)
    : m_transport(std::make_unique<CurlTransport>(tls)),
      m_client(std::make_unique<LedgerClient>(*m_transport, std::move(ledgerUrl), clock))
{
}

SyncStack::SyncStack(SyncLocal& local, const TlsSettings& tls, std::string ledgerUrl, const Clock& clock,
                     SyncOptions options)
    : SyncStack(tls, std::move(ledgerUrl), clock)
{
    m_engine = std::make_unique<SyncEngine>(local, *m_client, clock, options);
}

SyncStack::~SyncStack()
{
    if (m_engine)
        m_engine->stop();
    m_engine.reset();
    m_client.reset();
    m_transport.reset();
}

} // namespace sango::sync
