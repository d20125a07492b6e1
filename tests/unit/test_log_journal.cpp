// sango::log's output: the sd-daemon priority prefix and no timestamp when stderr is the journal's stream
// ($JOURNAL_STREAM names stderr's device:inode), the terminal's timestamped format otherwise; the level from the
// configuration unless SANGO_LOG_LEVEL names one.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

#include "process.h"
#include "scoped_env.h"
#include "sango/log.h"
#include "sango/log_setup.h"

namespace sango {
namespace {

namespace fs = std::filesystem;

using test::ScopedEnv;

std::string deviceAndInode(const fs::path& file)
{
    struct stat st {};
    EXPECT_EQ(::stat(file.c_str(), &st), 0) << file;
    return std::to_string(static_cast<unsigned long long>(st.st_dev)) + ":" +
           std::to_string(static_cast<unsigned long long>(st.st_ino));
}

std::string readText(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// stderr goes to a file for the test's lifetime; the log output follows (refreshOutput), and both come back after.
class StderrToFile {
public:
    explicit StderrToFile(const fs::path& file)
    {
        std::fflush(stderr);
        m_saved = ::dup(STDERR_FILENO);
        const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        EXPECT_GE(fd, 0);
        ::dup2(fd, STDERR_FILENO);
        ::close(fd);
        log::refreshOutput();
    }
    ~StderrToFile()
    {
        std::fflush(stderr);
        ::dup2(m_saved, STDERR_FILENO);
        ::close(m_saved);
        log::refreshOutput();
    }
    StderrToFile(const StderrToFile&) = delete;
    StderrToFile& operator=(const StderrToFile&) = delete;

private:
    int m_saved = -1;
};

class LogOutputTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        std::ofstream(m_file).flush(); // exists, so that its inode can be named
        std::ofstream(m_other).flush();
    }
    void TearDown() override { (void)log::setDefaultLevel(log::Level::warn); }

    test::TempDir m_dir;
    fs::path m_file = m_dir.path() / "stderr.log";
    fs::path m_other = m_dir.path() / "another-file";
    ScopedEnv m_level{"SANGO_LOG_LEVEL", std::nullopt};
};

TEST_F(LogOutputTest, TheJournalGetsPriorityPrefixesAndNoTimestamp)
{
    ScopedEnv journal("JOURNAL_STREAM", deviceAndInode(m_file));
    {
        StderrToFile redirect(m_file);
        EXPECT_TRUE(log::stderrIsJournal());
        ASSERT_TRUE(log::setDefaultLevel(log::Level::trace));
        auto logger = log::category("test.journal");
        logger->trace("t {}", 1);
        logger->debug("d");
        logger->info("i");
        logger->warn("w");
        logger->error("e");
        logger->critical("c");
        logger->warn("first line\nsecond line");
        log::write("sango.kiosk", log::Level::warn, "from Qt");
    }
    EXPECT_FALSE(log::stderrIsJournal()); // stderr is back where it was
    EXPECT_EQ(readText(m_file), "<7>[test.journal] t 1\n"
                                "<7>[test.journal] d\n"
                                "<6>[test.journal] i\n"
                                "<4>[test.journal] w\n"
                                "<3>[test.journal] e\n"
                                "<2>[test.journal] c\n"
                                "<4>[test.journal] first line\n<4>second line\n"
                                "<4>[sango.kiosk] from Qt\n");
}

TEST_F(LogOutputTest, AnotherStreamKeepsTheTimestampedFormat)
{
    // JOURNAL_STREAM is inherited by children whose stderr went elsewhere: it must name stderr itself.
    ScopedEnv journal("JOURNAL_STREAM", deviceAndInode(m_other));
    {
        StderrToFile redirect(m_file);
        EXPECT_FALSE(log::stderrIsJournal());
        ASSERT_TRUE(log::setDefaultLevel(log::Level::warn));
        log::category("test.terminal")->warn("w");
        log::category("test.terminal")->info("not written at warn");
    }
    const std::string text = readText(m_file);
    EXPECT_EQ(text.rfind("[20", 0), 0u) << text; // [2026-...T...] first
    EXPECT_NE(text.find("] [test.terminal] [warning] w\n"), std::string::npos) << text;
    EXPECT_EQ(text.find("not written"), std::string::npos) << text;
    EXPECT_EQ(text.find("<4>"), std::string::npos) << text;
}

TEST_F(LogOutputTest, AMalformedJournalStreamIsNotTheJournal)
{
    for (const char* value : {"", "12", "abc:def", "1:2:3"}) {
        ScopedEnv journal("JOURNAL_STREAM", std::string(value));
        EXPECT_FALSE(log::stderrIsJournal()) << value;
    }
}

TEST_F(LogOutputTest, TheConfiguredLevelAppliesUnlessTheEnvironmentNamesOne)
{
    auto logger = log::category("test.level");
    auto configured = log::setDefaultLevel(log::Level::error);
    ASSERT_TRUE(configured);
    EXPECT_EQ(*configured, log::Level::error);
    EXPECT_FALSE(logger->should_log(spdlog::level::warn)); // a category made before the configuration follows it
    EXPECT_FALSE(log::enabled("test.level.new", log::Level::warn));
    EXPECT_TRUE(log::enabled("test.level.new", log::Level::error));
    {
        ScopedEnv env("SANGO_LOG_LEVEL", "debug");
        auto level = log::setDefaultLevel(log::Level::error);
        ASSERT_TRUE(level);
        EXPECT_EQ(*level, log::Level::debug);
        EXPECT_TRUE(logger->should_log(spdlog::level::debug));
        EXPECT_FALSE(logger->should_log(spdlog::level::trace));
    }
    {
        ScopedEnv env("SANGO_LOG_LEVEL", "loud");
        auto level = log::setDefaultLevel(log::Level::info);
        ASSERT_FALSE(level);
        EXPECT_EQ(level.error().code, Errc::invalid_config);
        EXPECT_NE(level.error().message.find("SANGO_LOG_LEVEL=loud"), std::string::npos);
        EXPECT_EQ(log::defaultLevel(), log::Level::info); // the configuration's level meanwhile
    }
}

TEST(LogLevels, NamesAndJournalPriorities)
{
    for (const char* name : {"trace", "debug", "info", "warn", "error", "critical", "off"}) {
        auto l = log::parseLevel(name);
        ASSERT_TRUE(l) << name;
        EXPECT_EQ(log::levelName(*l), name);
    }
    EXPECT_FALSE(log::parseLevel("warning"));
    EXPECT_FALSE(log::parseLevel("WARN"));
    EXPECT_EQ(log::journalPriority(log::Level::trace), 7);
    EXPECT_EQ(log::journalPriority(log::Level::debug), 7);
    EXPECT_EQ(log::journalPriority(log::Level::info), 6);
    EXPECT_EQ(log::journalPriority(log::Level::warn), 4);
    EXPECT_EQ(log::journalPriority(log::Level::error), 3);
    EXPECT_EQ(log::journalPriority(log::Level::critical), 2);
}

} // namespace
} // namespace sango
