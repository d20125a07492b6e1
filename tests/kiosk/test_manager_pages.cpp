// The manager's pages over a real store (KioskFixture): a correction marks the session `corrected` and moves
// its times exactly as typed in the municipality's local time; a paper ticket is recorded; a typed coupon id
// (spaces, lower case) is grouped and opens a session; the reports page shows the month's rows, saves a PDF
// whose text has the session and a CSV byte for byte the command line's; the sync page shows the queue. As
// staff every page shows the "managers only" note, its controls are disabled and every action answers
// not_permitted with nothing recorded.
#include <chrono>
#include <fstream>
#include <sstream>

#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableWidget>

#include "confined_file_dialog.h"
#include "corrections_page.h"
#include "kiosk_fixture.h"
#include "manual_entry_page.h"
#include "paper_page.h"
#include "pdf_text.h"
#include "reports_page.h"
#include "sango/coupon_id.h"
#include "sango/report_format.h"
#include "sango/reports.h"
#include "sango/sync/store_sync_local.h"
#include "sync_page.h"

namespace sango::test {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

const date::year_month kApril = date::year{2026} / date::April;

class FixedBootClock final : public BootClock {
public:
    BootReading read() const override { return {"manager-pages-boot", 0}; }
};

std::string readAll(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

class ManagerPagesTest : public KioskFixture {
protected:
    // A closed day session of coupon n: opened now, closed after `length`.
    SessionRecord closedSession(std::uint64_t n, minutes length)
    {
        auto open = m_terminal->scan(ScanInput::qr(coupon(n)), Service::day, kStaffId);
        EXPECT_TRUE(open) << open.error().message;
        m_clock.advance(length);
        auto close = m_terminal->scan(ScanInput::qr(coupon(n)), Service::day, kStaffId);
        EXPECT_TRUE(close) << close.error().message;
        return close ? close->session : SessionRecord{};
    }

    std::int64_t events() { return *m_store->eventCount(); }
    Instant at(const char* text) { return *m_terminal->localTime().parse(text); }
};

TEST_F(ManagerPagesTest, CorrectionMarksTheSessionCorrectedWithTheLocalTimesTyped)
{
    const SessionRecord s = closedSession(1, minutes(40)); // 10:00–10:40: 40 min → min 60
    signInManager();
    kiosk::CorrectionsPage page(context());
    ASSERT_FALSE(page.sessionLine(QString::fromStdString(s.sessionId)).isEmpty()) << "April's sessions are listed";
    EXPECT_FALSE(page.sessionLine(QString::fromStdString(s.sessionId)).contains(QStringLiteral("corrected")));
    ASSERT_TRUE(page.selectSession(QString::fromStdString(s.sessionId)));
    // Through the editors' wall-clock fields and back: 08:00 and 10:07 in Asia/Tokyo.
    const Instant start = at("2026-04-03T08:00:00+09:00");
    const Instant stop = at("2026-04-03T10:07:00+09:00");
    page.setTimes(start, stop);
    page.setReason(QStringLiteral("forgotten_stop"));
    auto r = page.apply();
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->start, start) << "the wall-clock fields are Asia/Tokyo, whatever the machine's zone";
    EXPECT_EQ(r->stop, stop);
    EXPECT_EQ(r->billedMinutes, 120); // 127 min → floor(132 / 30) · 30
    EXPECT_TRUE(r->hasFlag("corrected"));
    const QString line = page.sessionLine(QString::fromStdString(s.sessionId));
    EXPECT_TRUE(line.contains(QStringLiteral("corrected"))) << line.toStdString();
    EXPECT_TRUE(line.contains(QStringLiteral("forgotten_stop"))) << line.toStdString();
    EXPECT_TRUE(line.contains(QStringLiteral("08:00–10:07"))) << line.toStdString();
    EXPECT_TRUE((*m_store->session(s.sessionId))->hasFlag("corrected"));
    EXPECT_TRUE(page.messageLabel()->text().contains(QStringLiteral("120"))) << page.messageLabel()->text().toStdString();
}

TEST_F(ManagerPagesTest, CorrectionRefusalsAreShownInTheTerminalsWords)
{
    const SessionRecord s = closedSession(2, minutes(90));
    signInManager();
    kiosk::CorrectionsPage page(context());
    ASSERT_TRUE(page.selectSession(QString::fromStdString(s.sessionId)));
    const std::int64_t before = events();
    page.setTimes(at("2026-04-03T12:00:00+09:00"), at("2026-04-03T11:00:00+09:00")); // ends before it starts
    page.setReason(QStringLiteral("wrong_time"));
    auto r = page.apply();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::invalid_time);
    EXPECT_TRUE(page.messageLabel()->text().startsWith(kiosk::KioskContext::staffMessage(r.error())));
    page.setTimes(at("2026-04-03T10:00:00+09:00"), at("2026-04-03T11:00:00+09:00"));
    page.setReason(QStringLiteral("Not A Code"));
    auto bad = page.apply();
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, Errc::invalid_argument);
    EXPECT_EQ(events(), before) << "a refused correction records nothing";
}

