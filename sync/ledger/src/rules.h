#pragma once
// The rules that judge the terminals' events. The ledger has the final word on balances: events are judged
// in commit order across all providers and terminals, each against what the ledger knows at that moment.
// Every event is answered and every judged event is stored with its status and reason, never dropped.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "changes.h"
#include "sango/database.h"
#include "sango/error.h"
#include "sango/protocol/messages.h"
#include "sango/provider.h"

namespace sango::ledger {

struct TerminalInfo;

class Rules {
public:
    // now: the ledger's clock (received_at). Judge within the batch's write transaction.
    Rules(db::Database& d, ChangeFeed& changes, std::int64_t now) : m_db(&d), m_changes(&changes), m_now(now) {}

    Expected<protocol::EventResult> judge(const TerminalInfo& terminal, const Provider& provider,
                                          const protocol::WireEvent& event);

private:
    // What one event says, read from its body; kept for the stored row.
    struct Facts {
        std::string couponId; // or the paper ticket
        std::string sessionId;
        std::vector<std::string> flags;
        std::optional<std::int64_t> clockOffset;
    };
    // The ledger's session, keyed (terminal_id, session_id).
    struct Session {
        std::string couponId;
        std::string status; // open | closed | cancelled | rejected
        std::int64_t countedMinutes = 0;
    };

    Expected<std::string> judgeOpened(const TerminalInfo& t, const Provider& p, const nlohmann::json& body, Facts& f);
    Expected<std::string> judgeClosed(const TerminalInfo& t, const nlohmann::json& body, Facts& f);
    Expected<std::string> judgeCancelled(const TerminalInfo& t, const nlohmann::json& body, Facts& f);
    Expected<std::string> judgeCorrected(const TerminalInfo& t, const nlohmann::json& body, Facts& f);
    Expected<std::string> judgePaper(const TerminalInfo& t, const Provider& p, const nlohmann::json& body, Facts& f);

    Expected<std::optional<Session>> session(const std::string& terminalId, const std::string& sessionId);
    // grant − used by every accepted session of the coupon so far, never below 0.
    Expected<std::int64_t> remaining(const std::string& couponId);
    Expected<protocol::EventResult> store(const TerminalInfo& t, const protocol::WireEvent& e, const std::string& digest,
                                          const Facts& f, const std::string& reason);

    db::Database* m_db;
    ChangeFeed* m_changes;
    std::int64_t m_now;
};

} // namespace sango::ledger
