#pragma once
// The ledger's schema, as numbered migrations: migration N takes a store from version N−1 to N. A released
// migration never changes; a new version appends one.
#include <array>
#include <string_view>

namespace sango::ledger::schema {

// Version 1: everything the first ledger keeps.
inline constexpr std::string_view kMigration1 = R"SQL(
CREATE TABLE meta(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
-- Issuer keys: the secret half never leaves the encrypted store. Retired keys stay for the record.
CREATE TABLE issuer_keys(
  kid        TEXT PRIMARY KEY,
  secret     BLOB NOT NULL,
  public_key TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  retired_at INTEGER
);
-- Every policy ever set, each in force from its local date (the latest such date not after today wins).
CREATE TABLE policies(
  n          INTEGER PRIMARY KEY AUTOINCREMENT,
  from_date  TEXT NOT NULL,
  policy     TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE coupons(
  coupon_id     TEXT PRIMARY KEY,
  type          TEXT NOT NULL,
  grant_minutes INTEGER NOT NULL,
  services      TEXT NOT NULL,
  not_before    INTEGER NOT NULL,
  expires       INTEGER NOT NULL,
  kid           TEXT NOT NULL,
  serial        TEXT NOT NULL UNIQUE,
  pass_hash     TEXT NOT NULL,
  issued_at     INTEGER NOT NULL,
  revoked_at    INTEGER,
  revoke_reason TEXT
);
CREATE TABLE providers(
  provider_id TEXT PRIMARY KEY,
  profile     TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
-- One-time enrolment codes, kept only as a keyed hash.
CREATE TABLE enrolment_codes(
  code_hash   TEXT PRIMARY KEY,
  provider_id TEXT NOT NULL REFERENCES providers(provider_id),
  created_at  INTEGER NOT NULL,
  used_at     INTEGER,
  terminal_id TEXT
);
CREATE TABLE terminals(
  terminal_id TEXT PRIMARY KEY,
  provider_id TEXT NOT NULL REFERENCES providers(provider_id),
  number      INTEGER NOT NULL,
  public_key  TEXT NOT NULL,
  label       TEXT NOT NULL,
  enrolled_at INTEGER NOT NULL
);
CREATE TABLE nonces(
  terminal_id TEXT NOT NULL,
  nonce       TEXT NOT NULL,
  ts          INTEGER NOT NULL,
  PRIMARY KEY(terminal_id, nonce)
);
CREATE INDEX nonces_ts ON nonces(ts);
-- Every judged event, accepted or rejected, in the ledger's commit order (n). The id is the terminal's
-- idempotency key; digest is WireEvent::contentDigest().
CREATE TABLE events(
  n              INTEGER PRIMARY KEY AUTOINCREMENT,
  id             TEXT NOT NULL UNIQUE,
  digest         TEXT NOT NULL,
  terminal_id    TEXT NOT NULL,
  provider_id    TEXT NOT NULL,
  seq            INTEGER NOT NULL,
  type           TEXT NOT NULL,
  at             INTEGER NOT NULL,
  coupon_id      TEXT NOT NULL,
  session_id     TEXT NOT NULL,
  status         TEXT NOT NULL,
  reason         TEXT NOT NULL,
  flags          TEXT NOT NULL,
  clock_offset_s INTEGER,
  received_at    INTEGER NOT NULL,
  body           TEXT NOT NULL
);
CREATE INDEX events_coupon ON events(coupon_id);
-- A second delivery of a known event id with other content: kept for review, the original stands.
CREATE TABLE event_conflicts(
  n           INTEGER PRIMARY KEY AUTOINCREMENT,
  id          TEXT NOT NULL,
  digest      TEXT NOT NULL,
  terminal_id TEXT NOT NULL,
  provider_id TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  type        TEXT NOT NULL,
  at          INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  body        TEXT NOT NULL
);
-- Sessions as the ledger judged them, keyed like the terminals key them. counted_minutes is what the
-- session takes from its coupon now (billed minutes while closed, 0 otherwise); paper sessions have a ticket
-- and no coupon.
CREATE TABLE sessions(
  terminal_id     TEXT NOT NULL,
  session_id      TEXT NOT NULL,
  provider_id     TEXT NOT NULL,
  coupon_id       TEXT,
  ticket          TEXT UNIQUE,
  source          TEXT NOT NULL,
  service         TEXT NOT NULL,
  start           INTEGER,
  stop            INTEGER,
  date            TEXT,
  actual_minutes  INTEGER,
  billed_minutes  INTEGER,
  status          TEXT NOT NULL,
  counted_minutes INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(terminal_id, session_id)
);
CREATE INDEX sessions_coupon ON sessions(coupon_id);
CREATE INDEX sessions_provider_date ON sessions(provider_id, date);
-- What terminals pull. provider_id NULL: for every provider. Balance bodies are computed when read.
CREATE TABLE changes(
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  kind        TEXT NOT NULL,
  provider_id TEXT,
  coupon_id   TEXT,
  body        TEXT NOT NULL,
  at          INTEGER NOT NULL
);
CREATE INDEX changes_balance ON changes(kind, coupon_id, provider_id);
)SQL";

// Version 2: the ledger judges every figure. Events keep the ledger's own figures and explanation; sessions
// keep the event and start they were opened with (their identity); paper tickets are issued, each bound to a
// coupon and usable once; terminals can be revoked and providers suspended; enrolment codes expire, can be
// cancelled and remember the device key they enrolled (a retry after a lost answer gets the same answer);
// each terminal's last pull and the furthest change it has received are kept (what it sends after a pull was
// recorded after it); the municipality can unlock a session beyond the correction window.
inline constexpr std::string_view kMigration2 = R"SQL(
ALTER TABLE events ADD COLUMN figures TEXT;
ALTER TABLE events ADD COLUMN detail TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN opened_event TEXT;
ALTER TABLE sessions ADD COLUMN opened_start INTEGER;
UPDATE sessions SET opened_start = start;
ALTER TABLE coupons ADD COLUMN revoked_change INTEGER;
UPDATE coupons SET revoked_change = (SELECT max(seq) FROM changes WHERE kind = 'revocation'
  AND body LIKE '%"' || coupons.coupon_id || '"%') WHERE revoked_at IS NOT NULL;
ALTER TABLE providers ADD COLUMN suspended_at INTEGER;
ALTER TABLE terminals ADD COLUMN revoked_at INTEGER;
ALTER TABLE terminals ADD COLUMN revoke_reason TEXT;
ALTER TABLE terminals ADD COLUMN last_contact_at INTEGER;
ALTER TABLE terminals ADD COLUMN last_pull_at INTEGER;
ALTER TABLE terminals ADD COLUMN pulled_cursor INTEGER;
ALTER TABLE enrolment_codes ADD COLUMN expires_at INTEGER;
ALTER TABLE enrolment_codes ADD COLUMN cancelled_at INTEGER;
UPDATE enrolment_codes SET expires_at = created_at + 7 * 86400;
CREATE TABLE paper_tickets(
  ticket      TEXT PRIMARY KEY,
  coupon_id   TEXT NOT NULL REFERENCES coupons(coupon_id),
  issued_at   INTEGER NOT NULL,
  terminal_id TEXT,
  session_id  TEXT,
  used_at     INTEGER
);
CREATE INDEX paper_tickets_coupon ON paper_tickets(coupon_id);
CREATE TABLE session_unlocks(
  terminal_id TEXT NOT NULL,
  session_id  TEXT NOT NULL,
  until       INTEGER NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY(terminal_id, session_id)
);
)SQL";

inline constexpr std::array<std::string_view, 2> kMigrations{kMigration1, kMigration2};

} // namespace sango::ledger::schema
