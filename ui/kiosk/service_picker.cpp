#include "service_picker.h"

#include <QButtonGroup>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

#include "kiosk_context.h"
#include "result_text.h"

namespace sango::kiosk {

namespace {

constexpr int kButtonHeight = 64;

bool offered(KioskContext& c, Service s)
{
    return c.terminal().provider().offers(s) && c.terminal().policy().rule(s) != nullptr;
}

} // namespace

ServicePicker::ServicePicker(KioskContext& context, QWidget* parent) : QWidget(parent), m_context(&context)
{
    m_title = new QLabel(this);
    QFont f = m_title->font();
    f.setPointSize(16);
    m_title->setFont(f);
    m_group = new QButtonGroup(this);
    m_group->setExclusive(true);
    auto* outer = new QHBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_title);
    m_row = new QHBoxLayout;
    outer->addLayout(m_row, 1);
    rebuild();
}

bool ServicePicker::setService(Service service)
{
    auto it = m_buttons.find(service);
    if (it == m_buttons.end() || (m_fixed && service != m_service))
        return false;
    it->second->setChecked(true);
    if (service != m_service) {
        m_service = service;
        Q_EMIT serviceChanged();
    }
    return true;
}

QAbstractButton* ServicePicker::button(Service service) const
{
    auto it = m_buttons.find(service);
    return it == m_buttons.end() ? nullptr : it->second;
}

void ServicePicker::refresh()
{
    rebuild();
}

void ServicePicker::rebuild()
{
    const KioskSettings& settings = m_context->settings();
    const bool visitMode = settings.mode == KioskSettings::Mode::visit;
    QString key = visitMode ? QStringLiteral("visit|") : QStringLiteral("facility|");
    key += QString::fromStdString(settings.defaultService);
    for (Service s : kAllServices)
        if (offered(*m_context, s))
            key += QLatin1Char('|') + QString::number(static_cast<int>(s));
    if (key == m_builtFor)
        return;
    m_builtFor = key;

    for (auto& [s, b] : m_buttons) {
        m_group->removeButton(b);
        delete b;
    }
    m_buttons.clear();

    std::vector<Service> shown;
    if (visitMode) {
        shown.push_back(Service::visit); // fixed, even if the provider lacks it: a scan then says why not
    } else {
        for (Service s : kAllServices)
            if (offered(*m_context, s))
                shown.push_back(s);
        if (shown.empty())
            shown.push_back(Service::day);
    }
    m_fixed = visitMode || shown.size() == 1;

    Service initial = shown.front();
    if (!visitMode) {
        if (auto d = parseService(settings.defaultService); d) {
            for (Service s : shown)
                if (s == *d)
                    initial = s;
        }
    }

    QWidget* previous = m_title;
    for (Service s : shown) {
        auto* b = new QPushButton(this);
        b->setCheckable(true);
        b->setMinimumHeight(kButtonHeight);
        b->setMinimumWidth(160);
        QFont f = b->font();
        f.setPointSize(18);
        b->setFont(f);
        b->setEnabled(!m_fixed || s == initial);
        m_group->addButton(b, static_cast<int>(s));
        m_row->addWidget(b);
        m_buttons.emplace(s, b);
        connect(b, &QPushButton::toggled, this, [this, s](bool on) {
            if (on && s != m_service) {
                m_service = s;
                Q_EMIT serviceChanged();
            }
        });
        setTabOrder(previous, b);
        previous = b;
    }
    const bool changed = initial != m_service;
    m_service = initial;
    m_buttons.at(initial)->setChecked(true);
    retranslate();
    if (changed)
        Q_EMIT serviceChanged();
}

void ServicePicker::retranslate()
{
    m_title->setText(m_fixed ? tr("Care:") : tr("Care to start:"));
    for (auto& [s, b] : m_buttons) {
        const QString name = ResultText::serviceName(s);
        b->setText(name);
        b->setAccessibleName(m_fixed ? tr("Type of care (fixed): %1").arg(name) : tr("Start %1").arg(name));
        b->setAccessibleDescription(tr("A scan opens a session of this type of care."));
    }
}

void ServicePicker::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace sango::kiosk
