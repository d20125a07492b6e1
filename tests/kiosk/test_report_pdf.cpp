// ui/report: the printable statement from a real store (KioskFixture: encrypted store, FakeClock, Terminal),
// written as PDF in ja, en and zh_CN and read back with poppler-utils: the coupon ids, billed minutes, totals,
// yen amounts, provider id and month are in its text, and every font is embedded (the CJK face of the
// language for the provider's Japanese name). The words around the data are asserted in a language only when
// its compiled translation has them (translated()); until then the English source words show.
#include <chrono>
#include <string>

#include <QPrinter>
#include <QString>

#include "kiosk_fixture.h"
#include "pdf_text.h"
#include "report_document.h"
#include "report_pdf.h"
#include "report_renderer.h"
#include "report_translation.h"

namespace sango::test {
namespace {

using report::ReportDocument;
using report::ReportKind;
using std::chrono::minutes;

const date::year_month kApril = date::year{2026} / date::April;

// The language's word for a source string when its catalogue translates it; nullopt while it does not (the
// assertion on language-specific words switches itself on when translations arrive).
std::optional<QString> translated(const std::string& language, const char* source)
{
    const report::ReportTranslation t(language);
    const QString words = t.text(source);
    if (!t.loaded() || words == QString::fromUtf8(source))
        return std::nullopt;
    return words;
}

// pdftotext maps some CJK glyphs to their compatibility code points (月 as the Kangxi radical ⽉): compare in NFKC.
QString normalised(const std::string& text)
{
    // NFKC maps the radicals Qt's CJK text mapping gives (⽉ for 月); the division slash (∕, U+2215) it gives for
    // '/' between CJK characters is mapped by hand.
    return QString::fromStdString(text).normalized(QString::NormalizationForm_KC).replace(QChar(0x2215), QLatin1Char('/'));
}

class ReportPdfTest : public KioskFixture {
protected:
    void SetUp() override
    {
        KioskFixture::SetUp();
        m_coupon1 = TestIssuer::makeCouponId(101);
        m_coupon2 = TestIssuer::makeCouponId(102);
        // day: 127 min → floor((127 + 5) / 30) · 30 = 120
        auto first = m_terminal->scan(ScanInput::qr(coupon(101)), Service::day, kStaffId);
        ASSERT_TRUE(first) << first.error().message;
        m_session1 = first->session.sessionId;
        m_clock.advance(minutes(127));
        ASSERT_TRUE(m_terminal->scan(ScanInput::qr(coupon(101)), Service::day, kStaffId));
        // visit: 65 min → 60
        ASSERT_TRUE(m_terminal->scan(ScanInput::qr(coupon(102)), Service::visit, kStaffId));
        m_clock.advance(minutes(65));
        ASSERT_TRUE(m_terminal->scan(ScanInput::qr(coupon(102)), Service::visit, kStaffId));
        // paper, day, 130 min → 120
        auto& local = m_terminal->localTime();
        auto paper = m_terminal->recordPaper("PT-0042", Service::day, *local.parse("2026-04-02T13:00:00+09:00"),
                                             *local.parse("2026-04-02T15:10:00+09:00"), kManagerId);
        ASSERT_TRUE(paper) << paper.error().message;
        m_clock.advance(minutes(60));
    }

    ReportDocument build(ReportKind kind, const std::string& language)
    {
        auto doc = report::buildReport(*m_terminal, kind, kApril, m_clock.now(), language);
        EXPECT_TRUE(doc) << doc.error().message;
        return doc ? *doc : ReportDocument{};
    }

    std::filesystem::path write(ReportKind kind, const std::string& language)
    {
        const auto file = m_dir.path() / (std::string(report::toString(kind)) + "_" + language + ".pdf");
        auto r = report::writePdf(build(kind, language), file);
        EXPECT_TRUE(r) << r.error().message;
        return file;
    }

    static void expectEmbeddedFonts(const std::filesystem::path& pdf, const std::string& cjkFace)
    {
        const auto fonts = pdfFonts(pdf);
        ASSERT_FALSE(fonts.empty()) << pdf;
        bool cjk = false;
        for (const PdfFont& f : fonts) {
            EXPECT_TRUE(f.embedded) << f.name << " is not embedded in " << pdf;
            cjk = cjk || f.name.find(cjkFace) != std::string::npos;
        }
        EXPECT_TRUE(cjk) << "the provider's Japanese name must be drawn with " << cjkFace << " in " << pdf;
    }

