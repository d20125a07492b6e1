// The municipality's administration: coupons the terminal's verifier accepts, their QR as a PNG, revocation,
// issuer key rotation, providers and one-time enrolment codes, policy changes.
#include <fstream>
#include <regex>

#include <gtest/gtest.h>

#include "ledger_fixture.h"
#include "qr_png.h"
#include "random_codes.h"
#include "sango/coupon_id.h"
#include "sango/credential.h"
#include "sango/crypto.h"
#include "sango/trust_store.h"

namespace sango::test {
namespace {

using nlohmann::json;
namespace codes = ledger::codes;
using LedgerIssueTest = LedgerFixture;

CredentialVerifier verifierOf(ledger::Ledger& l)
{
    auto trust = l.trustStore();
    EXPECT_TRUE(trust);
    auto store = TrustStore::fromJson(trust ? *trust : json::array());
    EXPECT_TRUE(store) << (store ? "" : store.error().message);
    return CredentialVerifier(store ? *store : TrustStore{}, "131016");
}

TEST_F(LedgerIssueTest, IssuedCouponVerifiesWithTheTerminalsVerifier)
{
    ledger::IssueRequest req;
    req.type = "standard";
    auto c = m_ledger->issue(req);
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_TRUE(couponid::isValid(c->couponId));
    EXPECT_TRUE(std::regex_match(c->serial, std::regex("[0-9]{12}")));
    EXPECT_TRUE(std::regex_match(c->pass, std::regex("[2-9A-HJKMNP-TW-Z]{8}"))) << c->pass;
    EXPECT_EQ(c->kid, "131016-2026a");
    EXPECT_EQ(c->grantMinutes, 2520); // the policy's standard grant
    EXPECT_EQ(c->services, (std::vector<std::string>{"stay", "day", "visit"}));
    EXPECT_LE(c->qrText.size(), CredentialVerifier::kMaxTextLength);

    auto cred = verifierOf(*m_ledger).verify(c->qrText, m_clock.now());
    ASSERT_TRUE(cred) << cred.error().message;
    EXPECT_EQ(cred->couponId, c->couponId);
    EXPECT_EQ(cred->municipality, "131016");
    EXPECT_EQ(cred->couponType, "standard");
    EXPECT_EQ(cred->grantMinutes, 2520);
    EXPECT_EQ(cred->notBefore, now());
    EXPECT_EQ(cred->expires, now() + 365LL * 86400);

    // The header is exactly what spec/credential.md and the brief name.
    const std::string jws = c->qrText.substr(5);
    auto header = base64url::decode(jws.substr(0, jws.find('.')));
    ASSERT_TRUE(header);
    EXPECT_EQ(json::parse(std::string(header->begin(), header->end())),
              json({{"alg", "EdDSA"}, {"kid", "131016-2026a"}, {"typ", "SGC1"}}));
}

TEST_F(LedgerIssueTest, GrantAndServicesFollowTheRequestOrThePolicy)
{
    ledger::IssueRequest req;
    req.type = "multiple_birth";
    req.services = {"visit", "day"};
    auto c = m_ledger->issue(req);
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(c->grantMinutes, 3780);
    auto cred = verifierOf(*m_ledger).verify(c->qrText, m_clock.now());
    ASSERT_TRUE(cred);
    EXPECT_EQ(cred->services, (std::vector<Service>{Service::day, Service::visit}));

    req.type = "standard";
    req.grantMinutes = 120;
    req.services = {};
    auto small = m_ledger->issue(req);
    ASSERT_TRUE(small);
    EXPECT_EQ(small->grantMinutes, 120);
    auto b = m_ledger->balance(small->couponId);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->grantMinutes, 120);
    EXPECT_EQ(b->usedMinutes, 0);
    EXPECT_EQ(b->balanceMinutes, 120);

    req.type = "no_such_type";
    req.grantMinutes.reset();
    auto unknown = m_ledger->issue(req);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, Errc::invalid_argument);
    req.type = "standard";
    req.services = {"spa"};
    EXPECT_FALSE(m_ledger->issue(req));
}

