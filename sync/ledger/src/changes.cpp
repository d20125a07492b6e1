// ChangeFeed: recording the changes terminals pull, and reading a page of them for one terminal.
#include "changes.h"

#include <vector>

#include "sango/ledger/ledger.h"

namespace sango::ledger {

using nlohmann::json;

Expected<void> ChangeFeed::record(std::string_view kind, const std::string& providerId, const json& body)
{
    return m_store->addChange(kind,
                              providerId.empty() ? std::optional<std::string>() : std::optional<std::string>(providerId),
                              body.dump(), m_now);
}

Expected<void> ChangeFeed::recordBalance(const std::string& couponId)
{
    SANGO_TRY_ASSIGN(const auto providers, m_store->providersWithSessionsOf(couponId));
    for (const auto& provider : providers)
        SANGO_TRY(m_store->replaceBalanceChange(couponId, provider, m_now));
    return {};
}

Expected<std::int64_t> ChangeFeed::lastSeq()
{
    return m_store->lastChangeSeq();
}

Expected<json> ChangeFeed::balanceBody(const std::string& couponId, const std::string& terminalId)
{
    SANGO_TRY_ASSIGN(const auto balance, m_store->couponBalance(couponId));
    // What this terminal counts under the coupon itself: its digital and typed sessions. Its paper sessions are
    // counted there under their tickets, so they belong with the others' use.
    SANGO_TRY_ASSIGN(const auto here, m_store->couponUsedBy(couponId, terminalId));
    return json{{"coupon_id", couponId},
                {"grant_minutes", balance.grantMinutes.value_or(0)},
                {"used_minutes", balance.usedMinutes},
                {"used_here_minutes", here}};
}

Expected<protocol::ChangesResponse> ChangeFeed::read(const TerminalInfo& terminal, const std::string& cursor,
                                                     std::size_t limit)
{
    const bool digits = !cursor.empty() && cursor.size() <= 18 &&
                        cursor.find_first_not_of("0123456789") == std::string::npos;
    if (!digits)
        return fail(Errc::invalid_argument, "the cursor must be the decimal text the ledger gave (\"0\" at first)");
    const std::int64_t after = std::stoll(cursor);
    SANGO_TRY_ASSIGN(const auto last, lastSeq());
    if (after > last)
        return fail(Errc::invalid_argument, "the cursor " + cursor + " lies beyond the ledger's last change " +
                                                std::to_string(last) + ": it is not one this ledger gave");
    if (limit == 0 || limit > protocol::kMaxChangesPerPage)
        limit = protocol::kMaxChangesPerPage;
    // One more row than asked tells whether another page waits.
    SANGO_TRY_ASSIGN(const auto rows,
                     m_store->changesAfter(after, terminal.providerId, static_cast<std::int64_t>(limit + 1)));
    protocol::ChangesResponse out;
    out.serverTime = m_now;
    out.cursor = cursor;
    for (const ChangeRow& row : rows) {
        if (out.changes.size() == limit) {
            out.more = true;
            break;
        }
        protocol::Change c;
        c.seq = row.seq;
        c.kind = row.kind;
        if (c.kind == protocol::change_kind::balance) {
            SANGO_TRY_ASSIGN(c.body, balanceBody(row.couponId, terminal.terminalId));
        } else {
            c.body = json::parse(row.body, nullptr, false);
            if (c.body.is_discarded() || !c.body.is_object())
                return fail(Errc::store_corrupt, "change " + std::to_string(c.seq) + " in the ledger is damaged");
        }
        out.cursor = std::to_string(c.seq);
        out.changes.push_back(std::move(c));
    }
    return out;
}

} // namespace sango::ledger
