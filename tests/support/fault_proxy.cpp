#include "fault_proxy.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>

namespace sango::test {

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

// Bounds that keep a confused peer from growing buffers without end: the proxy frames messages, it does not
// stream them, and the ledger's messages are far smaller than these.
constexpr std::size_t kMaxHead = 64 * 1024;
constexpr std::size_t kMaxBody = 256 * 1024 * 1024;
constexpr std::size_t kReadChunk = 16 * 1024;
// A slow response goes out in at most kSlowChunks writes of at least kSlowChunkMin bytes, kSlowChunkGap apart:
// the gaps make the client see the pieces as separate reads (writes back to back would merge in its socket
// buffer), the cap keeps the gaps from adding more than a few milliseconds, whatever the size.
constexpr std::size_t kSlowChunks = 8;
constexpr std::size_t kSlowChunkMin = 16;
constexpr auto kSlowChunkGap = std::chrono::milliseconds(1);
constexpr auto kDefaultSlowDelay = std::chrono::milliseconds(300);
// After closing its sending side the proxy reads and discards until the client closes too, so that unread
// request bytes never turn the close into a RST (the client must see a plain EOF); this bounds that wait for a
// client that never closes.
constexpr auto kLinger = std::chrono::seconds(2);
// accept() failing (EMFILE under a leak elsewhere) is retried after this rather than in a busy loop.
constexpr auto kAcceptRetry = std::chrono::milliseconds(50);

enum class Outcome { forwarded, slowed, dropped, truncated };

// ---- HTTP/1.x framing: just enough to find where a message ends ----

enum class Parse { incomplete, malformed, ok };

struct Head {
    std::size_t size = 0; // the start line and the header lines, with the blank line
    std::string method;   // of a request
    int status = 0;       // of a response
    bool http10 = false;
    std::optional<std::size_t> contentLength;
    bool transferEncoding = false; // any Transfer-Encoding: a framing this proxy does not do
    bool close = false;            // Connection: close
    bool keepAlive = false;        // Connection: keep-alive (meaningful for HTTP/1.0)
    bool expectContinue = false;
    std::size_t expectBegin = 0; // the Expect line, with its CRLF, to cut from the forwarded request
    std::size_t expectEnd = 0;
};

char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
        return lower(x) == lower(y);
    });
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

bool hasToken(std::string_view list, std::string_view token)
{
    while (!list.empty()) {
        const auto comma = list.find(',');
        if (iequals(trim(list.substr(0, comma)), token))
            return true;
        if (comma == std::string_view::npos)
            break;
        list.remove_prefix(comma + 1);
    }
    return false;
}

std::optional<std::size_t> parseLength(std::string_view s)
{
    if (s.empty() || s.size() > 12) // 12 digits is far above kMaxBody and far below overflow
        return std::nullopt;
    std::size_t v = 0;
    for (const char c : s) {
        if (c < '0' || c > '9')
            return std::nullopt;
        v = v * 10 + static_cast<std::size_t>(c - '0');
    }
    return v;
}

bool parseVersion(std::string_view v, Head& head)
{
    if (v == "HTTP/1.1")
        return true;
    head.http10 = v == "HTTP/1.0";
    return head.http10;
}

