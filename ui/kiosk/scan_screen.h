#pragma once
// The scan screen: camera preview, the service a scan opens, the result of the last scan at once (colour,
// sound and words, for the mother in plain words and for staff in short), and the open sessions with their
// elapsed and billed-if-closed-now time, closed or cancelled by touch. Scans arrive from any source (camera,
// keyboard wedge, serial scanner, a test's fake) through handleScan().
#include <QImage>
#include <QString>
#include <QWidget>

namespace sango::kiosk {

class KioskContext;

enum class ScanOrigin { camera, wedge, serial, typed };

class ScanScreen : public QWidget {
    Q_OBJECT
public:
    explicit ScanScreen(KioskContext& context, QWidget* parent = nullptr);

public Q_SLOTS:
    // A QR text (or, with ScanOrigin::typed, a typed coupon id) to open or close a session with.
    void handleScan(const QString& text, sango::kiosk::ScanOrigin origin);
    // The latest camera frame for the preview.
    void showPreview(const QImage& frame);

Q_SIGNALS:
    // After every scan's result is on screen (tests and the scan-to-feedback benchmark wait for it).
    void resultShown();

private:
    KioskContext* m_context;
};

} // namespace sango::kiosk
