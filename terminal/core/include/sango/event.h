#pragma once
// One entry of the append-only event log. Events are never updated or deleted; each carries the hash of the
// one before it, so any change, gap or reordering breaks the chain (EventStore::audit).
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sango/clock.h"
#include "sango/crypto.h"

namespace sango {

namespace event_type {
inline constexpr std::string_view store_initialised = "store_initialised";
inline constexpr std::string_view config_installed = "config_installed";
inline constexpr std::string_view staff_added = "staff_added";
inline constexpr std::string_view session_opened = "session_opened";
inline constexpr std::string_view session_closed = "session_closed";
inline constexpr std::string_view session_cancelled = "session_cancelled";
inline constexpr std::string_view session_corrected = "session_corrected";
inline constexpr std::string_view paper_session = "paper_session";
inline constexpr std::string_view coupon_revoked = "coupon_revoked";
inline constexpr std::string_view terminal_enrolled = "terminal_enrolled";
inline constexpr std::string_view sync_answered = "sync_answered";   // the ledger's answers to a batch
inline constexpr std::string_view ledger_balance = "ledger_balance"; // the ledger's figures for a coupon
inline constexpr std::string_view store_restored = "store_restored"; // a restore began a new incarnation
} // namespace event_type

struct Event {
    std::int64_t seq = 0;     // 1, 2, 3 ... without gaps
    std::string id;           // globally unique (UUID v4): the ledger's idempotency key
    std::string type;
    Instant at{};             // the terminal's clock when it was recorded
    nlohmann::json body;
    crypto::Hash256 prevHash{};
    crypto::Hash256 hash{};

    // BLAKE2b-256 over the previous hash and this event's seq, id, type, time and canonical body.
    static crypto::Hash256 chainHash(const crypto::Hash256& prev, std::int64_t seq, std::string_view id,
                                     std::string_view type, std::int64_t at, std::string_view body);
};

} // namespace sango
