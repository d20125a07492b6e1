#pragma once
// The one place that counts connections: a ConnectionSlot is claimed for every accepted connection and
// gives its place back when the connection object goes, however it goes. Claiming decides what becomes of
// the connection: served while the server holds fewer than maxConnections and its remote address fewer than
// maxConnectionsPerAddress; otherwise told 503 and closed, as long as as many again can be told (over the
// server and over that address); beyond that closed without a word, since a 503 costs a connection too (and
// a handshake with TLS).
// Threading: claiming and releasing take the counts' mutex (ServerContext::connections), from the acceptor's
// strand and from whichever thread drops the last reference to a connection.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "server_context.h"

namespace sango::server::detail {

// serve: answer requests; the others answer 503 at once and close.
enum class SessionMode { serve, rejectServerFull, rejectAddressFull };

class ConnectionSlot {
public:
    // A place for a new connection from `remoteAddress`, or nullopt when it is to be closed without a word.
    static std::optional<ConnectionSlot> claim(std::shared_ptr<ServerContext> context, std::string remoteAddress);

    ~ConnectionSlot();
    ConnectionSlot(const ConnectionSlot&) = delete;
    ConnectionSlot& operator=(const ConnectionSlot&) = delete;
    ConnectionSlot(ConnectionSlot&& other) noexcept;
    ConnectionSlot& operator=(ConnectionSlot&&) = delete;

    SessionMode mode() const { return m_mode; }
    const std::string& remoteAddress() const { return m_remoteAddress; }

private:
    ConnectionSlot(std::shared_ptr<ServerContext> context, std::string remoteAddress, SessionMode mode);

    std::shared_ptr<ServerContext> m_context; // keeps the counts alive; null once moved from
    std::string m_remoteAddress;
    SessionMode m_mode;
};

} // namespace sango::server::detail
