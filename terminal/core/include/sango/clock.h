#pragma once
// Time comes from an injected clock so that the core never reads the wall clock by itself: tests use a
// FakeClock, products the SystemClock (which libfaketime can steer from outside for black-box tests).
#include <chrono>

namespace sango {

// Instants are whole seconds since the Unix epoch (UTC). The terminal never needs finer time: billing uses
// whole minutes and the repeat-scan window is 10 s.
using Instant = std::chrono::sys_seconds;

class Clock {
public:
    virtual ~Clock() = default;
    virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
public:
    Instant now() const override
    {
        return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    }
};

class FakeClock final : public Clock {
public:
    explicit FakeClock(Instant start) : m_now(start) {}
    Instant now() const override { return m_now; }
    void set(Instant t) { m_now = t; }
    void advance(std::chrono::seconds d) { m_now += d; }

private:
    Instant m_now;
};

} // namespace sango
