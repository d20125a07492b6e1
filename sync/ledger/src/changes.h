#pragma once
// The changes terminals pull (GET /v1/changes): revocations, policies and trust stores for every provider,
// a provider's profile for that provider, and coupon balances for the providers that have sessions of the
// coupon. A change's seq is its place in the ledger's commit order; a cursor is the decimal text of the last
// seq a terminal has ("0" before the first).
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "sango/error.h"
#include "sango/protocol/messages.h"
#include "ledger_store.h"

namespace sango::ledger {

struct TerminalInfo;

class ChangeFeed {
public:
    ChangeFeed(LedgerStore& store, std::int64_t now) : m_store(&store), m_now(now) {}

    // Call inside a write transaction. providerId empty: for every provider.
    Expected<void> record(std::string_view kind, const std::string& providerId, const nlohmann::json& body);
    // A coupon's used minutes changed: a balance change for every provider with sessions of it. Its figures
    // are computed when read, so an older balance change of the same coupon for the same provider says
    // nothing the new one does not: it is dropped (seq numbers are never reused, cursors stay valid).
    Expected<void> recordBalance(const std::string& couponId);

    // The highest seq ever given (0 when none).
    Expected<std::int64_t> lastSeq();
    // A page after the cursor, for this terminal. invalid_argument for a cursor that is not the decimal text
    // of a seq this ledger has given (or 0). limit 0 or above kMaxChangesPerPage means kMaxChangesPerPage.
    Expected<protocol::ChangesResponse> read(const TerminalInfo& terminal, const std::string& cursor,
                                             std::size_t limit);

private:
    Expected<nlohmann::json> balanceBody(const std::string& couponId, const std::string& terminalId);

    LedgerStore* m_store;
    std::int64_t m_now;
};

} // namespace sango::ledger
