#include "sango/log.h"
#include "sango/log_setup.h"

#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include <spdlog/details/log_msg.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/base_sink.h>

namespace sango::log {

namespace {

constexpr std::array<std::string_view, 7> kLevelNames = {"trace", "debug", "info", "warn", "error", "critical", "off"};

spdlog::level::level_enum toSpdlog(Level level)
{
    switch (level) {
    case Level::trace: return spdlog::level::trace;
    case Level::debug: return spdlog::level::debug;
    case Level::info: return spdlog::level::info;
    case Level::warn: return spdlog::level::warn;
    case Level::error: return spdlog::level::err;
    case Level::critical: return spdlog::level::critical;
    case Level::off: return spdlog::level::off;
    }
    return spdlog::level::warn;
}

int priorityOf(spdlog::level::level_enum level)
{
    switch (level) {
    case spdlog::level::trace:
    case spdlog::level::debug: return 7;
    case spdlog::level::info: return 6;
    case spdlog::level::warn: return 4;
    case spdlog::level::err: return 3;
    case spdlog::level::critical: return 2;
    default: return 6;
    }
}

// Every category writes through this one sink, so that lines of different categories never interleave.
class StderrSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    StderrSink()
        : m_terminal(std::make_unique<spdlog::pattern_formatter>("[%Y-%m-%dT%H:%M:%S%z] [%n] [%l] %v"))
    {
        m_journal = stderrIsJournal();
    }

    void setJournal(bool journal) { m_journal = journal; }

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override
    {
        if (!m_journal) {
            spdlog::memory_buf_t out;
            m_terminal->format(msg, out);
            std::fwrite(out.data(), 1, out.size(), stderr);
            std::fflush(stderr);
            return;
        }
        // One journal entry per line: a message with a line break carries the prefix on each of its lines.
        const std::string prefix = "<" + std::to_string(priorityOf(msg.level)) + ">";
        std::string line = prefix + "[" + std::string(msg.logger_name.data(), msg.logger_name.size()) + "] ";
        const std::string_view text(msg.payload.data(), msg.payload.size());
        for (char c : text) {
            if (c == '\n') {
                line += '\n';
                line += prefix;
            } else if (c != '\r') {
                line += c;
            }
        }
        line += '\n';
        std::fwrite(line.data(), 1, line.size(), stderr);
        std::fflush(stderr);
    }

    void flush_() override { std::fflush(stderr); }

    // The format is this sink's own: a logger's set_pattern changes nothing.
    void set_pattern_(const std::string&) override {}
    void set_formatter_(std::unique_ptr<spdlog::formatter>) override {}

private:
    std::unique_ptr<spdlog::formatter> m_terminal;
    std::atomic<bool> m_journal{false};
};

std::optional<Level> environmentLevel()
{
    const char* env = std::getenv("SANGO_LOG_LEVEL");
    if (!env || !*env)
        return std::nullopt;
    return parseLevel(env);
}

struct State {
    std::mutex mutex;
    std::shared_ptr<StderrSink> sink = std::make_shared<StderrSink>();
    // Until the configuration is read: SANGO_LOG_LEVEL, else warn.
    Level level = environmentLevel().value_or(Level::warn);
};

State& state()
{
    static State s;
    return s;
}

} // namespace

std::optional<Level> parseLevel(std::string_view name)
{
    for (std::size_t i = 0; i < kLevelNames.size(); ++i)
        if (kLevelNames[i] == name)
            return static_cast<Level>(i);
    return std::nullopt;
}

std::span<const std::string_view> levelNames()
{
    return kLevelNames;
}

std::string_view levelName(Level level)
{
    return kLevelNames[static_cast<std::size_t>(level)];
}

int journalPriority(Level level)
{
    return priorityOf(toSpdlog(level));
}

std::shared_ptr<spdlog::logger> category(const std::string& name)
{
    State& s = state();
    std::lock_guard lock(s.mutex);
    if (auto existing = spdlog::get(name))
        return existing;
    auto logger = std::make_shared<spdlog::logger>(name, s.sink);
    logger->set_level(toSpdlog(s.level));
    try {
        spdlog::register_logger(logger);
    } catch (const spdlog::spdlog_ex&) {
        // Registered meanwhile outside this mutex (spdlog's registry is global): use that one.
        if (auto existing = spdlog::get(name))
            return existing;
    }
    return logger;
}

Expected<Level> setDefaultLevel(Level configured)
{
    State& s = state();
    Level level = configured;
    std::optional<Error> problem;
    if (const char* env = std::getenv("SANGO_LOG_LEVEL"); env && *env) {
        if (auto l = parseLevel(env))
            level = *l;
        else
            problem = Error{Errc::invalid_config,
                            "SANGO_LOG_LEVEL=" + std::string(env) +
                                " is not a log level: set it to trace, debug, info, warn, error, critical or off, "
                                "or unset it to use the configuration's [log] level"};
    }
    {
        std::lock_guard lock(s.mutex);
        s.level = level;
        spdlog::apply_all([&](const std::shared_ptr<spdlog::logger>& l) { l->set_level(toSpdlog(level)); });
    }
    if (problem)
        return tl::unexpected(*problem);
    return level;
}

Level defaultLevel()
{
    State& s = state();
    std::lock_guard lock(s.mutex);
    return s.level;
}

bool stderrIsJournal()
{
    const char* env = std::getenv("JOURNAL_STREAM");
    if (!env || !*env)
        return false;
    unsigned long long dev = 0, ino = 0;
    char extra = 0;
    if (std::sscanf(env, "%llu:%llu%c", &dev, &ino, &extra) != 2)
        return false;
    struct stat st {};
    if (::fstat(STDERR_FILENO, &st) != 0)
        return false;
    return static_cast<unsigned long long>(st.st_dev) == dev && static_cast<unsigned long long>(st.st_ino) == ino;
}

void refreshOutput()
{
    State& s = state();
    std::lock_guard lock(s.mutex);
    s.sink->setJournal(stderrIsJournal());
}

void write(const std::string& name, Level level, std::string_view text)
{
    auto logger = category(name);
    logger->log(toSpdlog(level), "{}", text);
}

bool enabled(const std::string& name, Level level)
{
    return category(name)->should_log(toSpdlog(level));
}

} // namespace sango::log