Parse parseHead(std::string_view buf, bool request, Head& head)
{
    const auto end = buf.find("\r\n\r\n");
    if (end == std::string_view::npos)
        return buf.size() > kMaxHead ? Parse::malformed : Parse::incomplete;
    head = Head{};
    head.size = end + 4;
    if (head.size > kMaxHead)
        return Parse::malformed;
    const std::string_view lines = buf.substr(0, end + 2); // every line with its CRLF

    const auto firstEnd = lines.find("\r\n");
    const std::string_view start = lines.substr(0, firstEnd);
    const auto sp1 = start.find(' ');
    if (sp1 == std::string_view::npos || sp1 == 0)
        return Parse::malformed;
    if (request) {
        const auto sp2 = start.rfind(' ');
        if (sp2 == sp1 || !parseVersion(start.substr(sp2 + 1), head))
            return Parse::malformed;
        head.method = std::string(start.substr(0, sp1));
    } else {
        const std::string_view code = start.substr(sp1 + 1, 3);
        if (!parseVersion(start.substr(0, sp1), head) || code.size() != 3 ||
            !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return Parse::malformed;
        head.status = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
    }

    for (std::size_t pos = firstEnd + 2; pos < lines.size();) {
        const auto lineEnd = lines.find("\r\n", pos);
        const std::string_view line = lines.substr(pos, lineEnd - pos);
        const auto colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0)
            return Parse::malformed;
        const std::string_view name = line.substr(0, colon);
        const std::string_view value = trim(line.substr(colon + 1));
        if (iequals(name, "content-length")) {
            const auto length = parseLength(value);
            // Two different lengths are the classic request-smuggling ambiguity: refuse rather than pick one.
            if (!length || *length > kMaxBody || (head.contentLength && *head.contentLength != *length))
                return Parse::malformed;
            head.contentLength = length;
        } else if (iequals(name, "transfer-encoding")) {
            head.transferEncoding = true;
        } else if (iequals(name, "connection")) {
            head.close = head.close || hasToken(value, "close");
            head.keepAlive = head.keepAlive || hasToken(value, "keep-alive");
        } else if (request && iequals(name, "expect") && iequals(value, "100-continue")) {
            head.expectContinue = true;
            head.expectBegin = pos;
            head.expectEnd = lineEnd + 2;
        }
        pos = lineEnd + 2;
    }
    return Parse::ok;
}

// Whether the connection stays open after this message (RFC 9112 section 9.3).
bool persistent(const Head& head)
{
    return !head.close && (!head.http10 || head.keepAlive);
}

// ---- the random policy ----

