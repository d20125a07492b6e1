#include "sango/server/rate_limiter.h"

#include <algorithm>

namespace sango::server {

RateLimiter::RateLimiter(const Clock& clock, RateLimit limit, std::size_t maxKeys)
    : m_clock(clock), m_limit(limit), m_maxKeys(std::max<std::size_t>(maxKeys, 1))
{
}

RateLimiter::Entries::iterator RateLimiter::findLocked(std::string_view key) const
{
    const auto found = m_index.find(key);
    return found == m_index.end() ? m_entries.end() : found->second;
}

std::chrono::seconds RateLimiter::waitFor(const Entry& entry, Instant now) const
{
    if (m_limit.window.count() <= 0)
        return std::chrono::seconds(0);
    if (m_limit.limit == 0)
        return m_limit.window; // nothing is ever allowed: say the longest wait there is
    if (entry.times.size() < m_limit.limit)
        return std::chrono::seconds(0);
    // Full: the oldest of the last `limit` events must have left the window.
    const Instant oldest = std::min(entry.times[entry.oldest], now);
    const std::chrono::seconds age = now - oldest;
    return age >= m_limit.window ? std::chrono::seconds(0) : m_limit.window - age;
}

RateLimiter::Verdict RateLimiter::hit(std::string_view key)
{
    std::lock_guard lock(m_mutex);
    const Instant now = m_clock.now(); // under the lock, so that each key's times are recorded in order
    auto entry = findLocked(key);
    if (entry == m_entries.end()) {
        if (m_entries.size() >= m_maxKeys) {
            m_index.erase(m_entries.back().key);
            m_entries.pop_back();
        }
        m_entries.push_front(Entry{std::string(key), {}, 0});
        entry = m_entries.begin();
        m_index.emplace(entry->key, entry);
    } else {
        m_entries.splice(m_entries.begin(), m_entries, entry); // iterators stay valid
    }

    // A clock that stepped back: the events from its future happened now, as far as this key can tell.
    if (!entry->times.empty()) {
        const std::size_t newest = (entry->oldest + entry->times.size() - 1) % entry->times.size();
        if (entry->times[newest] > now)
            for (Instant& time : entry->times)
                time = std::min(time, now);
    }

    const std::chrono::seconds wait = waitFor(*entry, now);
    if (wait.count() > 0)
        return {false, wait};
    if (m_limit.window.count() <= 0)
        return {true, std::chrono::seconds(0)}; // unlimited: nothing to remember
    if (entry->times.size() < m_limit.limit) {
        entry->times.push_back(now);
    } else {
        entry->times[entry->oldest] = now;
        entry->oldest = (entry->oldest + 1) % m_limit.limit;
    }
    return {true, std::chrono::seconds(0)};
}

bool RateLimiter::wouldAllow(std::string_view key) const
{
    std::lock_guard lock(m_mutex);
    const Instant now = m_clock.now();
    const auto entry = findLocked(key);
    if (entry == m_entries.end())
        return m_limit.limit > 0 || m_limit.window.count() <= 0;
    return waitFor(*entry, now).count() == 0;
}

} // namespace sango::server
