#include "settings_page.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPrinterInfo>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include "kiosk_context.h"
#include "sango/hal/camera_scanner.h"
#include "sango/hal/receipt_target.h"

namespace sango::kiosk {

namespace {

constexpr int kTouchHeight = 56;

template <typename W>
W* touch(W* w)
{
    w->setMinimumHeight(kTouchHeight);
    return w;
}

void selectData(QComboBox* box, const QString& value)
{
    const int i = box->findData(value);
    box->setCurrentIndex(i >= 0 ? i : 0);
}

QString chosen(const QComboBox* box)
{
    return box->currentData().toString();
}

// A device list with "the system's default" first (data ""), keeping a configured entry that is not present
// now (a printer switched off) so that saving does not lose it.
void fillList(QComboBox* box, const QStringList& names, const QString& configured)
{
    box->clear();
    box->addItem(QString(), QString());
    for (const QString& n : names)
        box->addItem(n, n);
    if (!configured.isEmpty() && box->findData(configured) < 0)
        box->addItem(configured, configured);
    selectData(box, configured);
}

const char* scannerCode(KioskSettings::Scanner s)
{
    switch (s) {
    case KioskSettings::Scanner::camera: return "camera";
    case KioskSettings::Scanner::wedge: return "wedge";
    case KioskSettings::Scanner::serial: return "serial";
    case KioskSettings::Scanner::none: return "none";
    }
    return "camera";
}

} // namespace

SettingsPage::SettingsPage(KioskContext& context, QWidget* parent) : QWidget(parent), m_context(&context)
{
    setObjectName(QStringLiteral("settingsPage"));
    auto* outer = new QVBoxLayout(this);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    auto* body = new QWidget(scroll);
    m_form = new QFormLayout(body);
    scroll->setWidget(body);
    outer->addWidget(scroll, 1);

    m_scanner = touch(new QComboBox(body));
    for (const char* code : {"camera", "wedge", "serial", "none"})
        m_scanner->addItem(QString(), QString::fromLatin1(code));
    m_camera = touch(new QComboBox(body));
    m_serialPort = touch(new QLineEdit(body));
    m_baud = touch(new QComboBox(body));
    for (int b : {9600, 19200, 38400, 57600, 115200})
        m_baud->addItem(QString::number(b), QString::number(b));
    m_printer = touch(new QComboBox(body));
    m_receiptPrinter = touch(new QLineEdit(body));
    m_receiptPrinter->setPlaceholderText(QStringLiteral("/dev/usb/lp0"));
    m_language = touch(new QComboBox(body));
    // Each language in its own words, like the language buttons.
    m_language->addItem(QString::fromUtf8("日本語"), QStringLiteral("ja"));
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QString::fromUtf8("中文"), QStringLiteral("zh_CN"));
    m_mode = touch(new QComboBox(body));
    m_mode->addItem(QString(), QStringLiteral("facility"));
    m_mode->addItem(QString(), QStringLiteral("visit"));
    m_service = touch(new QComboBox(body));
    for (const char* code : {"stay", "day", "visit"})
        m_service->addItem(QString(), QString::fromLatin1(code));
    m_idle = touch(new QSpinBox(body));
    m_idle->setRange(30, 24 * 3600);
    m_idle->setSingleStep(30);
    m_sound = touch(new QCheckBox(body));
    m_fullScreen = touch(new QCheckBox(body));
    m_ledger = new QLabel(body);
    m_ledger->setTextInteractionFlags(Qt::TextSelectableByMouse);

    for (QWidget* w : std::initializer_list<QWidget*>{m_scanner, m_camera, m_serialPort, m_baud, m_printer,
                                                      m_receiptPrinter, m_language, m_mode, m_service, m_idle,
                                                      m_sound, m_fullScreen, m_ledger})
        m_form->addRow(new QLabel(body), w);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("settingsMessage"));
    m_message->setWordWrap(true);
    m_save = touch(new QPushButton(this));
    m_save->setObjectName(QStringLiteral("saveSettingsButton"));
    outer->addWidget(m_message);
    outer->addWidget(m_save);
    connect(m_save, &QPushButton::clicked, this, [this] { (void)save(); });

    retranslateUi();
    load();
}

std::filesystem::path SettingsPage::settingsFile(KioskContext& context)
{
    return context.store().path().parent_path() / "kiosk.json";
}

void SettingsPage::fillDeviceLists()
{
    const KioskSettings& s = m_context->settings();
    fillList(m_camera, hal::CameraScanner::cameraIds(), QString::fromStdString(s.cameraId));
    fillList(m_printer, QPrinterInfo::availablePrinterNames(), QString::fromStdString(s.printer));
    retranslateUi(); // the "system default" entries
}

