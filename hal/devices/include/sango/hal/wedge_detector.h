#pragma once
// Tells a keyboard-wedge (USB HID) scanner from a person at the keyboard. Such a scanner "types" its text as a
// burst of key presses far faster than anyone types, ending in Enter. The detector is pure logic (no Qt, no
// clock: the caller gives each key's time) so that a GUI event filter can use it and tests and fuzzers can
// drive it.
//
// The caller HOLDS every key the detector says to hold (they might be a scan) and later either drops them
// (they were a scan) or gives them back in order, as typing (decision.release: the oldest N held keys). So a
// person's keys arrive at most maxGap late, and a scan never types into a field.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sango::hal {

struct WedgeDecision {
    // Give back the oldest `release` held keys, in order, as typing (before acting on the key just fed).
    std::size_t release = 0;
    // The key just fed is held (it may be part of a scan). When false, it passes at once (after the released).
    bool hold = false;
    // Set when Enter ended a scan: its text in UTF-8. Every held key and the Enter itself are consumed.
    std::optional<std::string> scan;
};

class WedgeDetector {
public:
    struct Options {
        std::chrono::milliseconds maxGap{35}; // a longer gap between two keys is a person typing
        std::size_t minLength = 8;            // a shorter burst is not a scan (QR texts and coupon ids are longer)
        std::size_t maxLength = 4096;         // a longer burst is not a scan: its keys are given back
    };

    WedgeDetector() = default;
    explicit WedgeDetector(Options options);

    // A printable character typed at `at` (any monotonic time base). A character that is not printable
    // (control, surrogate, out of range) breaks a burst like interrupt() and passes.
    WedgeDecision feed(char32_t ch, std::chrono::milliseconds at);
    // The same for one character in UTF-8; anything but exactly one valid code point is not printable.
    WedgeDecision feed(std::string_view utf8Char, std::chrono::milliseconds at);
    // Enter pressed at `at`: a scan if it ends a fast burst of at least minLength characters.
    WedgeDecision enter(std::chrono::milliseconds at);
    // Call when the time `deadline()` has come: gives the held keys back if the burst is over by `at`.
    WedgeDecision expire(std::chrono::milliseconds at);
    // Any other key (Tab, Backspace, a shortcut) or a focus change: gives every held key back.
    WedgeDecision interrupt();

    // How many keys are held now.
    std::size_t held() const { return m_held.size(); }
    // When the held keys stop being a possible scan (the last key's time + maxGap); empty if none is held.
    std::optional<std::chrono::milliseconds> deadline() const;
    const Options& options() const { return m_options; }

    static bool isPrintable(char32_t ch);

private:
    bool gapExceeded(std::chrono::milliseconds at) const { return at - m_last > m_options.maxGap; }

    Options m_options;
    std::vector<char32_t> m_held;
    std::chrono::milliseconds m_last{0};
    bool m_passing = false; // a burst overran maxLength: its keys pass until a gap or Enter
};

} // namespace sango::hal
