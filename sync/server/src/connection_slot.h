#pragma once
// A place among the connections the server counts (ServerContext::served or ::rejecting).
#include <atomic>
#include <cstddef>
#include <memory>
#include <utility>

#include "server_context.h"

namespace sango::server::detail {

// One counted connection; gives its place back when the connection object goes, however it goes.
class ConnectionSlot {
public:
    ConnectionSlot(std::shared_ptr<ServerContext> context, std::atomic<std::size_t>& counter)
        : m_context(std::move(context)), m_counter(&counter)
    {
    }
    ~ConnectionSlot()
    {
        if (m_counter)
            m_counter->fetch_sub(1);
    }
    ConnectionSlot(const ConnectionSlot&) = delete;
    ConnectionSlot& operator=(const ConnectionSlot&) = delete;
    ConnectionSlot(ConnectionSlot&& other) noexcept
        : m_context(std::move(other.m_context)), m_counter(other.m_counter)
    {
        other.m_counter = nullptr;
    }
    ConnectionSlot& operator=(ConnectionSlot&&) = delete;

private:
    std::shared_ptr<ServerContext> m_context; // keeps the counter alive
    std::atomic<std::size_t>* m_counter;
};

} // namespace sango::server::detail
