#include "connection_slot.h"

#include <mutex>
#include <utility>

namespace sango::server::detail {
namespace {

// The count a connection in this mode holds a place in.
std::size_t& placeOf(ConnectionCounts::Held& held, SessionMode mode)
{
    return mode == SessionMode::serve ? held.served : held.rejecting;
}

} // namespace

std::optional<ConnectionSlot> ConnectionSlot::claim(std::shared_ptr<ServerContext> context, std::string remoteAddress)
{
    const ServerOptions& options = context->options;
    ConnectionCounts& counts = context->connections;
    std::lock_guard lock(counts.mutex);
    ConnectionCounts::Held& total = counts.total;
    // Not inserted yet: an address that gets nothing must leave no entry behind.
    const auto found = counts.byAddress.find(remoteAddress);
    const ConnectionCounts::Held fromAddress =
        found == counts.byAddress.end() ? ConnectionCounts::Held{} : found->second;

    SessionMode mode = SessionMode::serve;
    if (total.served >= options.maxConnections)
        mode = SessionMode::rejectServerFull;
    else if (fromAddress.served >= options.maxConnectionsPerAddress)
        mode = SessionMode::rejectAddressFull;
    if (mode != SessionMode::serve
        && (total.rejecting >= options.maxConnections || fromAddress.rejecting >= options.maxConnectionsPerAddress))
        return std::nullopt;

    ConnectionCounts::Held& held = counts.byAddress[remoteAddress]; // may throw: before anything is counted
    ++placeOf(held, mode);
    ++placeOf(total, mode);
    return ConnectionSlot(std::move(context), std::move(remoteAddress), mode);
}

ConnectionSlot::ConnectionSlot(std::shared_ptr<ServerContext> context, std::string remoteAddress, SessionMode mode)
    : m_context(std::move(context)), m_remoteAddress(std::move(remoteAddress)), m_mode(mode)
{
}

ConnectionSlot::ConnectionSlot(ConnectionSlot&& other) noexcept
    : m_context(std::move(other.m_context)), m_remoteAddress(std::move(other.m_remoteAddress)), m_mode(other.m_mode)
{
}

ConnectionSlot::~ConnectionSlot()
{
    if (!m_context)
        return;
    ConnectionCounts& counts = m_context->connections;
    std::lock_guard lock(counts.mutex);
    --placeOf(counts.total, m_mode);
    const auto found = counts.byAddress.find(m_remoteAddress);
    if (found == counts.byAddress.end())
        return; // cannot happen: claim() made it
    --placeOf(found->second, m_mode);
    // Only addresses with open connections stay, so the map is bounded by the connections themselves.
    if (found->second.served == 0 && found->second.rejecting == 0)
        counts.byAddress.erase(found);
}

} // namespace sango::server::detail