TEST_F(ManagerPagesTest, CancelSessionWithAReason)
{
    auto open = m_terminal->scan(ScanInput::qr(coupon(3)), Service::day, kStaffId);
    ASSERT_TRUE(open);
    signInManager();
    kiosk::CorrectionsPage page(context());
    ASSERT_TRUE(page.selectSession(QString::fromStdString(open->session.sessionId)));
    page.setReason(QStringLiteral("opened_by_mistake"));
    auto r = page.cancelSession();
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->status, SessionStatus::cancelled);
    EXPECT_TRUE(page.sessionLine(QString::fromStdString(open->session.sessionId)).contains(QStringLiteral("cancelled")));
}

TEST_F(ManagerPagesTest, PaperTicketIsRecorded)
{
    signInManager();
    kiosk::PaperPage page(context());
    page.setTicket(QStringLiteral(" 0012345 "));
    ASSERT_TRUE(page.setService(Service::day));
    page.setTimes(at("2026-04-02T13:00:00+09:00"), at("2026-04-02T15:10:00+09:00"));
    auto r = page.record();
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->source, SessionSource::paper);
    EXPECT_EQ(r->couponId, "0012345");
    EXPECT_EQ(r->service, Service::day);
    EXPECT_EQ(r->actualMinutes, 130);
    EXPECT_EQ(r->billedMinutes, 120);
    EXPECT_TRUE(*m_store->ticketUsed("0012345"));
    EXPECT_TRUE(page.messageLabel()->text().contains(QStringLiteral("0012345")));
    // The same ticket again is refused in the terminal's words.
    page.setTicket(QStringLiteral("0012345"));
    auto again = page.record();
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, Errc::duplicate_ticket);
    EXPECT_TRUE(page.messageLabel()->text().startsWith(kiosk::KioskContext::staffMessage(again.error())));
}

TEST_F(ManagerPagesTest, ManualEntryGroupsTheIdAndOpensThenIgnoresARepeat)
{
    signInManager();
    kiosk::ManualEntryPage page(context());
    const std::string id = TestIssuer::makeCouponId(7);
    QString typed = QString::fromStdString(id).toLower();
    typed.insert(8, QStringLiteral("  ")).insert(4, QLatin1Char('-'));
    page.setCouponId(typed);
    EXPECT_EQ(page.couponText().toStdString(), couponid::grouped(id));
    ASSERT_TRUE(page.setService(Service::day));
    auto r = page.submit();
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->action, ScanAction::opened);
    EXPECT_EQ(r->session.couponId, id);
    EXPECT_EQ(r->session.source, SessionSource::manual);
    EXPECT_TRUE(page.outcome().contains(QStringLiteral("Care started"))) << page.outcome().toStdString();
    EXPECT_TRUE(page.outcome().contains(QString::fromStdString(r->session.sessionId)));
    EXPECT_TRUE(*m_store->openSessionFor(id));

    m_clock.advance(seconds(3));
    page.setCouponId(QString::fromStdString(id));
    auto repeat = page.submit();
    ASSERT_TRUE(repeat);
    EXPECT_EQ(repeat->action, ScanAction::ignored);
    EXPECT_TRUE(page.outcome().contains(QStringLiteral("nothing changed"))) << page.outcome().toStdString();

    page.setCouponId(QStringLiteral("1234"));
    auto shortId = page.submit();
    ASSERT_FALSE(shortId);
    EXPECT_TRUE(page.outcome().startsWith(kiosk::KioskContext::staffMessage(shortId.error())));
}

