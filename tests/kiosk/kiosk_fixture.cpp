#include "kiosk_fixture.h"

#include <QApplication>

#include "test_paths.h"

namespace sango::test {

namespace {

// One QApplication for the whole test program, made before the first test and destroyed after the last.
class QtApplicationEnvironment : public ::testing::Environment {
public:
    void SetUp() override
    {
        if (QApplication::instance() != nullptr)
            return;
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        // An installed /etc/sango/terminal.toml is not the tests' (tests that read a configuration name their own).
        if (qEnvironmentVariableIsEmpty("SANGO_CONFIG"))
            qputenv("SANGO_CONFIG", "/dev/null");
        m_app = std::make_unique<QApplication>(m_argc, m_argv);
    }
    void TearDown() override { m_app.reset(); }

private:
    int m_argc = 1;
    char m_name[24] = "sango_kiosk_tests";
    char* m_argv[2] = {m_name, nullptr};
    std::unique_ptr<QApplication> m_app;
};

[[maybe_unused]] ::testing::Environment* const kQtEnvironment =
    ::testing::AddGlobalTestEnvironment(new QtApplicationEnvironment);

} // namespace

void KioskFixture::SetUp()
{
    ASSERT_NE(QApplication::instance(), nullptr) << "the Qt environment did not start";
    nlohmann::json policy = readJson(testDataDir() / "policy.json");
    nlohmann::json provider = readJson(testDataDir() / "provider.json");
    adjustConfig(policy, provider);
    m_where.dataDir = m_dir.path() / "data";
    auto store = EventStore::create(m_where, InitialConfig{"T1", policy, provider, m_issuer.trustJson()},
                                    m_clock.now());
    ASSERT_TRUE(store) << store.error().message;
    m_store = std::make_unique<EventStore>(std::move(*store));
    auto terminal = Terminal::load(*m_store, m_clock);
    ASSERT_TRUE(terminal) << terminal.error().message;
    m_terminal = std::make_unique<Terminal>(std::move(*terminal));

    m_settings.sound = false;
    m_settings.language = "en";
    m_settings.fullScreen = false;
    ASSERT_TRUE(m_terminal->addStaff(kManagerId, StaffRole::manager, kManagerPin));
    ASSERT_TRUE(m_terminal->addStaff(kStaffId, StaffRole::staff, kStaffPin));
    m_context = std::make_unique<kiosk::KioskContext>(*m_store, *m_terminal, m_clock, m_settings, nullptr);
}

void KioskFixture::TearDown()
{
    m_context.reset();
    m_terminal.reset();
    m_store.reset();
}

void KioskFixture::adjustConfig(nlohmann::json&, nlohmann::json&) {}

void KioskFixture::signInStaff()
{
    auto r = m_context->signIn(kStaffId, kStaffPin);
    ASSERT_TRUE(r) << r.error().message;
}

void KioskFixture::signInManager()
{
    auto r = m_context->signIn(kManagerId, kManagerPin);
    ASSERT_TRUE(r) << r.error().message;
}

TestIssuer::Claims KioskFixture::claims(std::uint64_t n) const
{
    TestIssuer::Claims c;
    c.couponId = TestIssuer::makeCouponId(n);
    return c;
}

std::string KioskFixture::coupon(std::uint64_t n, int grant, std::vector<std::string> services) const
{
    TestIssuer::Claims c = claims(n);
    c.grant = grant;
    c.services = std::move(services);
    return m_issuer.issue(c);
}

} // namespace sango::test
