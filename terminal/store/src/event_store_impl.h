#pragma once
// Private to terminal/: what the EventStore's source files share — its connection and open write
// transaction, the schema it creates, and how an event is read from a row.
#include <sys/types.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "sango/database.h"
#include "sango/disk_errors.h"
#include "sango/sql_query.h"
#include "sango/transaction.h"
#include "sango/event.h"
#include "sango/event_store.h"
#include "sango/key_file.h"
#include "sango/store_lock.h"
#include "projection.h"

namespace sango {

struct EventStore::Impl {
    StoreLock lock; // first: released only after the connection below is closed
    db::Database db;
    std::optional<db::Transaction> write; // the open EventStore::Write, if any
    std::optional<StoreKey> key; // keys the copies backupTo makes (a secret: never logged)
    int schemaVersion = EventStore::kSchemaVersion; // of the file as opened (older only for openCopy)
};

// File helpers the store's sources share (event_store.cpp; ioError and syncDirectory are sango::sql's).
namespace store_files {
using db::ioError;
using db::syncDirectory;
Expected<void> writeFileDurably(const std::filesystem::path& p, std::string_view content, mode_t mode);
// Removes a database file and the -journal, -wal and -shm files SQLite may have left beside it.
void removeWithSidecars(const std::filesystem::path& p);
// Keys a connection with the raw key and the store's page size, and touches the schema (where a wrong key
// shows as Errc::wrong_key).
Expected<void> keyConnection(db::Database& d, const StoreKey& key);
} // namespace store_files

namespace store_schema {

inline constexpr std::string_view kSchema = R"SQL(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE events(
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  body TEXT NOT NULL,
  prev_hash BLOB NOT NULL,
  hash BLOB NOT NULL);
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TABLE config(kind TEXT PRIMARY KEY, body TEXT NOT NULL, seq INTEGER NOT NULL);
CREATE TABLE staff(staff_id TEXT PRIMARY KEY, role TEXT NOT NULL, pin_hash TEXT NOT NULL);
CREATE TABLE coupons(
  coupon_id TEXT PRIMARY KEY,
  verified INTEGER NOT NULL DEFAULT 0,
  coupon_type TEXT NOT NULL DEFAULT '',
  grant_minutes INTEGER,
  services TEXT NOT NULL DEFAULT '',
  not_before INTEGER NOT NULL DEFAULT 0,
  expires INTEGER NOT NULL DEFAULT 0,
  last_scan_at INTEGER);
CREATE TABLE revocations(coupon_id TEXT PRIMARY KEY, reason TEXT NOT NULL, at INTEGER NOT NULL);
CREATE TABLE sessions(
  session_id TEXT PRIMARY KEY,
  coupon_id TEXT NOT NULL,
  source TEXT NOT NULL,
  service TEXT NOT NULL,
  start INTEGER NOT NULL,
  stop INTEGER,
  local_date TEXT NOT NULL,
  actual_minutes INTEGER,
  billed_minutes INTEGER,
  staff_id TEXT NOT NULL,
  status TEXT NOT NULL,
  flags TEXT NOT NULL DEFAULT '',
  correction_reason TEXT NOT NULL DEFAULT '',
  cancel_reason TEXT NOT NULL DEFAULT '',
  last_event TEXT NOT NULL DEFAULT '');
CREATE INDEX sessions_by_date ON sessions(local_date, start);
CREATE INDEX sessions_by_coupon ON sessions(coupon_id, status);
)SQL";

// Schema changes after version 1, in order. A store opens at any earlier version and is migrated in place, in
// one transaction, before anything else reads it; new stores run kSchema and then every migration, so the two
// paths cannot drift apart. Never edit a migration that has shipped: add the next one.
struct Migration {
    int version;
    std::string_view sql;
    // Fills what the new columns hold for the events already recorded, exactly as replaying those events
    // would (the audit compares the two); nullptr when the SQL is enough.
    Expected<void> (*backfill)(db::Database&) = nullptr;
};

inline constexpr Migration kMigrations[] = {
    // 2: synchronisation with the municipal ledger.
    {2, R"SQL(
ALTER TABLE sessions ADD COLUMN ledger_status TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN ledger_reason TEXT NOT NULL DEFAULT '';
CREATE TABLE enrolment(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE ledger_answers(
  seq INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL,
  type TEXT NOT NULL,
  session_id TEXT NOT NULL,
  coupon_id TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT NOT NULL,
  answered_at INTEGER NOT NULL);
CREATE TABLE ledger_balances(
  coupon_id TEXT PRIMARY KEY,
  grant_minutes INTEGER NOT NULL,
  used_minutes INTEGER NOT NULL,
  used_here_minutes INTEGER NOT NULL,
  change_seq INTEGER NOT NULL,
  as_of INTEGER NOT NULL);
CREATE TABLE policy_schedule(from_date TEXT NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL,
  PRIMARY KEY(from_date, seq));
INSERT INTO policy_schedule(from_date, seq, body) SELECT '0000-01-01', seq, body FROM config WHERE kind = 'policy';
CREATE TABLE sync_state(key TEXT PRIMARY KEY, value TEXT NOT NULL);
)SQL"},
    // 3: the ledger judges every figure. A session keeps the start it was opened with (its identity at the
    // ledger, which corrections do not change); an answer keeps the ledger's own figures and explanation.
    {3, R"SQL(
ALTER TABLE sessions ADD COLUMN opened_start INTEGER;
ALTER TABLE ledger_answers ADD COLUMN figures TEXT;
ALTER TABLE ledger_answers ADD COLUMN detail TEXT NOT NULL DEFAULT '';
)SQL",
     projection::backfillOpenedStart},
};

// The projection tables (derived from the events: the audit rebuilds and compares them).
inline constexpr std::string_view kProjectionTables[] = {
    "sessions", "coupons", "staff", "config", "revocations", "enrolment", "ledger_answers", "ledger_balances",
    "policy_schedule"};

// Creates the current schema in an empty database.
inline Expected<void> createSchema(db::Database& d)
{
    SANGO_TRY(d.exec(kSchema));
    for (const Migration& m : kMigrations)
        SANGO_TRY(d.exec(m.sql));
    return {};
}

} // namespace store_schema

namespace store_events {

// An event from a row of "SELECT seq, id, type, at, body, prev_hash, hash FROM events" (kEventColumns).
inline constexpr std::string_view kEventColumns = "seq, id, type, at, body, prev_hash, hash";
inline Event readEvent(const db::Statement& st)
{
    Event ev;
    ev.seq = st.int64(0);
    ev.id = st.text(1);
    ev.type = st.text(2);
    ev.at = Instant(std::chrono::seconds(st.int64(3)));
    ev.body = nlohmann::json::parse(st.text(4), nullptr, false);
    const auto prev = st.blob(5);
    const auto hash = st.blob(6);
    if (prev.size() == ev.prevHash.size())
        std::copy(prev.begin(), prev.end(), ev.prevHash.begin());
    if (hash.size() == ev.hash.size())
        std::copy(hash.begin(), hash.end(), ev.hash.begin());
    return ev;
}

} // namespace store_events

} // namespace sango