TEST_F(LedgerIssueTest, QrPngIsAGrayscalePngOfWholeModules)
{
    const std::string text = "SGC1:" + std::string(300, 'A');
    auto png = ledger::QrPng::render(text);
    ASSERT_TRUE(png) << png.error().message;
    ASSERT_GT(png->size(), 33u);
    const std::vector<std::uint8_t> signature{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    EXPECT_TRUE(std::equal(signature.begin(), signature.end(), png->begin()));
    // The first chunk is IHDR: width, height, bit depth 8, colour type 0 (grayscale).
    EXPECT_EQ(std::string(png->begin() + 12, png->begin() + 16), "IHDR");
    auto be32 = [&](std::size_t at) {
        return (std::uint32_t{(*png)[at]} << 24) | (std::uint32_t{(*png)[at + 1]} << 16) |
               (std::uint32_t{(*png)[at + 2]} << 8) | std::uint32_t{(*png)[at + 3]};
    };
    const std::uint32_t width = be32(16);
    EXPECT_EQ(width, be32(20));
    EXPECT_EQ((*png)[24], 8);
    EXPECT_EQ((*png)[25], 0);
    // 8 px per module, 4 modules of quiet zone each side, and a QR symbol is 17 + 4·version modules wide.
    ASSERT_EQ(width % 8, 0u);
    const std::uint32_t modules = width / 8 - 8;
    EXPECT_EQ((modules - 17) % 4, 0u);
    EXPECT_GE(modules, 21u);
}

TEST_F(LedgerIssueTest, KeyRotationKeepsOldCouponsValidUntilRetired)
{
    ledger::IssueRequest req;
    req.type = "standard";
    auto before = m_ledger->issue(req);
    ASSERT_TRUE(before);
    auto kid = m_ledger->addIssuerKey(std::nullopt);
    ASSERT_TRUE(kid) << kid.error().message;
    EXPECT_EQ(*kid, "131016-2026b");
    auto trust = m_ledger->trustStore();
    ASSERT_TRUE(trust);
    EXPECT_EQ(trust->size(), 2u);
    auto after = m_ledger->issue(req);
    ASSERT_TRUE(after);
    EXPECT_EQ(after->kid, "131016-2026b"); // the newest active key signs by default
    req.kid = "131016-2026a";
    auto chosen = m_ledger->issue(req);
    ASSERT_TRUE(chosen);
    EXPECT_EQ(chosen->kid, "131016-2026a");

    auto verifier = verifierOf(*m_ledger);
    EXPECT_TRUE(verifier.verify(before->qrText, m_clock.now()));
    EXPECT_TRUE(verifier.verify(after->qrText, m_clock.now()));

    // Retired: gone from the trust store, coupons it signed no longer verify, it signs nothing more.
    ASSERT_TRUE(m_ledger->retireIssuerKey("131016-2026a"));
    auto retired = verifierOf(*m_ledger);
    auto old = retired.verify(before->qrText, m_clock.now());
    ASSERT_FALSE(old);
    EXPECT_EQ(old.error().code, Errc::unknown_key);
    EXPECT_TRUE(retired.verify(after->qrText, m_clock.now()));
    EXPECT_FALSE(m_ledger->issue(req));
    EXPECT_TRUE(m_ledger->retireIssuerKey("131016-2026a")); // again: nothing to do

    // The last active key stays.
    auto last = m_ledger->retireIssuerKey("131016-2026b");
    ASSERT_FALSE(last);
    EXPECT_EQ(last.error().code, Errc::not_permitted);
    EXPECT_FALSE(m_ledger->retireIssuerKey("no-such-kid"));

    // Named keys; a taken name is refused.
    auto named = m_ledger->addIssuerKey(std::string("131016-2027a"));
    ASSERT_TRUE(named);
    EXPECT_FALSE(m_ledger->addIssuerKey(std::string("131016-2027a")));

    // Terminals learn each trust store from the changes feed.
    auto t = enrolTerminal("P-0001");
    auto page = pull(t, "0", 100);
    ASSERT_TRUE(page);
    std::vector<std::size_t> sizes;
    for (const auto& ch : page->changes)
        if (ch.kind == "trust")
            sizes.push_back(ch.body["trust"].size());
    EXPECT_EQ(sizes, (std::vector<std::size_t>{2, 1, 2}));
}

TEST_F(LedgerIssueTest, RevocationIsRecordedOnceAndShownInChanges)
{
    const std::string id = issue();
    auto t = enrolTerminal("P-0001");
    ASSERT_TRUE(m_ledger->revoke(couponid::grouped(id), "paper")); // the printed form works too
    m_clock.advance(std::chrono::minutes(5));
    ASSERT_TRUE(m_ledger->revoke(id, "withdrawn")); // twice: no-op, the first stands
    auto page = pull(t, "0", 100);
    ASSERT_TRUE(page) << page.error().message;
    ASSERT_EQ(page->changes.size(), 1u);
    const auto& ch = page->changes[0];
    EXPECT_EQ(ch.kind, "revocation");
    EXPECT_EQ(ch.body, json({{"coupon_id", id}, {"reason", "paper"}, {"at", now() - 300}}));

    auto unknown = m_ledger->revoke(codes::couponId(), "paper");
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, Errc::unknown_coupon);
    EXPECT_EQ(exitStatus(unknown.error().code), 2);
    auto badReason = m_ledger->revoke(id, "lost");
    ASSERT_FALSE(badReason);
    EXPECT_EQ(badReason.error().code, Errc::invalid_argument);
}

