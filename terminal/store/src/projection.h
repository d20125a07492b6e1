#pragma once
// Private to terminal/: how each event type changes the projection tables (sessions, coupons, staff,
// config, revocations), and the queries that read them back. Projections are derived data: everything in
// them comes from the event log.
#include <optional>
#include <string_view>
#include <vector>

#include <date/date.h>

#include "sango/database.h"
#include "sango/event.h"
#include "sango/events.h"
#include "sango/session.h"

namespace sango::projection {

// Applies one event: its body read from its JSON (an audit's replay, a rebuild), or as typed (an append).
// A body this version cannot read is a corrupt store; a type of a newer terminal changes nothing.
Expected<void> apply(db::Database& d, const Event& ev);
Expected<void> apply(db::Database& d, const Event& ev, const events::AnyEvent& body);
// Schema 3: every session's opened_start from its opening event, as apply() sets it.
Expected<void> backfillOpenedStart(db::Database& d);

Expected<std::optional<SessionRecord>> findSession(db::Database& d, std::string_view where, std::string_view param);
Expected<std::optional<CouponRecord>> findCoupon(db::Database& d, std::string_view couponId);
Expected<std::vector<SessionRecord>> listSessions(db::Database& d, std::optional<date::year_month_day> first,
                                                  std::optional<date::year_month_day> last, bool openOnly);

} // namespace sango::projection
