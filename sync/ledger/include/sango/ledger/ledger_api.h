#pragma once
// The terminal API of the reference ledger as a function from request to response, independent of any HTTP
// library: routing, request authentication (signature, timestamp, replay), JSON parsing and the ledger's
// rules. The HTTP server (sango::server) calls handle() for every request; tests may call it directly.
// Thread-safe: handle() may run on several threads at once.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sango/clock.h"
#include "sango/server/http_server.h"

namespace sango::ledger {

class Ledger;

struct Route {
    std::string method;
    std::string path; // as in sync/openapi.yaml
};

class LedgerApi {
public:
    LedgerApi(Ledger& ledger, const Clock& clock);
    ~LedgerApi();

    server::HttpResponse handle(const server::HttpRequest& request);
    // The body limit of a request, from its header (for the server's ServerOptions::bodyLimit): the large one
    // only for a push by an enrolled, active terminal; a few KiB for everything else.
    std::size_t bodyLimit(const server::HttpRequestHead& head);

    // Every route handle() serves (the OpenAPI test compares this list with sync/openapi.yaml).
    static const std::vector<Route>& routes();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace sango::ledger
