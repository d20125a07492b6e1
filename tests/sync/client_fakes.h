#pragma once
// Fakes for the sync client's unit tests: a scripted HttpTransport, an in-memory ledger that speaks the
// protocol over the HttpTransport interface (verifying signatures, answering duplicates by event id), an
// in-memory SyncLocal, and a gate that holds a request until the test lets it go. All of them are
// thread-safe, because the background tests drive them from the engine's thread.
#include <algorithm>
#include <chrono>
#include <climits>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "sango/base64url.h"
#include "sango/clock.h"
#include "sango/crypto.h"
#include "sango/protocol/api.h"
#include "sango/protocol/messages.h"
#include "sango/protocol/request_signature.h"
#include "sango/sync/http_transport.h"
#include "sango/sync/sync_local.h"

namespace sango::sync::testing {

inline constexpr std::string_view kBaseUrl = "https://ledger.test";
inline const Instant kStart{std::chrono::seconds(1'750'000'000)};

inline HttpReply jsonReply(int status, const nlohmann::json& body)
{
    HttpReply r;
    r.status = status;
    r.body = body.dump();
    r.headers = {{"content-type", "application/json"}};
    return r;
}

inline HttpReply errorReply(int status, std::string_view code, std::string_view message, std::int64_t serverTime)
{
    return jsonReply(status, {{"error", code}, {"message", message}, {"server_time", serverTime}});
}

inline std::optional<std::string> header(const HttpExchange& e, std::string_view name)
{
    auto lower = [](std::string_view s) {
        std::string out(s);
        for (char& c : out)
            c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        return out;
    };
    for (const auto& [k, v] : e.headers)
        if (lower(k) == lower(name))
            return v;
    return std::nullopt;
}

// The request target (path and query) of an absolute URL, as a server would see it.
inline std::string targetOf(const HttpExchange& e)
{
    const auto scheme = e.url.find("://");
    const auto slash = e.url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    return slash == std::string::npos ? "/" : e.url.substr(slash);
}

inline std::optional<protocol::SignedHeaders> signedHeaders(const HttpExchange& e)
{
    auto terminal = header(e, protocol::kHeaderTerminal);
    auto timestamp = header(e, protocol::kHeaderTimestamp);
    auto nonce = header(e, protocol::kHeaderNonce);
    auto signature = header(e, protocol::kHeaderSignature);
    if (!terminal || !timestamp || !nonce || !signature)
        return std::nullopt;
    return protocol::SignedHeaders{*terminal, std::stoll(*timestamp), *nonce, *signature};
}

inline std::string publicKeyB64u(const crypto::SigningKey& key)
{
    return base64url::encode(key.publicKey.data(), key.publicKey.size());
}

inline std::size_t eventBytes(const protocol::WireEvent& e)
{
    return e.toJson().dump().size();
}

inline std::vector<protocol::WireEvent> makeEvents(int count, std::size_t padding = 0, int firstSeq = 1)
{
    std::vector<protocol::WireEvent> events;
    for (int i = 0; i < count; ++i) {
        protocol::WireEvent e;
        const int seq = firstSeq + i;
        e.id = "event-" + std::to_string(seq);
        e.seq = seq;
        e.type = "session_opened";
        e.at = kStart.time_since_epoch().count() + seq;
        e.body = {{"coupon_id", "ABCD2345EFGH6789"}, {"pad", std::string(padding, 'x')}};
        events.push_back(std::move(e));
    }
    return events;
}

// Replies from a script, in order; records every request.
class ScriptedTransport final : public HttpTransport {
public:
    Expected<HttpReply> send(const HttpExchange& request) override
    {
        std::lock_guard lock(m_mutex);
        requests.push_back(request);
        if (replies.empty())
            return fail(Errc::ledger_unreachable, "the script has no reply left");
        auto reply = std::move(replies.front());
        replies.pop_front();
        return reply;
    }

    std::vector<HttpExchange> requests;
    std::deque<Expected<HttpReply>> replies;

private:
    std::mutex m_mutex;
};

// Holds each request that passes through enter() until the test releases it.
class Gate {
public:
    void enter()
    {
        std::unique_lock lock(m_mutex);
        const int mine = ++m_entered;
        m_cv.notify_all();
        m_cv.wait(lock, [&] { return m_released >= mine; });
    }
    // True when n requests have entered within the timeout (a failure bound, not a synchronisation).
    bool waitEntered(int n, std::chrono::seconds timeout = std::chrono::seconds(20))
    {
        std::unique_lock lock(m_mutex);
        return m_cv.wait_for(lock, timeout, [&] { return m_entered >= n; });
    }
    void release(int upTo)
    {
        std::lock_guard lock(m_mutex);
        m_released = std::max(m_released, upTo);
        m_cv.notify_all();
    }
    void releaseAll() { release(INT_MAX); }
    int entered()
    {
        std::lock_guard lock(m_mutex);
        return m_entered;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    int m_entered = 0;
    int m_released = 0;
};

// A ledger in memory: health, signed pushes (exactly-once by event id) and paged changes.
class FakeLedger final : public HttpTransport {
public:
    FakeLedger(const Clock& clock, std::string publicKey, std::int64_t aheadSeconds)
        : m_clock(clock), m_publicKey(std::move(publicKey)), m_ahead(aheadSeconds)
    {
    }

    // Called for every request before it is handled, outside the ledger's lock (to block, or to act).
    std::function<void(const HttpExchange&)> onRequest;

    Expected<HttpReply> send(const HttpExchange& request) override
    {
        if (onRequest)
            onRequest(request);
        std::lock_guard lock(m_mutex);
        ++requestCount;
        const std::string target = targetOf(request);
        const std::int64_t now = m_clock.now().time_since_epoch().count() + m_ahead;
        if (failEverything)
            return fail(Errc::ledger_unreachable, "the fake network is down");
        if (target == protocol::kPathHealth)
            return jsonReply(200, {{"status", "ok"}, {"municipality", "131016"}, {"server_time", now}});

        auto h = signedHeaders(request);
        if (!h || !protocol::verifyRequest(m_publicKey, *h, request.method, target, request.body))
            return errorReply(401, protocol::request_error::bad_signature, "the signature does not verify", now);

        if (target == protocol::kPathEvents)
            return push(request, now);
        if (target.starts_with(std::string(protocol::kPathChanges) + "?"))
            return changesPage(target, now);
        return errorReply(404, protocol::request_error::not_found, "no such path", now);
    }

    // The ledger's state, read by the tests (under guard()).
    std::unique_lock<std::mutex> guard() { return std::unique_lock(m_mutex); }
    std::map<std::string, protocol::EventResult> firstAnswers; // by event id
    std::map<std::string, int> acceptedCount;                  // by event id: must never exceed 1
    std::vector<std::vector<std::string>> pushes;              // the ids of every push received
    std::vector<std::string> changeTargets;                    // every changes request target
    std::set<std::string> rejectIds;                           // these are rejected (revoked)
    std::vector<protocol::Change> changeLog;                   // what /v1/changes pages through
    int requestCount = 0;

    // Failure scripting.
    bool failEverything = false;
    std::optional<std::size_t> dropAnswerOfPush; // push #N (0-based) is processed, its answer is lost
    std::optional<std::size_t> losePush;         // push #N never reaches the ledger
    bool answerOneShort = false;                 // answer one result fewer than events
    bool answerOutOfOrder = false;               // answer the results reversed
    std::optional<HttpReply> pushReplyOverride;  // answer every push with this

private:
    Expected<HttpReply> push(const HttpExchange& request, std::int64_t now)
    {
        const std::size_t index = m_pushAttempts++;
        if (losePush && *losePush == index)
            return fail(Errc::ledger_unreachable, "the fake network lost the request");
        if (pushReplyOverride)
            return *pushReplyOverride;
        auto parsed = protocol::PushRequest::fromJson(nlohmann::json::parse(request.body, nullptr, false));
        if (!parsed)
            return errorReply(400, protocol::request_error::malformed, parsed.error().message, now);
        std::vector<std::string> ids;
        protocol::PushResponse response;
        response.serverTime = now;
        for (const auto& e : parsed->events) {
            ids.push_back(e.id);
            protocol::EventResult r;
            r.id = e.id;
            if (auto first = firstAnswers.find(e.id); first != firstAnswers.end()) {
                r.status = protocol::EventStatus::duplicate;
                r.original = first->second.status;
                r.originalReason = first->second.reason;
            } else if (rejectIds.count(e.id) != 0) {
                r.status = protocol::EventStatus::rejected;
                r.reason = std::string(protocol::reason::revoked);
                firstAnswers[e.id] = r;
            } else {
                r.status = protocol::EventStatus::accepted;
                ++acceptedCount[e.id];
                firstAnswers[e.id] = r;
            }
            response.results.push_back(r);
        }
        pushes.push_back(std::move(ids));
        if (dropAnswerOfPush && *dropAnswerOfPush == index)
            return fail(Errc::ledger_unreachable, "the fake network dropped the answer");
        if (answerOneShort)
            response.results.pop_back();
        if (answerOutOfOrder)
            std::reverse(response.results.begin(), response.results.end());
        return jsonReply(200, response.toJson());
    }

    Expected<HttpReply> changesPage(const std::string& target, std::int64_t now)
    {
        changeTargets.push_back(target);
        // "/v1/changes?cursor=cN&limit=L"
        const auto c = target.find("cursor=c");
        const auto l = target.find("&limit=");
        if (c == std::string::npos || l == std::string::npos)
            return errorReply(400, protocol::request_error::bad_cursor, "bad cursor", now);
        const std::size_t from = std::stoul(target.substr(c + 8, l - c - 8));
        const std::size_t limit = std::stoul(target.substr(l + 7));
        protocol::ChangesResponse page;
        page.serverTime = now;
        const std::size_t to = std::min(changeLog.size(), from + limit);
        for (std::size_t i = from; i < to; ++i)
            page.changes.push_back(changeLog[i]);
        page.cursor = "c" + std::to_string(to);
        page.more = to < changeLog.size();
        return jsonReply(200, page.toJson());
    }

    const Clock& m_clock;
    std::string m_publicKey;
    std::int64_t m_ahead;
    std::size_t m_pushAttempts = 0;
    std::mutex m_mutex;
};

// The terminal's store, in memory.
class FakeLocal final : public SyncLocal {
public:
    FakeLocal(Identity identity, std::vector<protocol::WireEvent> events)
        : m_identity(std::move(identity)), m_events(std::move(events))
    {
    }

    Expected<Identity> identity() override
    {
        std::lock_guard lock(m_mutex);
        if (notEnrolled)
            return fail(Errc::not_enrolled, "this terminal is not enrolled");
        return m_identity;
    }

    Expected<std::vector<protocol::WireEvent>> outbox(std::size_t maxEvents, std::size_t maxBytes) override
    {
        std::lock_guard lock(m_mutex);
        ++outboxCalls;
        std::vector<protocol::WireEvent> batch;
        std::size_t bytes = 0;
        for (const auto& e : m_events) {
            if (answers.count(e.id) != 0)
                continue;
            const std::size_t size = eventBytes(e);
            if (batch.size() >= maxEvents || (!batch.empty() && bytes + size > maxBytes))
                break;
            batch.push_back(e);
            bytes += size;
        }
        return batch;
    }

    Expected<void> recordResults(const std::vector<protocol::WireEvent>& sent,
                                 const std::vector<protocol::EventResult>& results) override
    {
        std::lock_guard lock(m_mutex);
        if (sent.size() != results.size())
            return fail(Errc::store_io, "test: results do not match the batch");
        std::vector<std::string> ids;
        for (std::size_t i = 0; i < sent.size(); ++i) {
            ids.push_back(sent[i].id);
            if (!forgetResults)
                answers[sent[i].id] = results[i];
        }
        recordedBatches.push_back(std::move(ids));
        return {};
    }

    Expected<std::string> cursor() override
    {
        std::lock_guard lock(m_mutex);
        return cursorValue;
    }

    Expected<void> applyChanges(const std::vector<protocol::Change>& changes, const std::string& nextCursor) override
    {
        std::lock_guard lock(m_mutex);
        if (applyError)
            return tl::unexpected(*applyError);
        applied.insert(applied.end(), changes.begin(), changes.end());
        cursorValue = nextCursor;
        return {};
    }

    Expected<void> recordClock(std::int64_t offsetSeconds, Instant measuredAt) override
    {
        std::lock_guard lock(m_mutex);
        clocks.emplace_back(offsetSeconds, measuredAt);
        return {};
    }

    Expected<void> recordOutcome(const SyncOutcome& outcome) override
    {
        std::lock_guard lock(m_mutex);
        outcomes.push_back(outcome);
        m_cv.notify_all();
        return {};
    }

    // Waits until n outcomes are recorded; false after the timeout (a failure bound, not a synchronisation).
    bool waitOutcomes(std::size_t n, std::chrono::seconds timeout = std::chrono::seconds(20))
    {
        std::unique_lock lock(m_mutex);
        return m_cv.wait_for(lock, timeout, [&] { return outcomes.size() >= n; });
    }

    std::size_t unanswered()
    {
        std::lock_guard lock(m_mutex);
        std::size_t n = 0;
        for (const auto& e : m_events)
            n += answers.count(e.id) == 0 ? 1 : 0;
        return n;
    }

    std::unique_lock<std::mutex> guard() { return std::unique_lock(m_mutex); }

    // State, read by the tests (under lock() when a background thread runs).
    std::map<std::string, protocol::EventResult> answers;
    std::vector<std::vector<std::string>> recordedBatches;
    std::string cursorValue = "c0";
    std::vector<protocol::Change> applied;
    std::vector<std::pair<std::int64_t, Instant>> clocks;
    std::vector<SyncOutcome> outcomes;
    int outboxCalls = 0;

    // Scripting.
    bool notEnrolled = false;
    bool forgetResults = false; // a broken store: answers are not kept
    std::optional<Error> applyError;

private:
    Identity m_identity;
    std::vector<protocol::WireEvent> m_events;
    std::mutex m_mutex;
    std::condition_variable m_cv;
};

} // namespace sango::sync::testing
