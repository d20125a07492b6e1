#pragma once
// Decodes camera frames off the caller's thread, one at a time. A frame that arrives while the worker is busy
// is dropped, not queued: the next frame is as good, and a queue would only make the scan answer late.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "sango/hal/luma_image.h"
#include "sango/hal/qr_decoder.h"

namespace sango::hal {

class FrameDecoder {
public:
    // Called on the worker thread with the text of each frame that holds a QR code.
    using Handler = std::function<void(std::string)>;

    struct Counters {
        std::uint64_t submitted = 0;          // every submit()
        std::uint64_t dropped = 0;            // refused because the worker was busy
        std::uint64_t decoded = 0;            // frames that gave a text
        std::uint64_t skippedImplausible = 0; // frames the plausibility check spared the decoder
    };

    explicit FrameDecoder(Handler handler);
    ~FrameDecoder(); // finishes the frame in hand (its handler call included), then stops
    FrameDecoder(const FrameDecoder&) = delete;
    FrameDecoder& operator=(const FrameDecoder&) = delete;

    // Hands a frame to the worker; false (and the frame dropped) when it still has one.
    bool submit(LumaImage frame);
    // The same, copying the view's pixels only when the frame is taken.
    bool submit(const LumaView& frame);

    bool busy() const;
    Counters counters() const;
    // Waits until the worker has no frame (true), or the timeout passes (false). For tests and shutdown.
    bool waitIdle(std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;

private:
    void run();

    Handler m_handler;
    QrDecoder m_decoder;
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_wake; // a frame or the stop for the worker
    mutable std::condition_variable m_idle; // the worker put its frame down
    std::optional<LumaImage> m_frame;       // the frame handed over, not yet taken by the worker
    bool m_busy = false;                    // a frame handed over or in the worker's hands
    bool m_stop = false;
    Counters m_counters;
    std::thread m_worker; // last: started after everything it uses
};

} // namespace sango::hal