    std::string m_coupon1, m_coupon2, m_session1;
};

const std::string kLanguages[] = {"ja", "en", "zh_CN"};

std::string cjkFaceOf(const std::string& language)
{
    return language == "zh_CN" ? "NotoSansCJKsc" : "NotoSansCJKjp";
}

TEST_F(ReportPdfTest, MonthlyStatementHasEverySessionAndTheTotals)
{
    for (const std::string& lang : kLanguages) {
        SCOPED_TRACE(lang);
        const auto pdf = write(ReportKind::monthly, lang);
        const std::string text = pdfText(pdf);
        for (const std::string& token : {m_coupon1, m_coupon2, std::string("PT-0042"), m_session1,
                                         std::string("P-0001"), std::string("2026-04"), std::string("131016"),
                                         std::string("2026-04-01.1")})
            EXPECT_NE(text.find(token), std::string::npos) << token << " missing from:\n" << text;
        // actual 127 → billed 120; actual 65 → billed 60; paper 130 → 120; totals: day 240 min, 13,600 yen;
        // visit 60 min, 5,000 yen; total 300 min, 18,600 yen.
        for (const char* figure : {"127", "120", "65", "60", "130", "240", "13600", "5000", "18600", "300"})
            EXPECT_NE(text.find(figure), std::string::npos) << figure << " missing from:\n" << text;
        expectEmbeddedFonts(pdf, cjkFaceOf(lang));
        if (auto title = translated(lang, "Monthly statement")) {
            EXPECT_TRUE(normalised(text).contains(title->normalized(QString::NormalizationForm_KC))) << text;
        }
    }
}

TEST_F(ReportPdfTest, ADemoStoresHeaderSaysDemoAndARealOnesDoesNot)
{
    // The fixture's store is not a demonstration store: no DEMO anywhere.
    for (const std::string& lang : kLanguages) {
        const std::string text = pdfText(write(ReportKind::monthly, lang));
        EXPECT_EQ(text.find("DEMO"), std::string::npos) << lang << ":\n" << text;
    }
    // The same month from a demonstration store: DEMO in the header (and in every page's footer title).
    StoreLocation where;
    where.dataDir = m_dir.path() / "demo";
    auto store = EventStore::create(where, InitialConfig{"D1", readJson(testDataDir() / "policy.json"),
                                                         readJson(testDataDir() / "provider.json"),
                                                         m_issuer.trustJson(), /*demo=*/true},
                                    m_clock.now());
    ASSERT_TRUE(store) << store.error().message;
    auto terminal = Terminal::load(*store, m_clock);
    ASSERT_TRUE(terminal);
    for (const std::string& lang : kLanguages) {
        for (ReportKind kind : {ReportKind::monthly, ReportKind::daily, ReportKind::totals}) {
            auto doc = report::buildReport(*terminal, kind, kApril, m_clock.now(), lang);
            ASSERT_TRUE(doc) << doc.error().message;
            EXPECT_TRUE(doc->header.demo);
            EXPECT_TRUE(report::ReportRenderer::title(*doc).startsWith(QStringLiteral("DEMO ")));
            const auto file = m_dir.path() / ("demo-" + std::string(report::toString(kind)) + "-" + lang + ".pdf");
            ASSERT_TRUE(report::writePdf(*doc, file));
            const std::string text = pdfText(file);
            EXPECT_NE(text.find("DEMO"), std::string::npos) << lang << ":\n" << text;
        }
    }
}

TEST_F(ReportPdfTest, TotalsHaveEachServiceHoursAndYen)
{
    for (const std::string& lang : kLanguages) {
        SCOPED_TRACE(lang);
        const auto pdf = write(ReportKind::totals, lang);
        const std::string text = pdfText(pdf);
        for (const char* token : {"P-0001", "2026-04", "stay", "day", "visit", "total", "3400", "5000", "1300",
                                  "240", "13600", "18600", "4:00", "5:00"})
            EXPECT_NE(text.find(token), std::string::npos) << token << " missing from:\n" << text;
        EXPECT_EQ(text.find(m_coupon1), std::string::npos) << "the totals list no sessions";
        expectEmbeddedFonts(pdf, cjkFaceOf(lang));
        if (auto title = translated(lang, "Billing totals")) {
            EXPECT_TRUE(normalised(text).contains(title->normalized(QString::NormalizationForm_KC))) << text;
        }
        if (lang == "en" || !translated(lang, "Generated at")) {
            EXPECT_NE(text.find("Billing totals"), std::string::npos) << text;
            EXPECT_NE(text.find("Generated at"), std::string::npos) << text;
        }
    }
}

TEST_F(ReportPdfTest, DailyHasADayAndServicePerLine)
{
    const std::string text = pdfText(write(ReportKind::daily, "en"));
    EXPECT_NE(text.find("2026-04-02"), std::string::npos) << text;
    EXPECT_NE(text.find("2026-04-03"), std::string::npos) << text;
    EXPECT_NE(text.find("Daily report"), std::string::npos) << text;
}

TEST_F(ReportPdfTest, DocumentTablesAreTheCommandLinesTables)
{
    Reports reports(*m_store, m_terminal->policy(), m_terminal->provider(), m_terminal->localTime());
    const ReportDocument monthly = build(ReportKind::monthly, "ja");
    EXPECT_EQ(monthly.table.toCsv(), sessionTable(*reports.monthly(kApril), m_terminal->localTime()).toCsv());
    ASSERT_TRUE(monthly.totals);
    EXPECT_EQ(monthly.totals->toCsv(), totalsTable(*reports.totals(kApril)).toCsv());
    EXPECT_EQ(build(ReportKind::daily, "en").table.toCsv(), dailyTable(*reports.daily(kApril)).toCsv());
    EXPECT_EQ(monthly.header.providerId, "P-0001");
    EXPECT_EQ(monthly.generatedAt, m_terminal->localTime().format(m_clock.now()));
    EXPECT_EQ(monthly.language, "ja");
    EXPECT_EQ(build(ReportKind::totals, "fr").language, "en") << "an unknown language falls back to English";
}

TEST_F(ReportPdfTest, FontFacesAreChosenPerLanguage)
{
    EXPECT_TRUE(report::ReportRenderer::font("ja", 10).families().contains(QStringLiteral("Noto Sans CJK JP")));
    EXPECT_TRUE(report::ReportRenderer::font("en", 10).families().contains(QStringLiteral("Noto Sans CJK JP")));
    EXPECT_TRUE(report::ReportRenderer::font("zh_CN", 10).families().contains(QStringLiteral("Noto Sans CJK SC")));
    EXPECT_FALSE(report::ReportRenderer::font("zh_CN", 10).families().contains(QStringLiteral("Noto Sans CJK JP")));
}

TEST_F(ReportPdfTest, AnEmptyMonthStillPrintsItsHeader)
{
    auto doc = report::buildReport(*m_terminal, ReportKind::totals, date::year{2026} / date::May, m_clock.now(), "en");
    ASSERT_TRUE(doc);
    const auto file = m_dir.path() / "may.pdf";
    ASSERT_TRUE(report::writePdf(*doc, file));
    const std::string text = pdfText(file);
    EXPECT_NE(text.find("2026-05"), std::string::npos) << text;
    EXPECT_NE(text.find("total"), std::string::npos) << text;
}

TEST_F(ReportPdfTest, UnwritableFileIsAnErrorThatSaysWhatToCheck)
{
    auto r = report::writePdf(build(ReportKind::totals, "en"), m_dir.path() / "no-such-folder" / "t.pdf");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::invalid_argument);
    EXPECT_NE(r.error().message.find("no-such-folder"), std::string::npos) << r.error().message;
}

TEST_F(ReportPdfTest, PrintsThroughQPrinter)
{
    // The system printer's path, with Qt's PDF printer standing in for a real one.
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    const auto file = m_dir.path() / "printed.pdf";
    printer.setOutputFileName(QString::fromStdString(file.string()));
    const ReportDocument doc = build(ReportKind::monthly, "en");
    report::preparePrinter(doc, printer);
    EXPECT_EQ(printer.pageLayout().orientation(), QPageLayout::Landscape);
    EXPECT_EQ(printer.docName(), QStringLiteral("Monthly statement 2026-04 P-0001"));
    auto r = report::print(doc, printer);
    ASSERT_TRUE(r) << r.error().message;
    const std::string text = pdfText(file);
    EXPECT_NE(text.find(m_coupon1), std::string::npos) << text;
    EXPECT_NE(text.find("Page 1 of 1"), std::string::npos) << text;
}

TEST_F(ReportPdfTest, PdfBytesAndFileMode)
{
    auto bytes = report::renderPdf(build(ReportKind::totals, "en"));
    ASSERT_TRUE(bytes) << bytes.error().message;
    EXPECT_TRUE(bytes->startsWith("%PDF-"));
    const auto file = write(ReportKind::totals, "en");
    EXPECT_EQ(std::filesystem::status(file).permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write)
        << "a report holds coupon ids: mode 0600";
}

} // namespace
} // namespace sango::test