TEST_F(LedgerIssueTest, EnrolmentCodesWorkOnce)
{
    const std::string code = addProvider("P-0001");
    EXPECT_TRUE(std::regex_match(code, std::regex("([0-9A-HJKMNP-TV-Z]{4}-){3}[0-9A-HJKMNP-TV-Z]{4}"))) << code;
    const auto key = crypto::SigningKey::generate();
    const std::string pub = base64url::encode(key.publicKey.data(), key.publicKey.size());
    // Typed in lower case, without hyphens: the same code.
    std::string typed;
    for (char c : code)
        if (c != '-')
            typed += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto first = m_ledger->enrol({typed, pub, "reception 1"});
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_EQ(first->terminalId, "P-0001-T01");
    EXPECT_EQ(first->cursor, "0");
    EXPECT_EQ(first->serverTime, now());
    EXPECT_EQ(first->provider["provider_id"], "P-0001");
    EXPECT_EQ(first->policy["version"], "2026-04-01.1");
    EXPECT_EQ(first->trust.size(), 1u);

    // The same code with the same device key again (the first answer was lost on the way): the same answer.
    auto again = m_ledger->enrol({code, pub, ""});
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->terminalId, "P-0001-T01");
    EXPECT_EQ(again->provider, first->provider);
    EXPECT_EQ(again->trust, first->trust);
    // With another key, the code is spent.
    const auto other = crypto::SigningKey::generate();
    auto stolen = m_ledger->enrol({code, base64url::encode(other.publicKey.data(), other.publicKey.size()), ""});
    ASSERT_FALSE(stolen);
    EXPECT_EQ(stolen.error().code, Errc::invalid_argument);
    EXPECT_EQ(stolen.error().message, "enrolment code unknown or already used");
    EXPECT_FALSE(m_ledger->enrol({"AAAA-BBBB-CCCC-DDDD", pub, ""}));
    EXPECT_FALSE(m_ledger->enrol({"nonsense", pub, ""}));
    auto badKey = m_ledger->enrol({code, "AAAA", ""});
    ASSERT_FALSE(badKey);
    EXPECT_EQ(badKey.error().code, Errc::malformed);

    // Another terminal of the provider: a new code, the next number.
    auto second = m_ledger->newEnrolmentCode("P-0001");
    ASSERT_TRUE(second);
    auto t2 = m_ledger->enrol({*second, pub, "tablet"});
    ASSERT_TRUE(t2);
    EXPECT_EQ(t2->terminalId, "P-0001-T02");
    auto info = m_ledger->terminal("P-0001-T02");
    ASSERT_TRUE(info && *info);
    EXPECT_EQ((*info)->providerId, "P-0001");
    EXPECT_EQ((*info)->publicKeyB64u, pub);
    EXPECT_EQ((*info)->label, "tablet");
    auto none = m_ledger->terminal("P-0001-T09");
    ASSERT_TRUE(none);
    EXPECT_FALSE(*none);
    auto list = m_ledger->terminals();
    ASSERT_TRUE(list);
    EXPECT_EQ(list->size(), 2u);
    EXPECT_FALSE(m_ledger->newEnrolmentCode("P-9999"));
}

