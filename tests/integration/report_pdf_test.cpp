// `sango report daily|monthly|totals --month YYYY-MM --format pdf --out FILE`: the real binary under libfaketime
// writes the printable statement; its text (pdftotext, poppler-utils) has the totals, the yen amounts, the
// provider and the month; its fonts are embedded, the CJK face following --lang; without --out it is a usage
// error that says so, and nothing is written or recorded. No display is needed (a stale DISPLAY included).
#include <memory>
#include <sstream>

#include <gtest/gtest.h>

#include "sango_runner.h"
#include "spec_model.h"

namespace sango::itest {
namespace {

using test::TestIssuer;

fs::path popplerTool(const char* name)
{
    for (const char* dir : {"/usr/bin", "/usr/local/bin", "/bin"})
        if (fs::exists(fs::path(dir) / name))
            return fs::path(dir) / name;
    return {};
}

std::string toolOutput(const char* tool, const std::vector<std::string>& args)
{
    const fs::path path = popplerTool(tool);
    if (path.empty()) {
        ADD_FAILURE() << tool << " is not installed (Debian package poppler-utils)";
        return {};
    }
    std::vector<std::string> argv{path.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    const test::ProcessResult r = test::run(argv);
    EXPECT_EQ(r.exitCode, 0) << tool << ": " << r.err;
    return r.out;
}

class CliReportPdf : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_store = std::make_unique<TestStore>(m_issuer);
        s = &m_store->sango();
        auto ok = [](const CliResult& r) { ASSERT_EQ(r.exit, 0) << r; };
        const std::string a = qr(1), b = qr(2);
        ok(s->run({"scan", a, "--service", "stay", "--staff", "s1"}, jst(2026, 4, 3, 10, 0)));
        ok(s->run({"scan", b, "--service", "day", "--staff", "s1"}, jst(2026, 4, 3, 10, 0)));
        ok(s->run({"scan", b, "--service", "day", "--staff", "s1"}, jst(2026, 4, 3, 12, 7)));       // 127 → 120
        ok(s->run({"scan", a, "--service", "stay", "--staff", "s1"}, jst(2026, 4, 4, 9, 47, 30))); // 1427 → 1410
        ok(s->run({"paper", "--ticket", "PT-7", "--service", "day", "--start", "2026-04-02T13:00:00+09:00", "--stop",
                   "2026-04-02T15:10:00+09:00", "--staff", "m1"},
                  jst(2026, 4, 5, 12, 0)));                                                            // 130 → 120
        s->setNow(jst(2026, 4, 6, 9, 0));
    }

    std::string qr(std::uint64_t n) const
    {
        TestIssuer::Claims c;
        c.couponId = couponId(n);
        return m_issuer.issue(c);
    }

    TestIssuer m_issuer;
    std::unique_ptr<TestStore> m_store;
    Sango* s = nullptr;
};

TEST_F(CliReportPdf, TotalsPdfHasTheTotalsAndYen)
{
    const fs::path out = m_store->root() / "totals.pdf";
    auto r = s->run({"report", "totals", "--month", "2026-04", "--format", "pdf", "--out", out.string()});
    ASSERT_EQ(r.exit, 0) << r;
    EXPECT_TRUE(r.raw.empty()) << "with --out nothing goes to stdout: " << r.raw;
    ASSERT_TRUE(fs::exists(out));
    EXPECT_EQ(readFile(out).substr(0, 5), "%PDF-");
    const std::int64_t stayYen = model::amountYen(1410, 1300);
    const std::int64_t dayYen = model::amountYen(240, 3400);
    const std::string text = toolOutput("pdftotext", {"-layout", out.string(), "-"});
    for (const std::string& token :
         {std::string("P-0001"), std::string("2026-04"), std::string("131016"), std::string("1410"), std::string("240"),
          std::string("1650"), std::to_string(stayYen), std::to_string(dayYen), std::to_string(stayYen + dayYen),
          std::string("Billing totals"), std::string("2026-04-06T09:00:00+09:00")})
        EXPECT_NE(text.find(token), std::string::npos) << token << " missing from:\n" << text;
    EXPECT_EQ(text.find(couponId(1)), std::string::npos) << "the totals list no sessions";
}

TEST_F(CliReportPdf, MonthlyPdfInJapaneseAndChineseEmbedsTheLanguagesFace)
{
    for (const auto& [lang, face] : {std::pair<std::string, std::string>{"ja", "NotoSansCJKjp"},
                                     std::pair<std::string, std::string>{"zh", "NotoSansCJKsc"}}) {
        SCOPED_TRACE(lang);
        const fs::path out = m_store->root() / ("monthly-" + lang + ".pdf");
        auto r = s->run({"--lang", lang, "report", "monthly", "--month", "2026-04", "--format", "pdf", "--out",
                         out.string()});
        ASSERT_EQ(r.exit, 0) << r;
        const std::string text = toolOutput("pdftotext", {"-layout", out.string(), "-"});
        for (const std::string& token : {couponId(1), couponId(2), std::string("PT-7"), std::string("1427"),
                                         std::string("1410"), std::string("127"), std::string("120")})
            EXPECT_NE(text.find(token), std::string::npos) << token << " missing from:\n" << text;
        const std::string fonts = toolOutput("pdffonts", {out.string()});
        EXPECT_NE(fonts.find(face), std::string::npos) << fonts;
        std::istringstream lines(fonts);
        std::string line;
        for (int n = 1; std::getline(lines, line); ++n) {
            std::vector<std::string> cols;
            std::istringstream words(line);
            for (std::string w; words >> w;)
                cols.push_back(w);
            if (n > 2 && cols.size() >= 6) { // after the header and its rule: "emb" is 5th from the end
                EXPECT_EQ(cols[cols.size() - 5], "yes") << "not embedded: " << line;
            }
        }
    }
}

TEST_F(CliReportPdf, WorksWithAStaleDisplay)
{
    const fs::path out = m_store->root() / "daily.pdf";
    test::RunOptions o = Sango::options(s->now());
    o.env["DISPLAY"] = ":97"; // no X server there: the PDF needs none
    const auto r = toCliResult(
        test::run(s->argv({"report", "daily", "--month", "2026-04", "--format", "pdf", "--out", out.string()}), o));
    ASSERT_EQ(r.exit, 0) << r;
    const std::string text = toolOutput("pdftotext", {"-layout", out.string(), "-"});
    EXPECT_NE(text.find("2026-04-02"), std::string::npos) << text;
}

TEST_F(CliReportPdf, PdfWithoutOutIsAUsageErrorAndChangesNothing)
{
    const auto before = snapshot(s->dataDir());
    for (const char* kind : {"totals", "monthly"}) {
        auto r = s->run({"report", kind, "--month", "2026-04", "--format", "pdf"});
        EXPECT_EQ(r.exit, 1) << r;
        EXPECT_EQ(r.result(), "invalid_argument") << r;
        EXPECT_NE(r.out.value("detail", "").find("--out"), std::string::npos) << r;
        EXPECT_FALSE(r.err.empty());
    }
    EXPECT_TRUE(snapshot(s->dataDir()) == before) << "the data directory's bytes changed";
    auto bad = s->run({"report", "totals", "--month", "2026-04", "--format", "pdf", "--out",
                       (m_store->root() / "no-such-folder" / "t.pdf").string()});
    EXPECT_EQ(bad.exit, 1) << bad;
    EXPECT_EQ(bad.result(), "invalid_argument") << bad;
}

} // namespace
} // namespace sango::itest
