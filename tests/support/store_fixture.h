#pragma once
// A real encrypted store in a temporary directory, set up with the test data's policy and provider and
// the TestIssuer's trust store, and a Terminal over it driven by a FakeClock.
#include <sys/stat.h>

#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "process.h"
#include "sango/event_store.h"
#include "sango/terminal.h"
#include "test_issuer.h"
#include "test_paths.h"

namespace sango::test {

inline nlohmann::json readJson(const std::filesystem::path& p)
{
    std::ifstream in(p);
    return nlohmann::json::parse(in);
}

// A file's bytes ("" when it cannot be read), and writing them (replacing the file).
inline std::string readBytes(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void writeBytes(const std::filesystem::path& p, const std::string& bytes)
{
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// A file's permission bits (0 when it does not exist).
inline unsigned modeOf(const std::filesystem::path& p)
{
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 ? static_cast<unsigned>(st.st_mode) & 07777u : 0u;
}

// 2026-04-03T10:00:00+09:00
inline constexpr Instant kApril3Morning{std::chrono::seconds(1775178000)};

class StoreFixture : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_where.dataDir = m_dir.path() / "data";
        InitialConfig config{"T1", readJson(testDataDir() / "policy.json"), readJson(testDataDir() / "provider.json"),
                             m_issuer.trustJson()};
        auto store = EventStore::create(m_where, config, m_clock.now());
        ASSERT_TRUE(store) << store.error().message;
        m_store = std::make_unique<EventStore>(std::move(*store));
        auto t = Terminal::load(*m_store, m_clock);
        ASSERT_TRUE(t) << t.error().message;
        m_terminal = std::make_unique<Terminal>(std::move(*t));
    }

    std::string coupon(std::uint64_t n, int grant = 2520, std::vector<std::string> services = {"stay", "day", "visit"})
    {
        TestIssuer::Claims c;
        c.couponId = TestIssuer::makeCouponId(n);
        c.grant = grant;
        c.services = std::move(services);
        return m_issuer.issue(c);
    }

    TempDir m_dir;
    StoreLocation m_where;
    FakeClock m_clock{kApril3Morning};
    TestIssuer m_issuer;
    std::unique_ptr<EventStore> m_store;
    std::unique_ptr<Terminal> m_terminal;
};

} // namespace sango::test
