// CameraScanner without a camera: the recorded frames of tests/data/qr/camera become QVideoFrames (NV12,
// YUV420P, YUYV or RGB built from the gray frame) and go through feedFrame(), the path every camera frame
// takes. One QR held in front of the camera is one scanned(); it scans again only after 3 s without it.
// Time is a fake monotonic clock; each frame is decoded before the next is fed (waitIdle), so nothing is
// dropped and the outcome does not depend on the machine's speed.
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <QCoreApplication>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QVideoFrame>
#include <QVideoFrameFormat>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sango/hal/camera_scanner.h"
#include "sango/hal/image_file.h"

namespace sango::hal {
namespace {

using std::chrono::milliseconds;
namespace fs = std::filesystem;
const fs::path kDataDir = SANGO_QR_DATA_DIR;

LumaImage cameraFrame(int i)
{
    char name[32];
    std::snprintf(name, sizeof name, "frame-%02d.png", i);
    auto image = loadImageFile(kDataDir / "camera" / name);
    EXPECT_TRUE(image) << image.error().message;
    return image ? *image : LumaImage();
}

QString coupon()
{
    std::ifstream in(kDataDir.parent_path() / "credentials.json");
    return QString::fromStdString(nlohmann::json::parse(in).at("vectors").at(0).at("qr_text").get<std::string>());
}

// A video frame of the given format holding the gray image (chroma neutral).
QVideoFrame videoFrame(const LumaImage& gray, QVideoFrameFormat::PixelFormat format)
{
    const int w = gray.width(), h = gray.height();
    QVideoFrame frame(QVideoFrameFormat(QSize(w, h), format));
    if (!frame.map(QVideoFrame::WriteOnly))
        return {};
    const auto fill = [&](int plane, int rows) {
        std::memset(frame.bits(plane), 128, static_cast<std::size_t>(frame.bytesPerLine(plane) * rows));
    };
    switch (format) {
    case QVideoFrameFormat::Format_NV12:
    case QVideoFrameFormat::Format_YUV420P:
        for (int y = 0; y < h; ++y)
            std::memcpy(frame.bits(0) + y * frame.bytesPerLine(0), gray.view().data + y * gray.stride(),
                        static_cast<std::size_t>(w));
        for (int p = 1; p < frame.planeCount(); ++p)
            fill(p, h / 2);
        break;
    case QVideoFrameFormat::Format_YUYV:
        for (int y = 0; y < h; ++y) {
            uchar* row = frame.bits(0) + y * frame.bytesPerLine(0);
            for (int x = 0; x < w; ++x) {
                row[2 * x] = gray.view().at(x, y);
                row[2 * x + 1] = 128;
            }
        }
        break;
    default: // 32-bit RGB: every channel the gray level, alpha opaque
        for (int y = 0; y < h; ++y) {
            uchar* row = frame.bits(0) + y * frame.bytesPerLine(0);
            for (int x = 0; x < w; ++x)
                std::memset(row + 4 * x, gray.view().at(x, y), 4);
        }
        break;
    }
    frame.unmap();
    return frame;
}

class CameraScannerTest : public ::testing::Test {
protected:
    CameraScannerTest() : scanner(nullptr, [this] { return now; }), spy(&scanner, &CameraScanner::scanned)
    {
        for (int i = 0; i < 8; ++i)
            frames.push_back(cameraFrame(i));
    }

    // Feeds one frame, lets the decoder finish it and delivers what it posted to this thread.
    void feed(const LumaImage& gray, milliseconds step = milliseconds(100),
              QVideoFrameFormat::PixelFormat format = QVideoFrameFormat::Format_NV12)
    {
        const QVideoFrame frame = videoFrame(gray, format);
        ASSERT_TRUE(frame.isValid());
        scanner.feedFrame(frame);
        ASSERT_TRUE(scanner.waitIdle(std::chrono::seconds(20)));
        QCoreApplication::processEvents();
        now += step;
    }

