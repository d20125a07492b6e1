// sango_kiosk_bench: scan-to-feedback time on the kiosk — from a camera frame handed to the camera path to the
// result on screen — with every real part in between: CameraScanner (frame → luminance → FrameDecoder on its
// worker thread, ZXing), the queued signal back to the GUI thread, ScanScreen::handleScan, Terminal::scan
// committing to the encrypted SQLCipher store (WAL, synchronous=FULL), and the result panel's update. Beside
// it, the same without the camera (a keyboard-wedge or serial scan: text → result on screen), so the camera's
// share shows.
//
// Each iteration scans the same coupon, alternately opening and closing its session: the fake clock moves 31
// minutes between scans (so no scan is a 10-s repeat) and the camera's own time source moves 5 s (so its
// repeat suppression lets the next sighting through). A 1280×720 frame with the QR (libqrencode, 6-px modules,
// on a grey background with noise) is made once. It prints the median, the 90th percentile and the maximum
// of --iterations (default 60) runs of each, after 5 warm-up scans; nothing is asserted. Run it in a Release
// build with TMPDIR on the terminal's real disk (fsync on tmpfs costs nothing).
#include <qrencode.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QVideoFrame>
#include <QVideoFrameFormat>

#include "kiosk_context.h"
#include "kiosk_settings.h"
#include "process.h"
#include "result_panel.h"
#include "sango/event_store.h"
#include "sango/hal/camera_scanner.h"
#include "sango/terminal.h"
#include "scan_screen.h"
#include "store_fixture.h"
#include "test_issuer.h"
#include "test_paths.h"

namespace {

using namespace sango;
using Steady = std::chrono::steady_clock;

QImage frameWithQr(const std::string& text)
{
    QRcode* code = QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M);
    if (!code) {
        std::fprintf(stderr, "qrencode failed\n");
        std::exit(1);
    }
    QImage img(1280, 720, QImage::Format_Grayscale8);
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> noise(-12, 12);
    for (int y = 0; y < img.height(); ++y) {
        uchar* line = img.scanLine(y);
        for (int x = 0; x < img.width(); ++x)
            line[x] = static_cast<uchar>(std::clamp(150 + noise(rng), 0, 255));
    }
    const int module = 6, quiet = 4;
    const int side = (code->width + 2 * quiet) * module;
    const int x0 = (img.width() - side) / 2, y0 = (img.height() - side) / 2;
    for (int y = 0; y < side; ++y) {
        uchar* line = img.scanLine(y0 + y);
        for (int x = 0; x < side; ++x) {
            const int mx = x / module - quiet, my = y / module - quiet;
            const bool dark = mx >= 0 && my >= 0 && mx < code->width && my < code->width &&
                              (code->data[my * code->width + mx] & 1);
            line[x0 + x] = static_cast<uchar>(std::clamp((dark ? 30 : 225) + noise(rng), 0, 255));
        }
    }
    QRcode_free(code);
    return img;
}

// The gray image as an NV12 frame, the format most USB cameras deliver through Qt Multimedia.
QVideoFrame nv12(const QImage& gray)
{
    QVideoFrame frame(QVideoFrameFormat(gray.size(), QVideoFrameFormat::Format_NV12));
    frame.map(QVideoFrame::WriteOnly);
    for (int y = 0; y < gray.height(); ++y)
        std::copy_n(gray.constScanLine(y), gray.width(), frame.bits(0) + y * frame.bytesPerLine(0));
    for (int y = 0; y < gray.height() / 2; ++y)
        std::fill_n(frame.bits(1) + y * frame.bytesPerLine(1), gray.width(), uchar(128));
    frame.unmap();
    return frame;
}

struct Stats {
    double median, p90, max;
};

Stats stats(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v[v.size() * 9 / 10], v.back()};
}

} // namespace

int main(int argc, char** argv)
{
    int iterations = 60;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--iterations")
            iterations = std::max(5, std::atoi(argv[i + 1]));
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);

    test::TempDir dir;
    test::TestIssuer issuer;
    FakeClock clock(test::kApril3Morning);
    StoreLocation where;
    where.dataDir = dir.path() / "data";
    auto store = EventStore::create(where,
                                    InitialConfig{"T1", test::readJson(test::testDataDir() / "policy.json"),
                                                  test::readJson(test::testDataDir() / "provider.json"),
                                                  issuer.trustJson()},
                                    clock.now());
    if (!store) {
        std::fprintf(stderr, "store: %s\n", store.error().message.c_str());
        return 1;
    }
    auto terminal = Terminal::load(*store, clock);
    if (!terminal || !terminal->addStaff("rec1", StaffRole::staff, "1357"))
        return 1;
    kiosk::KioskSettings settings;
    settings.sound = false;
    kiosk::KioskContext context(*store, *terminal, clock, settings, nullptr);
    if (!context.signIn("rec1", "1357"))
        return 1;
    kiosk::ScanScreen screen(context);
    screen.resize(1280, 800);
    screen.show();

    std::chrono::milliseconds cameraNow{0};
    hal::CameraScanner camera(nullptr, [&] { return cameraNow; });
    QObject::connect(&camera, &hal::CameraScanner::scanned, &screen,
                     [&](const QString& text) { screen.handleScan(text, kiosk::ScanOrigin::camera); });
    bool shown = false;
    QObject::connect(&screen, &kiosk::ScanScreen::resultShown, [&] { shown = true; });

    test::TestIssuer::Claims claims;
    claims.couponId = test::TestIssuer::makeCouponId(1);
    claims.grant = 1000000;
    const std::string qr = issuer.issue(claims);
    const QVideoFrame frame = nv12(frameWithQr(qr));

    auto once = [&](bool viaCamera) -> double {
        clock.advance(std::chrono::minutes(31));
        cameraNow += std::chrono::seconds(5);
        shown = false;
        const auto t0 = Steady::now();
        if (viaCamera)
            camera.feedFrame(frame);
        else
            screen.handleScan(QString::fromStdString(qr), kiosk::ScanOrigin::wedge);
        QElapsedTimer guard;
        guard.start();
        while (!shown) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            if (guard.elapsed() > 10000) {
                std::fprintf(stderr, "no result within 10 s\n");
                std::exit(1);
            }
        }
        return std::chrono::duration<double, std::milli>(Steady::now() - t0).count();
    };
    for (int i = 0; i < 5; ++i) {
        once(true);
        once(false);
    }
    std::vector<double> cam, text;
    for (int i = 0; i < iterations; ++i) {
        cam.push_back(once(true));
        text.push_back(once(false));
    }
    const Stats c = stats(cam), t = stats(text);
    std::printf("scan to feedback, %d scans each (ms)      median      p90      max\n", iterations);
    std::printf("  camera frame 1280x720 -> result shown  %8.2f %8.2f %8.2f\n", c.median, c.p90, c.max);
    std::printf("  scanner text -> result shown            %8.2f %8.2f %8.2f\n", t.median, t.p90, t.max);
    std::printf("  camera / text (median)                  %8.2fx\n", c.median / t.median);
    std::printf("last result on screen: %s\n", screen.resultPanel()->text().toStdString().c_str());
    return 0;
}
