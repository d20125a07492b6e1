// exportLedger / importLedger (ledger_transfer.h): the file format, its checks against hostile or damaged
// input, and the figures compared between the source and the target.
#include "ledger_transfer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <set>
#include <utility>

#include "ledger_impl.h"
#include "open_ledger_store.h"
#include "sango/crypto.h"
#include "totals.h"

namespace sango::ledger {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxLine = 16 * 1024 * 1024; // an event body is far smaller; a line longer is hostile
constexpr int kMaxDepth = 8;                      // rows are flat arrays; the header two levels deep

// What the figures are computed over, gathered from the rows as they pass: every coupon, and every provider
// and month with a dated session.
struct FigureKeys {
    std::vector<std::string> coupons;
    std::set<std::pair<std::string, std::string>> providerMonths; // provider, YYYY-MM

    void see(const TableSpec& table, const json& row)
    {
        if (table.name == "coupons" && row[0].is_string())
            coupons.push_back(row[0].get<std::string>());
        if (table.name == "sessions" && row[2].is_string() && row[9].is_string()) {
            const auto& date = row[9].get_ref<const std::string&>();
            if (date.size() >= 7)
                providerMonths.emplace(row[2].get<std::string>(), date.substr(0, 7));
        }
    }
};

// Every coupon's balance and every provider month's totals, by the ledger's own code, and its digest.
Expected<std::string> figuresDigest(LedgerStore& store, const FigureKeys& keys)
{
    json out = {{"balances", json::array()}, {"totals", json::array()}};
    for (const auto& c : keys.coupons) {
        SANGO_TRY_ASSIGN(const auto b, store.couponBalance(c));
        const std::int64_t grant = b.grantMinutes.value_or(-1);
        out["balances"].push_back({c, grant, b.usedMinutes, std::max<std::int64_t>(grant - b.usedMinutes, 0)});
    }
    for (const auto& [providerId, month] : keys.providerMonths) {
        SANGO_TRY_ASSIGN(const auto p, detail::provider(store, providerId));
        int y = 0;
        unsigned m = 0;
        if (!p || std::sscanf(month.c_str(), "%d-%u", &y, &m) != 2)
            continue;
        const date::year_month ym{date::year{y}, date::month{m}};
        if (!ym.ok())
            continue;
        SANGO_TRY_ASSIGN(const auto rows, Totals(store).compute(*p, ym));
        for (const auto& r : rows)
            out["totals"].push_back({providerId, month, r.service, r.sessions, r.billedMinutes,
                                     r.yenPerHour ? json(*r.yenPerHour) : json(), r.amountYen});
    }
    return crypto::toHex(crypto::blake2b256(out.dump()));
}

// The nesting depth of a JSON text (outside strings), to refuse a hostile one before it is parsed.
int depthOf(const std::string& line)
{
    int depth = 0, deepest = 0;
    bool inString = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return deepest;
}

Error malformed(const fs::path& file, const std::string& what)
{
    return {Errc::malformed, file.string() + " is not a usable sango-ledger export: " + what +
                                 "; nothing was imported"};
}

// Reads an export line by line, each bounded, each ending in a newline (a missing one: truncated).
class ExportReader {
public:
    explicit ExportReader(fs::path file) : m_file(std::move(file)), m_in(m_file, std::ios::binary) {}

    bool isOpen() const { return m_in.is_open(); }

