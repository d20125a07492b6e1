#include "changes.h"

#include <vector>

#include "sango/ledger/ledger.h"
#include "sql.h"

namespace sango::ledger {

using nlohmann::json;

Expected<void> ChangeFeed::record(std::string_view kind, const std::string& providerId, const json& body)
{
    return sql::exec(*m_db, "INSERT INTO changes(kind, provider_id, coupon_id, body, at) VALUES (?, ?, NULL, ?, ?)",
                     kind, providerId.empty() ? std::optional<std::string>() : std::optional<std::string>(providerId),
                     body.dump(), m_now);
}

Expected<void> ChangeFeed::recordBalance(const std::string& couponId)
{
    auto st = sql::query(*m_db,
                         "SELECT DISTINCT provider_id FROM sessions WHERE coupon_id = ? ORDER BY provider_id",
                         couponId);
    if (!st)
        return tl::unexpected(st.error());
    std::vector<std::string> providers;
    for (;;) {
        auto row = st->step();
        if (!row)
            return tl::unexpected(row.error());
        if (!*row)
            break;
        providers.push_back(st->text(0));
    }
    for (const auto& provider : providers) {
        SANGO_TRY(sql::exec(*m_db,
                                   "DELETE FROM changes WHERE kind = 'balance' AND coupon_id = ? AND provider_id = ?",
                                   couponId, provider));
        SANGO_TRY(sql::exec(*m_db,
                                   "INSERT INTO changes(kind, provider_id, coupon_id, body, at) "
                                   "VALUES ('balance', ?, ?, '{}', ?)",
                                   provider, couponId, m_now));
    }
    return {};
}

Expected<std::int64_t> ChangeFeed::lastSeq()
{
    // sqlite_sequence remembers the highest seq even when that change was dropped for a newer balance.
    auto seq = sql::scalarInt(*m_db, "SELECT seq FROM sqlite_sequence WHERE name = 'changes'");
    if (!seq)
        return tl::unexpected(seq.error());
    return seq->value_or(0);
}

Expected<json> ChangeFeed::balanceBody(const std::string& couponId, const std::string& terminalId)
{
    auto grant = sql::scalarInt(*m_db, "SELECT grant_minutes FROM coupons WHERE coupon_id = ?", couponId);
    if (!grant)
        return tl::unexpected(grant.error());
    auto used = sql::scalarInt(*m_db, "SELECT coalesce(sum(counted_minutes), 0) FROM sessions WHERE coupon_id = ?",
                               couponId);
    if (!used)
        return tl::unexpected(used.error());
    // What this terminal counts under the coupon itself: its digital and typed sessions. Its paper sessions are
    // counted there under their tickets, so they belong with the others' use.
    auto here = sql::scalarInt(*m_db,
                               "SELECT coalesce(sum(counted_minutes), 0) FROM sessions "
                               "WHERE coupon_id = ? AND terminal_id = ? AND source != 'paper'",
                               couponId, terminalId);
    if (!here)
        return tl::unexpected(here.error());
    return json{{"coupon_id", couponId},
                {"grant_minutes", grant->value_or(0)},
                {"used_minutes", used->value_or(0)},
                {"used_here_minutes", here->value_or(0)}};
}

Expected<protocol::ChangesResponse> ChangeFeed::read(const TerminalInfo& terminal, const std::string& cursor,
                                                     std::size_t limit)
{
    const bool digits = !cursor.empty() && cursor.size() <= 18 &&
                        cursor.find_first_not_of("0123456789") == std::string::npos;
    if (!digits)
        return fail(Errc::invalid_argument, "the cursor must be the decimal text the ledger gave (\"0\" at first)");
    const std::int64_t after = std::stoll(cursor);
    auto last = lastSeq();
    if (!last)
        return tl::unexpected(last.error());
    if (after > *last)
        return fail(Errc::invalid_argument, "the cursor " + cursor + " lies beyond the ledger's last change " +
                                                std::to_string(*last) + ": it is not one this ledger gave");
    if (limit == 0 || limit > protocol::kMaxChangesPerPage)
        limit = protocol::kMaxChangesPerPage;
    // One more row than asked tells whether another page waits.
    auto st = sql::query(*m_db,
                         "SELECT seq, kind, coupon_id, body FROM changes "
                         "WHERE seq > ? AND (provider_id IS NULL OR provider_id = ?) ORDER BY seq LIMIT ?",
                         after, terminal.providerId, static_cast<std::int64_t>(limit + 1));
    if (!st)
        return tl::unexpected(st.error());
    protocol::ChangesResponse out;
    out.serverTime = m_now;
    out.cursor = cursor;
    for (;;) {
        auto row = st->step();
        if (!row)
            return tl::unexpected(row.error());
        if (!*row)
            break;
        if (out.changes.size() == limit) {
            out.more = true;
            break;
        }
        protocol::Change c;
        c.seq = st->int64(0);
        c.kind = st->text(1);
        if (c.kind == protocol::change_kind::balance) {
            auto body = balanceBody(st->text(2), terminal.terminalId);
            if (!body)
                return tl::unexpected(body.error());
            c.body = std::move(*body);
        } else {
            c.body = json::parse(st->text(3), nullptr, false);
            if (c.body.is_discarded() || !c.body.is_object())
                return fail(Errc::store_corrupt, "change " + std::to_string(c.seq) + " in the ledger is damaged");
        }
        out.cursor = std::to_string(c.seq);
        out.changes.push_back(std::move(c));
    }
    return out;
}

} // namespace sango::ledger
