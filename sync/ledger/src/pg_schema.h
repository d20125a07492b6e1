#pragma once
// The ledger's schema on PostgreSQL, as numbered migrations with the same numbers as the SQLCipher engine's
// (sqlite_schema.h): migration N takes a database from version N−1 to N, and version N holds the same tables
// and columns on both engines. Every minute, second, sequence and count is a BIGINT; there is no floating point.
// A released migration never changes; a new version appends one here and in sqlite_schema.h.
#include <array>
#include <string_view>

namespace sango::ledger::pg_schema {

// Version 1: everything the first ledger keeps (see sqlite_schema.h for what each table means).
inline constexpr std::string_view kMigration1 = R"SQL(
CREATE TABLE meta(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
-- Issuer keys with their secret half: the database must be protected like ledger.key (see the README).
CREATE TABLE issuer_keys(
  kid        TEXT PRIMARY KEY,
  secret     BYTEA NOT NULL,
  public_key TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  retired_at BIGINT
);
CREATE TABLE policies(
  n          BIGSERIAL PRIMARY KEY,
  from_date  TEXT NOT NULL,
  policy     TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE coupons(
  coupon_id     TEXT PRIMARY KEY,
  type          TEXT NOT NULL,
  grant_minutes BIGINT NOT NULL,
  services      TEXT NOT NULL,
  not_before    BIGINT NOT NULL,
  expires       BIGINT NOT NULL,
  kid           TEXT NOT NULL,
  serial        TEXT NOT NULL UNIQUE,
  pass_hash     TEXT NOT NULL,
  issued_at     BIGINT NOT NULL,
  revoked_at    BIGINT,
  revoke_reason TEXT
);
CREATE TABLE providers(
  provider_id TEXT PRIMARY KEY,
  profile     TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL
);
CREATE TABLE enrolment_codes(
  code_hash   TEXT PRIMARY KEY,
  provider_id TEXT NOT NULL REFERENCES providers(provider_id),
  created_at  BIGINT NOT NULL,
  used_at     BIGINT,
  terminal_id TEXT
);
CREATE TABLE terminals(
  terminal_id TEXT PRIMARY KEY,
  provider_id TEXT NOT NULL REFERENCES providers(provider_id),
  number      BIGINT NOT NULL,
  public_key  TEXT NOT NULL,
  label       TEXT NOT NULL,
  enrolled_at BIGINT NOT NULL
);
-- A nonce is used once: the primary key makes a second insert of it, by any process, a conflict.
CREATE TABLE nonces(
  terminal_id TEXT NOT NULL,
  nonce       TEXT NOT NULL,
  ts          BIGINT NOT NULL,
  PRIMARY KEY(terminal_id, nonce)
);
CREATE INDEX nonces_ts ON nonces(ts);
-- An event id is judged once: UNIQUE makes a second process's insert of it a conflict (it then answers the
-- first judgement, duplicate).
CREATE TABLE events(
  n              BIGSERIAL PRIMARY KEY,
  id             TEXT NOT NULL UNIQUE,
  digest         TEXT NOT NULL,
  terminal_id    TEXT NOT NULL,
  provider_id    TEXT NOT NULL,
  seq            BIGINT NOT NULL,
  type           TEXT NOT NULL,
  at             BIGINT NOT NULL,
  coupon_id      TEXT NOT NULL,
  session_id     TEXT NOT NULL,
  status         TEXT NOT NULL,
  reason         TEXT NOT NULL,
  flags          TEXT NOT NULL,
  clock_offset_s BIGINT,
  received_at    BIGINT NOT NULL,
  body           TEXT NOT NULL
);
CREATE INDEX events_coupon ON events(coupon_id);
CREATE TABLE event_conflicts(
  n           BIGSERIAL PRIMARY KEY,
  id          TEXT NOT NULL,
  digest      TEXT NOT NULL,
  terminal_id TEXT NOT NULL,
  provider_id TEXT NOT NULL,
  seq         BIGINT NOT NULL,
  type        TEXT NOT NULL,
  at          BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  body        TEXT NOT NULL
);
-- A paper ticket counts once: UNIQUE(ticket).
CREATE TABLE sessions(
  terminal_id     TEXT NOT NULL,
  session_id      TEXT NOT NULL,
  provider_id     TEXT NOT NULL,
  coupon_id       TEXT,
  ticket          TEXT UNIQUE,
  source          TEXT NOT NULL,
  service         TEXT NOT NULL,
  start           BIGINT,
  stop            BIGINT,
  date            TEXT,
  actual_minutes  BIGINT,
  billed_minutes  BIGINT,
  status          TEXT NOT NULL,
  counted_minutes BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY(terminal_id, session_id)
);
CREATE INDEX sessions_coupon ON sessions(coupon_id);
CREATE INDEX sessions_provider_date ON sessions(provider_id, date);
-- seq comes from changes_seq_seq, taken under one advisory lock per transaction (PgLedgerStore::addChange),
-- so that the feed's order is its commit order and a terminal's cursor never passes a change still to come.
CREATE TABLE changes(
  seq         BIGSERIAL PRIMARY KEY,
  kind        TEXT NOT NULL,
  provider_id TEXT,
  coupon_id   TEXT,
  body        TEXT NOT NULL,
  at          BIGINT NOT NULL
);
CREATE INDEX changes_balance ON changes(kind, coupon_id, provider_id);
)SQL";

// Version 2: the ledger judges every figure (see sqlite_schema.h).
inline constexpr std::string_view kMigration2 = R"SQL(
ALTER TABLE events ADD COLUMN figures TEXT;
ALTER TABLE events ADD COLUMN detail TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN opened_event TEXT;
ALTER TABLE sessions ADD COLUMN opened_start BIGINT;
UPDATE sessions SET opened_start = start;
ALTER TABLE coupons ADD COLUMN revoked_change BIGINT;
UPDATE coupons SET revoked_change = (SELECT max(seq) FROM changes WHERE kind = 'revocation'
  AND body LIKE '%"' || coupons.coupon_id || '"%') WHERE revoked_at IS NOT NULL;
ALTER TABLE providers ADD COLUMN suspended_at BIGINT;
ALTER TABLE terminals ADD COLUMN revoked_at BIGINT;
ALTER TABLE terminals ADD COLUMN revoke_reason TEXT;
ALTER TABLE terminals ADD COLUMN last_contact_at BIGINT;
ALTER TABLE terminals ADD COLUMN last_pull_at BIGINT;
ALTER TABLE terminals ADD COLUMN pulled_cursor BIGINT;
ALTER TABLE enrolment_codes ADD COLUMN expires_at BIGINT;
ALTER TABLE enrolment_codes ADD COLUMN cancelled_at BIGINT;
UPDATE enrolment_codes SET expires_at = created_at + 7 * 86400;
CREATE TABLE paper_tickets(
  ticket      TEXT PRIMARY KEY,
  coupon_id   TEXT NOT NULL REFERENCES coupons(coupon_id),
  issued_at   BIGINT NOT NULL,
  terminal_id TEXT,
  session_id  TEXT,
  used_at     BIGINT
);
CREATE INDEX paper_tickets_coupon ON paper_tickets(coupon_id);
CREATE TABLE session_unlocks(
  terminal_id TEXT NOT NULL,
  session_id  TEXT NOT NULL,
  until       BIGINT NOT NULL,
  created_at  BIGINT NOT NULL,
  PRIMARY KEY(terminal_id, session_id)
);
)SQL";

inline constexpr std::array<std::string_view, 2> kMigrations{kMigration1, kMigration2};

} // namespace sango::ledger::pg_schema
