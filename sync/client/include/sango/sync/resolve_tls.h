#pragma once
// Which TLS settings and which ledger URL a terminal uses to reach its ledger: the one home of these rules, for
// `sango enroll`, `sango sync` and the kiosk (its first-run enrolment and its background sync).
//
// Setting by setting: the command-line flag, else terminal.toml's [sync], else what enrolment recorded (the
// store's SyncSettings), else none (the system's CAs, no pin). A recorded setting that cannot be read is the
// caller's error to show, never a silent fall back to weaker checks.
//
// There is no insecure setting: CurlTransport always verifies the peer and its host name, and takes plain
// http:// only to a loopback host (CurlTransport::checkUrl). A setting that weakened this would have to be
// refused here, and could never exist in a release build (SANGO_RELEASE_BUILD).
#include <string>

#include "sango/error.h"
#include "sango/sync/curl_transport.h"
#include "sango/sync_state.h"

namespace sango::sync {

// A CA file and a key pin from one source (the flags, or terminal.toml's [sync]); empty: not given there.
struct TlsChoice {
    std::string caFile;
    std::string pinnedKey;
};

// recorded: what enrolment recorded (nullptr before enrolment, as for `sango enroll`).
Expected<TlsSettings> resolveTls(const TlsChoice& flags, const TlsChoice& config, const SyncSettings* recorded);

// The ledger's URL: the flag, else terminal.toml's [sync] ledger_url, else the enrolled one (the same ledger at
// another address — moved, or behind a proxy — keeps the enrolment).
std::string resolveLedgerUrl(const std::string& flag, const std::string& config, const std::string& enrolled);

} // namespace sango::sync
