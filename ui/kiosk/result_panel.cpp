#include "result_panel.h"

#include <QAccessible>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

namespace sango::kiosk {

namespace {

QLabel* makeLabel(int pointSize, bool bold, QWidget* parent)
{
    auto* l = new QLabel(parent);
    l->setWordWrap(true);
    l->setTextFormat(Qt::PlainText);
    QFont f = l->font();
    f.setPointSize(pointSize);
    f.setBold(bold);
    l->setFont(f);
    return l;
}

// Text that reads on the kind's colour (dark on amber and the idle background, white elsewhere).
QColor foregroundOf(ResultKind kind)
{
    return kind == ResultKind::warning || kind == ResultKind::none ? QColor(0x20, 0x20, 0x20) : QColor(Qt::white);
}

} // namespace

ResultPanel::ResultPanel(QWidget* parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("resultPanel"));
    setFrameShape(QFrame::StyledPanel);
    setMinimumHeight(220);

    m_glyph = makeLabel(48, true, this);
    m_glyph->setAlignment(Qt::AlignCenter);
    m_glyph->setMinimumWidth(90);
    m_headline = makeLabel(28, true, this);
    m_mother = makeLabel(20, false, this);
    m_staff = makeLabel(12, false, this);
    m_staff->setObjectName(QStringLiteral("staffLine"));

    auto* words = new QVBoxLayout;
    words->addWidget(m_headline);
    words->addWidget(m_mother);
    words->addStretch(1);
    words->addWidget(m_staff);
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(20, 16, 20, 16);
    row->addWidget(m_glyph, 0, Qt::AlignTop);
    row->addLayout(words, 1);

    m_reset = new QTimer(this);
    m_reset->setSingleShot(true);
    m_reset->setInterval(kResetAfterMs);
    connect(m_reset, &QTimer::timeout, this, &ResultPanel::clear);
    render();
}

void ResultPanel::showResult(const ResultFacts& facts)
{
    m_facts = facts;
    render();
    m_reset->start();
    // Announced: a screen reader reads the new result without the focus moving here.
    QAccessibleEvent alert(this, QAccessible::Alert);
    QAccessible::updateAccessibility(&alert);
}

void ResultPanel::clear()
{
    m_facts = ResultFacts{};
    m_reset->stop();
    render();
}

QString ResultPanel::text() const
{
    QString out = m_texts.headline;
    for (const QString* part : {&m_texts.mother, &m_texts.staff}) {
        if (!part->isEmpty())
            out += QLatin1Char('\n') + *part;
    }
    return out;
}

QString ResultPanel::kindWord(ResultKind kind)
{
    switch (kind) {
    case ResultKind::none: return tr("Ready");
    case ResultKind::opened: return tr("Started");
    case ResultKind::closed: return tr("Recorded");
    case ResultKind::ignored: return tr("Repeated scan");
    case ResultKind::cancelled: return tr("Cancelled");
    case ResultKind::warning: return tr("Recorded, please note");
    case ResultKind::refused: return tr("Refused");
    }
    return {};
}

QColor ResultPanel::colourOf(ResultKind kind)
{
    switch (kind) {
    case ResultKind::none: return QColor(0xEC, 0xEF, 0xF1);
    case ResultKind::opened: return QColor(0x1B, 0x7F, 0x3B);
    case ResultKind::closed: return QColor(0x1F, 0x5F, 0xAF);
    case ResultKind::ignored: return QColor(0x5F, 0x63, 0x68);
    case ResultKind::cancelled: return QColor(0x45, 0x4A, 0x4F);
    case ResultKind::warning: return QColor(0xF2, 0xA9, 0x00);
    case ResultKind::refused: return QColor(0xB3, 0x26, 0x1E);
    }
    return QColor(0xEC, 0xEF, 0xF1);
}

void ResultPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        render();
    QFrame::changeEvent(event);
}

void ResultPanel::render()
{
    m_texts = ResultText::render(m_facts);
    m_glyph->setText(m_texts.glyph);
    m_glyph->setVisible(!m_texts.glyph.isEmpty());
    m_headline->setText(m_texts.headline);
    m_mother->setText(m_texts.mother);
    m_mother->setVisible(!m_texts.mother.isEmpty());
    m_staff->setText(m_texts.staff);
    m_staff->setVisible(!m_texts.staff.isEmpty());

    const QColor bg = colourOf(m_facts.kind);
    const QColor fg = foregroundOf(m_facts.kind);
    setStyleSheet(QStringLiteral("QFrame#resultPanel { background-color: %1; border-radius: 12px; }"
                                 " QFrame#resultPanel QLabel { color: %2; background: transparent; }")
                      .arg(bg.name(), fg.name()));
    setProperty("resultKind", kindName());

    setAccessibleName(m_texts.headline);
    QString description = m_texts.mother;
    if (!m_texts.staff.isEmpty())
        description += (description.isEmpty() ? QString() : QStringLiteral("\n")) + m_texts.staff;
    setAccessibleDescription(description);
    m_glyph->setAccessibleName(kindWord(m_facts.kind));
}

} // namespace sango::kiosk
