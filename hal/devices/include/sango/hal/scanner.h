#pragma once
// A source of scanned texts (a QR code's content). Implementations call the handler on their own thread,
// once per scan; a GUI hands the text over to its own thread. start() and stop() never throw.
#include <functional>
#include <string>

namespace sango::hal {

class Scanner {
public:
    using Handler = std::function<void(std::string)>;

    virtual ~Scanner() = default;
    // Set before start(); the handler must not call stop() of the same scanner.
    virtual void setHandler(Handler handler) = 0;
    virtual void start() = 0;
    // Stops scanning; once it returns the handler is not called again. Safe to call twice or before start().
    virtual void stop() = 0;
};

// The safe default when no scanner is configured: never scans.
class NullScanner final : public Scanner {
public:
    void setHandler(Handler) override {}
    void start() override {}
    void stop() override {}
};

} // namespace sango::hal
