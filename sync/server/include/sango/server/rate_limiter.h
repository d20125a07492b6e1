#pragma once
// A sliding-window rate limiter keyed by a string (a remote address, or "address|kind"): at most `limit`
// events per key in any window of `window` seconds, by an injected Clock (whole seconds; tests use a
// FakeClock). The ledger counts enrolment attempts and failed authentications per address with it.
//
// Each key keeps a ring of the times of its last `limit` allowed events rather than a token bucket: the
// guarantee is then exact ("never more than limit in any window", where a bucket lets through a full burst
// and the refill within one window, up to twice the limit), and so is the wait it tells a refused client
// (until its oldest event leaves the window). The cost is `limit` timestamps per key, which suits the small
// limits of authentication attempts (a few to a few hundred); a limit of many thousands would want a bucket.
// A refused event is not recorded: a client that keeps trying while refused is let in once its window has
// passed, and told exactly when.
//
// Memory is bounded: at most maxKeys keys are remembered; a new key beyond them drops the least recently
// hit one, whose history is forgotten (so maxKeys should exceed the keys active within one window, or a
// flood of fresh keys can wash out a limited one).
//
// Time: an event counts while it is less than `window` old, so an event at t is forgotten at t + window.
// A clock that steps back: events from its future count as happening at the first hit that sees them, so
// a refusal lasts at most one window from then.
//
// Thread-safe: every call takes one mutex for a few map and ring operations (a hit after the clock stepped
// back rewrites that key's ring once); nothing blocks on I/O.
#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sango/clock.h"

namespace sango::server {

struct RateLimit {
    std::size_t limit;           // events per key in any window; 0 allows none
    std::chrono::seconds window; // 0 or less: no limit
};

class RateLimiter {
public:
    // maxKeys below 1 is taken as 1. The clock must outlive the limiter.
    RateLimiter(const Clock& clock, RateLimit limit, std::size_t maxKeys = 10000);
    RateLimiter(const RateLimiter&) = delete;
    RateLimiter& operator=(const RateLimiter&) = delete;

    // Records one event for the key and says whether it is within the limit; when not, how long until one
    // is allowed again (at least 1 s, at most the window; 0 when allowed). A refused event is not recorded.
    struct Verdict {
        bool allowed;
        std::chrono::seconds retryAfter;
    };
    Verdict hit(std::string_view key);

    // Whether an event now would be allowed, recording nothing (and not counting as a use of the key for
    // the least-recently-used order).
    bool wouldAllow(std::string_view key) const;

private:
    struct Entry {
        std::string key;
        std::vector<Instant> times; // the last allowed events, up to limit; a ring once full
        std::size_t oldest = 0;     // index of the oldest time once the ring is full
    };
    using Entries = std::list<Entry>; // most recently hit first

    // The wait until an event is allowed for this entry at `now`: 0 when it is allowed now.
    std::chrono::seconds waitFor(const Entry& entry, Instant now) const;
    Entries::iterator findLocked(std::string_view key) const;

    const Clock& m_clock;
    const RateLimit m_limit;
    const std::size_t m_maxKeys;
    mutable std::mutex m_mutex;
    mutable Entries m_entries;
    // Keys view the strings inside m_entries, whose nodes never move.
    std::unordered_map<std::string_view, Entries::iterator> m_index;
};

} // namespace sango::server
