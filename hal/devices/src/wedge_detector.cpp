#include "sango/hal/wedge_detector.h"

#include "utf8.h"

namespace sango::hal {

WedgeDetector::WedgeDetector(Options options) : m_options(options) {}

bool WedgeDetector::isPrintable(char32_t ch)
{
    if (ch < 0x20 || ch == 0x7F || (ch >= 0x80 && ch < 0xA0))
        return false;                        // C0, DEL, C1 controls
    if (ch >= 0xD800 && ch <= 0xDFFF)
        return false;                        // surrogates are not characters
    return ch <= 0x10FFFF;
}

WedgeDecision WedgeDetector::feed(char32_t ch, std::chrono::milliseconds at)
{
    if (!isPrintable(ch))
        return interrupt();
    WedgeDecision decision;
    const bool gap = gapExceeded(at);
    if (gap && !m_held.empty()) {
        decision.release = m_held.size();   // the burst so far was typing
        m_held.clear();
    }
    if (gap)
        m_passing = false;
    m_last = at;
    if (m_passing)
        return decision;
    if (m_held.size() >= m_options.maxLength) {
        decision.release += m_held.size();  // too long to be a scan: give it all back, let the rest pass
        m_held.clear();
        m_passing = true;
        return decision;
    }
    m_held.push_back(ch);
    decision.hold = true;
    return decision;
}

WedgeDecision WedgeDetector::feed(std::string_view utf8Char, std::chrono::milliseconds at)
{
    const auto ch = detail::decodeOne(utf8Char);
    if (!ch)
        return interrupt();
    return feed(*ch, at);
}

WedgeDecision WedgeDetector::enter(std::chrono::milliseconds at)
{
    WedgeDecision decision;
    if (!m_held.empty() && !gapExceeded(at) && m_held.size() >= m_options.minLength) {
        decision.scan = detail::encode(m_held);
    } else {
        decision.release = m_held.size();
    }
    m_held.clear();
    m_passing = false;
    m_last = at;
    return decision;
}

WedgeDecision WedgeDetector::expire(std::chrono::milliseconds at)
{
    WedgeDecision decision;
    if (gapExceeded(at)) {
        decision.release = m_held.size();
        m_held.clear();
        m_passing = false;
    }
    return decision;
}

WedgeDecision WedgeDetector::interrupt()
{
    WedgeDecision decision;
    decision.release = m_held.size();
    m_held.clear();
    m_passing = false;
    return decision;
}

std::optional<std::chrono::milliseconds> WedgeDetector::deadline() const
{
    if (m_held.empty())
        return std::nullopt;
    return m_last + m_options.maxGap;
}

} // namespace sango::hal
