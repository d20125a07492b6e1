#include "manual_entry_page.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include "kiosk_context.h"
#include "result_text.h"
#include "sango/coupon_id.h"
#include "service_picker.h"

namespace sango::kiosk {

ManualEntryPage::ManualEntryPage(KioskContext& context, QWidget* parent) : ManagerPage(context, parent)
{
    m_idLabel = new QLabel(body());
    m_id = touch(new QLineEdit(body()));
    QFont big = m_id->font();
    big.setPointSize(20);
    big.setFamilies({QStringLiteral("DejaVu Sans Mono"), QStringLiteral("Noto Sans Mono CJK JP")});
    m_id->setFont(big);
    m_id->setMaxLength(40); // room for spaces and dashes while typing
    m_hint = new QLabel(body());
    m_hint->setWordWrap(true);
    m_service = new ServicePicker(context, body());
    m_submit = touch(new QPushButton(body()));
    m_outcome = new QLabel(body());
    m_outcome->setWordWrap(true);
    QFont f = m_outcome->font();
    f.setPointSize(18);
    m_outcome->setFont(f);

    auto* row = new QHBoxLayout;
    row->addWidget(m_idLabel);
    row->addWidget(m_id, 1);
    bodyLayout()->addLayout(row);
    bodyLayout()->addWidget(m_hint);
    bodyLayout()->addWidget(m_service);
    bodyLayout()->addWidget(m_submit);
    bodyLayout()->addWidget(m_outcome);
    bodyLayout()->addStretch(1);

    connect(m_id, &QLineEdit::textEdited, this, &ManualEntryPage::regroup);
    connect(m_id, &QLineEdit::returnPressed, this, [this]() { submit(); });
    connect(m_submit, &QPushButton::clicked, this, [this]() { submit(); });
    retranslate();
}

void ManualEntryPage::retranslate()
{
    m_idLabel->setText(tr("Coupon id"));
    m_hint->setText(tr("16 characters, as printed under the QR code: 0–9 and A–Z. Spaces and dashes do not "
                       "matter."));
    m_submit->setText(tr("Record"));
    m_id->setPlaceholderText(QStringLiteral("XXXX-XXXX-XXXX-XXXX"));
    m_id->setAccessibleName(tr("Coupon id typed by hand"));
    m_submit->setAccessibleName(tr("Open or close a session for the typed coupon id"));
}

void ManualEntryPage::regroup(const QString& typed)
{
    // Canonical characters grouped 4-4-4-4 while they are coupon-id characters; anything else stays as typed
    // (and is refused on submit with the reason).
    if (auto folded = couponid::fold(typed.toStdString(), couponid::kLength)) {
        const QString grouped = QString::fromStdString(couponid::grouped(*folded));
        if (grouped != typed)
            m_id->setText(grouped);
    }
}

void ManualEntryPage::setCouponId(const QString& typed)
{
    m_id->setText(typed);
    regroup(typed);
}

QString ManualEntryPage::couponText() const
{
    return m_id->text();
}

bool ManualEntryPage::setService(Service service)
{
    return m_service->setService(service);
}

QString ManualEntryPage::outcome() const
{
    return m_outcome->text();
}

Expected<ScanResult> ManualEntryPage::submit()
{
    auto r = [&]() -> Expected<ScanResult> {
        SANGO_TRY(requireManager());
        return m_context->terminal().scan(ScanInput::typed(m_id->text().trimmed().toStdString()),
                                          m_service->service(), m_context->staffId());
    }();
    if (!r) {
        say(m_outcome, [e = r.error()] { return failureText(e); });
        return r;
    }
    m_context->recorded();
    say(m_outcome, [facts = ResultText::fromScan(*r, m_context->terminal().localTime()),
                    id = QString::fromStdString(couponid::grouped(r->session.couponId)),
                    session = QString::fromStdString(r->session.sessionId)]() -> QString {
        const ResultTexts words = ResultText::render(facts);
        QString text = words.headline;
        for (const QString& line : {words.mother, words.staff})
            if (!line.isEmpty())
                text += QStringLiteral("\n") + line;
        return text + QStringLiteral("\n") + id + QStringLiteral(" · ") + session;
    });
    if (r->action != ScanAction::ignored)
        m_id->clear();
    return r;
}

} // namespace sango::kiosk
