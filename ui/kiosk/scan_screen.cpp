#include "scan_screen.h"

#include <QEvent>
#include <QPushButton>
#include <QVBoxLayout>
#include <QGridLayout>
#include <QLabel>
#include <QPixmap>

#include "confined_file_dialog.h"
#include "feedback_sound.h"
#include "file_roots.h"
#include "kiosk_context.h"
#include "open_sessions_view.h"
#include "receipt_job.h"
#include "result_panel.h"
#include "sango/hal/image_file.h"
#include "service_picker.h"

namespace sango::kiosk {

ScanScreen::ScanScreen(KioskContext& context, QWidget* parent) : QWidget(parent), m_context(&context)
{
    m_preview = new QLabel(this);
    m_preview->setMinimumSize(320, 240);
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setWordWrap(true);
    m_preview->setFrameShape(QFrame::StyledPanel);
    QFont f = m_preview->font();
    f.setPointSize(14);
    m_preview->setFont(f);

    m_panel = new ResultPanel(this);
    m_picker = new ServicePicker(context, this);
    m_sessions = new OpenSessionsView(context, this);
    m_sound = new FeedbackSound(context.settings(), this);

    // A coupon's QR as an image file (a photo, a screenshot, the demo's PNGs): the same decoder as the camera.
    m_loadImage = new QPushButton(this);
    m_loadImage->setMinimumHeight(56);
    connect(m_loadImage, &QPushButton::clicked, this, &ScanScreen::chooseImageFile);
    auto* previewColumn = new QVBoxLayout;
    previewColumn->addWidget(m_preview, 1);
    previewColumn->addWidget(m_loadImage);

    auto* grid = new QGridLayout(this);
    grid->addLayout(previewColumn, 0, 0);
    grid->addWidget(m_panel, 0, 1);
    grid->addWidget(m_picker, 1, 0, 1, 2);
    grid->addWidget(m_sessions, 2, 0, 1, 2);
    grid->setColumnStretch(1, 2);
    grid->setRowStretch(2, 1);

    connect(m_sessions, &OpenSessionsView::closeRequested, this, &ScanScreen::closeSession);
    connect(m_sessions, &OpenSessionsView::cancelRequested, this, &ScanScreen::cancelSession);
    connect(m_context, &KioskContext::staffChanged, this, [this]() {
        // A new member starts with a clean screen: no previous result, no camera read remembered.
        m_panel->clear();
        m_cameraText.clear();
        m_cameraSeen.reset();
    });
    retranslate();
}

bool ScanScreen::repeatedCameraRead(const QString& text)
{
    const Instant now = m_context->clock().now();
    const bool repeated = text == m_cameraText && m_cameraSeen && now >= *m_cameraSeen &&
                          now - *m_cameraSeen <= kCameraRepeat;
    m_cameraText = text;
    m_cameraSeen = now;
    return repeated;
}

void ScanScreen::handleScan(const QString& text, ScanOrigin origin)
{
    // Scanners add line ends and the like; no coupon text begins or ends with white space.
    const QString trimmed = text.trimmed();
    if (origin == ScanOrigin::camera && repeatedCameraRead(trimmed))
        return; // the same code still in front of the camera: not a new scan
    if (!m_context->staff()) {
        present(ResultText::notSignedIn());
        return;
    }
    const std::string raw = trimmed.toStdString();
    const ScanInput input = origin == ScanOrigin::typed ? ScanInput::typed(raw) : ScanInput::qr(raw);
    auto r = m_context->terminal().scan(input, m_picker->service(), m_context->staffId());
    if (!r) {
        present(ResultText::fromError(r.error()));
        return;
    }
    m_context->recorded();
    present(ResultText::fromScan(*r, m_context->terminal().localTime()));
    printReceipt(*r);
}

void ScanScreen::closeSession(const QString& sessionId)
{
    if (!m_context->staff()) {
        present(ResultText::notSignedIn());
        return;
    }
    auto r = m_context->terminal().close(sessionId.toStdString(), m_context->staffId());
    if (!r) {
        present(ResultText::fromError(r.error()));
        return;
    }
    m_context->recorded();
    present(ResultText::fromScan(*r, m_context->terminal().localTime()));
    printReceipt(*r);
}

void ScanScreen::printReceipt(const ScanResult& result)
{
    const std::string& device = m_context->settings().receiptPrinter;
    if (result.action != ScanAction::closed || device.empty())
        return;
    ReceiptJob::printInBackground(device, m_context->location().dataDir,
                                  ReceiptJob::receiptFor(result.session, result.balanceMinutes,
                                                         m_context->terminal().localTime()));
}

void ScanScreen::cancelSession(const QString& sessionId, const QString& reason)
{
    if (!m_context->staff()) {
        present(ResultText::notSignedIn());
        return;
    }
    auto r = m_context->terminal().cancel(sessionId.toStdString(), m_context->staffId(), reason.toStdString());
    if (!r) {
        present(ResultText::fromError(r.error()));
        return;
    }
    m_context->recorded();
    present(ResultText::fromCancel(*r, m_context->terminal().localTime()));
}

void ScanScreen::chooseImageFile()
{
    // No general file browser for staff: the coupons folder and removable media only, read-only.
    if (m_imageDialog)
        m_imageDialog->close();
    auto roots = FileRoots::forImport(m_context->settings(), m_context->location().dataDir,
                                      FileRoots::removableMedia());
    auto* dialog = new ConfinedFileDialog(ConfinedFileDialog::Mode::open, std::move(roots),
                                          {QStringLiteral("*.png"), QStringLiteral("*.jpg"), QStringLiteral("*.jpeg")},
                                          QString(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConfinedFileDialog::fileChosen, this, &ScanScreen::scanImageFile);
    m_imageDialog = dialog;
    dialog->open();
}

void ScanScreen::scanImageFile(const QString& path)
{
    auto text = hal::decodeImageFile(path.toStdString());
    if (!text) {
        present(ResultText::fromError(text.error()));
        return;
    }
    handleScan(QString::fromStdString(*text), ScanOrigin::camera);
}

void ScanScreen::resetPreview()
{
    m_cameraProblem.reset();
    m_hasPreview = false;
    m_preview->setPixmap(QPixmap());
    retranslate();
}

void ScanScreen::showCameraProblem(hal::CameraProblem problem, const QString& detail)
{
    m_cameraProblem = std::make_pair(problem, detail);
    m_hasPreview = false;
    m_preview->setPixmap(QPixmap());
    retranslate();
}

void ScanScreen::showPreview(const QImage& frame)
{
    if (frame.isNull())
        return;
    m_hasPreview = true;
    m_cameraProblem.reset();
    m_preview->setPixmap(
        QPixmap::fromImage(frame.scaled(m_preview->contentsRect().size(), Qt::KeepAspectRatio, Qt::FastTransformation)));
}

void ScanScreen::present(const ResultFacts& facts)
{
    m_panel->showResult(facts);
    m_sound->play(facts.kind); // returns at once
    Q_EMIT resultShown();
}

void ScanScreen::retranslate()
{
    if (m_cameraProblem) {
        switch (m_cameraProblem->first) {
        case hal::CameraProblem::noCamera:
            m_preview->setText(tr("No camera was found. Connect a camera, or type the coupon id."));
            break;
        case hal::CameraProblem::notConnected:
            m_preview->setText(tr("The camera chosen in the settings (%1) is not connected. Connect it or choose "
                                  "another camera in the settings, or type the coupon id.")
                                   .arg(m_cameraProblem->second));
            break;
        case hal::CameraProblem::failed:
            m_preview->setText(tr("The camera stopped working (%1). Check its cable and start scanning again, or "
                                  "type the coupon id.")
                                   .arg(m_cameraProblem->second));
            break;
        }
    } else if (!m_hasPreview) {
        m_preview->setText(m_context->settings().scanner == KioskSettings::Scanner::camera
                               ? tr("No camera picture yet. Hold the coupon's QR code to the scanner.")
                               : tr("Scan the coupon's QR code with the scanner."));
    }
    m_loadImage->setText(tr("Load QR image…"));
    m_loadImage->setAccessibleName(tr("Load a QR code image from a file"));
    m_preview->setAccessibleName(tr("Camera picture"));
    m_preview->setAccessibleDescription(tr("What the camera sees: hold the coupon's QR code in front of it."));
}

void ScanScreen::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ScanScreen::showEvent(QShowEvent* event)
{
    // The settings page may have changed the mode or the default service meanwhile.
    m_picker->refresh();
    m_sessions->refresh();
    QWidget::showEvent(event);
}

} // namespace sango::kiosk
