#pragma once
// A fault-injecting TCP proxy for the sync integration tests: it sits between the terminal's ledger client
// (libcurl) and a ledger server (Beast) on loopback and, per HTTP exchange, forwards faithfully or breaks the
// exchange at a chosen point. The points are the ones where a sync protocol can lose or duplicate an event: the
// request never reached the ledger, or it did and the answer was lost, cut short or late.
//
// It understands HTTP/1.1 only as far as finding message boundaries (Content-Length bodies; a response without
// one runs to the end of the connection) and `Connection: close`; it never changes a message except to answer
// `Expect: 100-continue` itself (the header is removed from the forwarded request) so that a client waiting for
// permission to send its body is not stalled by a proxy that reads whole requests before forwarding them.
//
// Boost.Asio stays behind the pimpl: the tests that include this header need not compile Asio.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace sango::test {

enum class Fault {
    none,
    dropBeforeUpstream, // read the whole request from the client, then close the client without contacting upstream
    dropAfterUpstream,  // forward the request, read the whole response, then close the client without sending any
    truncateResponse,   // forward, then send only the first half of the response bytes to the client and close
    slowResponse,       // forward, then deliver the response after the slow delay, in small chunks
    resetConnection,    // close the client connection without reading the request (see below)
};

// Every exchange ends in exactly one of forwarded, slowed, dropped and truncated, so at every moment
//     exchanges == forwarded + slowed + dropped + truncated
// - forwarded: the whole response was written to the client, without delay (Fault::none);
// - slowed: the whole response was written to the client, late and in chunks (Fault::slowResponse);
// - truncated: the first half of the response was written, then the connection closed (Fault::truncateResponse);
// - dropped: the client got no response: dropBeforeUpstream, dropAfterUpstream, resetConnection, and also the
//   exchanges that failed without a fault (upstream refused or broke off, client went away mid-exchange, a message
//   the proxy cannot frame), since those too end with a client that has no complete answer.
// An exchange is counted when it has ended, so waitForExchanges(n) returning true means n outcomes are final.
struct FaultStats {
    std::uint64_t exchanges = 0;
    std::uint64_t forwarded = 0;
    std::uint64_t dropped = 0;
    std::uint64_t truncated = 0;
    std::uint64_t slowed = 0;
};

class FaultProxy {
public:
    // Listens on 127.0.0.1 at an ephemeral port and serves on a thread of its own at once. The upstream host is
    // resolved here (a failure throws a std::runtime_error); upstream is contacted only when an exchange is forwarded.
    FaultProxy(std::string upstreamHost, std::uint16_t upstreamPort);
    ~FaultProxy(); // stops
    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;

    std::uint16_t port() const; // the listening port

    // The fault for the n-th exchange (0-based, counted over all connections in the order in which their requests
    // begin to arrive). Called on the proxy's thread, once per exchange, never concurrently; it must not throw or
    // call stop(). An exchange begins when the first bytes of its request arrive, and the fault is chosen then:
    // that is what lets resetConnection close a connection before any of the request is read, without consuming
    // an exchange number for a kept-alive connection that the client merely closes. By default every exchange is
    // Fault::none.
    void setPolicy(std::function<Fault(std::uint64_t n)> policy);
    // A seeded pseudo-random mix: each exchange is faulty with probability p; the fault kind is uniform among
    // dropBeforeUpstream, dropAfterUpstream, truncateResponse and slowResponse. The fault of exchange n is a pure
    // function of (seed, n), computed without the standard distributions (whose results differ between standard
    // libraries), so a seed names the same sequence of faults everywhere.
    void setRandomFaults(double p, std::uint32_t seed);
    // How long a slowResponse holds the response back before the first chunk (default 300 ms).
    void setSlowDelay(std::chrono::milliseconds d);

    FaultStats stats() const;
    // Waits until at least n exchanges have ended; false on timeout or when the proxy stops first.
    bool waitForExchanges(std::uint64_t n, std::chrono::milliseconds timeout) const;

    // Closes the listener and every connection (client and upstream) and joins the thread; idempotent. Exchanges
    // in flight are abandoned and never counted.
    void stop();

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace sango::test
