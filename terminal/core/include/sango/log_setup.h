#pragma once
// How every logging category of sango::log writes (spdlog stays behind sango/log.h; this header needs none of
// it, so the command line and the kiosk can set the level and route foreign messages without spdlog):
// - the level: [log] level of terminal.toml, unless SANGO_LOG_LEVEL names one (the environment wins);
// - the format: to the systemd journal (stderr is the stream $JOURNAL_STREAM names) each line carries the
//   sd-daemon priority prefix "<N>" and the category, without a timestamp (the journal adds its own):
//       <4>[terminal.store] the store key file ... can be read by other users
//   otherwise the timestamped format of a terminal: [2026-04-03T10:00:00+0900] [terminal.store] [warning] ...
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sango/error.h"

namespace sango::log {

enum class Level { trace, debug, info, warn, error, critical, off };

// "trace", "debug", "info", "warn", "error", "critical", "off" (the names of [log] level and SANGO_LOG_LEVEL).
std::optional<Level> parseLevel(std::string_view name);
// Those names, in the order of Level.
std::span<const std::string_view> levelNames();
std::string_view levelName(Level level);
// The sd-daemon priority of a level: trace and debug 7, info 6, warn 4, error 3, critical 2.
int journalPriority(Level level);

// Sets the level of every category (those made already and those to come) to `configured`, unless
// SANGO_LOG_LEVEL is set: then its level applies. An SANGO_LOG_LEVEL that names no level is an error
// (invalid_config, the message says what to write); `configured` applies meanwhile. Returns the level in force.
Expected<Level> setDefaultLevel(Level configured);
// The level in force for categories made from now on.
Level defaultLevel();

// Whether stderr is the systemd journal's stream: $JOURNAL_STREAM is "DEVICE:INODE" (decimal) of stderr.
bool stderrIsJournal();
// Looks again at where stderr goes (journal or not) and writes accordingly from now on. Done once on first
// use; a test that redirects stderr calls it again.
void refreshOutput();

// A message from another logging system (the kiosk's Qt categories) written as a line of `category`, with the
// same level check and format as the categories' own lines.
void write(const std::string& category, Level level, std::string_view text);
bool enabled(const std::string& category, Level level);

} // namespace sango::log
