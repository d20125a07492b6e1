// EventStore::audit: the chain end to end, the recorded head, the projections against a replay of the events,
// and SQLite's own integrity check.
#include "sango/event_store.h"

#include <span>

#include "event_store_impl.h"
#include "projection.h"
#include "sango/crypto.h"

namespace sango {

namespace {

// Compares a projection table with its replayed twin, row by row in key order; "" when equal, else which
// row differs.
Expected<std::string> firstDifference(db::Database& stored, db::Database& replayed, const std::string& table)
{
    // Every projection table has at least two columns, and its key within the first two.
    const std::string sql = "SELECT * FROM " + table + " ORDER BY 1, 2";
    SANGO_TRY_ASSIGN(auto a, db::query(stored, sql));
    SANGO_TRY_ASSIGN(auto b, db::query(replayed, sql));
    for (;;) {
        SANGO_TRY_ASSIGN(const bool ra, a.step());
        SANGO_TRY_ASSIGN(const bool rb, b.step());
        if (!ra && !rb)
            return std::string();
        if (ra != rb)
            return std::string(ra ? "a row that no event made: " + a.text(0) : "a row is missing: " + b.text(0));
        if (a.columnCount() != b.columnCount())
            return std::string("its columns");
        for (int c = 0; c < a.columnCount(); ++c) {
            if (a.isNull(c) != b.isNull(c) || a.text(c) != b.text(c))
                return "row " + a.text(0);
        }
    }
}

} // namespace

Expected<AuditResult> EventStore::audit()
{
    AuditResult res;
    auto& d = m_impl->db;
    // One read transaction: every check sees the same snapshot, even while a kiosk records scans.
    SANGO_TRY_ASSIGN(const auto snapshot, db::Transaction::begin(d, db::Transaction::Kind::read));
    SANGO_TRY_ASSIGN(auto st, db::query(d, "SELECT " + std::string(store_events::kEventColumns) +
                                               " FROM events ORDER BY seq"));
    crypto::Hash256 prev{};
    std::int64_t expectSeq = 1;
    // The projections are rebuilt from the events in memory alongside, to be compared with the stored ones:
    // reports come from projections, so a change there must show too.
    SANGO_TRY_ASSIGN(auto replay, db::Database::open(":memory:", true));
    SANGO_TRY(store_schema::createSchema(replay));
    SANGO_TRY(replay.exec("INSERT INTO meta(key, value) VALUES ('schema_version', ''), ('head_seq', ''), "
                          "('head_hash', '')"));
    auto broken = [&](std::int64_t seq, std::string what) {
        res.intact = false;
        res.brokenAt = seq;
        res.problem = std::move(what);
    };
    for (;;) {
        SANGO_TRY_ASSIGN(const bool more, st.step());
        if (!more)
            break;
        const std::int64_t seq = st.int64(0);
        ++res.events;
        if (seq != expectSeq) {
            broken(expectSeq, "event " + std::to_string(expectSeq) + " is missing (the log jumps to " +
                                  std::to_string(seq) + ")");
            return res;
        }
        const auto p = st.blob(5);
        const auto h = st.blob(6);
        if (p.size() != 32 || !std::equal(p.begin(), p.end(), prev.begin())) {
            broken(seq, "event " + std::to_string(seq) +
                            " does not follow the event before it (reordered, replaced or removed)");
            return res;
        }
        const auto computed = Event::chainHash(prev, seq, st.text(1), st.text(2), st.int64(3), st.text(4));
        if (h.size() != 32 || !std::equal(h.begin(), h.end(), computed.begin())) {
            broken(seq, "event " + std::to_string(seq) + " was changed after it was recorded");
            return res;
        }
        prev = computed;
        ++expectSeq;
        const Event ev = store_events::readEvent(st);
        if (auto r = projection::apply(replay, ev); !r) {
            broken(seq, "event " + std::to_string(seq) + " cannot be replayed: " + r.error().message);
            return res;
        }
    }
    SANGO_TRY_ASSIGN(auto meta, db::query(d, "SELECT (SELECT value FROM meta WHERE key = 'head_seq'), "
                                             "(SELECT value FROM meta WHERE key = 'head_hash')"));
    SANGO_TRY(meta.step());
    const std::string headSeq = meta.text(0);
    const std::string headHash = meta.text(1);
    const std::int64_t last = expectSeq - 1;
    if (headSeq != std::to_string(last)) {
        broken(expectSeq, "the log ends at event " + std::to_string(last) + " but the store recorded " + headSeq +
                              " as its last: events were removed from the end");
        return res;
    }
    if (last > 0 && headHash != crypto::toHex(prev)) {
        broken(last, "event " + std::to_string(last) + ", the last, is not the one the store recorded: it was "
                                                       "changed or replaced");
        return res;
    }
    res.headSeq = last;
    res.headHash = last > 0 ? crypto::toHex(prev) : std::string();
    // A copy of an older schema (a backup being checked) has that schema's projections: only its chain and
    // the file are checked; opened for use, it is migrated, and its projections with it.
    const bool compareProjections = m_impl->schemaVersion == kSchemaVersion;
    for (std::string_view tableName : compareProjections ? std::span(store_schema::kProjectionTables)
                                                         : std::span<const std::string_view>()) {
        const std::string table(tableName);
        SANGO_TRY_ASSIGN(const auto diff, firstDifference(d, replay, table));
        if (!diff.empty()) {
            broken(0, std::string("the ") + table + " table differs from what the events say (" + diff +
                          "): it was changed outside Sango; the events are intact, so the table can be rebuilt");
            return res;
        }
    }
    SANGO_TRY_ASSIGN(auto integrity, db::query(d, "PRAGMA integrity_check"));
    SANGO_TRY(integrity.step());
    if (integrity.text(0) != "ok")
        broken(0, "the database file is damaged: " + integrity.text(0));
    return res;
}

} // namespace sango
