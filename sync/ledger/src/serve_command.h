#pragma once
// `sango-ledger --data-dir DIR|--database URL serve --listen HOST:PORT [--tls-cert FILE --tls-key FILE]`: the terminal API
// over HTTP(S). The admin CLI parses the arguments and calls runServe.
#include <filesystem>
#include <string>

#include "sango/ledger/ledger_location.h"

namespace sango::ledger {

struct ServeOptions {
    LedgerLocation location;        // the data directory, or the PostgreSQL database
    std::string listen;             // "HOST:PORT", "[V6]:PORT"; port 0 picks a free one
    std::filesystem::path tlsCert;  // empty: none (plain HTTP, loopback only)
    std::filesystem::path tlsKey;   // empty: none
};

// Serves until SIGINT or SIGTERM. Prints {"listening": "http(s)://HOST:PORT", "tls": bool} as one line on
// stdout once bound (with the real port when 0 was asked). Exit status: 0 stopped by a signal, 1 usage (bad
// address, plain HTTP off loopback, only one of cert/key, bad certificate), 3 store (no ledger, wrong key).
int runServe(const ServeOptions& options);

} // namespace sango::ledger
