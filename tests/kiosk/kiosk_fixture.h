#pragma once
// The shared fixture of the kiosk's widget tests: everything a screen needs, real and in a temporary
// directory, with time under the test's control.
//
//   - a data dir with a real encrypted store (EventStore::create), policy and provider from tests/data (a
//     test may change them first by overriding adjustConfig()), the TestIssuer's trust store;
//   - a FakeClock at 2026-04-03T10:00:00+09:00 (kApril3Morning), a Terminal over the store;
//   - KioskSettings with sound off and language "en" (change m_settings freely: the context reads it live);
//   - a KioskContext without sync, and two staff members registered with Terminal::addStaff:
//     kStaffId/kStaffPin (role staff) and kManagerId/kManagerPin (role manager). Nobody is signed in:
//     call signInStaff() or signInManager().
//   - coupon(n) makes a signed QR text for coupon TestIssuer::makeCouponId(n); claims(n) and
//     m_issuer.issue(...) for anything else (expired, not yet valid, other services, other grant).
//
// A QApplication (offscreen platform unless QT_QPA_PLATFORM says otherwise) exists for every test that links
// this fixture: a GoogleTest environment creates it before the first test and deletes it after the last.
// GoogleTest prints a QString as its text in failure messages (PrintTo below).
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "kiosk_context.h"
#include "kiosk_settings.h"
#include "process.h"
#include "sango/event_store.h"
#include "sango/terminal.h"
#include "store_fixture.h"
#include "test_issuer.h"

QT_BEGIN_NAMESPACE
inline void PrintTo(const QString& s, std::ostream* os)
{
    *os << '"' << s.toStdString() << '"';
}
QT_END_NAMESPACE

namespace sango::test {

class KioskFixture : public ::testing::Test {
protected:
    static constexpr const char* kStaffId = "rec1";
    static constexpr const char* kStaffPin = "1357";
    static constexpr const char* kManagerId = "mgr1";
    static constexpr const char* kManagerPin = "246800";

    void SetUp() override;
    void TearDown() override;

    // Called by SetUp with tests/data's policy and provider before the store is created.
    virtual void adjustConfig(nlohmann::json& policy, nlohmann::json& provider);

    void signInStaff();
    void signInManager();

    TestIssuer::Claims claims(std::uint64_t n) const;
    std::string coupon(std::uint64_t n, int grant = 2520,
                       std::vector<std::string> services = {"stay", "day", "visit"}) const;

    kiosk::KioskContext& context() { return *m_context; }

    TempDir m_dir;
    StoreLocation m_where;
    FakeClock m_clock{kApril3Morning};
    TestIssuer m_issuer;
    std::unique_ptr<EventStore> m_store;
    std::unique_ptr<Terminal> m_terminal;
    kiosk::KioskSettings m_settings;
    std::unique_ptr<kiosk::KioskContext> m_context;
};

} // namespace sango::test