void SettingsPage::load()
{
    const KioskSettings& s = m_context->settings();
    selectData(m_scanner, QString::fromLatin1(scannerCode(s.scanner)));
    m_serialPort->setText(QString::fromStdString(s.serialPort));
    const QString baud = QString::number(s.serialBaud);
    if (m_baud->findData(baud) < 0)
        m_baud->addItem(baud, baud);
    selectData(m_baud, baud);
    m_receiptPrinter->setText(QString::fromStdString(s.receiptPrinter));
    selectData(m_language, QString::fromStdString(s.language));
    selectData(m_mode, s.mode == KioskSettings::Mode::visit ? QStringLiteral("visit") : QStringLiteral("facility"));
    selectData(m_service, QString::fromStdString(s.defaultService));
    m_idle->setValue(s.idleSignOutSeconds);
    m_sound->setChecked(s.sound);
    m_fullScreen->setChecked(s.fullScreen);
    // The device lists keep the configured entries until the page is shown and the system is asked.
    fillList(m_camera, {}, QString::fromStdString(s.cameraId));
    fillList(m_printer, {}, QString::fromStdString(s.printer));
    auto enrolment = m_context->store().enrolment();
    m_ledgerUrl = enrolment && *enrolment ? QString::fromStdString((*enrolment)->ledgerUrl) : QString();
    m_message->clear();
    retranslateUi();
}

bool SettingsPage::save()
{
    KioskSettings s = m_context->settings();
    const QString scanner = chosen(m_scanner);
    s.scanner = scanner == QStringLiteral("wedge")    ? KioskSettings::Scanner::wedge
                : scanner == QStringLiteral("serial") ? KioskSettings::Scanner::serial
                : scanner == QStringLiteral("none")   ? KioskSettings::Scanner::none
                                                      : KioskSettings::Scanner::camera;
    s.cameraId = chosen(m_camera).toStdString();
    s.serialPort = m_serialPort->text().trimmed().toStdString();
    s.serialBaud = chosen(m_baud).toInt();
    s.printer = chosen(m_printer).toStdString();
    s.receiptPrinter = m_receiptPrinter->text().trimmed().toStdString();
    // A printer's device or a print queue, never a file (the store, a report): refused here, and again at each
    // print (hal::ReceiptTarget is the one rule).
    if (auto target = hal::ReceiptTarget::parse(s.receiptPrinter, m_context->location().dataDir); !target) {
        const Error e = target.error();
        m_message->setText(tr("The settings were not saved: the receipt printer must be a printer's device, such as "
                              "/dev/usb/lp0, or the name of a print queue.") +
                           QStringLiteral("\n") + QString::fromStdString(e.message));
        m_receiptPrinter->setFocus();
        return false;
    }
    const std::string previousLanguage = s.language;
    s.language = chosen(m_language).toStdString();
    s.mode = chosen(m_mode) == QStringLiteral("visit") ? KioskSettings::Mode::visit : KioskSettings::Mode::facility;
    s.defaultService = chosen(m_service).toStdString();
    s.idleSignOutSeconds = m_idle->value();
    s.sound = m_sound->isChecked();
    s.fullScreen = m_fullScreen->isChecked();
    if (auto r = s.save(settingsFile(*m_context)); !r) {
        const Error e = r.error();
        m_message->setText(tr("The settings were not saved. %1").arg(KioskContext::staffMessage(e)) +
                           QStringLiteral("\n") + QString::fromStdString(e.message));
        return false;
    }
    m_context->settings() = s;
    m_message->setText(tr("Saved."));
    Q_EMIT saved();
    if (s.language != previousLanguage)
        Q_EMIT languageChosen(QString::fromStdString(s.language));
    return true;
}

void SettingsPage::retranslateUi()
{
    auto label = [this](QWidget* field, const QString& text) {
        if (auto* l = qobject_cast<QLabel*>(m_form->labelForField(field)))
            l->setText(text);
        field->setAccessibleName(text);
    };
    label(m_scanner, tr("Scanner"));
    label(m_camera, tr("Camera"));
    label(m_serialPort, tr("Serial scanner port"));
    label(m_baud, tr("Serial speed (baud)"));
    label(m_printer, tr("Printer"));
    label(m_receiptPrinter, tr("Receipt printer (device or print queue)"));
    label(m_language, tr("Language"));
    label(m_mode, tr("Mode"));
    label(m_service, tr("Service a scan opens"));
    label(m_idle, tr("Sign out after this long untouched"));
    label(m_sound, tr("Sound"));
    label(m_fullScreen, tr("Full screen"));
    label(m_ledger, tr("Municipal ledger"));

    m_scanner->setItemText(0, tr("Camera (and keyboard wedge)"));
    m_scanner->setItemText(1, tr("Keyboard wedge scanner only"));
    m_scanner->setItemText(2, tr("Serial scanner (and keyboard wedge)"));
    m_scanner->setItemText(3, tr("None (typed ids only)"));
    m_camera->setItemText(0, tr("The system's default camera"));
    m_printer->setItemText(0, tr("The system's default printer"));
    m_mode->setItemText(0, tr("Care facility (stay and day)"));
    m_mode->setItemText(1, tr("Home visits (works offline for hours)"));
    m_service->setItemText(0, tr("Stay"));
    m_service->setItemText(1, tr("Day"));
    m_service->setItemText(2, tr("Home visit"));
    m_idle->setSuffix(tr(" s"));
    m_sound->setText(tr("Play a sound on each scan"));
    m_fullScreen->setText(tr("Run full screen"));
    m_ledger->setText(m_ledgerUrl.isEmpty() ? tr("Not enrolled: this terminal keeps its records locally.")
                                            : m_ledgerUrl);
    m_save->setText(tr("Save"));
    m_save->setAccessibleName(tr("Save the settings"));
}

void SettingsPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void SettingsPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    // The live settings, which the language buttons may have changed since the page was last shown: a Save
    // must not put back an older language.
    load();
    fillDeviceLists();
}

} // namespace sango::kiosk
