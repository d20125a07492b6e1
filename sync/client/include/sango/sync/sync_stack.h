#pragma once
// The chain every front-end builds to talk to its ledger — the libcurl transport, the ledger client over it and,
// for a sync, the engine over the client and the store's SyncLocal — made in one place and torn down in order
// (the engine stopped and its thread joined first, then the client, then the transport). `sango enroll` and the
// kiosk's first run use the client alone; `sango sync` and the kiosk's background sync the engine.
//
// The TLS settings and the URL come from resolveTls / resolveLedgerUrl (resolve_tls.h). Nothing here fails:
// a bad URL or setting is the transport's error at the first request.
#include <memory>
#include <string>

#include "sango/clock.h"
#include "sango/sync/curl_transport.h"
#include "sango/sync/ledger_client.h"
#include "sango/sync/sync_engine.h"
#include "sango/sync/sync_local.h"

namespace sango::sync {

class SyncStack {
public:
    // Transport and client only (an enrolment).
    SyncStack(const TlsSettings& tls, std::string ledgerUrl, const Clock& clock);
    // Transport, client and an engine over `local` (not started). local and clock outlive the stack.
    SyncStack(SyncLocal& local, const TlsSettings& tls, std::string ledgerUrl, const Clock& clock,
              SyncOptions options);
    ~SyncStack();
    SyncStack(const SyncStack&) = delete;
    SyncStack& operator=(const SyncStack&) = delete;

    LedgerClient& client() { return *m_client; }
    // nullptr for a stack made without a SyncLocal.
    SyncEngine* engine() { return m_engine.get(); }

private:
    std::unique_ptr<CurlTransport> m_transport;
    std::unique_ptr<LedgerClient> m_client;
    std::unique_ptr<SyncEngine> m_engine;
};

} // namespace sango::sync