TEST_F(LedgerIssueTest, NoncesAreRememberedForTwiceTheSkewWithTheirBatch)
{
    auto t = enrolTerminal("P-0001");
    auto t2 = enrolTerminal("P-0001");
    const std::string c = issue();
    protocol::PushRequest batch;
    batch.events = {opened("s1", c, now())};
    const ledger::Ledger::Nonce n1{"n1", now()};
    auto first = m_ledger->push(t, n1, batch);
    ASSERT_TRUE(first) << first.error().message;
    ASSERT_TRUE(*first);
    EXPECT_EQ(verdict((*first)->results.at(0)), "accepted");
    // The same nonce again: a replay, which does nothing (not even answer the batch as duplicates).
    auto replay = m_ledger->push(t, n1, batch);
    ASSERT_TRUE(replay);
    EXPECT_FALSE(*replay);
    auto pulled = m_ledger->changes(t, n1, "0", 10);
    ASSERT_TRUE(pulled);
    EXPECT_FALSE(*pulled);
    // Nonces are per terminal.
    protocol::PushRequest other;
    other.events = {opened("s2", c, now())};
    auto otherTerminal = m_ledger->push(t2, n1, other);
    ASSERT_TRUE(otherTerminal);
    EXPECT_TRUE(*otherTerminal);
    m_clock.advance(2 * protocol::kMaxClockSkew);
    replay = m_ledger->push(t, n1, batch);
    ASSERT_TRUE(replay);
    EXPECT_FALSE(*replay); // still inside the window
    m_clock.advance(std::chrono::seconds(1));
    auto forgotten = m_ledger->push(t, {"n1", now()}, batch);
    ASSERT_TRUE(forgotten);
    ASSERT_TRUE(*forgotten);
    EXPECT_EQ((*forgotten)->results.at(0).status, protocol::EventStatus::duplicate);
}

TEST_F(LedgerIssueTest, ARefusedPullStoresNoNonce)
{
    auto t = enrolTerminal("P-0001");
    const ledger::Ledger::Nonce n{"n1", now()};
    auto bad = m_ledger->changes(t, n, "99", 10);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, Errc::invalid_argument);
    auto good = m_ledger->changes(t, n, "0", 10);
    ASSERT_TRUE(good) << good.error().message;
    EXPECT_TRUE(*good);
}

TEST_F(LedgerIssueTest, ProvidersAreCheckedAndTheirUpdatesGoToThemOnly)
{
    auto other = providerJson("P-0001");
    other["municipality"] = "271004";
    auto wrong = m_ledger->addProvider(other);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, Errc::invalid_config);
    auto bad = providerJson("P-0001");
    bad.erase("prices");
    EXPECT_FALSE(m_ledger->addProvider(bad));

    auto t1 = enrolTerminal("P-0001");
    auto t2 = enrolTerminal("P-0002");
    EXPECT_FALSE(m_ledger->addProvider(providerJson("P-0001"))); // registered already
    auto updated = providerJson("P-0001");
    updated["name"] = "新しい名前";
    ASSERT_TRUE(m_ledger->updateProvider(updated));
    EXPECT_FALSE(m_ledger->updateProvider(providerJson("P-0404")));
    auto page1 = pull(t1, "0", 10);
    auto page2 = pull(t2, "0", 10);
    ASSERT_TRUE(page1 && page2);
    ASSERT_EQ(page1->changes.size(), 1u);
    EXPECT_EQ(page1->changes[0].kind, "provider");
    EXPECT_EQ(page1->changes[0].body["provider"]["name"], "新しい名前");
    EXPECT_TRUE(page2->changes.empty());
}

TEST_F(LedgerIssueTest, PolicyChangesTakeEffectFromTheirDate)
{
    auto t = enrolTerminal("P-0001");
    auto next = readTestJson("policy.json");
    next["version"] = "2026-05-01.1";
    next["coupon_types"]["standard"] = 3000;
    const date::year_month_day may1{date::year{2026}, date::May, date::day{1}};
    ASSERT_TRUE(m_ledger->setPolicy(next, may1));
    auto inForce = m_ledger->policy();
    ASSERT_TRUE(inForce);
    EXPECT_EQ((*inForce)["version"], "2026-04-01.1"); // not yet
    auto page = pull(t, "0", 10);
    ASSERT_TRUE(page);
    ASSERT_EQ(page->changes.size(), 1u);
    EXPECT_EQ(page->changes[0].kind, "policy");
    EXPECT_EQ(page->changes[0].body["from"], "2026-05-01");
    EXPECT_EQ(page->changes[0].body["policy"]["version"], "2026-05-01.1");

    m_clock.set(Instant{std::chrono::seconds(1777561200)}); // 2026-05-01T00:00:00+09:00
    inForce = m_ledger->policy();
    ASSERT_TRUE(inForce);
    EXPECT_EQ((*inForce)["version"], "2026-05-01.1");
    ledger::IssueRequest req;
    req.type = "standard";
    auto c = m_ledger->issue(req);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->grantMinutes, 3000);

    next["municipality"] = "271004";
    auto wrong = m_ledger->setPolicy(next, may1);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, Errc::invalid_config);
}

} // namespace
} // namespace sango::test
