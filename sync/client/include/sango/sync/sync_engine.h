#pragma once
// The terminal's synchronisation: push the outbox in batches (bounded in count and bytes; the next batch goes
// as soon as one is answered), then pull changes from the cursor until there are no more. Failures back off
// exponentially with jitter. A rejected event never blocks the ones after it: its answer is recorded and it
// goes to the manager's attention list. runOnce() is one cycle on the caller's thread; start() runs cycles on
// a background thread until stop().
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "sango/clock.h"
#include "sango/error.h"
#include "sango/sync/ledger_client.h"
#include "sango/sync/sync_local.h"

namespace sango::sync {

struct SyncOptions {
    std::size_t maxBatchEvents = 200;
    std::size_t maxBatchBytes = 512 * 1024;
    std::size_t changesPageSize = 500;
    std::chrono::milliseconds initialBackoff{1000};
    std::chrono::milliseconds maxBackoff{5 * 60 * 1000};
    std::chrono::milliseconds idleInterval{30 * 1000}; // between cycles when all is well
};

struct SyncReport {
    std::int64_t batches = 0;
    std::int64_t accepted = 0;
    std::int64_t duplicate = 0;
    std::int64_t rejected = 0;
    std::int64_t changes = 0;
};

class SyncEngine {
public:
    // jitter01 returns a number in [0, 1); empty: a random one. The batch and page bounds are clamped into
    // what the ledger accepts (api.h: kMaxBatchEvents, kMaxBatchBytes, kMaxChangesPerPage), and to at least 1.
    SyncEngine(SyncLocal& local, LedgerClient& client, const Clock& clock, SyncOptions options = {},
               std::function<double()> jitter01 = {});
    ~SyncEngine();

    // One cycle: clock measurement, push until the outbox is empty, pull until no more. The outcome is
    // recorded with the local store whether it succeeds or fails.
    Expected<SyncReport> runOnce();

    // Background cycles: after a failure wait backoffDelay(failures), else idleInterval or until wake(). A
    // refusal as terminal_revoked ends them for the life of the engine (the terminal goes on recording; only a
    // runOnce(), such as `sango sync --once`, asks the ledger again, once).
    // start() on a running engine does nothing. wake() cuts the current wait short (a wake() that arrives
    // during a cycle makes the next cycle start as soon as that one ends). stop() ends the wait at once; a
    // background cycle in progress ends after its current request (what was answered is recorded, the rest
    // goes with a later cycle), and stop() joins the thread. Idempotent. Called from the sync thread itself
    // (a callback), stop() only asks it to end; the destructor or a later stop() joins it. Cycles started
    // with runOnce() on another thread are never interrupted; they and background cycles never overlap.
    void start();
    void wake();
    void stop();

    struct State {
        bool online = false;
        std::optional<Instant> lastAttempt;
        std::optional<Instant> lastSuccess;
        std::string lastResult;
        int consecutiveFailures = 0;
    };
    State state() const;

    // Full jitter: a delay in [d/2, d) where d = min(initial · 2^(failures−1), max), in whole milliseconds
    // (d/2 rounded down). No failure: no delay. A jitter outside [0, 1) is clamped into it.
    static std::chrono::milliseconds backoffDelay(int failures, const SyncOptions& options, double jitter01);

private:
    void loop();
    Expected<SyncReport> runCycle(bool background);
    // reached: an answer came from the ledger; stopped: a background cycle ended early for stop().
    Expected<void> cycle(SyncReport& report, bool background, bool& reached, bool& stopped);
    bool interrupted(bool background) const;


    SyncLocal* m_local;
    LedgerClient* m_client;
    const Clock* m_clock;
    SyncOptions m_options;
    std::function<double()> m_jitter;
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stop = false;
    bool m_woken = false;
    State m_state;
    std::thread m_thread;
    std::mutex m_cycleMutex;        // one cycle at a time, whichever thread runs it
    std::mutex m_lifecycleMutex;    // start() and stop(): owns m_thread
    std::thread::id m_loopThreadId; // the background thread while it runs; guarded by m_mutex
};

} // namespace sango::sync
