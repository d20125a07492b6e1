// The serial line framer and the keyboard-wedge detector on arbitrary bytes. The framer's lines never hold a
// terminator, are never empty and never exceed maxLine; the detector's bookkeeping always adds up (every
// held key is later given back or consumed by a scan, exactly once).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sango/hal/line_framer.h"
#include "sango/hal/wedge_detector.h"

namespace {

void check(bool ok)
{
    if (!ok)
        std::abort();
}

void fuzzFramer(std::string_view data)
{
    // The first byte picks the maximum line length and the size of the reads.
    const std::size_t maxLine = data.empty() ? 16 : 1 + static_cast<std::uint8_t>(data[0]) % 64;
    const std::size_t chunk = data.size() < 2 ? 1 : 1 + static_cast<std::uint8_t>(data[1]) % 7;
    sango::hal::LineFramer framer(maxLine);
    while (!data.empty()) {
        const auto piece = data.substr(0, chunk);
        data.remove_prefix(piece.size());
        for (const auto& line : framer.feed(piece)) {
            check(!line.empty() && line.size() <= maxLine);
            check(line.find_first_of("\r\n") == std::string::npos);
        }
    }
}

void fuzzDetector(std::string_view data)
{
    sango::hal::WedgeDetector detector({.maxGap = std::chrono::milliseconds(35), .minLength = 3,
        .maxLength = 40});
    std::size_t held = 0;
    std::chrono::milliseconds at{0};
    // Each event is two bytes: a time step (0..63 ms) and what happened.
    for (std::size_t i = 0; i + 1 < data.size(); i += 2) {
        const auto step = static_cast<std::uint8_t>(data[i]);
        const auto what = static_cast<std::uint8_t>(data[i + 1]);
        at += std::chrono::milliseconds(step % 64);
        sango::hal::WedgeDecision d;
        if (what == '\r') {
            d = detector.enter(at);
        } else if (what == 0xFF) {
            d = detector.expire(at);
        } else if (what == 0xFE) {
            d = detector.interrupt();
        } else if (what >= 0xC0 && i + 3 < data.size()) {
            d = detector.feed(data.substr(i + 1, 2 + ((what >> 5) & 1)), at); // a possibly broken UTF-8 char
        } else {
            d = detector.feed(static_cast<char32_t>(what) | static_cast<char32_t>(step >> 6) << 16, at);
        }
        check(d.release <= held);
        held -= d.release;
        if (d.scan) {
            check(!d.scan->empty() && d.release == 0);
            held = 0;
        }
        if (d.hold)
            ++held;
        check(held == detector.held() && held <= 40);
        check(detector.deadline().has_value() == (held > 0));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size)
{
    const std::string_view data(reinterpret_cast<const char*>(bytes), size);
    fuzzFramer(data);
    fuzzDetector(data);
    return 0;
}
