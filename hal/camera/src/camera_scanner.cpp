#include "sango/hal/camera_scanner.h"

#include <QCamera>
#include <QCameraDevice>
#include <QMediaCaptureSession>
#include <QMediaDevices>
#include <QMetaMethod>
#include <QMetaObject>
#include <QVideoFrameFormat>
#include <QVideoSink>

namespace sango::hal {

namespace {

std::chrono::milliseconds steadyNow()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch());
}

// Formats whose plane 0 is the full-resolution luminance, one byte a pixel.
bool hasLumaPlane(QVideoFrameFormat::PixelFormat f)
{
    switch (f) {
    case QVideoFrameFormat::Format_NV12:
    case QVideoFrameFormat::Format_NV21:
    case QVideoFrameFormat::Format_YUV420P:
    case QVideoFrameFormat::Format_YUV422P:
    case QVideoFrameFormat::Format_YV12:
    case QVideoFrameFormat::Format_IMC1:
    case QVideoFrameFormat::Format_IMC2:
    case QVideoFrameFormat::Format_IMC3:
    case QVideoFrameFormat::Format_IMC4:
    case QVideoFrameFormat::Format_Y8:
        return true;
    default:
        return false;
    }
}

// Packed 4:2:2 (most USB webcams): the luminance is every other byte, from this offset.
int packedLumaOffset(QVideoFrameFormat::PixelFormat f)
{
    switch (f) {
    case QVideoFrameFormat::Format_YUYV:
        return 0;
    case QVideoFrameFormat::Format_UYVY:
        return 1;
    default:
        return -1;
    }
}

// A preferred capture format: 1280×720 or the nearest above it (enough for a phone screen at arm's length,
// cheap to decode), else whatever the camera offers first.
QCameraFormat preferredFormat(const QCameraDevice& device)
{
    QCameraFormat best;
    for (const QCameraFormat& f : device.videoFormats()) {
        const QSize s = f.resolution();
        if (s.width() < 1280 || s.height() < 720)
            continue;
        if (best.isNull() || s.width() * s.height() < best.resolution().width() * best.resolution().height())
            best = f;
    }
    return best;
}

} // namespace

CameraScanner::CameraScanner(QObject* parent, TimeSource now)
    : QObject(parent),
      m_now(now ? std::move(now) : TimeSource(steadyNow)),
      m_decoder(std::make_unique<FrameDecoder>([this](std::string text) {
          // On the worker thread: hand the text to this object's thread. If this object is gone by then, Qt
          // discards the call (the worker is always stopped before, see the destructor).
          QMetaObject::invokeMethod(
              this, [this, t = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()))] { onDecoded(t); },
              Qt::QueuedConnection);
      }))
{
}

CameraScanner::~CameraScanner()
{
    stop();
    m_decoder.reset(); // joins the worker before anything it reaches is destroyed
}

QStringList CameraScanner::cameraIds()
{
    QStringList ids;
    for (const QCameraDevice& d : QMediaDevices::videoInputs())
        ids.push_back(QString::fromUtf8(d.id()));
    return ids;
}

bool CameraScanner::start(const QString& cameraId)
{
    stop();
    QCameraDevice device;
    if (cameraId.isEmpty()) {
        device = QMediaDevices::defaultVideoInput();
    } else {
        for (const QCameraDevice& d : QMediaDevices::videoInputs())
            if (QString::fromUtf8(d.id()) == cameraId)
                device = d;
    }
    if (device.isNull()) {
        Q_EMIT cameraError(cameraId.isEmpty() ? CameraProblem::noCamera : CameraProblem::notConnected, cameraId);
        return false;
    }
    m_camera = std::make_unique<QCamera>(device);
    if (const QCameraFormat format = preferredFormat(device); !format.isNull())
        m_camera->setCameraFormat(format);
    connect(m_camera.get(), &QCamera::errorOccurred, this, [this](QCamera::Error, const QString& detail) {
        Q_EMIT cameraError(CameraProblem::failed, detail);
    });
    m_sink = std::make_unique<QVideoSink>();
    connect(m_sink.get(), &QVideoSink::videoFrameChanged, this, &CameraScanner::feedFrame);
    m_session = std::make_unique<QMediaCaptureSession>();
    m_session->setCamera(m_camera.get());
    m_session->setVideoSink(m_sink.get());
    m_camera->start();
    return true;
}

void CameraScanner::stop()
{
    if (m_camera)
        m_camera->stop();
    if (m_session) {
        m_session->setVideoSink(nullptr);
        m_session->setCamera(nullptr);
    }
    m_session.reset();
    m_sink.reset();
    m_camera.reset();
}

bool CameraScanner::isActive() const
{
    return m_camera && m_camera->isActive();
}

void CameraScanner::feedFrame(const QVideoFrame& frame)
{
    if (!frame.isValid())
        return;
    QVideoFrame f(frame);
    const QVideoFrameFormat::PixelFormat format = f.pixelFormat();
    const int packed = packedLumaOffset(format);
    if ((hasLumaPlane(format) || packed >= 0) && f.map(QVideoFrame::ReadOnly)) {
        if (hasLumaPlane(format)) {
            m_decoder->submit(LumaView{f.bits(0), f.width(), f.height(), f.bytesPerLine(0)});
        } else if (!m_decoder->busy()) {
            LumaImage luma(f.width(), f.height());
            const uchar* bits = f.bits(0);
            const int bpl = f.bytesPerLine(0);
            for (int y = 0; y < f.height(); ++y) {
                const uchar* src = bits + static_cast<qsizetype>(y) * bpl + packed;
                std::uint8_t* dst = luma.row(y);
                for (int x = 0; x < f.width(); ++x)
                    dst[x] = src[2 * x];
            }
            m_decoder->submit(std::move(luma));
        } else {
            m_decoder->submit(LumaImage()); // busy: not worth the copy; counted as dropped
        }
        f.unmap();
    } else if (!m_decoder->busy()) {
        const QImage gray = f.toImage().convertToFormat(QImage::Format_Grayscale8);
        m_decoder->submit(
            LumaView{gray.constBits(), gray.width(), gray.height(), static_cast<int>(gray.bytesPerLine())});
    } else {
        m_decoder->submit(LumaImage()); // busy: counted as dropped
    }

    if (!isSignalConnected(QMetaMethod::fromSignal(&CameraScanner::previewFrame)))
        return; // nobody shows a preview: no colour conversion
    if (const std::chrono::milliseconds now = m_now(); !m_previewed || now - m_lastPreview >= kPreviewInterval) {
        m_previewed = true;
        m_lastPreview = now;
        Q_EMIT previewFrame(f.toImage());
    }
}

void CameraScanner::onDecoded(const QString& text)
{
    const std::chrono::milliseconds now = m_now();
    // Forget texts long absent, so that the map stays as small as the codes of the last few seconds.
    for (auto it = m_lastSeen.begin(); it != m_lastSeen.end();)
        it = now - it->second >= kRepeatAfterAbsence ? m_lastSeen.erase(it) : std::next(it);
    const bool fresh = m_lastSeen.find(text) == m_lastSeen.end();
    m_lastSeen[text] = now;
    if (fresh)
        Q_EMIT scanned(text);
}

} // namespace sango::hal
