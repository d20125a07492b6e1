#pragma once
// Enrolment: the terminal makes its Ed25519 device key, sends the public half with the one-time code, and
// receives its terminal id, its provider's profile and prices, the policy and the trust store. A new data
// directory gets a new store holding all of it (and the device key) from its first transaction; a store
// that was set up from files (`sango init`) and never enrolled is enrolled in place, if the provider matches.
// The code is used up at the ledger by the request. The device key is derived from the store key (made first,
// in the data directory) and the code, so that a retry after a lost answer — same data directory, same code —
// sends the same key, and the ledger answers it again; with another key the spent code is refused.
#include <string>

#include "sango/clock.h"
#include "sango/clock_witness.h"
#include "sango/event_store.h"
#include "sango/sync/ledger_client.h"

namespace sango::sync {

struct EnrolOptions {
    std::string code;
    std::string label;
    // Remembered with the enrolment, in the same transaction, for every later sync.
    std::string caFile;
    std::string pinnedKey;
    // A demonstration store: the ledger's trust store may hold a published test key (sango/published_keys.h).
    bool demo = false;
};

Expected<Enrolment> enrolTerminal(LedgerClient& client, const StoreLocation& where, const EnrolOptions& options,
                                  const Clock& clock, const BootClock& boot);

} // namespace sango::sync