// SplitMix64: a fixed, well-mixed 64-bit function, so that the fault of exchange n depends on (seed, n) alone.
std::uint64_t mix(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

Fault randomFault(double p, std::uint32_t seed, std::uint64_t n)
{
    const std::uint64_t z = mix(mix(seed) ^ n);
    const double u = static_cast<double>(z >> 11) * 0x1.0p-53; // the top 53 bits: uniform in [0, 1)
    if (!(u < p))
        return Fault::none;
    static constexpr std::array kinds{Fault::dropBeforeUpstream, Fault::dropAfterUpstream, Fault::truncateResponse,
                                      Fault::slowResponse};
    return kinds[z & 3]; // the low bits, which u did not use
}

// ---- the proxy ----

class Session;

class Core {
public:
    Core(const std::string& upstreamHost, std::uint16_t upstreamPort)
        : m_acceptor(m_io), m_acceptRetry(m_io)
    {
        tcp::resolver resolver(m_io);
        m_upstream = resolver.resolve(upstreamHost, std::to_string(upstreamPort), tcp::resolver::numeric_service);
        const tcp::endpoint listenOn(asio::ip::address_v4::loopback(), 0);
        m_acceptor.open(listenOn.protocol());
        m_acceptor.bind(listenOn);
        m_acceptor.listen(asio::socket_base::max_listen_connections);
        m_port = m_acceptor.local_endpoint().port();
        m_policy = std::make_shared<const Policy>([](std::uint64_t) { return Fault::none; });
        accept();
        m_thread = std::thread([this] { m_io.run(); });
    }
    ~Core() { stop(); }
    Core(const Core&) = delete;
    Core& operator=(const Core&) = delete;

    std::uint16_t port() const { return m_port; }

    void setPolicy(std::function<Fault(std::uint64_t)> policy)
    {
        if (!policy) // an empty function means "no faults" rather than a bad_function_call on the proxy's thread
            policy = [](std::uint64_t) { return Fault::none; };
        auto shared = std::make_shared<const Policy>(std::move(policy));
        const std::lock_guard lock(m_policyMutex);
        m_policy = std::move(shared);
    }

    void setSlowDelay(std::chrono::milliseconds d) { m_slowDelayMs.store(d.count()); }
    std::chrono::milliseconds slowDelay() const { return std::chrono::milliseconds(m_slowDelayMs.load()); }

    FaultStats stats() const
    {
        const std::lock_guard lock(m_statsMutex);
        return m_stats;
    }

    bool waitForExchanges(std::uint64_t n, std::chrono::milliseconds timeout) const
    {
        std::unique_lock lock(m_statsMutex);
        m_statsChanged.wait_for(lock, timeout, [&] { return m_stats.exchanges >= n || m_stopped; });
        return m_stats.exchanges >= n;
    }

    void stop()
    {
        const std::lock_guard lock(m_stopMutex);
        if (m_thread.joinable()) {
            // Closing on the proxy's thread, then stopping the loop: handlers already queued never run, so nothing
            // is counted after stop() and no handler can start new work; they are destroyed with m_io.
            asio::post(m_io, [this] {
                closeAll();
                m_io.stop();
            });
            m_thread.join();
        }
        closeAll(); // in case the loop had ended by itself (then the post above never ran); idempotent
        {
            const std::lock_guard statsLock(m_statsMutex);
            m_stopped = true;
        }
        m_statsChanged.notify_all();
    }

    // ---- for the sessions, on the proxy's thread ----

    asio::io_context& io() { return m_io; }
    const tcp::resolver::results_type& upstream() const { return m_upstream; }

    // Numbers the exchange that is beginning and asks the policy for its fault.
    Fault beginExchange()
    {
        std::shared_ptr<const Policy> policy;
        {
            // A snapshot, called outside the lock: a policy may be stateful (it is never copied) and setPolicy may
            // run concurrently.
            const std::lock_guard lock(m_policyMutex);
            policy = m_policy;
        }
        return (*policy)(m_nextExchange++);
    }

    void record(Outcome outcome)
    {
        {
            const std::lock_guard lock(m_statsMutex);
            ++m_stats.exchanges;
            switch (outcome) {
            case Outcome::forwarded: ++m_stats.forwarded; break;
            case Outcome::slowed: ++m_stats.slowed; break;
            case Outcome::dropped: ++m_stats.dropped; break;
            case Outcome::truncated: ++m_stats.truncated; break;
            }
        }
        m_statsChanged.notify_all();
    }

    void forget(std::uint64_t session) { m_sessions.erase(session); }

private:
    using Policy = std::function<Fault(std::uint64_t)>;

    void accept();
    void closeAll();

    asio::io_context m_io;
    tcp::acceptor m_acceptor;
    asio::steady_timer m_acceptRetry;
    tcp::resolver::results_type m_upstream;
    std::uint16_t m_port = 0;
    std::atomic<std::chrono::milliseconds::rep> m_slowDelayMs{kDefaultSlowDelay.count()};

    std::mutex m_policyMutex;
    std::shared_ptr<const Policy> m_policy;

    mutable std::mutex m_statsMutex;
    mutable std::condition_variable m_statsChanged;
    FaultStats m_stats;
    bool m_stopped = false; // under m_statsMutex, so that waiters wake on stop

    // Proxy thread only (and the stopping thread once the proxy thread has ended).
    std::uint64_t m_nextExchange = 0;
    std::uint64_t m_nextSession = 0;
    std::unordered_map<std::uint64_t, std::weak_ptr<Session>> m_sessions; // to close them all on stop
    bool m_stopping = false;

    std::mutex m_stopMutex;
    std::thread m_thread;
};

// One client connection and the upstream connection it uses. Every handler holds the session (shared_from_this)
// and first checks m_finished: after finish() (or stop) the sockets are closed and late completions do nothing.
class Session : public std::enable_shared_from_this<Session> {
public:
    Session(Core& proxy, std::uint64_t id, tcp::socket client)
        : m_proxy(proxy), m_id(id), m_client(std::move(client)), m_upstream(proxy.io()), m_timer(proxy.io())
    {
    }

    void start()
    {
        error_code ignored;
        m_client.set_option(tcp::no_delay(true), ignored); // truncated halves and slow chunks go out as written
        // Non-blocking so that the peek in waitForRequest can never block the proxy's thread.
        m_client.non_blocking(true, ignored);
        waitForRequest();
    }

    // Closes everything now (stop()).
    void abort() { finish(); }

private:
    using Next = void (Session::*)(const error_code&);

    // Between exchanges: wait until the client sends something or closes, without reading it, so that the fault
    // of the exchange can be chosen before any of its request is read.
    void waitForRequest()
    {
        if (!m_fromClient.empty()) // the next request was sent along with the previous one
            return beginExchange();
        m_client.async_wait(tcp::socket::wait_read, [self = shared_from_this()](const error_code& ec) {
            if (self->m_finished)
                return;
            if (ec)
                return self->finish();
            char probe = 0;
            error_code peek;
            const std::size_t n = self->m_client.receive(asio::buffer(&probe, 1), tcp::socket::message_peek, peek);
            if (peek == asio::error::would_block || peek == asio::error::try_again)
                return self->waitForRequest();
            if (peek || n == 0) // the client closed between exchanges: no exchange began
                return self->finish();
            self->beginExchange();
        });
    }

    void beginExchange()
    {
        m_fault = m_proxy.beginExchange();
        m_sentContinue = false;
        if (m_fault == Fault::resetConnection)
            return endExchange(Outcome::dropped);
        readRequest();
    }

    void readMore(tcp::socket& socket, std::string& into, Next next)
    {
        socket.async_read_some(asio::buffer(m_buffer),
                               [self = shared_from_this(), &into, next](const error_code& ec, std::size_t n) {
                                   if (self->m_finished)
                                       return;
                                   if (!ec)
                                       into.append(self->m_buffer.data(), n);
                                   ((*self).*next)(ec);
                               });
    }

    void readRequest()
    {
        Head head;
        switch (parseHead(m_fromClient, true, head)) {
        case Parse::malformed: return endExchange(Outcome::dropped);
        case Parse::incomplete: return readMore(m_client, m_fromClient, &Session::onRequestBytes);
        case Parse::ok: break;
        }
        if (head.transferEncoding) // a chunked request: not framed here
            return endExchange(Outcome::dropped);
        const std::size_t total = head.size + head.contentLength.value_or(0);
        if (m_fromClient.size() >= total)
            return onRequest(head, total);
        if (head.expectContinue && !m_sentContinue && m_fromClient.size() == head.size) {
            // The client waits for permission before sending its body, and every fault but resetConnection needs
            // the whole request: give it here (the Expect line is not forwarded, so upstream will not answer 100).
            m_sentContinue = true;
            static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
            asio::async_write(m_client, asio::buffer(kContinue.data(), kContinue.size()),
                              [self = shared_from_this()](const error_code& ec, std::size_t) {
                                  if (self->m_finished)
                                      return;
                                  if (ec)
                                      return self->endExchange(Outcome::dropped);
                                  self->readRequest();
                              });
            return;
        }
        readMore(m_client, m_fromClient, &Session::onRequestBytes);
    }

    void onRequestBytes(const error_code& ec)
    {
        if (ec) // the client went away in the middle of its request
            return endExchange(Outcome::dropped);
        readRequest();
    }

    void onRequest(const Head& head, std::size_t total)
    {
        if (head.expectContinue)
            m_request = m_fromClient.substr(0, head.expectBegin) +
                        m_fromClient.substr(head.expectEnd, total - head.expectEnd);
        else
            m_request = m_fromClient.substr(0, total);
        m_fromClient.erase(0, total);
        m_requestMethod = head.method;
        m_keepAlive = persistent(head);

        if (m_fault == Fault::dropBeforeUpstream)
            return endExchange(Outcome::dropped);
        if (upstreamReusable())
            return sendRequest();
        // First forwarded exchange of this connection, or upstream closed the idle connection since the last one
        // (a keep-alive timeout): open one, as the client would have had to.
        error_code ignored;
        m_upstream.close(ignored);
        m_fromUpstream.clear();
        asio::async_connect(m_upstream, m_proxy.upstream(),
                            [self = shared_from_this()](const error_code& ec, const tcp::endpoint&) {
                                if (self->m_finished)
                                    return;
                                if (ec) // refused: the client is closed, as if the server were down
                                    return self->endExchange(Outcome::dropped);
                                error_code ignoredOption;
                                self->m_upstream.set_option(tcp::no_delay(true), ignoredOption);
                                self->m_upstream.non_blocking(true, ignoredOption);
                                self->sendRequest();
                            });
    }

    // An open upstream connection with nothing to read: any byte or EOF between exchanges means upstream closed it
    // or broke the protocol, and a request sent on it would be lost for a reason that is not a chosen fault.
    bool upstreamReusable()
    {
        if (!m_upstream.is_open() || !m_fromUpstream.empty())
            return false;
        char probe = 0;
        error_code ec;
        m_upstream.receive(asio::buffer(&probe, 1), tcp::socket::message_peek, ec);
        return ec == asio::error::would_block || ec == asio::error::try_again;
    }

    void sendRequest()
    {
        asio::async_write(m_upstream, asio::buffer(m_request), [self = shared_from_this()](const error_code& ec,
                                                                                           std::size_t) {
            if (self->m_finished)
                return;
            if (ec)
                return self->endExchange(Outcome::dropped);
            self->readResponse();
        });
    }

    void readResponse()
    {
        m_responseToEof = false;
        Head head;
        for (;;) {
            switch (parseHead(m_fromUpstream, false, head)) {
            case Parse::malformed: return endExchange(Outcome::dropped);
            case Parse::incomplete: return readMore(m_upstream, m_fromUpstream, &Session::onResponseBytes);
            case Parse::ok: break;
            }
            if (head.status < 100 || head.status >= 200 || head.status == 101)
                break;
            m_fromUpstream.erase(0, head.size); // an interim response (103 Early Hints ...): not the answer
        }
        if (head.status == 101 || head.transferEncoding) // a protocol switch or a chunked body: not framed here
            return endExchange(Outcome::dropped);
        const bool bodiless = m_requestMethod == "HEAD" || head.status == 204 || head.status == 304;
        if (bodiless || head.contentLength) {
            const std::size_t total = head.size + (bodiless ? 0 : *head.contentLength);
            if (m_fromUpstream.size() >= total)
                return onResponse(total, persistent(head));
        } else {
            m_responseToEof = true; // no length: the body is everything until upstream closes
        }
        readMore(m_upstream, m_fromUpstream, &Session::onResponseBytes);
    }

    void onResponseBytes(const error_code& ec)
    {
        if (ec == asio::error::eof && m_responseToEof)
            return onResponse(m_fromUpstream.size(), false);
        if (ec) // upstream broke off before the end of its response
            return endExchange(Outcome::dropped);
        readResponse();
    }

    void onResponse(std::size_t total, bool persistentResponse)
    {
        m_response = m_fromUpstream.substr(0, total);
        m_fromUpstream.erase(0, total);
        m_keepAlive = m_keepAlive && persistentResponse;

        switch (m_fault) {
        case Fault::dropAfterUpstream: return endExchange(Outcome::dropped);
        case Fault::truncateResponse: return deliver(m_response.size() / 2, Outcome::truncated);
        case Fault::slowResponse:
            m_timer.expires_after(m_proxy.slowDelay());
            m_timer.async_wait([self = shared_from_this()](const error_code& ec) {
                if (self->m_finished)
                    return;
                if (ec)
                    return self->endExchange(Outcome::dropped);
                self->deliverSlowly(0);
            });
            return;
        case Fault::none:
        case Fault::dropBeforeUpstream:
        case Fault::resetConnection: break; // those two never reach here
        }
        deliver(m_response.size(), Outcome::forwarded);
    }

    void deliver(std::size_t bytes, Outcome outcome)
    {
        asio::async_write(m_client, asio::buffer(m_response.data(), bytes),
                          [self = shared_from_this(), outcome](const error_code& ec, std::size_t) {
                              if (self->m_finished)
                                  return;
                              self->endExchange(ec ? Outcome::dropped : outcome);
                          });
    }

    void deliverSlowly(std::size_t offset)
    {
        const std::size_t chunk = std::max(kSlowChunkMin, (m_response.size() + kSlowChunks - 1) / kSlowChunks);
        const std::size_t n = std::min(chunk, m_response.size() - offset);
        asio::async_write(
            m_client, asio::buffer(m_response.data() + offset, n),
            [self = shared_from_this(), next = offset + n](const error_code& ec, std::size_t) {
                if (self->m_finished)
                    return;
                if (ec)
                    return self->endExchange(Outcome::dropped);
                if (next == self->m_response.size())
                    return self->endExchange(Outcome::slowed);
                self->m_timer.expires_after(kSlowChunkGap);
                self->m_timer.async_wait([self, next](const error_code& timerEc) {
                    if (self->m_finished)
                        return;
                    if (timerEc)
                        return self->endExchange(Outcome::dropped);
                    self->deliverSlowly(next);
                });
            });
    }

    // Counts the exchange, then goes on with the connection or closes it. Counting comes before the close so that
    // a client that has seen the connection end finds the exchange already counted.
    void endExchange(Outcome outcome)
    {
        m_proxy.record(outcome);
        const bool delivered = outcome == Outcome::forwarded || outcome == Outcome::slowed;
        if (delivered && m_keepAlive)
            return waitForRequest();
        closeClient();
    }

    // Ends the connection as a server would: upstream at once, the client with a FIN (shutdown), then reading and
    // discarding until the client closes too. Closing with unread bytes would send a RST instead, and a client
    // could then lose data already sent to it (the truncated half) or see "reset" where it must see EOF.
    void closeClient()
    {
        error_code ignored;
        m_upstream.close(ignored);
        m_client.shutdown(tcp::socket::shutdown_send, ignored);
        m_timer.expires_after(kLinger);
        m_timer.async_wait([self = shared_from_this()](const error_code& ec) {
            if (self->m_finished || ec)
                return;
            self->finish();
        });
        drain();
    }

    void drain()
    {
        m_client.async_read_some(asio::buffer(m_buffer), [self = shared_from_this()](const error_code& ec,
                                                                                     std::size_t) {
            if (self->m_finished)
                return;
            if (ec)
                return self->finish();
            self->drain();
        });
    }

    // Releases both sockets now (their descriptors with them); pending handlers then complete and do nothing.
    void finish()
    {
        if (m_finished)
            return;
        m_finished = true;
        error_code ignored;
        m_client.close(ignored);
        m_upstream.close(ignored);
        m_timer.cancel();
        m_proxy.forget(m_id);
    }

    Core& m_proxy;
    const std::uint64_t m_id;
    tcp::socket m_client;
    tcp::socket m_upstream;
    asio::steady_timer m_timer; // the slow delay, the gaps between slow chunks, the linger; never two at once
    std::array<char, kReadChunk> m_buffer{};
    std::string m_fromClient;   // read from the client and not yet part of a forwarded request
    std::string m_fromUpstream; // read from upstream and not yet part of a response
    std::string m_request;      // the current request, as forwarded
    std::string m_response;     // the current response, whole
    std::string m_requestMethod;
    Fault m_fault = Fault::none;
    bool m_keepAlive = true;
    bool m_sentContinue = false;
    bool m_responseToEof = false;
    bool m_finished = false;
};

void Core::accept()
{
    m_acceptor.async_accept([this](const error_code& ec, tcp::socket socket) {
        if (m_stopping || !m_acceptor.is_open())
            return;
        if (ec) {
            m_acceptRetry.expires_after(kAcceptRetry);
            m_acceptRetry.async_wait([this](const error_code& timerEc) {
                if (!timerEc && !m_stopping)
                    accept();
            });
            return;
        }
        const std::uint64_t id = m_nextSession++;
        auto session = std::make_shared<Session>(*this, id, std::move(socket));
        m_sessions.emplace(id, session);
        session->start();
        accept();
    });
}

void Core::closeAll()
{
    m_stopping = true;
    error_code ignored;
    m_acceptor.close(ignored);
    m_acceptRetry.cancel();
    // Moved out first: finish() calls forget(), which would otherwise erase from the map being walked.
    const auto sessions = std::exchange(m_sessions, {});
    for (const auto& [id, weak] : sessions)
        if (const auto session = weak.lock())
            session->abort();
}

} // namespace

class FaultProxy::Impl final : public Core {
public:
    using Core::Core;
};

FaultProxy::FaultProxy(std::string upstreamHost, std::uint16_t upstreamPort)
    : m_impl(std::make_unique<Impl>(upstreamHost, upstreamPort))
{
}

FaultProxy::~FaultProxy()
{
    m_impl->stop();
}

std::uint16_t FaultProxy::port() const
{
    return m_impl->port();
}

void FaultProxy::setPolicy(std::function<Fault(std::uint64_t n)> policy)
{
    m_impl->setPolicy(std::move(policy));
}

void FaultProxy::setRandomFaults(double p, std::uint32_t seed)
{
    m_impl->setPolicy([p, seed](std::uint64_t n) { return randomFault(p, seed, n); });
}

void FaultProxy::setSlowDelay(std::chrono::milliseconds d)
{
    m_impl->setSlowDelay(d);
}

FaultStats FaultProxy::stats() const
{
    return m_impl->stats();
}

bool FaultProxy::waitForExchanges(std::uint64_t n, std::chrono::milliseconds timeout) const
{
    return m_impl->waitForExchanges(n, timeout);
}

void FaultProxy::stop()
{
    m_impl->stop();
}

} // namespace sango::test
