// The ledger's tables and columns as sqlite_schema.h and pg_schema.h make them (schema version 2).
#include "ledger_tables.h"

namespace sango::ledger {

namespace {

constexpr ColumnType I = ColumnType::integer;
constexpr ColumnType T = ColumnType::text;
constexpr ColumnType B = ColumnType::blob;
constexpr bool null = true;

} // namespace

const std::vector<TableSpec>& ledgerTables()
{
    static const std::vector<TableSpec> tables{
        {"meta", {{"key", T}, {"value", T}}, "key", ""},
        {"issuer_keys",
         {{"kid", T}, {"secret", B}, {"public_key", T}, {"created_at", I}, {"retired_at", I, null}},
         "kid",
         ""},
        {"policies", {{"n", I}, {"from_date", T}, {"policy", T}, {"created_at", I}}, "n", "n"},
        {"coupons",
         {{"coupon_id", T}, {"type", T}, {"grant_minutes", I}, {"services", T}, {"not_before", I}, {"expires", I},
          {"kid", T}, {"serial", T}, {"pass_hash", T}, {"issued_at", I}, {"revoked_at", I, null},
          {"revoke_reason", T, null}, {"revoked_change", I, null}},
         "coupon_id",
         ""},
        {"providers",
         {{"provider_id", T}, {"profile", T}, {"created_at", I}, {"updated_at", I}, {"suspended_at", I, null}},
         "provider_id",
         ""},
        {"enrolment_codes",
         {{"code_hash", T}, {"provider_id", T}, {"created_at", I}, {"used_at", I, null}, {"terminal_id", T, null},
          {"expires_at", I, null}, {"cancelled_at", I, null}},
         "code_hash",
         ""},
        {"terminals",
         {{"terminal_id", T}, {"provider_id", T}, {"number", I}, {"public_key", T}, {"label", T},
          {"enrolled_at", I}, {"revoked_at", I, null}, {"revoke_reason", T, null}, {"last_contact_at", I, null},
          {"last_pull_at", I, null}, {"pulled_cursor", I, null}},
         "terminal_id",
         ""},
        {"nonces", {{"terminal_id", T}, {"nonce", T}, {"ts", I}}, "terminal_id, nonce", ""},
        {"events",
         {{"n", I}, {"id", T}, {"digest", T}, {"terminal_id", T}, {"provider_id", T}, {"seq", I}, {"type", T},
          {"at", I}, {"coupon_id", T}, {"session_id", T}, {"status", T}, {"reason", T}, {"flags", T},
          {"clock_offset_s", I, null}, {"received_at", I}, {"body", T}, {"figures", T, null}, {"detail", T}},
         "n",
         "n"},
        {"event_conflicts",
         {{"n", I}, {"id", T}, {"digest", T}, {"terminal_id", T}, {"provider_id", T}, {"seq", I}, {"type", T},
          {"at", I}, {"received_at", I}, {"body", T}},
         "n",
         "n"},
        {"sessions",
         {{"terminal_id", T}, {"session_id", T}, {"provider_id", T}, {"coupon_id", T, null}, {"ticket", T, null},
          {"source", T}, {"service", T}, {"start", I, null}, {"stop", I, null}, {"date", T, null},
          {"actual_minutes", I, null}, {"billed_minutes", I, null}, {"status", T}, {"counted_minutes", I},
          {"opened_event", T, null}, {"opened_start", I, null}},
         "terminal_id, session_id",
         ""},
        {"changes",
         {{"seq", I}, {"kind", T}, {"provider_id", T, null}, {"coupon_id", T, null}, {"body", T}, {"at", I}},
         "seq",
         "seq"},
        {"paper_tickets",
         {{"ticket", T}, {"coupon_id", T}, {"issued_at", I}, {"terminal_id", T, null}, {"session_id", T, null},
          {"used_at", I, null}},
         "ticket",
         ""},
        {"session_unlocks",
         {{"terminal_id", T}, {"session_id", T}, {"until", I}, {"created_at", I}},
         "terminal_id, session_id",
         ""},
    };
    return tables;
}

} // namespace sango::ledger
