// `sango-ledger export` and `import`: a ledger moved between the SQLCipher and PostgreSQL engines, or backed up
// (ledger_transfer.h). Both print what they wrote or checked: the engine, the rows per table, the figures.
#include <nlohmann/json.hpp>

#include "ledger_commands.h"
#include "ledger_transfer.h"
#include "open_ledger_store.h"

namespace sango::ledger::cli {

namespace {

constexpr const char* kSecretsWarning =
    "the file holds the issuer keys' secrets and the enrolment-code secret in plain form: keep it like "
    "ledger.key (mode 0600, encrypted at rest, deleted when no longer needed)";

nlohmann::json summaryJson(const TransferSummary& s)
{
    return {{"engine", s.engine},
            {"municipality", s.municipality},
            {"tables", s.tables},
            {"rows", s.rows},
            {"last_change_seq", s.lastChangeSeq},
            {"figures", {{"coupons", s.coupons}, {"provider_months", s.providerMonths}, {"digest", s.figuresDigest}}}};
}

} // namespace

int Commands::exportLedger() const
{
    if (m_o.file.empty())
        return usage("give the export's file with --file FILE");
    auto where = location();
    if (!where)
        return failure(where.error());
    const std::int64_t now = m_clock.now().time_since_epoch().count();
    auto store = openLedgerStore(*where, now);
    if (!store)
        return failure(store.error());
    auto s = ledger::exportLedger(**store, m_o.file, now);
    if (!s)
        return failure(s.error());
    nlohmann::json j = summaryJson(*s);
    j["file"] = m_o.file;
    j["secrets"] = kSecretsWarning;
    print(j);
    m_err << "sango-ledger: exported " << s->rows << " rows to " << m_o.file << "; " << kSecretsWarning << '\n';
    return 0;
}

int Commands::importLedger() const
{
    if (m_o.file.empty())
        return usage("give the export's file with --file FILE");
    auto where = location();
    if (!where)
        return failure(where.error());
    auto s = ledger::importLedger(*where, m_o.file, m_clock.now().time_since_epoch().count());
    if (!s)
        return failure(s.error());
    nlohmann::json j = summaryJson(*s);
    j["file"] = m_o.file;
    j["checked"] = "row counts, changes sequence, every coupon's balance and every provider's monthly totals";
    print(j);
    m_err << "sango-ledger: imported " << s->rows << " rows into "
          << (where->postgres() ? where->databaseUrl : where->dataDir.string())
          << "; balances and totals match the source's\n";
    return 0;
}

} // namespace sango::ledger::cli
