#include "sango/hal/frame_decoder.h"

#include <exception>

namespace sango::hal {

FrameDecoder::FrameDecoder(Handler handler) : m_handler(std::move(handler)), m_worker([this] { run(); }) {}

FrameDecoder::~FrameDecoder()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_worker.join();
}

bool FrameDecoder::submit(LumaImage frame)
{
    {
        std::lock_guard lock(m_mutex);
        ++m_counters.submitted;
        if (m_busy || m_stop || frame.empty()) {
            ++m_counters.dropped;
            return false;
        }
        m_frame = std::move(frame);
        m_busy = true;
    }
    m_wake.notify_one();
    return true;
}

bool FrameDecoder::submit(const LumaView& frame)
{
    {
        std::lock_guard lock(m_mutex);
        ++m_counters.submitted;
        if (m_busy || m_stop || frame.empty()) {
            ++m_counters.dropped;
            return false;
        }
        m_busy = true; // the copy below happens outside the lock; nobody else can take the slot meanwhile
    }
    LumaImage copy;
    try {
        copy = LumaImage::copyOf(frame);
    } catch (const std::exception&) { // out of memory: this frame is dropped, the next one may be taken
        {
            std::lock_guard lock(m_mutex);
            m_busy = false;
            ++m_counters.dropped;
        }
        m_idle.notify_all();
        return false;
    }
    {
        std::lock_guard lock(m_mutex);
        m_frame = std::move(copy);
    }
    m_wake.notify_one();
    return true;
}

bool FrameDecoder::busy() const
{
    std::lock_guard lock(m_mutex);
    return m_busy;
}

FrameDecoder::Counters FrameDecoder::counters() const
{
    std::lock_guard lock(m_mutex);
    return m_counters;
}

bool FrameDecoder::waitIdle(std::chrono::milliseconds timeout) const
{
    std::unique_lock lock(m_mutex);
    return m_idle.wait_for(lock, timeout, [this] { return !m_busy; });
}

void FrameDecoder::run()
{
    for (;;) {
        LumaImage frame;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || m_frame.has_value(); });
            if (!m_frame)
                return; // stopping with nothing in hand
            frame = std::move(*m_frame);
            m_frame.reset();
        }
        std::optional<std::string> text;
        const bool plausible = QrDecoder::plausible(frame.view());
        if (plausible)
            text = m_decoder.decode(frame.view());
        {
            std::lock_guard lock(m_mutex);
            if (!plausible)
                ++m_counters.skippedImplausible;
            if (text)
                ++m_counters.decoded;
        }
        if (text && m_handler)
            m_handler(std::move(*text));
        {
            std::lock_guard lock(m_mutex);
            m_busy = false;
        }
        m_idle.notify_all();
    }
}

} // namespace sango::hal
