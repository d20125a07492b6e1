#pragma once
// One HTTP exchange, behind our own types so the ledger client runs over libcurl in production and over a
// fake in unit tests. Transport failures are values: ledger_unreachable (no connection, timeout, dropped
// or truncated answer), ledger_tls (certificate or pinned key did not verify).
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "sango/error.h"

namespace sango::sync {

struct HttpExchange {
    std::string method;
    std::string url; // absolute: base URL + target
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

struct HttpReply {
    int status = 0;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers; // names in lower case
};

class HttpTransport {
public:
    virtual ~HttpTransport() = default;
    virtual Expected<HttpReply> send(const HttpExchange& request) = 0;
};

} // namespace sango::sync
