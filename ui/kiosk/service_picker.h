#pragma once
// The type of care a scan opens, as big toggle buttons: the services the provider offers under the
// municipality's policy, the settings' default checked. In visiting-caregiver mode the service is fixed to
// visit (one checked button that cannot be changed).
#include <map>

#include <QWidget>

#include "sango/service.h"

class QAbstractButton;
class QButtonGroup;
class QLabel;
class QHBoxLayout;

namespace sango::kiosk {

class KioskContext;

class ServicePicker : public QWidget {
    Q_OBJECT
public:
    explicit ServicePicker(KioskContext& context, QWidget* parent = nullptr);

    Service service() const { return m_service; }
    // Checks a service when it is one of the buttons and the mode lets it change; false otherwise.
    bool setService(Service service);
    bool isFixed() const { return m_fixed; }
    // The button of a service, or nullptr when it is not offered.
    QAbstractButton* button(Service service) const;

    // Rebuilds the buttons, checking the default again, when the mode, the default service or the offered
    // services changed since the last build (the settings page may have changed them); otherwise keeps the
    // current choice.
    void refresh();

Q_SIGNALS:
    void serviceChanged();

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    void retranslate();

    KioskContext* m_context;
    QLabel* m_title;
    QHBoxLayout* m_row;
    QButtonGroup* m_group;
    std::map<Service, QAbstractButton*> m_buttons;
    Service m_service = Service::day;
    bool m_fixed = false;
    QString m_builtFor; // what the buttons were built from: mode, default and offered services
};

} // namespace sango::kiosk
