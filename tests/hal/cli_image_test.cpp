// `sango verify --image FILE` and `sango scan --image FILE`, the real binaries: a coupon PNG made by
// `sango-ledger issue --png` and photographs from tests/data/qr behave exactly as their QR text; an image
// without a QR code is refused (exit 2, not_a_coupon) and changes nothing; a file that is not an image is a
// usage error (exit 1).
#include <gtest/gtest.h>

#include "ledger_runner.h"
#include "sango_runner.h"

namespace sango::itest {
namespace {

const fs::path kQrDir = SANGO_QR_DATA_DIR;

class CliImageTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_vectors = json::parse(readFile(test::testDataDir() / "credentials.json"));
        m_now = Instant{std::chrono::seconds(m_vectors.at("now").get<std::int64_t>())};
        m_sango = std::make_unique<Sango>(m_tmp.path() / "data");
        m_sango->setNow(m_now);
        auto r = m_sango->init(test::testDataDir() / "trust.json");
        ASSERT_EQ(r.exit, 0) << r;
    }

    // The valid_standard vector: the coupon drawn in clean/00.png and in the recorded camera frames.
    std::string couponText() const { return m_vectors.at("vectors").at(0).at("qr_text").get<std::string>(); }
    std::string couponId() const { return m_vectors.at("vectors").at(0).at("claims").at("sub").get<std::string>(); }

    test::TempDir m_tmp;
    json m_vectors;
    Instant m_now;
    std::unique_ptr<Sango> m_sango;
};

TEST_F(CliImageTest, VerifyImageAnswersAsItsQrText)
{
    ASSERT_EQ(json::parse(readFile(kQrDir / "clean" / "00.json")).at("text"), couponText());
    const auto byText = m_sango->run({"verify", couponText()});
    ASSERT_EQ(byText.exit, 0) << byText;
    for (const fs::path& image : {kQrDir / "clean" / "00.png", kQrDir / "camera" / "frame-06.png"}) {
        SCOPED_TRACE(image.string());
        auto r = m_sango->run({"verify", "--image", image.string()});
        ASSERT_EQ(r.exit, 0) << r;
        EXPECT_EQ(r.result(), "ok");
        EXPECT_EQ(r.out, byText.out);
        EXPECT_EQ(text(r.out, "coupon_id"), couponId());
    }
    // The same image at an instant after the coupon expired: the credential's refusal, as with the text.
    auto late = m_sango->run({"verify", "--image", (kQrDir / "clean" / "00.png").string(), "--at",
                              "2027-05-01T00:00:00+09:00"});
    EXPECT_EQ(late.exit, 2) << late;
    EXPECT_EQ(late.result(), "expired") << late;
}

TEST_F(CliImageTest, ImageWithoutQrIsNotACoupon)
{
    const auto eventsBefore = m_sango->eventCount();
    const fs::path blank = kQrDir / "no_qr" / "03.png";
    auto v = m_sango->run({"verify", "--image", blank.string()});
    EXPECT_EQ(v.exit, 2) << v;
    EXPECT_EQ(v.result(), "not_a_coupon") << v;
    EXPECT_TRUE(v.out.contains("coupon_id") && v.out["coupon_id"].is_null()) << v;
    EXPECT_FALSE(text(v.out, "message_for_mother").empty()) << v;
    EXPECT_EQ(text(v.out, "detail"), "no QR code was found in " + blank.string() +
                                         ": photograph the coupon's QR code again, or type the coupon id");
    auto s = m_sango->run({"scan", "--image", blank.string(), "--service", "day", "--staff", "s1"});
    EXPECT_EQ(s.exit, 2) << s;
    EXPECT_EQ(s.result(), "not_a_coupon") << s;
    EXPECT_FALSE(s.err.empty());
    EXPECT_EQ(m_sango->eventCount(), eventsBefore);
    EXPECT_TRUE(m_sango->sessions().empty());
}

TEST_F(CliImageTest, UnreadableImageIsAUsageError)
{
    const fs::path notImage = kQrDir / "clean" / "00.json";
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"verify", "--image", notImage.string()},
             {"scan", "--image", notImage.string(), "--service", "day", "--staff", "s1"},
             {"verify", couponText(), "--image", (kQrDir / "clean" / "00.png").string()}}) {
        auto r = m_sango->run(args);
        EXPECT_EQ(r.exit, 1) << r;
        EXPECT_EQ(r.result(), "invalid_argument") << r;
    }
    EXPECT_TRUE(m_sango->sessions().empty());
}

TEST_F(CliImageTest, ScanImageOpensAndCloses)
{
    const std::string png = (kQrDir / "clean" / "00.png").string();
    auto open = m_sango->run({"scan", "--image", png, "--service", "day", "--staff", "s1"}, m_now);
    ASSERT_EQ(open.exit, 0) << open;
    EXPECT_EQ(text(open.out, "action"), "opened");
    EXPECT_EQ(text(open.out, "coupon_id"), couponId());
    // Within 10 s the same coupon is ignored, as with its text; the recorded camera frame is the same coupon.
    auto again = m_sango->run({"scan", "--image", (kQrDir / "camera" / "frame-07.png").string(), "--service", "day",
                               "--staff", "s1"},
                              m_now + std::chrono::seconds(5));
    ASSERT_EQ(again.exit, 0) << again;
    EXPECT_EQ(text(again.out, "action"), "ignored");
    auto close = m_sango->run({"scan", "--image", png, "--service", "day", "--staff", "s1"},
                              m_now + std::chrono::hours(2));
    ASSERT_EQ(close.exit, 0) << close;
    EXPECT_EQ(text(close.out, "action"), "closed");
    EXPECT_EQ(text(close.out, "session_id"), text(open.out, "session_id"));
    EXPECT_EQ(close.out.value("billed_minutes", -1), 120);
}

// The municipality's own coupon PNG, from the reference ledger, read back by the terminal.
TEST(CliImageLedger, LedgerCouponPngVerifiesAndScans)
{
    test::TempDir tmp;
    const Instant now = defaultNow();
    LedgerRunner ledger(tmp.path() / "ledger", now);
    const json trust = ledger.must(
        {"init", "--municipality", "131016", "--policy", (test::testDataDir() / "policy.json").string()});
    writeFile(tmp.path() / "trust.json", trust.dump());
    Sango sango(tmp.path() / "data");
    sango.setNow(now);
    // The ledger's own, random key: a real store (no --demo) trusts it, though its kid is the spec's test kid.
    auto init = sango.init(tmp.path() / "trust.json", "T1", test::testDataDir() / "policy.json",
                           test::testDataDir() / "provider.json", /*demo=*/false);
    ASSERT_EQ(init.exit, 0) << init;

    const fs::path png = tmp.path() / "coupon.png";
    const json issued = ledger.must({"issue", "--type", "standard", "--services", "day,visit", "--png", png.string()});
    auto v = sango.run({"verify", "--image", png.string()});
    ASSERT_EQ(v.exit, 0) << v;
    EXPECT_EQ(text(v.out, "coupon_id"), text(issued, "coupon_id"));
    EXPECT_EQ(v.out, sango.run({"verify", text(issued, "qr_text")}).out);
    auto s = sango.run({"scan", "--image", png.string(), "--service", "visit", "--staff", "c1"});
    ASSERT_EQ(s.exit, 0) << s;
    EXPECT_EQ(text(s.out, "action"), "opened");
    EXPECT_EQ(text(s.out, "coupon_id"), text(issued, "coupon_id"));
}

} // namespace
} // namespace sango::itest
