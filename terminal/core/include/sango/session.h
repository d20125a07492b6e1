#pragma once
// What the terminal knows of a care session and of a coupon, as the store's projections hold them.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

#include "sango/clock.h"
#include "sango/service.h"

namespace sango {

enum class SessionSource { qr, manual, paper };
enum class SessionStatus { open, closed, cancelled };

std::string_view toString(SessionSource s);
std::string_view toString(SessionStatus s);
std::optional<SessionSource> parseSessionSource(std::string_view text);
std::optional<SessionStatus> parseSessionStatus(std::string_view text);

struct SessionRecord {
    std::string sessionId;
    std::string couponId; // the ticket number for a paper session
    SessionSource source = SessionSource::qr;
    Service service = Service::stay;
    Instant start{};                 // effective (after any correction)
    Instant openedStart{};           // as opened (or recorded, for paper): with the id, the session's identity
    std::optional<Instant> stop;     // effective; none while open
    date::year_month_day date{};     // local date of the effective start
    std::optional<int> actualMinutes;
    std::optional<int> billedMinutes; // 0 when cancelled
    std::string staffId;             // who opened (or recorded) it
    SessionStatus status = SessionStatus::open;
    std::vector<std::string> flags;  // capped, unverified, corrected, ...
    std::string correctionReason;
    std::string cancelReason;
    std::string lastEventId;         // the latest event about this session (what a correction names)
    std::string ledgerStatus;        // "" (not answered yet), "accepted", "rejected" (not counted at the ledger)
                                     // or "disputed" (a later correction or cancellation refused)
    std::string ledgerReason;        // the ledger's reason for a rejection

    bool hasFlag(std::string_view f) const;
};

struct CouponRecord {
    std::string couponId;
    bool verified = false;                 // seen with a valid signature
    std::string couponType;
    std::optional<int> grantMinutes;       // none for an unverified typed id
    std::vector<Service> services;
    std::int64_t notBefore = 0;            // credential nbf, 0 when unknown
    std::int64_t expires = 0;              // credential exp, 0 when unknown
    std::optional<Instant> lastScanAt;
};

} // namespace sango
