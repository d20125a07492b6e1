#include "kiosk_self_test.h"

#include <algorithm>
#include <iostream>
#include <optional>

#include <QCoreApplication>
#include <QString>

#include <nlohmann/json.hpp>

#include "kiosk_app.h"
#include "kiosk_context.h"
#include "main_window.h"
#include "result_panel.h"
#include "sango/hal/image_file.h"
#include "sango/sync/sync_engine.h"
#include "sango/terminal.h"
#include "scan_screen.h"

namespace sango::kiosk {

namespace {

using nlohmann::json;

int failure(const Error& e)
{
    const json out = {{"result", std::string(toString(e.code))},
                      {"message", KioskContext::staffMessage(e).toStdString()},
                      {"detail", e.message}};
    std::cout << out.dump(-1, ' ', false, json::error_handler_t::replace) << '\n' << std::flush;
    std::cerr << "sango-kiosk: " << KioskContext::staffMessage(e).toStdString() << "\n  " << e.message << '\n';
    return exitStatus(e.code);
}

} // namespace

int runSelfTest(KioskApp& app, const std::string& image, const std::string& staffId)
{
    app.start(); // the window is created and shown, as on a kiosk
    QCoreApplication::processEvents();
    auto running = app.running();
    if (!running)
        return failure(running.error());
    Terminal& terminal = running->terminal;
    EventStore& store = running->store;
    KioskContext& context = running->context;
    MainWindow* window = &running->window;

    // Signed in as staff would be: the PIN (one line on stdin) through the sign-in path, Argon2id and lockout.
    std::string pin;
    std::getline(std::cin, pin);
    auto signedIn = context.signIn(staffId, pin);
    std::fill(pin.begin(), pin.end(), '\0');
    if (!signedIn)
        return failure(signedIn.error());

    // The QR from the image file, through the same decoder as the camera, then the window's scan path.
    auto text = hal::decodeImageFile(image);
    if (!text)
        return failure(text.error());
    auto credential = terminal.verify(*text);
    if (!credential)
        return failure(credential.error());
    const std::string couponId = credential->couponId;
    window->handleScan(QString::fromStdString(*text), ScanOrigin::camera);
    QCoreApplication::processEvents();
    auto open = store.openSessionFor(couponId);
    if (!open)
        return failure(open.error());
    if (!*open) {
        // The scan screen showed a refusal (which recorded nothing): report what it said.
        const ResultPanel* panel = window->scanScreen()->resultPanel();
        return failure({Errc::invalid_argument, "the scan did not open a session; the screen says: " +
                                                    panel->text().toStdString()});
    }
    const std::string sessionId = (*open)->sessionId;

    // Closed as staff would close it, from the open sessions' list.
    window->scanScreen()->closeSession(QString::fromStdString(sessionId));
    QCoreApplication::processEvents();
    auto after = store.session(sessionId);
    if (!after)
        return failure(after.error());
    std::optional<SessionRecord> closed;
    if (*after && (*after)->status == SessionStatus::closed)
        closed = **after;
    json out = {{"coupon_id", couponId},
                {"session_id", sessionId},
                {"opened", true},
                {"closed", closed.has_value()},
                {"billed_minutes", closed && closed->billedMinutes ? json(*closed->billedMinutes) : json()},
                {"synced", false}};
    if (running->engine) {
        auto report = running->engine->runOnce();
        if (!report)
            return failure(report.error());
        out["synced"] = true;
        out["accepted"] = report->accepted;
        out["rejected"] = report->rejected;
    }
    std::cout << out.dump() << '\n' << std::flush;
    return 0;
}

} // namespace sango::kiosk
