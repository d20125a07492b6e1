#include "sango/hal/line_framer.h"

namespace sango::hal {

LineFramer::LineFramer(std::size_t maxLine) : m_maxLine(maxLine) {}

std::vector<std::string> LineFramer::feed(std::string_view bytes)
{
    std::vector<std::string> lines;
    for (const char c : bytes) {
        const bool afterCr = m_afterCr;
        m_afterCr = (c == '\r');
        if (c == '\n' && afterCr)
            continue; // the LF of a CRLF
        if (c == '\r' || c == '\n') {
            if (m_discarding)
                ++m_dropped;
            else if (!m_line.empty())
                lines.push_back(std::move(m_line));
            m_line.clear();
            m_discarding = false;
            continue;
        }
        if (m_discarding)
            continue;
        if (m_line.size() >= m_maxLine) {
            m_line.clear();
            m_discarding = true;
            continue;
        }
        m_line.push_back(c);
    }
    return lines;
}

void LineFramer::reset()
{
    m_line.clear();
    m_afterCr = false;
    m_discarding = false;
}

} // namespace sango::hal
