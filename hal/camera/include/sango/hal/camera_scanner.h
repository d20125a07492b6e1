#pragma once
// A camera as a QR scanner. Every frame, from the camera or from a test, goes through feedFrame(): its
// luminance is handed to a FrameDecoder (dropped while the decoder is busy), a preview image goes to the
// screen at most ~15 times a second, and each decoded text comes back on this object's (the GUI) thread as
// scanned(). A code held in front of the camera is one scan: the same text is not emitted again until it has
// been absent from the decoded frames for kRepeatAfterAbsence.
#include <chrono>
#include <functional>
#include <map>
#include <memory>

#include <QImage>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVideoFrame>

#include "sango/hal/frame_decoder.h"

class QCamera;
class QMediaCaptureSession;
class QVideoSink;

namespace sango::hal {

// What went wrong with the camera; the kiosk words it in the reader's language (hal/ has no translations).
enum class CameraProblem {
    noCamera,     // no camera at all
    notConnected, // the camera the settings name is not there (detail: its id)
    failed,       // the camera stopped working (detail: the system's own words)
};

class CameraScanner : public QObject {
    Q_OBJECT

public:
    // Monotonic time (for the preview rate and repeat suppression); steady_clock unless a test injects one.
    using TimeSource = std::function<std::chrono::milliseconds()>;
    static constexpr std::chrono::milliseconds kRepeatAfterAbsence{3000};
    static constexpr std::chrono::milliseconds kPreviewInterval{66};

    explicit CameraScanner(QObject* parent = nullptr, TimeSource now = {});
    ~CameraScanner() override;

    // Opens the camera with this id (empty: the system's default) and starts feeding its frames. False, with
    // cameraError() emitted, when there is no such camera.
    bool start(const QString& cameraId = {});
    void stop();
    bool isActive() const;
    // The ids of the cameras the system knows, for a settings page.
    static QStringList cameraIds();

    // For tests and diagnostics.
    FrameDecoder::Counters counters() const { return m_decoder->counters(); }
    bool waitIdle(std::chrono::milliseconds timeout = std::chrono::seconds(10)) const
    {
        return m_decoder->waitIdle(timeout);
    }

public Q_SLOTS:
    void feedFrame(const QVideoFrame& frame);

Q_SIGNALS:
    void scanned(const QString& text);
    void previewFrame(const QImage& image);
    // detail: the camera id or the system's message, in English, for the log and for staff.
    void cameraError(sango::hal::CameraProblem problem, const QString& detail);

private:
    void onDecoded(const QString& text);

    TimeSource m_now;
    std::chrono::milliseconds m_lastPreview{-1};
    bool m_previewed = false;
    std::map<QString, std::chrono::milliseconds> m_lastSeen; // text → when a frame last held it
    std::unique_ptr<QMediaCaptureSession> m_session;
    std::unique_ptr<QVideoSink> m_sink;
    std::unique_ptr<QCamera> m_camera;
    std::unique_ptr<FrameDecoder> m_decoder; // last: its worker stops first
};

} // namespace sango::hal
