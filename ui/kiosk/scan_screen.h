#pragma once
// The scan screen: camera preview, the service a scan opens, the result of the last scan at once (colour,
// sound and words, for the mother in plain words and for staff in short), and the open sessions with their
// elapsed and billed-if-closed-now time, closed or cancelled by touch. Scans arrive from any source (camera,
// keyboard wedge, serial scanner, a test's fake) through handleScan().
//
// A scan is decided and committed locally by Terminal::scan (no network), then shown at once. Nobody signed
// in: refused, nothing recorded. The camera sees the same code many times a second: the same text from the
// camera is one scan until it has been out of sight for kCameraRepeat (the terminal's own 10 s repeat window
// still applies to every source). In visiting-caregiver mode the service is fixed to visit.
#include <chrono>
#include <optional>
#include <utility>

#include <QImage>
#include <QPointer>
#include <QString>
#include <QWidget>

#include "confined_file_dialog.h"
#include "result_text.h"
#include "sango/hal/camera_scanner.h"
#include "sango/clock.h"

class QLabel;
class QPushButton;

namespace sango::kiosk {

class KioskContext;
class ResultPanel;
class ServicePicker;
class OpenSessionsView;
class FeedbackSound;

enum class ScanOrigin { camera, wedge, serial, typed };

class ScanScreen : public QWidget {
    Q_OBJECT
public:
    explicit ScanScreen(KioskContext& context, QWidget* parent = nullptr);

    static constexpr std::chrono::seconds kCameraRepeat{3};

    // What the tests (and the window) reach.
    ResultPanel* resultPanel() const { return m_panel; }
    ServicePicker* servicePicker() const { return m_picker; }
    OpenSessionsView* openSessions() const { return m_sessions; }
    FeedbackSound* feedbackSound() const { return m_sound; }
    QLabel* preview() const { return m_preview; }
    bool hasPreview() const { return m_hasPreview; }
    // The picker "Load QR image…" opened, while it is open.
    ConfinedFileDialog* imageDialog() const { return m_imageDialog.data(); }

public Q_SLOTS:
    // Decodes the QR in an image file (PNG or JPEG) and scans it as a camera read; a file without a QR code
    // shows not_a_coupon. chooseImageFile() asks for the file first, in a ConfinedFileDialog limited to the
    // coupons folder and removable media (FileRoots::forImport): staff get no general file browser.
    void scanImageFile(const QString& path);
    void chooseImageFile();
    // A QR text (or, with ScanOrigin::typed, a typed coupon id) to open or close a session with.
    void handleScan(const QString& text, sango::kiosk::ScanOrigin origin);
    // The latest camera frame for the preview.
    void showPreview(const QImage& frame);
    // Back to the placeholder: no frame, no camera problem (the scan sources changed).
    void resetPreview();
    // The camera cannot be used: the preview says so, and what to do, in the current language.
    void showCameraProblem(sango::hal::CameraProblem problem, const QString& detail);
    // Close or cancel an open session by its id (the open sessions' buttons), showing the result.
    void closeSession(const QString& sessionId);
    void cancelSession(const QString& sessionId, const QString& reason);

Q_SIGNALS:
    // After every scan's result is on screen (tests and the scan-to-feedback benchmark wait for it).
    void resultShown();

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void present(const ResultFacts& facts);
    void retranslate();
    // A closed session's receipt, when a receipt printer is set (off the GUI thread).
    void printReceipt(const ScanResult& result);
    bool repeatedCameraRead(const QString& text);

    KioskContext* m_context;
    QLabel* m_preview;
    QPushButton* m_loadImage;
    ResultPanel* m_panel;
    ServicePicker* m_picker;
    OpenSessionsView* m_sessions;
    FeedbackSound* m_sound;
    bool m_hasPreview = false;
    std::optional<std::pair<hal::CameraProblem, QString>> m_cameraProblem;
    QString m_cameraText;
    std::optional<Instant> m_cameraSeen;
    QPointer<ConfinedFileDialog> m_imageDialog;
};

} // namespace sango::kiosk