    milliseconds now{1'000'000};
    CameraScanner scanner;
    QSignalSpy spy;
    std::vector<LumaImage> frames;
};

TEST_F(CameraScannerTest, RecordedSequenceIsOneScan)
{
    ASSERT_TRUE(spy.isValid());
    for (int i = 0; i < 5; ++i)
        feed(frames[static_cast<std::size_t>(i)]);
    EXPECT_EQ(spy.count(), 0) << "the desk and a phone half in view scan nothing";
    for (int i = 5; i < 8; ++i)
        feed(frames[static_cast<std::size_t>(i)]);
    ASSERT_EQ(spy.count(), 1);
    EXPECT_EQ(spy.at(0).at(0).toString(), coupon());
    // Held in front of the camera for two more seconds: still one scan.
    for (int k = 0; k < 20; ++k)
        feed(frames[5 + static_cast<std::size_t>(k % 3)]);
    EXPECT_EQ(spy.count(), 1);

    const auto c = scanner.counters();
    EXPECT_EQ(c.dropped, 0u);
    EXPECT_GE(c.decoded, 23u);
    EXPECT_GE(c.skippedImplausible, 3u); // the desk frames never reached ZXing
}

TEST_F(CameraScannerTest, ScansAgainOnlyAfterThreeSecondsAbsent)
{
    feed(frames[6], milliseconds(0));
    ASSERT_EQ(spy.count(), 1);
    // Away for 2.9 s (the desk only): back again, it is still the same scan.
    for (int k = 0; k < 29; ++k)
        feed(frames[0]);
    feed(frames[6], milliseconds(0));
    EXPECT_EQ(spy.count(), 1);
    // Away for 3 s: a new scan (the terminal decides whether it closes the session).
    for (int k = 0; k < 30; ++k)
        feed(frames[1]);
    feed(frames[7]);
    ASSERT_EQ(spy.count(), 2);
    EXPECT_EQ(spy.at(1).at(0).toString(), coupon());
}

TEST_F(CameraScannerTest, EveryFrameFormatReachesTheDecoder)
{
    for (const auto format : {QVideoFrameFormat::Format_NV12, QVideoFrameFormat::Format_YUV420P,
                              QVideoFrameFormat::Format_YUYV, QVideoFrameFormat::Format_XRGB8888}) {
        SCOPED_TRACE(QVideoFrameFormat::pixelFormatToString(format).toStdString());
        const auto before = scanner.counters().decoded;
        feed(frames[6], std::chrono::seconds(4), format); // 4 s apart: each one a new scan
        EXPECT_EQ(scanner.counters().decoded, before + 1);
    }
    ASSERT_EQ(spy.count(), 4);
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(spy.at(i).at(0).toString(), coupon());
}

TEST_F(CameraScannerTest, PreviewAtMostFifteenFramesASecond)
{
    QSignalSpy previews(&scanner, &CameraScanner::previewFrame);
    for (int k = 0; k < 10; ++k) // 50 frames a second for 0.2 s
        feed(frames[0], milliseconds(20));
    ASSERT_EQ(previews.count(), 3); // at 0, 80 and 160 ms
    const QImage first = previews.at(0).at(0).value<QImage>();
    EXPECT_EQ(first.size(), QSize(1280, 720));
}

// No such camera: start() says so in words and nothing runs. (The machines the tests run on have no camera
// with this id; cameraIds() lists what there is.)
TEST_F(CameraScannerTest, UnknownCameraIsAnError)
{
    QSignalSpy errors(&scanner, &CameraScanner::cameraError);
    const QString id = QStringLiteral("/dev/no-such-camera-for-sango-tests");
    ASSERT_FALSE(CameraScanner::cameraIds().contains(id));
    EXPECT_FALSE(scanner.start(id));
    ASSERT_EQ(errors.count(), 1);
    EXPECT_EQ(errors.at(0).at(0).value<CameraProblem>(), CameraProblem::notConnected);
    EXPECT_EQ(errors.at(0).at(1).toString(), id);
    EXPECT_FALSE(scanner.isActive());
    scanner.stop(); // harmless when not started
}

} // namespace
} // namespace sango::hal

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
