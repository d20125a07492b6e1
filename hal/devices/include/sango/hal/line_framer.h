#pragma once
// Cuts the byte stream of a serial scanner into lines. A line ends at CR, LF or CRLF (also when the CR and
// the LF arrive in different reads); empty lines are skipped. Bytes are kept as they are (a line need not be
// UTF-8). A line longer than maxLine bytes is dropped whole, up to its end, and counted. Pure: no I/O.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sango::hal {

class LineFramer {
public:
    explicit LineFramer(std::size_t maxLine = 4096);

    // The lines completed by these bytes, in order.
    std::vector<std::string> feed(std::string_view bytes);
    // Forgets a partial line (the device went away mid-line).
    void reset();

    std::uint64_t droppedLines() const { return m_dropped; }
    std::size_t maxLine() const { return m_maxLine; }

private:
    std::size_t m_maxLine;
    std::string m_line;
    bool m_afterCr = false;     // the last byte was CR: a LF right after it ends nothing
    bool m_discarding = false;  // the current line overran maxLine: skip to its end
    std::uint64_t m_dropped = 0;
};

} // namespace sango::hal