TEST_F(ManagerPagesTest, ReportsPageShowsTheRowsAndSavesPdfAndCsv)
{
    const SessionRecord s = closedSession(11, minutes(127));
    closedSession(12, minutes(65));
    signInManager();
    kiosk::ReportsPage page(context());
    EXPECT_EQ(page.month(), kApril) << "the current month by the context's clock";
    page.setKind(report::ReportKind::monthly);
    ASSERT_TRUE(page.document());
    EXPECT_EQ(page.model()->rowCount(), 2);
    EXPECT_EQ(page.model()->item(0, 0)->text().toStdString(), s.sessionId);
    EXPECT_EQ(page.model()->headerData(8, Qt::Horizontal).toString(), QStringLiteral("Billed minutes"));

    const auto pdf = m_where.dataDir / "exports" / "april.pdf"; // the export folder (made on first use)
    auto saved = page.savePdf(QString::fromStdString(pdf.string()));
    ASSERT_TRUE(saved) << saved.error().message;
    const std::string text = pdfText(pdf);
    EXPECT_NE(text.find(s.sessionId), std::string::npos) << text;
    EXPECT_NE(text.find(s.couponId), std::string::npos) << text;
    EXPECT_NE(text.find("P-0001"), std::string::npos) << text;

    page.setKind(report::ReportKind::totals);
    EXPECT_EQ(page.model()->rowCount(), 4) << "stay, day, visit, total";
    const auto csv = m_where.dataDir / "exports" / "april.csv";
    ASSERT_TRUE(page.saveCsv(QString::fromStdString(csv.string())));
    Reports reports(*m_store, m_terminal->policy(), m_terminal->provider(), m_terminal->localTime());
    const std::string expected = totalsTable(*reports.totals(kApril)).toCsv();
    EXPECT_EQ(readAll(csv), expected);
    EXPECT_EQ(expected.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_NE(expected.find("\r\n"), std::string::npos);

    page.setMonth(date::year{2026} / date::May);
    page.setKind(report::ReportKind::monthly);
    EXPECT_EQ(page.model()->rowCount(), 0);
}

TEST_F(ManagerPagesTest, ReportsAreNeverSavedOverTheStoreOrOutsideTheExportFolder)
{
    closedSession(14, minutes(60));
    signInManager();
    kiosk::ReportsPage page(context());
    page.setKind(report::ReportKind::monthly);
    const std::string store = readAll(m_where.database());
    const std::string key = readAll(m_where.key());
    for (const auto& target : {m_where.database(), m_where.key(), m_where.dataDir / "kiosk.json",
                               m_where.dataDir / "april.pdf", m_dir.path() / "april.pdf",
                               m_where.dataDir / "exports" / ".." / "sango.db"}) {
        auto pdf = page.savePdf(QString::fromStdString(target.string()));
        EXPECT_FALSE(pdf) << target;
        auto csv = page.saveCsv(QString::fromStdString(target.string()));
        EXPECT_FALSE(csv) << target;
    }
    EXPECT_EQ(readAll(m_where.database()), store);
    EXPECT_EQ(readAll(m_where.key()), key);
    EXPECT_FALSE(std::filesystem::exists(m_dir.path() / "april.pdf"));
    EXPECT_FALSE(std::filesystem::exists(m_where.dataDir / "april.pdf"));
    // A name of another kind is refused even in the export folder.
    EXPECT_FALSE(page.saveCsv(QString::fromStdString((m_where.dataDir / "exports" / "april.pdf").string())));
    EXPECT_TRUE(page.saveCsv(QString::fromStdString((m_where.dataDir / "exports" / "april.csv").string())));
    EXPECT_EQ(modeOf(m_where.dataDir / "exports"), 0700u);
}

TEST_F(ManagerPagesTest, TheSaveChooserIsConfinedToTheExportFolder)
{
    closedSession(15, minutes(60));
    signInManager();
    kiosk::ReportsPage page(context());
    page.setKind(report::ReportKind::monthly);
    QPushButton* savePdf = nullptr;
    for (QPushButton* b : page.findChildren<QPushButton*>())
        if (b->text() == QStringLiteral("Save PDF"))
            savePdf = b;
    ASSERT_NE(savePdf, nullptr);
    savePdf->click();
    kiosk::ConfinedFileDialog* chooser = page.exportDialog();
    ASSERT_NE(chooser, nullptr);
    EXPECT_EQ(chooser->mode(), kiosk::ConfinedFileDialog::Mode::save);
    ASSERT_FALSE(chooser->roots().empty());
    EXPECT_EQ(chooser->roots().front().path, m_where.dataDir / "exports");
    EXPECT_FALSE(chooser->goUp());
    EXPECT_FALSE(chooser->openFolder(m_where.dataDir));
    EXPECT_EQ(chooser->nameField()->text(), QStringLiteral("sango-monthly-2026-04.pdf"));
    ASSERT_TRUE(chooser->choose(chooser->nameField()->text()));
    EXPECT_TRUE(std::filesystem::exists(m_where.dataDir / "exports" / "sango-monthly-2026-04.pdf"));
    EXPECT_TRUE(page.messageLabel()->text().startsWith(QStringLiteral("Saved:"))) << page.messageLabel()->text().toStdString();
}

TEST_F(ManagerPagesTest, ReportsPageFollowsWhatIsRecorded)
{
    signInManager();
    kiosk::ReportsPage page(context());
    page.setKind(report::ReportKind::monthly);
    page.show(); // a page refreshes on recordedChanged while it is shown
    EXPECT_EQ(page.model()->rowCount(), 0);
    closedSession(13, minutes(60));
    EXPECT_EQ(page.model()->rowCount(), 0);
    context().recorded();
    EXPECT_EQ(page.model()->rowCount(), 1);
}

TEST_F(ManagerPagesTest, SyncPageShowsTheQueueAndNotEnrolled)
{
    closedSession(21, minutes(60));
    signInManager();
    kiosk::SyncPage page(context());
    const auto queue = m_store->outboxSummary();
    ASSERT_TRUE(queue);
    ASSERT_GT(queue->count, 0);
    const QString summary = page.summary();
    EXPECT_TRUE(summary.contains(QStringLiteral("Events waiting: %1").arg(queue->count))) << summary.toStdString();
    EXPECT_TRUE(summary.contains(QStringLiteral("Enrolled: no"))) << summary.toStdString();
    EXPECT_TRUE(summary.contains(QStringLiteral("Oldest waiting: 1 h"))) << summary.toStdString();
    EXPECT_TRUE(summary.contains(QStringLiteral("Last sync: never"))) << summary.toStdString();
    EXPECT_EQ(page.attentionTable()->rowCount(), 0);
    EXPECT_FALSE(page.syncNowButton()->isEnabled()) << "no sync engine: nothing to wake";
}

TEST_F(ManagerPagesTest, SyncPageWordsTheLedgersRefusalsWithItsFiguresBesideOurs)
{
    const SessionRecord s = closedSession(22, minutes(95)); // 10:00–11:35, 90 billed here
    // The ledger's answers as the sync records them: the close refused with the ledger's own figures.
    auto outbox = m_store->outbox(100, 1 << 20);
    ASSERT_TRUE(outbox);
    ASSERT_EQ(outbox->size(), 2u);
    const Event& open = (*outbox)[0];
    const Event& close = (*outbox)[1];
    const auto start = std::chrono::duration_cast<seconds>(s.start.time_since_epoch()).count();
    const nlohmann::json answers = nlohmann::json::array(
        {{{"seq", open.seq}, {"id", open.id}, {"type", open.type}, {"session_id", s.sessionId},
          {"coupon_id", s.couponId}, {"status", "accepted"}, {"reason", ""}, {"delivery", "accepted"}},
         {{"seq", close.seq}, {"id", close.id}, {"type", close.type}, {"session_id", s.sessionId},
          {"coupon_id", s.couponId}, {"status", "rejected"}, {"reason", "figures_mismatch"},
          {"delivery", "rejected"}, {"detail", "billed_minutes: the ledger bills 60"},
          {"figures", {{"date", "2026-04-03"}, {"start", start}, {"stop", start + 65 * 60},
                       {"actual_minutes", 65}, {"billed_minutes", 60}, {"amount_yen", 3400}}}}});
    ASSERT_TRUE(m_store->transact([&]() -> Expected<void> {
        auto ev = m_store->append(*events::SyncAnswered::fromJson({{"answers", answers}}), m_clock.now());
        if (!ev)
            return tl::unexpected(ev.error());
        return {};
    }));
    const FixedBootClock boot;
    sync::StoreSyncLocal local(*m_store, m_clock, boot);
    ASSERT_TRUE(local.recordOutcome({m_clock.now(), "ledger_refused:terminal_revoked", 0, 0, 1}));

    signInManager();
    kiosk::SyncPage page(context());
    ASSERT_EQ(page.attentionTable()->rowCount(), 1);
    const QString said = page.attentionTable()->item(0, 3)->text();
    EXPECT_TRUE(said.contains(QStringLiteral("other figures"))) << said.toStdString();
    EXPECT_TRUE(said.contains(QStringLiteral("figures_mismatch"))) << said.toStdString();
    EXPECT_TRUE(said.contains(QStringLiteral("the ledger bills 60"))) << said.toStdString();
    const QString figures = page.attentionTable()->item(0, 4)->text();
    EXPECT_TRUE(figures.contains(QStringLiteral("Ledger: 2026-04-03 10:00–11:05, 1 h billed"))) << figures.toStdString();
    EXPECT_TRUE(figures.contains(QStringLiteral("This terminal: 2026-04-03 10:00–11:35, 1 h 30 min billed")))
        << figures.toStdString();
    EXPECT_EQ(page.attentionTable()->item(0, 1)->text(), QString::fromStdString(couponid::grouped(s.couponId)))
        << "the manager settles it: the whole id";
    const QString summary = page.summary();
    EXPECT_TRUE(summary.contains(QStringLiteral("The municipality revoked this terminal"))) << summary.toStdString();
    EXPECT_TRUE(summary.contains(QStringLiteral("Ask the municipality"))) << summary.toStdString();
}

TEST_F(ManagerPagesTest, StaffAreRefusedEverywhereAndNothingIsRecorded)
{
    const SessionRecord s = closedSession(31, minutes(60));
    signInStaff();
    const std::int64_t before = events();
    kiosk::CorrectionsPage corrections(context());
    kiosk::PaperPage paper(context());
    kiosk::ManualEntryPage manual(context());
    kiosk::ReportsPage reports(context());
    kiosk::SyncPage sync(context());
    for (kiosk::ManagerPage* page : std::initializer_list<kiosk::ManagerPage*>{&corrections, &paper, &manual,
                                                                               &reports, &sync}) {
        EXPECT_FALSE(page->permitted());
        EXPECT_FALSE(page->body()->isEnabled()) << page->metaObject()->className();
        EXPECT_FALSE(page->managersOnlyNote()->isHidden()) << page->metaObject()->className();
        EXPECT_TRUE(page->managersOnlyNote()->text().contains(QStringLiteral("Managers only")));
    }
    EXPECT_FALSE(corrections.selectSession(QString::fromStdString(s.sessionId))) << "staff see no sessions";
    auto c = corrections.apply();
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().code, Errc::not_permitted);
    paper.setTicket(QStringLiteral("999"));
    auto p = paper.record();
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().code, Errc::not_permitted);
    manual.setCouponId(QString::fromStdString(TestIssuer::makeCouponId(32)));
    auto m = manual.submit();
    ASSERT_FALSE(m);
    EXPECT_EQ(m.error().code, Errc::not_permitted);
    const auto file = m_where.dataDir / "exports" / "staff.pdf";
    auto pdf = reports.savePdf(QString::fromStdString(file.string()));
    ASSERT_FALSE(pdf);
    EXPECT_EQ(pdf.error().code, Errc::not_permitted);
    EXPECT_FALSE(std::filesystem::exists(file));
    EXPECT_FALSE(reports.saveCsv(QString::fromStdString((m_where.dataDir / "exports" / "staff.csv").string())));
    EXPECT_FALSE(reports.document()) << "staff see no report";
    EXPECT_EQ(events(), before);

    // A manager signing in on the same pages opens them.
    context().signOut();
    signInManager();
    EXPECT_TRUE(corrections.body()->isEnabled());
    EXPECT_TRUE(corrections.selectSession(QString::fromStdString(s.sessionId)));
    EXPECT_TRUE(reports.document());
}

} // namespace
} // namespace sango::test