    // The next line as JSON; nothing at the end of the file.
    Expected<std::optional<json>> next()
    {
        std::string line;
        char c = 0;
        while (m_in.get(c)) {
            if (c == '\n') {
                ++m_line;
                if (depthOf(line) > kMaxDepth)
                    return tl::unexpected(malformed(m_file, "line " + std::to_string(m_line) + " is nested too deep"));
                json j = json::parse(line, nullptr, false);
                if (j.is_discarded() || !j.is_object())
                    return tl::unexpected(malformed(m_file, "line " + std::to_string(m_line) + " is not a JSON object"));
                return std::optional<json>(std::move(j));
            }
            if (line.size() >= kMaxLine)
                return tl::unexpected(malformed(m_file, "line " + std::to_string(m_line + 1) + " is too long"));
            line.push_back(c);
        }
        if (m_in.bad())
            return fail(Errc::store_io, "cannot read " + m_file.string() + ": " + std::strerror(errno));
        if (!line.empty())
            return tl::unexpected(malformed(m_file, "it is truncated (its last line is incomplete)"));
        return std::optional<json>();
    }

private:
    fs::path m_file;
    std::ifstream m_in;
    std::int64_t m_line = 0;
};

bool validValue(const ColumnSpec& c, const json& v)
{
    if (v.is_null())
        return c.nullable;
    switch (c.type) {
    case ColumnType::integer:
        return v.is_number_integer() &&
               (!v.is_number_unsigned() ||
                v.get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
    case ColumnType::text: return v.is_string();
    case ColumnType::blob: {
        if (!v.is_string())
            return false;
        const auto& s = v.get_ref<const std::string&>();
        return s.size() % 2 == 0 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
    }
    }
    return false;
}

// The header's fields, checked.
Expected<TransferSummary> readHeader(const fs::path& file, const json& h)
{
    if (h.value("format", json()) != kExportFormat)
        return tl::unexpected(malformed(file, "it has no sango-ledger export header"));
    const json version = h.value("version", json());
    const json schema = h.value("schema", json());
    if (!version.is_number_integer() || !schema.is_number_integer())
        return tl::unexpected(malformed(file, "its header has no version or schema"));
    if (version.get<std::int64_t>() > kExportVersion || schema.get<std::int64_t>() > LedgerStore::kSchemaVersion)
        return fail(Errc::schema_too_new, file.string() + " was written by a newer sango-ledger (format " +
                                              version.dump() + ", schema " + schema.dump() +
                                              "): import it with that version");
    if (version.get<std::int64_t>() != kExportVersion || schema.get<std::int64_t>() != LedgerStore::kSchemaVersion)
        return tl::unexpected(malformed(file, "its format or schema (" + schema.dump() + ") is not this version's"));
    TransferSummary s;
    const json tables = h.value("tables", json());
    const json seqs = h.value("sequences", json());
    const json figures = h.value("figures", json());
    if (!h.value("municipality", json()).is_string() || !h.value("engine", json()).is_string() ||
        !tables.is_object() || !seqs.is_object() || !figures.is_object() ||
        !seqs.value("changes", json()).is_number_integer() || !figures.value("digest", json()).is_string())
        return tl::unexpected(malformed(file, "its header lacks a field"));
    s.municipality = h["municipality"].get<std::string>();
    s.engine = h["engine"].get<std::string>();
    s.lastChangeSeq = seqs["changes"].get<std::int64_t>();
    s.figuresDigest = figures["digest"].get<std::string>();
    for (const auto& t : ledgerTables()) {
        const json n = tables.value(std::string(t.name), json());
        if (!n.is_number_integer() || n.get<std::int64_t>() < 0)
            return tl::unexpected(malformed(file, "its header has no row count for " + std::string(t.name)));
        s.tables[std::string(t.name)] = n.get<std::int64_t>();
        s.rows += n.get<std::int64_t>();
    }
    if (tables.size() != ledgerTables().size())
        return tl::unexpected(malformed(file, "its header names tables this ledger does not have"));
    return s;
}

// Writes to a new file, 0600, that takes its name only once complete.
class AtomicFile {
public:
    explicit AtomicFile(fs::path file)
        : m_file(std::move(file)), m_tmp(m_file.string() + ".tmp-" + std::to_string(::getpid()))
    {
    }
    ~AtomicFile()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        if (!m_done)
            ::unlink(m_tmp.c_str());
    }
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    Expected<void> open()
    {
        std::error_code ec;
        if (fs::exists(m_file, ec))
            return fail(Errc::invalid_argument, m_file.string() + " exists already: export never overwrites a file");
        ::unlink(m_tmp.c_str());
        m_fd = ::open(m_tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (m_fd < 0)
            return ioError("create");
        ::fchmod(m_fd, 0600); // whatever the umask
        return {};
    }
    Expected<void> line(const json& j)
    {
        m_buffer += j.dump();
        m_buffer += '\n';
        return m_buffer.size() >= (1u << 20) ? flush() : Expected<void>();
    }
    Expected<void> commit()
    {
        SANGO_TRY(flush());
        if (::fsync(m_fd) != 0)
            return ioError("write");
        ::close(m_fd);
        m_fd = -1;
        // link() refuses to replace a file made meanwhile.
        if (::link(m_tmp.c_str(), m_file.c_str()) != 0)
            return ioError("create");
        ::unlink(m_tmp.c_str());
        m_done = true;
        return {};
    }

private:
    Expected<void> flush()
    {
        std::size_t off = 0;
        while (off < m_buffer.size()) {
            const ssize_t n = ::write(m_fd, m_buffer.data() + off, m_buffer.size() - off);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                return ioError("write");
            off += static_cast<std::size_t>(n);
        }
        m_buffer.clear();
        return {};
    }
    tl::unexpected<Error> ioError(const char* what) const
    {
        const int err = errno;
        return fail(err == ENOSPC ? Errc::disk_full : Errc::store_io,
                    std::string("cannot ") + what + " " + m_file.string() + ": " + std::strerror(err));
    }

    fs::path m_file;
    fs::path m_tmp;
    int m_fd = -1;
    bool m_done = false;
    std::string m_buffer;
};

} // namespace

Expected<TransferSummary> exportLedger(LedgerStore& store, const fs::path& file, std::int64_t now)
{
    AtomicFile out(file);
    SANGO_TRY(out.open());
    // One snapshot: the counts, the figures and the rows agree.
    SANGO_TRY_ASSIGN(const auto snapshot, store.beginRead());
    TransferSummary s;
    s.engine = store.info().engine;
    SANGO_TRY_ASSIGN(const auto municipality, store.municipality());
    if (!municipality)
        return fail(Errc::store_corrupt, "the ledger has no municipality: it was never initialised");
    s.municipality = *municipality;
    FigureKeys keys;
    json counts = json::object();
    for (const auto& t : ledgerTables()) {
        SANGO_TRY_ASSIGN(const auto n, store.exportTable(t, [&](json row) -> Expected<void> {
                             keys.see(t, row);
                             return {};
                         }));
        counts[std::string(t.name)] = n;
        s.tables[std::string(t.name)] = n;
        s.rows += n;
    }
    SANGO_TRY_ASSIGN(s.lastChangeSeq, store.lastChangeSeq());
    SANGO_TRY_ASSIGN(s.figuresDigest, figuresDigest(store, keys));
    s.coupons = static_cast<std::int64_t>(keys.coupons.size());
    s.providerMonths = static_cast<std::int64_t>(keys.providerMonths.size());
    SANGO_TRY(out.line({{"format", kExportFormat},
                        {"version", kExportVersion},
                        {"municipality", s.municipality},
                        {"schema", LedgerStore::kSchemaVersion},
                        {"engine", s.engine},
                        {"exported_at", now},
                        {"tables", counts},
                        {"sequences", {{"changes", s.lastChangeSeq}}},
                        {"figures",
                         {{"digest", s.figuresDigest}, {"coupons", s.coupons}, {"provider_months", s.providerMonths}}}}));
    for (const auto& t : ledgerTables()) {
        const std::string name(t.name);
        SANGO_TRY_ASSIGN(const auto n, store.exportTable(t, [&](json row) -> Expected<void> {
                             return out.line({{"t", name}, {"r", std::move(row)}});
                         }));
        if (n != s.tables[name])
            return fail(Errc::store_io, "the ledger changed during the export of " + name + ": export again");
    }
    SANGO_TRY(out.line({{"end", true}, {"rows", s.rows}}));
    SANGO_TRY(out.commit());
    return s;
}

Expected<TransferSummary> importLedger(const LedgerLocation& location, const fs::path& file, std::int64_t now)
{
    ExportReader in(file);
    if (!in.isOpen())
        return fail(Errc::invalid_argument, "cannot open " + file.string() + ": " + std::strerror(errno));
    SANGO_TRY_ASSIGN(const auto first, in.next());
    if (!first)
        return tl::unexpected(malformed(file, "it is empty"));
    SANGO_TRY_ASSIGN(const TransferSummary expected, readHeader(file, *first));

    TransferSummary s = expected;
    auto populate = [&](LedgerStore& store) -> Expected<void> {
        s.engine = store.info().engine;
        const auto& tables = ledgerTables();
        std::optional<json> pending; // a line read ahead: the next table's first row, or the end
        bool ended = false;
        FigureKeys keys;
        for (std::size_t ti = 0; ti < tables.size(); ++ti) {
            const TableSpec& t = tables[ti];
            const std::string name(t.name);
            auto source = [&]() -> Expected<std::optional<json>> {
                if (!pending) {
                    SANGO_TRY_ASSIGN(auto line, in.next());
                    if (!line)
                        return tl::unexpected(malformed(file, "it is truncated (no end line)"));
                    pending = std::move(*line);
                }
                if (pending->contains("end"))
                    return std::optional<json>();
                const json table = pending->value("t", json());
                if (!table.is_string())
                    return tl::unexpected(malformed(file, "a line names no table"));
                if (table.get<std::string>() != name) {
                    // A later table's row ends this table; an earlier or unknown one is out of order.
                    for (std::size_t later = ti + 1; later < tables.size(); ++later)
                        if (tables[later].name == table.get<std::string>())
                            return std::optional<json>();
                    return tl::unexpected(malformed(file, "rows of " + table.get<std::string>() +
                                                              " are out of order or of no such table"));
                }
                json row = std::move((*pending)["r"]);
                pending.reset();
                if (!row.is_array() || row.size() != t.columns.size())
                    return tl::unexpected(malformed(file, "a row of " + name + " has not its " +
                                                              std::to_string(t.columns.size()) + " columns"));
                for (std::size_t c = 0; c < t.columns.size(); ++c)
                    if (!validValue(t.columns[c], row[c]))
                        return tl::unexpected(malformed(file, "a row of " + name + " has a wrong value for " +
                                                                  std::string(t.columns[c].name)));
                keys.see(t, row);
                return std::optional<json>(std::move(row));
            };
            const std::int64_t floor = name == "changes" ? expected.lastChangeSeq : 0;
            SANGO_TRY_ASSIGN(const auto n, store.importTable(t, source, floor));
            if (n != expected.tables.at(name))
                return tl::unexpected(malformed(file, name + " has " + std::to_string(n) + " rows where its header says " +
                                                          std::to_string(expected.tables.at(name))));
        }
        if (!pending) {
            SANGO_TRY_ASSIGN(auto line, in.next());
            pending = std::move(line);
        }
        ended = pending && pending->value("end", false) == true;
        if (!ended || pending->value("rows", json()) != json(expected.rows))
            return tl::unexpected(malformed(file, "its end line is missing or does not match its header"));
        SANGO_TRY_ASSIGN(const auto after, in.next());
        if (after)
            return tl::unexpected(malformed(file, "it goes on after its end line"));

        // The target's own figures, before anything commits.
        SANGO_TRY_ASSIGN(const auto municipality, store.municipality());
        if (municipality.value_or("") != expected.municipality)
            return tl::unexpected(malformed(file, "its municipality is not that of its rows"));
        SANGO_TRY_ASSIGN(const auto lastSeq, store.lastChangeSeq());
        if (lastSeq != expected.lastChangeSeq)
            return fail(Errc::store_corrupt, "the imported changes feed ends at " + std::to_string(lastSeq) +
                                                 " where the source's ended at " +
                                                 std::to_string(expected.lastChangeSeq) + "; nothing was imported");
        SANGO_TRY_ASSIGN(const auto digest, figuresDigest(store, keys));
        if (digest != expected.figuresDigest)
            return fail(Errc::store_corrupt, "the imported ledger's balances and totals differ from the source's "
                                             "(figures digest): nothing was imported");
        s.coupons = static_cast<std::int64_t>(keys.coupons.size());
        s.providerMonths = static_cast<std::int64_t>(keys.providerMonths.size());
        return {};
    };
    SANGO_TRY(createLedgerStore(location, now, populate));
    return s;
}

} // namespace sango::ledger
