// FrameDecoder: frames decode on its worker thread, a frame offered while the worker is busy is dropped (never
// queued), blank frames skip the decoder, and the destructor stops cleanly. "Busy" is made deterministic by a
// handler that blocks on a latch.
#include <chrono>
#include <future>
#include <latch>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "sango/hal/frame_decoder.h"
#include "sango/hal/image_file.h"

namespace sango::hal {
namespace {

constexpr auto kDeadline = std::chrono::seconds(20);

LumaImage qrImage(const char* name = "00")
{
    auto image = loadImageFile(std::filesystem::path(SANGO_QR_DATA_DIR) / "clean" / (std::string(name) + ".png"));
    EXPECT_TRUE(image) << image.error().message;
    return image ? *image : LumaImage();
}

struct Recorder {
    std::mutex mutex;
    std::vector<std::string> texts;
    std::vector<std::thread::id> threads;
    void add(std::string text)
    {
        std::lock_guard lock(mutex);
        texts.push_back(std::move(text));
        threads.push_back(std::this_thread::get_id());
    }
};

TEST(FrameDecoder, DecodesOffTheCallersThread)
{
    Recorder rec;
    FrameDecoder decoder([&](std::string t) { rec.add(std::move(t)); });
    ASSERT_TRUE(decoder.submit(qrImage()));
    ASSERT_TRUE(decoder.waitIdle(kDeadline));
    {
        std::lock_guard lock(rec.mutex);
        ASSERT_EQ(rec.texts.size(), 1u);
        EXPECT_EQ(rec.texts[0].rfind("SGC1:", 0), 0u);
        EXPECT_NE(rec.threads[0], std::this_thread::get_id());
    }
    const auto c = decoder.counters();
    EXPECT_EQ(c.submitted, 1u);
    EXPECT_EQ(c.dropped, 0u);
    EXPECT_EQ(c.decoded, 1u);
    EXPECT_EQ(c.skippedImplausible, 0u);
}

TEST(FrameDecoder, DropsFramesWhileBusy)
{
    std::promise<void> entered;
    std::latch release(1);
    int calls = 0;
    FrameDecoder decoder([&](std::string) {
        if (++calls == 1) {
            entered.set_value();
            release.wait();
        }
    });
    const LumaImage frame = qrImage();
    ASSERT_TRUE(decoder.submit(frame));
    ASSERT_EQ(entered.get_future().wait_for(kDeadline), std::future_status::ready);
    // The worker is held in the handler: every frame now is dropped, the copying overload included.
    EXPECT_TRUE(decoder.busy());
    EXPECT_FALSE(decoder.submit(frame));
    EXPECT_FALSE(decoder.submit(frame.view()));
    EXPECT_FALSE(decoder.submit(frame));
    EXPECT_FALSE(decoder.waitIdle(std::chrono::milliseconds(1)));
    release.count_down();
    ASSERT_TRUE(decoder.waitIdle(kDeadline));
    EXPECT_FALSE(decoder.busy());
    // Free again: the next frame is taken (through the view, copied).
    ASSERT_TRUE(decoder.submit(frame.view()));
    ASSERT_TRUE(decoder.waitIdle(kDeadline));
    const auto c = decoder.counters();
    EXPECT_EQ(c.submitted, 5u);
    EXPECT_EQ(c.dropped, 3u);
    EXPECT_EQ(c.decoded, 2u);
    EXPECT_EQ(calls, 2);
}

TEST(FrameDecoder, BlankFramesSkipTheDecoder)
{
    int calls = 0;
    FrameDecoder decoder([&](std::string) { ++calls; });
    ASSERT_TRUE(decoder.submit(LumaImage(1280, 720, 90)));
    ASSERT_TRUE(decoder.waitIdle(kDeadline));
    EXPECT_FALSE(decoder.submit(LumaImage())); // nothing to decode: dropped
    const auto c = decoder.counters();
    EXPECT_EQ(c.skippedImplausible, 1u);
    EXPECT_EQ(c.decoded, 0u);
    EXPECT_EQ(c.dropped, 1u);
    EXPECT_EQ(calls, 0);
}

TEST(FrameDecoder, StopsWithAFrameInHand)
{
    std::promise<void> entered;
    std::latch release(1);
    std::vector<std::string> texts;
    std::thread releaser;
    {
        FrameDecoder decoder([&](std::string t) {
            texts.push_back(std::move(t));
            entered.set_value();
            release.wait();
        });
        ASSERT_TRUE(decoder.submit(qrImage()));
        ASSERT_EQ(entered.get_future().wait_for(kDeadline), std::future_status::ready);
        releaser = std::thread([&] { release.count_down(); });
        // The destructor waits for the handler to return, then stops the worker.
    }
    releaser.join();
    EXPECT_EQ(texts.size(), 1u);
    // Destroyed at once after a submit: no hang, no crash.
    FrameDecoder quick([](std::string) {});
    EXPECT_TRUE(quick.submit(qrImage()));
}

} // namespace
} // namespace sango::hal
