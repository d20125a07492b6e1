#include "sango/sync/sync_engine.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <system_error>
#include <unordered_set>
#include <utility>

#include "sango/protocol/api.h"
#include "sync_log.h"

namespace sango::sync {

namespace {

SyncOptions clampOptions(SyncOptions o)
{
    // Larger batches or pages would only be refused (413) by the ledger, every cycle, forever.
    o.maxBatchEvents = std::clamp<std::size_t>(o.maxBatchEvents, 1, protocol::kMaxBatchEvents);
    o.maxBatchBytes = std::clamp<std::size_t>(o.maxBatchBytes, 1, protocol::kMaxBatchBytes);
    o.changesPageSize = std::clamp<std::size_t>(o.changesPageSize, 1, protocol::kMaxChangesPerPage);
    return o;
}

// An error that is an answer of the ledger (it was reached), as opposed to no answer at all.
bool isLedgerAnswer(const Error& e)
{
    return e.code == Errc::ledger_refused || e.code == Errc::ledger_error;
}

std::string resultCode(const Error& e)
{
    std::string result(toString(e.code));
    if (e.code == Errc::ledger_refused) {
        const std::string code = LedgerClient::refusalCode(e);
        if (!code.empty())
            result += ":" + code;
    }
    return result;
}

// The ledger must answer each event of the batch, in order: anything else cannot be recorded safely (an
// answer attached to the wrong event would mark an unsent event as delivered).
Expected<void> matchResults(const std::vector<protocol::WireEvent>& sent,
                            const std::vector<protocol::EventResult>& results)
{
    const std::string notProtocol = "the ledger's answer is not the Sango protocol: ";
    const std::string nothingRecorded = "; nothing of this batch is recorded, it is sent again next time";
    if (results.size() != sent.size())
        return fail(Errc::ledger_error, notProtocol + "it answered " + std::to_string(results.size()) +
                                            " results for a batch of " + std::to_string(sent.size()) + " events" +
                                            nothingRecorded);
    for (std::size_t i = 0; i < sent.size(); ++i) {
        if (results[i].id != sent[i].id)
            return fail(Errc::ledger_error, notProtocol + "result " + std::to_string(i) + " is for event '" +
                                                results[i].id + "', not for '" + sent[i].id + "' (seq " +
                                                std::to_string(sent[i].seq) + ")" + nothingRecorded);
    }
    return {};
}

// Refusals no retry can change: the municipality revoked the terminal.
bool isFinalRefusal(const Error& e)
{
    return e.code == Errc::ledger_refused && LedgerClient::refusalCode(e) == protocol::request_error::terminal_revoked;
}

Error stoppedError()
{
    return {Errc::not_available,
            "synchronisation was stopped; what the ledger answered is recorded, the rest goes next time"};
}

} // namespace

SyncEngine::SyncEngine(SyncLocal& local, LedgerClient& client, const Clock& clock, SyncOptions options,
                       std::function<double()> jitter01)
    : m_local(&local), m_client(&client), m_clock(&clock), m_options(clampOptions(options)),
      m_jitter(std::move(jitter01))
{
    if (!m_jitter) {
        // Only the background thread draws from it, so the generator needs no lock.
        m_jitter = [rng = std::mt19937_64(std::random_device{}()),
                    dist = std::uniform_real_distribution<double>(0.0, 1.0)]() mutable { return dist(rng); };
    }
}

SyncEngine::~SyncEngine()
{
    stop();
}

std::chrono::milliseconds SyncEngine::backoffDelay(int failures, const SyncOptions& options, double jitter01)
{
    using std::chrono::milliseconds;
    if (failures <= 0)
        return milliseconds(0);
    const std::int64_t cap = std::max<std::int64_t>(options.maxBackoff.count(), 0);
    std::int64_t d = std::min<std::int64_t>(std::max<std::int64_t>(options.initialBackoff.count(), 0), cap);
    if (d == 0)
        return milliseconds(0);
    // Doubling stops at the cap, so a long outage (thousands of failures) neither loops long nor overflows.
    for (int i = 1; i < failures && d < cap; ++i)
        d = d > cap / 2 ? cap : d * 2;
    if (!(jitter01 >= 0.0)) // also NaN
        jitter01 = 0.0;
    if (jitter01 >= 1.0)
        jitter01 = std::nextafter(1.0, 0.0);
    const std::int64_t half = d / 2;
    const std::int64_t span = d - half; // >= 1
    auto extra = static_cast<std::int64_t>(jitter01 * static_cast<double>(span));
    extra = std::clamp<std::int64_t>(extra, 0, span - 1);
    return milliseconds(half + extra);
}

SyncEngine::State SyncEngine::state() const
{
    std::lock_guard lock(m_mutex);
    return m_state;
}

bool SyncEngine::interrupted(bool background) const
{
    if (!background)
        return false;
    std::lock_guard lock(m_mutex);
    return m_stop;
}

Expected<SyncReport> SyncEngine::runOnce()
{
    return runCycle(false);
}

Expected<void> SyncEngine::cycle(SyncReport& report, bool background, bool& reached, bool& stopped)
{
    // A background cycle may have waited for a runOnce() on another thread to finish; stop() came meanwhile.
    if (interrupted(background)) {
        stopped = true;
        return tl::unexpected(stoppedError());
    }

    // (1) Who we are to the ledger.
    auto identity = m_local->identity();
    if (!identity)
        return tl::unexpected(identity.error());
    m_client->setIdentity(identity->terminalId, identity->key);
    identity->key.wipeSecret(); // the client holds its own copy

    // (2) The ledger's clock, first: events recorded from now on carry a verified time.
    auto health = m_client->health();
    if (!health) {
        reached = isLedgerAnswer(health.error());
        return tl::unexpected(health.error());
    }
    reached = true;
    const auto& measurement = m_client->lastMeasurement();
    if (health->serverTime <= 0 || !measurement)
        return fail(Errc::ledger_error, "the ledger's answer is not the Sango protocol: its health answer "
                                        "carries no usable server_time");
    if (auto r = m_local->recordClock(measurement->offsetSeconds, measurement->measuredAt); !r)
        return r;

    // (3) Push the outbox, batch after batch, until it is empty.
    std::unordered_set<std::string> sentThisCycle;
    for (;;) {
        if (interrupted(background)) {
            stopped = true;
            return tl::unexpected(stoppedError());
        }
        auto batch = m_local->outbox(m_options.maxBatchEvents, m_options.maxBatchBytes);
        if (!batch)
            return tl::unexpected(batch.error());
        if (batch->empty())
            break;
        for (const auto& event : *batch) {
            // An answered event that comes back means the store did not record the answer: stop rather
            // than send the same events to the ledger in a loop.
            if (!sentThisCycle.insert(event.id).second)
                return fail(Errc::store_io, "the local store still lists event " + std::to_string(event.seq) +
                                                " as unsent after recording the ledger's answer to it; "
                                                "synchronisation stops here (check the store)");
        }
        protocol::PushRequest request;
        request.events = std::move(*batch);
        auto response = m_client->push(request);
        if (!response)
            return tl::unexpected(response.error());
        if (auto ok = matchResults(request.events, response->results); !ok)
            return ok;
        if (auto r = m_local->recordResults(request.events, response->results); !r)
            return r;
        ++report.batches;
        for (const auto& result : response->results) {
            switch (result.status) {
            case protocol::EventStatus::accepted: ++report.accepted; break;
            case protocol::EventStatus::duplicate: ++report.duplicate; break;
            case protocol::EventStatus::rejected: ++report.rejected; break;
            }
        }
    }

    // (4) Pull changes from the cursor until the ledger has no more.
    auto cursor = m_local->cursor();
    if (!cursor)
        return tl::unexpected(cursor.error());
    for (;;) {
        if (interrupted(background)) {
            stopped = true;
            return tl::unexpected(stoppedError());
        }
        auto page = m_client->changes(*cursor, m_options.changesPageSize);
        if (!page)
            return tl::unexpected(page.error());
        if (page->more && page->cursor == *cursor)
            return fail(Errc::ledger_error, "the ledger's answer is not the Sango protocol: it says more changes "
                                            "are waiting but did not move the cursor");
        if (auto r = m_local->applyChanges(page->changes, page->cursor); !r)
            return r;
        report.changes += static_cast<std::int64_t>(page->changes.size());
        *cursor = page->cursor;
        if (!page->more)
            break;
    }
    return {};
}

Expected<SyncReport> SyncEngine::runCycle(bool background)
{
    std::lock_guard cycleLock(m_cycleMutex);
    {
        std::lock_guard lock(m_mutex);
        m_state.lastAttempt = m_clock->now();
    }
    auto log = detail::syncLogger();

    SyncReport report;
    bool reached = false;
    bool stopped = false;
    Expected<void> done = cycle(report, background, reached, stopped);
    if (stopped) {
        // Not an outcome of synchronisation: the terminal is shutting down. Nothing is recorded as a
        // failure, so the screen does not show one after the restart.
        log->info("sync stopped during a cycle after {} batch(es)", report.batches);
        return tl::unexpected(stoppedError());
    }

    const Instant end = m_clock->now();
    SyncOutcome outcome;
    outcome.at = end;
    outcome.result = done ? "ok" : resultCode(done.error());
    outcome.accepted = report.accepted;
    outcome.duplicate = report.duplicate;
    outcome.rejected = report.rejected;
    const auto recorded = m_local->recordOutcome(outcome);

    Expected<SyncReport> result = report;
    if (!done)
        result = tl::unexpected(done.error());
    else if (!recorded)
        result = tl::unexpected(recorded.error()); // the work is committed, but the store is failing: say so

    if (!recorded)
        log->warn("the sync outcome could not be recorded: {}: {}", toString(recorded.error().code),
                  recorded.error().message);
    if (result) {
        log->info("sync ok: {} batch(es), {} accepted, {} duplicate, {} rejected, {} change(s)", report.batches,
                  report.accepted, report.duplicate, report.rejected, report.changes);
    } else {
        log->warn("sync failed: {}: {}", toString(result.error().code), result.error().message);
    }

    std::lock_guard lock(m_mutex);
    if (result) {
        m_state.online = true;
        m_state.lastSuccess = end;
        m_state.consecutiveFailures = 0;
        m_state.lastResult = "ok";
    } else {
        const Errc code = result.error().code;
        // Online: the ledger answered in this cycle and the failure was not the network dropping away.
        m_state.online = isLedgerAnswer(result.error()) ||
                         (reached && code != Errc::ledger_unreachable && code != Errc::ledger_tls);
        ++m_state.consecutiveFailures;
        m_state.lastResult = resultCode(result.error());
    }
    return result;
}

void SyncEngine::loop()
{
    {
        std::lock_guard lock(m_mutex);
        m_loopThreadId = std::this_thread::get_id();
    }
    for (;;) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stop)
                break;
            // Cleared before the cycle: a wake() during the cycle (a new event) shortens the next wait.
            m_woken = false;
        }
        const auto result = runCycle(true);
        // A terminal the municipality revoked is refused for good: it keeps recording, and stops asking.
        if (!result && isFinalRefusal(result.error())) {
            detail::syncLogger()->warn("the ledger refused this terminal for good ({}): background sync stops",
                                       resultCode(result.error()));
            break;
        }
        std::chrono::milliseconds delay = m_options.idleInterval;
        if (!result)
            delay = backoffDelay(state().consecutiveFailures, m_options, m_jitter());
        std::unique_lock lock(m_mutex);
        m_cv.wait_for(lock, delay, [this] { return m_stop || m_woken; });
    }
    std::lock_guard lock(m_mutex);
    m_loopThreadId = std::thread::id();
}

void SyncEngine::start()
{
    std::lock_guard life(m_lifecycleMutex);
    {
        std::lock_guard lock(m_mutex);
        if (m_loopThreadId == std::this_thread::get_id())
            return; // from a callback on the sync thread: it is running
        if (m_thread.joinable() && !m_stop)
            return;
    }
    // A thread asked to stop from inside (stop() on the sync thread) may still be winding down.
    if (m_thread.joinable())
        m_thread.join();
    {
        std::lock_guard lock(m_mutex);
        m_stop = false;
        m_woken = false;
    }
    try {
        m_thread = std::thread([this] { loop(); });
    } catch (const std::system_error& e) {
        detail::syncLogger()->error("the background sync thread could not start ({}): sync runs only on demand",
                                    e.what());
    }
}

void SyncEngine::wake()
{
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_cv.notify_all();
}

void SyncEngine::stop()
{
    bool onLoopThread = false;
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        onLoopThread = m_loopThreadId == std::this_thread::get_id();
    }
    m_cv.notify_all();
    if (onLoopThread)
        return; // a thread cannot join itself; it ends at its next check
    std::lock_guard life(m_lifecycleMutex);
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace sango::sync
