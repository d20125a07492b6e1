#include "sango/credential.h"

#include <fstream>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sango/base64url.h"
#include "test_issuer.h"
#include "test_paths.h"

namespace {

using namespace sango;
using nlohmann::json;
using sango::test::TestIssuer;

constexpr std::int64_t kNow = 1775000000; // 2026-03-31T23:33:20Z, inside the default claims' validity

Instant at(std::int64_t seconds)
{
    return Instant(std::chrono::seconds(seconds));
}

// The code of a verification result: "ok" or the error's stable name.
std::string codeOf(const Expected<Credential>& result)
{
    return result ? std::string("ok") : std::string(toString(result.error().code));
}

// ---- The shared test vectors (spec/credential.md, "Test vectors") ----

const json& vectorFile()
{
    static const json file = [] {
        std::ifstream in(sango::test::testDataDir() / "credentials.json");
        return in ? json::parse(in, nullptr, false) : json(json::value_t::discarded);
    }();
    return file;
}

struct Vector {
    std::string name;
    std::string qrText;
    std::string expect;
    json claims;
};

std::vector<Vector> loadVectors()
{
    std::vector<Vector> out;
    const json& file = vectorFile();
    if (file.is_discarded() || !file.contains("vectors"))
        return out;
    for (const json& v : file["vectors"])
        out.push_back({v.at("name").get<std::string>(), v.at("qr_text").get<std::string>(),
                       v.at("expect").get<std::string>(), v.value("claims", json::object())});
    return out;
}

CredentialVerifier vectorVerifier()
{
    auto trust = TrustStore::fromJson(vectorFile().at("trust"));
    EXPECT_TRUE(trust) << (trust ? "" : trust.error().message);
    return CredentialVerifier(trust ? *trust : TrustStore());
}

Instant vectorNow()
{
    return at(vectorFile().at("now").get<std::int64_t>());
}

const Vector& vectorNamed(const std::string& name)
{
    static const std::vector<Vector> all = loadVectors();
    for (const Vector& v : all)
        if (v.name == name)
            return v;
    throw std::runtime_error("no test vector named " + name);
}

std::string sanitise(const std::string& name)
{
    std::string out = name;
    for (char& c : out)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            c = '_';
    return out.empty() ? std::string("unnamed") : out;
}

TEST(CredentialVectors, FileLoads)
{
    ASSERT_FALSE(vectorFile().is_discarded()) << sango::test::testDataDir() / "credentials.json";
    EXPECT_GE(loadVectors().size(), 27U);
    std::set<std::string> names;
    for (const Vector& v : loadVectors())
        EXPECT_TRUE(names.insert(sanitise(v.name)).second) << "duplicate vector name " << v.name;
}

class CredentialVector : public ::testing::TestWithParam<Vector> {};

TEST_P(CredentialVector, GivesTheExpectedCode)
{
    const Vector& v = GetParam();
    const auto result = vectorVerifier().verify(v.qrText, vectorNow());
    ASSERT_EQ(codeOf(result), v.expect) << v.name << ": " << (result ? "" : result.error().message);
    if (!result) {
        EXPECT_FALSE(result.error().message.empty());
        return;
    }
    const json& c = v.claims;
    EXPECT_EQ(result->kid, "131016-2026a");
    EXPECT_EQ(result->municipality, c.at("iss").get<std::string>());
    EXPECT_EQ(result->couponId, c.at("sub").get<std::string>());
    EXPECT_EQ(result->couponType, c.at("ctp").get<std::string>());
    EXPECT_EQ(result->grantMinutes, c.at("grant").get<int>());
    std::vector<std::string> services;
    for (Service s : result->services)
        services.emplace_back(toString(s));
    EXPECT_EQ(services, c.at("svc").get<std::vector<std::string>>());
    EXPECT_EQ(result->issuedAt, c.at("iat").get<std::int64_t>());
    EXPECT_EQ(result->notBefore, c.at("nbf").get<std::int64_t>());
    EXPECT_EQ(result->expires, c.at("exp").get<std::int64_t>());
}

std::string vectorTestName(const ::testing::TestParamInfo<Vector>& param)
{
    return sanitise(param.param.name);
}

INSTANTIATE_TEST_SUITE_P(Vectors, CredentialVector, ::testing::ValuesIn(loadVectors()), vectorTestName);

// ---- Revocation (step 11, last) ----

TEST(CredentialRevocation, RevokedCouponIsRefused)
{
    const Vector& v = vectorNamed("valid_standard");
    std::string asked;
    const RevocationCheck revoked = [&](std::string_view id) {
        asked = std::string(id);
        return id == "7K3Q9M2X4T8VWZ1M";
    };
    EXPECT_EQ(codeOf(vectorVerifier().verify(v.qrText, vectorNow(), revoked)), "revoked");
    EXPECT_EQ(asked, "7K3Q9M2X4T8VWZ1M");
}

TEST(CredentialRevocation, OtherCouponsAreNotAffected)
{
    const Vector& v = vectorNamed("valid_standard");
    const RevocationCheck revoked = [](std::string_view id) { return id == "A1B2C3D4E5F6G7HA"; };
    EXPECT_EQ(codeOf(vectorVerifier().verify(v.qrText, vectorNow(), revoked)), "ok");
}

TEST(CredentialRevocation, IsCheckedLast)
{
    const RevocationCheck everything = [](std::string_view) { return true; };
    const auto verifier = vectorVerifier();
    EXPECT_EQ(codeOf(verifier.verify(vectorNamed("expired").qrText, vectorNow(), everything)), "expired");
    EXPECT_EQ(codeOf(verifier.verify(vectorNamed("not_yet_valid").qrText, vectorNow(), everything)),
              "not_yet_valid");
    EXPECT_EQ(codeOf(verifier.verify(vectorNamed("bad_signature").qrText, vectorNow(), everything)),
              "bad_signature");
    EXPECT_EQ(codeOf(verifier.verify(vectorNamed("wrong_issuer").qrText, vectorNow(), everything)),
              "wrong_municipality");
}

TEST(CredentialRevocation, NotConsultedForARefusedCoupon)
{
    bool called = false;
    const RevocationCheck check = [&](std::string_view) { return called = true; };
    EXPECT_EQ(codeOf(vectorVerifier().verify(vectorNamed("expired").qrText, vectorNow(), check)), "expired");
    EXPECT_FALSE(called);
}

// ---- Tokens made by the test issuer ----

class CredentialTest : public ::testing::Test {
protected:
    TestIssuer issuer;
    CredentialVerifier verifier{TrustStore({issuer.trustKey()})};

    TestIssuer::Claims claims(std::uint64_t n = 1) const
    {
        TestIssuer::Claims c;
        c.couponId = TestIssuer::makeCouponId(n);
        return c;
    }

    std::string header() const
    {
        return json{{"alg", "EdDSA"}, {"kid", issuer.kid()}, {"typ", "JWT"}}.dump();
    }

    // A payload with the default claims, with `patch` merged over it (a null member removes the claim).
    std::string payload(const json& patch = json::object()) const
    {
        const TestIssuer::Claims c = claims();
        json p = {{"iss", issuer.municipality()}, {"sub", c.couponId}, {"ctp", c.type}, {"grant", c.grant},
                  {"svc", c.services}, {"iat", c.iat}, {"nbf", c.nbf}, {"exp", c.exp}};
        p.merge_patch(patch);
        return p.dump();
    }

    std::string verifyCode(const std::string& qrText, std::int64_t now = kNow) const
    {
        return codeOf(verifier.verify(qrText, at(now)));
    }

    // The code for a payload whose claims JSON is given as text.
    std::string claimsCode(const std::string& payloadJson) const
    {
        return verifyCode(issuer.signRaw(header(), payloadJson));
    }
};

TEST_F(CredentialTest, IssuedCouponVerifies)
{
    const auto result = verifier.verify(issuer.issue(claims(42)), at(kNow));
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(result->kid, issuer.kid());
    EXPECT_EQ(result->municipality, "131016");
    EXPECT_EQ(result->couponId, TestIssuer::makeCouponId(42));
    EXPECT_EQ(result->couponType, "standard");
    EXPECT_EQ(result->grantMinutes, 2520);
    EXPECT_EQ(result->services, (std::vector<Service>{Service::stay, Service::day, Service::visit}));
    EXPECT_EQ(result->issuedAt, 1774913600);
    EXPECT_EQ(result->notBefore, 1774913600);
    EXPECT_EQ(result->expires, 1901145600);
}

TEST_F(CredentialTest, TrustStoreFromIssuerJsonWorksToo)
{
    const auto trust = TrustStore::fromJson(issuer.trustJson());
    ASSERT_TRUE(trust) << trust.error().message;
    EXPECT_EQ(codeOf(CredentialVerifier(*trust).verify(issuer.issue(claims()), at(kNow))), "ok");
}

TEST_F(CredentialTest, Allows)
{
    TestIssuer::Claims c = claims();
    c.services = {"visit"};
    const auto result = verifier.verify(issuer.issue(c), at(kNow));
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_TRUE(result->allows(Service::visit));
    EXPECT_FALSE(result->allows(Service::stay));
    EXPECT_FALSE(result->allows(Service::day));
}

// ---- Step 10: the 300 s skew, at its exact boundaries ----

TEST_F(CredentialTest, NotBeforeBoundary)
{
    TestIssuer::Claims c = claims();
    c.nbf = 1780000000;
    const std::string qr = issuer.issue(c);
    EXPECT_EQ(verifyCode(qr, c.nbf - 300), "ok");
    EXPECT_EQ(verifyCode(qr, c.nbf - 301), "not_yet_valid");
    EXPECT_EQ(verifyCode(qr, c.nbf), "ok");
}

TEST_F(CredentialTest, ExpiryBoundary)
{
    TestIssuer::Claims c = claims();
    c.exp = 1780000000;
    const std::string qr = issuer.issue(c);
    EXPECT_EQ(verifyCode(qr, c.exp), "ok");
    EXPECT_EQ(verifyCode(qr, c.exp + 299), "ok");
    EXPECT_EQ(verifyCode(qr, c.exp + 300), "expired");
}

TEST_F(CredentialTest, ExtremeTimesDoNotOverflow)
{
    const std::int64_t max = std::numeric_limits<std::int64_t>::max();
    const std::int64_t min = std::numeric_limits<std::int64_t>::min();
    EXPECT_EQ(claimsCode(payload({{"exp", max}})), "ok");
    EXPECT_EQ(claimsCode(payload({{"nbf", min}})), "ok");
    EXPECT_EQ(claimsCode(payload({{"nbf", max}})), "not_yet_valid");
    EXPECT_EQ(claimsCode(payload({{"exp", min}})), "expired");
}

// ---- Key rotation ----

TEST(CredentialRotation, TwoKeysInTheStore)
{
    const TestIssuer oldKey("131016-2026a-test", "131016", 7);
    const TestIssuer newKey("131016-2026b-test", "131016", 9);
    const CredentialVerifier both(TrustStore({oldKey.trustKey(), newKey.trustKey()}));
    TestIssuer::Claims c;
    c.couponId = TestIssuer::makeCouponId(5);
    EXPECT_EQ(codeOf(both.verify(oldKey.issue(c), at(kNow))), "ok");
    EXPECT_EQ(codeOf(both.verify(newKey.issue(c), at(kNow))), "ok");
    const auto viaNew = both.verify(newKey.issue(c), at(kNow));
    ASSERT_TRUE(viaNew);
    EXPECT_EQ(viaNew->kid, "131016-2026b-test");

    // A key signing under the other key's kid is caught by the signature.
    const TestIssuer impostor("131016-2026a-test", "131016", 9);
    EXPECT_EQ(codeOf(both.verify(impostor.issue(c), at(kNow))), "bad_signature");

    // After the old key is retired, its coupons name an unknown key.
    const CredentialVerifier retired(TrustStore({newKey.trustKey()}));
    EXPECT_EQ(codeOf(retired.verify(oldKey.issue(c), at(kNow))), "unknown_key");
    EXPECT_EQ(codeOf(retired.verify(newKey.issue(c), at(kNow))), "ok");
}

TEST(CredentialRotation, EachKeyHasItsOwnMunicipality)
{
    const TestIssuer tokyo("131016-test", "131016", 7);
    const TestIssuer osaka("271004-test", "271004", 8);
    const CredentialVerifier both(TrustStore({tokyo.trustKey(), osaka.trustKey()}));
    TestIssuer::Claims c;
    c.couponId = TestIssuer::makeCouponId(6);
    EXPECT_EQ(codeOf(both.verify(osaka.issue(c), at(kNow))), "ok");
    c.iss = "131016"; // Osaka's key signing a Tokyo coupon
    EXPECT_EQ(codeOf(both.verify(osaka.issue(c), at(kNow))), "wrong_municipality");
}

// ---- A terminal's own municipality (step 9 with the verifier's municipality argument) ----

class CredentialMunicipality : public ::testing::Test {
protected:
    const TestIssuer tokyo{"131016-test", "131016", 7};
    const TestIssuer osaka{"271004-test", "271004", 8};

    // A trust store with a key of each municipality, read as a terminal reads it.
    TrustStore both() const
    {
        json keys = tokyo.trustJson();
        for (const json& k : osaka.trustJson())
            keys.push_back(k);
        auto trust = TrustStore::fromJson(keys);
        EXPECT_TRUE(trust) << (trust ? "" : trust.error().message);
        return trust ? *trust : TrustStore();
    }

    static TestIssuer::Claims claims(std::uint64_t n)
    {
        TestIssuer::Claims c;
        c.couponId = TestIssuer::makeCouponId(n);
        return c;
    }
};

TEST_F(CredentialMunicipality, AnotherMunicipalitysKeyInTheTrustStoreDoesNotMakeItsCouponsValidHere)
{
    const CredentialVerifier here(both(), "131016");
    ASSERT_EQ(here.trustStore().keys().size(), 2U);
    EXPECT_EQ(codeOf(here.verify(tokyo.issue(claims(1)), at(kNow))), "ok");
    const std::string osakaCoupon = osaka.issue(claims(2));
    const auto refused = here.verify(osakaCoupon, at(kNow));
    ASSERT_EQ(codeOf(refused), "wrong_municipality");
    EXPECT_NE(refused.error().message.find("271004"), std::string::npos) << refused.error().message;
    EXPECT_EQ(kindOf(refused.error().code), ErrorKind::refusal);
    EXPECT_EQ(codeOf(here.verifyGenuine(osakaCoupon)), "wrong_municipality");

    // Without a municipality argument every municipality with a trusted key is accepted.
    const CredentialVerifier any(both());
    EXPECT_EQ(codeOf(any.verify(osakaCoupon, at(kNow))), "ok");
    EXPECT_EQ(codeOf(any.verify(tokyo.issue(claims(1)), at(kNow))), "ok");
    const auto genuine = any.verifyGenuine(osakaCoupon);
    ASSERT_TRUE(genuine) << genuine.error().message;
    EXPECT_EQ(genuine->municipality, "271004");
    EXPECT_EQ(genuine->kid, "271004-test");
}

TEST_F(CredentialMunicipality, TheMunicipalityIsCheckedBeforeTheTimeAndTheRevocationList)
{
    const CredentialVerifier here(both(), "131016");
    const CredentialVerifier any(both());
    TestIssuer::Claims expired = claims(3);
    expired.exp = kNow - 86400;
    TestIssuer::Claims early = claims(4);
    early.nbf = kNow + 86400;
    const std::string expiredOsaka = osaka.issue(expired);
    const std::string earlyOsaka = osaka.issue(early);

    // Step 9 comes before step 10: an expired (or not yet valid) coupon of 271004 is wrong_municipality here.
    EXPECT_EQ(codeOf(here.verify(expiredOsaka, at(kNow))), "wrong_municipality");
    EXPECT_EQ(codeOf(here.verify(earlyOsaka, at(kNow))), "wrong_municipality");
    EXPECT_EQ(codeOf(any.verify(expiredOsaka, at(kNow))), "expired");
    EXPECT_EQ(codeOf(any.verify(earlyOsaka, at(kNow))), "not_yet_valid");
    // ... and before step 11.
    bool asked = false;
    const RevocationCheck everything = [&](std::string_view) { return asked = true; };
    EXPECT_EQ(codeOf(here.verify(osaka.issue(claims(5)), at(kNow), everything)), "wrong_municipality");
    EXPECT_FALSE(asked) << "the revocation list was consulted for a coupon of another municipality";
    // The terminal's own expired coupon is simply expired.
    EXPECT_EQ(codeOf(here.verify(tokyo.issue(expired), at(kNow))), "expired");
}

// ---- verifyGenuine (steps 1-9) and checkCurrent (step 10) on their own ----

TEST_F(CredentialTest, VerifyGenuineAcceptsAnExpiredOrNotYetValidCoupon)
{
    TestIssuer::Claims expired = claims(7);
    expired.exp = 1774950000; // 2026-03-31T09:40:00Z, long before kNow
    const std::string expiredQr = issuer.issue(expired);
    ASSERT_EQ(verifyCode(expiredQr), "expired");
    const auto genuine = verifier.verifyGenuine(expiredQr);
    ASSERT_TRUE(genuine) << genuine.error().message;
    EXPECT_EQ(genuine->couponId, TestIssuer::makeCouponId(7));
    EXPECT_EQ(genuine->kid, issuer.kid());
    EXPECT_EQ(genuine->municipality, "131016");
    EXPECT_EQ(genuine->grantMinutes, 2520);
    EXPECT_EQ(genuine->expires, 1774950000);
    const auto current = CredentialVerifier::checkCurrent(*genuine, at(kNow));
    ASSERT_FALSE(current);
    EXPECT_EQ(current.error().code, Errc::expired);

    TestIssuer::Claims early = claims(8);
    early.nbf = 1800000000;
    const std::string earlyQr = issuer.issue(early);
    ASSERT_EQ(verifyCode(earlyQr), "not_yet_valid");
    const auto genuineEarly = verifier.verifyGenuine(earlyQr);
    ASSERT_TRUE(genuineEarly) << genuineEarly.error().message;
    EXPECT_EQ(genuineEarly->notBefore, 1800000000);

    // Whatever the time, the signature, the key and the claims are still checked.
    std::string tampered = expiredQr;
    const std::size_t pos = tampered.size() - 20;
    tampered[pos] = tampered[pos] == 'A' ? 'B' : 'A';
    EXPECT_EQ(codeOf(verifier.verifyGenuine(tampered)), "bad_signature");
    const TestIssuer impostor(issuer.kid(), issuer.municipality(), 3);
    EXPECT_EQ(codeOf(verifier.verifyGenuine(impostor.issue(expired))), "bad_signature");
    const TestIssuer stranger("999999-test", "999999", 3);
    EXPECT_EQ(codeOf(verifier.verifyGenuine(stranger.issue(expired))), "unknown_key");
    EXPECT_EQ(codeOf(verifier.verifyGenuine(issuer.signRaw(header(), payload({{"exp", 1}, {"grant", 0}})))),
              "bad_claims");
    EXPECT_EQ(codeOf(verifier.verifyGenuine("https://example.org/coupon")), "not_a_coupon");
}

TEST_F(CredentialTest, CheckCurrentBoundaries)
{
    TestIssuer::Claims c = claims(9);
    c.nbf = 1779000000;
    c.exp = 1780000000;
    const auto genuine = verifier.verifyGenuine(issuer.issue(c));
    ASSERT_TRUE(genuine) << genuine.error().message;
    auto code = [&](std::int64_t now) {
        const auto r = CredentialVerifier::checkCurrent(*genuine, at(now));
        return r ? std::string("ok") : std::string(toString(r.error().code));
    };
    EXPECT_EQ(code(c.exp), "ok");
    EXPECT_EQ(code(c.exp + 299), "ok");
    EXPECT_EQ(code(c.exp + 300), "expired");
    EXPECT_EQ(code(c.exp + 86400), "expired");
    EXPECT_EQ(code(c.nbf), "ok");
    EXPECT_EQ(code(c.nbf - 300), "ok");
    EXPECT_EQ(code(c.nbf - 301), "not_yet_valid");
}

TEST(CredentialCheckCurrent, ExpAtInt64MaxNeverOverflows)
{
    const std::int64_t max = std::numeric_limits<std::int64_t>::max();
    const std::int64_t min = std::numeric_limits<std::int64_t>::min();
    Credential c;
    c.expires = max;
    c.notBefore = min;
    const std::int64_t times[] = {min, min + 1, -1, 0, kNow, max - 300, max - 299, max - 1, max};
    for (std::int64_t now : times) {
        const auto r = CredentialVerifier::checkCurrent(c, at(now));
        EXPECT_TRUE(r) << "at " << now << ": " << toString(r.error().code);
    }
    // Near the top of the range the skew still counts exactly: exp + 300 would overflow.
    c.expires = max - 300;
    EXPECT_TRUE(CredentialVerifier::checkCurrent(c, at(max - 1)));
    const auto late = CredentialVerifier::checkCurrent(c, at(max));
    ASSERT_FALSE(late);
    EXPECT_EQ(late.error().code, Errc::expired);
    // And the far ends against each other.
    c.expires = min;
    const auto ended = CredentialVerifier::checkCurrent(c, at(max));
    ASSERT_FALSE(ended);
    EXPECT_EQ(ended.error().code, Errc::expired);

    // A signed coupon with exp = INT64_MAX verifies at any time.
    const TestIssuer issuer;
    const CredentialVerifier verifier{TrustStore({issuer.trustKey()})};
    TestIssuer::Claims claims;
    claims.couponId = TestIssuer::makeCouponId(10);
    claims.exp = max;
    const std::string qr = issuer.issue(claims);
    for (std::int64_t now : {claims.nbf, kNow, std::int64_t{4102444800}, max - 300, max})
        EXPECT_EQ(codeOf(verifier.verify(qr, at(now))), "ok") << "at " << now;
}

// ---- Steps 1 and 2: the text and its parts ----

TEST_F(CredentialTest, TextShape)
{
    const std::string valid = issuer.issue(claims());
    const std::string jws = valid.substr(5);
    EXPECT_EQ(verifyCode(""), "not_a_coupon");
    EXPECT_EQ(verifyCode("SGC1"), "not_a_coupon");
    EXPECT_EQ(verifyCode(" " + valid), "not_a_coupon");
    EXPECT_EQ(verifyCode("SGC2:" + jws), "not_a_coupon");
    EXPECT_EQ(verifyCode("HC1:" + jws), "not_a_coupon");
    EXPECT_EQ(verifyCode("SGC1:"), "malformed");
    EXPECT_EQ(verifyCode("SGC1:.."), "malformed");
    EXPECT_EQ(verifyCode(valid + "."), "malformed");
    EXPECT_EQ(verifyCode(valid + ".AAAA"), "malformed");
    EXPECT_EQ(verifyCode(valid + " "), "malformed");
    EXPECT_EQ(verifyCode(valid + "\n"), "malformed");
    EXPECT_EQ(verifyCode(valid + "=="), "malformed");
    EXPECT_EQ(verifyCode("SGC1:" + jws.substr(0, jws.rfind('.'))), "malformed");
}

TEST_F(CredentialTest, HeaderMustBeAJsonObject)
{
    EXPECT_EQ(verifyCode(issuer.signRaw("[\"EdDSA\"]", payload())), "malformed");
    EXPECT_EQ(verifyCode(issuer.signRaw("\"EdDSA\"", payload())), "malformed");
    EXPECT_EQ(verifyCode(issuer.signRaw("{\"alg\":\"EdDSA\",", payload())), "malformed");
    EXPECT_EQ(verifyCode(issuer.signRaw("", payload())), "malformed");
    EXPECT_EQ(verifyCode(issuer.signRaw("null", payload())), "malformed");
}

// Finds a token of exactly `length` characters: the default claims plus an unknown "pad" claim, and a typ
// of varying length in the header (base64url cannot grow by one character for every added byte).
std::string tokenOfLength(const TestIssuer& issuer, std::size_t length)
{
    TestIssuer::Claims c;
    c.couponId = TestIssuer::makeCouponId(77);
    json p = {{"iss", issuer.municipality()}, {"sub", c.couponId}, {"ctp", c.type}, {"grant", c.grant},
              {"svc", c.services}, {"iat", c.iat}, {"nbf", c.nbf}, {"exp", c.exp}};
    for (std::string typ = "JWT"; typ.size() < 6; typ += "X") {
        const std::string header = json{{"alg", "EdDSA"}, {"kid", issuer.kid()}, {"typ", typ}}.dump();
        for (std::size_t pad = 0; pad < length; ++pad) {
            p["pad"] = std::string(pad, 'x');
            const std::string token = issuer.signRaw(header, p.dump());
            if (token.size() == length)
                return token;
            if (token.size() > length)
                break;
        }
    }
    return {};
}

TEST_F(CredentialTest, LengthLimitIs1024Characters)
{
    const std::string exact = tokenOfLength(issuer, 1024);
    ASSERT_EQ(exact.size(), 1024U);
    EXPECT_EQ(verifyCode(exact), "ok");
    const std::string over = tokenOfLength(issuer, 1025);
    ASSERT_EQ(over.size(), 1025U);
    EXPECT_EQ(verifyCode(over), "malformed");
    EXPECT_EQ(verifyCode(std::string(1025, 'x')), "not_a_coupon"); // the prefix is checked first
}

// ---- Steps 3 and 4: the header ----

TEST_F(CredentialTest, AlgMustBeExactlyEdDSA)
{
    const std::string kid = "\"kid\":\"" + issuer.kid() + "\"";
    for (const std::string alg : {"\"none\"", "\"HS256\"", "\"eddsa\"", "\"EdDSA \"", "\"Ed25519\"", "\"ES256\"",
                                  "[\"EdDSA\"]", "{\"EdDSA\":1}", "1", "null", "true"})
        EXPECT_EQ(verifyCode(issuer.signRaw("{\"alg\":" + alg + "," + kid + "}", payload())), "unsupported_alg")
            << alg;
    EXPECT_EQ(verifyCode(issuer.signRaw("{" + kid + "}", payload())), "unsupported_alg");
}

TEST_F(CredentialTest, AlgIsCheckedBeforeCritAndKid)
{
    EXPECT_EQ(verifyCode(issuer.signRaw(R"({"alg":"none","crit":["exp"]})", payload())), "unsupported_alg");
}

TEST_F(CredentialTest, KidMustBeAString)
{
    EXPECT_EQ(verifyCode(issuer.signRaw(R"({"alg":"EdDSA","kid":131016})", payload())), "malformed");
    EXPECT_EQ(verifyCode(issuer.signRaw(R"({"alg":"EdDSA","kid":null})", payload())), "malformed");
    EXPECT_EQ(verifyCode(issuer.signRaw(R"({"alg":"EdDSA","kid":["131016-test"]})", payload())), "malformed");
    EXPECT_EQ(verifyCode(issuer.signRaw(R"({"alg":"EdDSA"})", payload())), "malformed");
    EXPECT_EQ(verifyCode(issuer.signRaw(R"({"alg":"EdDSA","kid":""})", payload())), "unknown_key");
}

TEST_F(CredentialTest, AnyCritIsMalformed)
{
    const std::string kid = "\"kid\":\"" + issuer.kid() + "\"";
    for (const std::string crit : {"[\"exp\"]", "[]", "null", "\"b64\""})
        EXPECT_EQ(verifyCode(issuer.signRaw("{\"alg\":\"EdDSA\"," + kid + ",\"crit\":" + crit + "}", payload())),
                  "malformed")
            << crit;
}

TEST_F(CredentialTest, TypIsIgnored)
{
    const std::string kid = "\"kid\":\"" + issuer.kid() + "\"";
    EXPECT_EQ(verifyCode(issuer.signRaw("{\"alg\":\"EdDSA\"," + kid + "}", payload())), "ok");
    EXPECT_EQ(verifyCode(issuer.signRaw("{\"alg\":\"EdDSA\"," + kid + ",\"typ\":42}", payload())), "ok");
}

// ---- Step 6: the signature ----

TEST_F(CredentialTest, SignatureOfWrongLength)
{
    const std::string valid = issuer.issue(claims());
    const std::string signingInput = valid.substr(0, valid.rfind('.'));
    const auto signature = base64url::decode(valid.substr(valid.rfind('.') + 1));
    ASSERT_TRUE(signature);
    ASSERT_EQ(signature->size(), 64U);
    const auto withSignature = [&](const std::vector<std::uint8_t>& bytes) {
        return signingInput + "." + base64url::encode(bytes.data(), bytes.size());
    };
    EXPECT_EQ(verifyCode(withSignature(*signature)), "ok");
    EXPECT_EQ(verifyCode(withSignature({signature->begin(), signature->end() - 1})), "bad_signature");
    std::vector<std::uint8_t> longer = *signature;
    longer.push_back(0);
    EXPECT_EQ(verifyCode(withSignature(longer)), "bad_signature");
    EXPECT_EQ(verifyCode(withSignature({})), "bad_signature");
}

TEST_F(CredentialTest, EveryFlippedSignatureBitIsCaught)
{
    const std::string valid = issuer.issue(claims());
    const std::string signingInput = valid.substr(0, valid.rfind('.'));
    const auto signature = base64url::decode(valid.substr(valid.rfind('.') + 1));
    ASSERT_TRUE(signature);
    for (std::size_t bit = 0; bit < signature->size() * 8; ++bit) {
        std::vector<std::uint8_t> changed = *signature;
        changed[bit / 8] = static_cast<std::uint8_t>(changed[bit / 8] ^ (1U << (bit % 8)));
        EXPECT_EQ(verifyCode(signingInput + "." + base64url::encode(changed.data(), changed.size())),
                  "bad_signature")
            << "bit " << bit;
    }
}

TEST_F(CredentialTest, SignatureIsOverTheEncodedText)
{
    // The same header, re-encoded with different JSON spacing, no longer matches the signature.
    const std::string valid = issuer.issue(claims());
    const auto firstDot = valid.find('.');
    const std::string otherHeader =
        base64url::encode(json{{"alg", "EdDSA"}, {"kid", issuer.kid()}, {"typ", "JWT"}}.dump(1));
    EXPECT_EQ(verifyCode("SGC1:" + otherHeader + valid.substr(firstDot)), "bad_signature");
}

// ---- Steps 7 and 8: the payload and its claims ----

TEST_F(CredentialTest, PayloadMustBeAJsonObject)
{
    EXPECT_EQ(claimsCode("[1,2]"), "malformed");
    EXPECT_EQ(claimsCode("\"text\""), "malformed");
    EXPECT_EQ(claimsCode(""), "malformed");
    EXPECT_EQ(claimsCode("{\"iss\":"), "malformed");
    EXPECT_EQ(claimsCode(payload() + "x"), "malformed");
}

TEST_F(CredentialTest, GrantMustBeAPositiveInteger)
{
    const std::string base = payload({{"grant", nullptr}});
    const auto withGrant = [&](const std::string& grant) {
        return claimsCode(base.substr(0, base.size() - 1) + ",\"grant\":" + grant + "}");
    };
    EXPECT_EQ(withGrant("1200"), "ok");
    EXPECT_EQ(withGrant("1"), "ok");
    EXPECT_EQ(withGrant("10000000"), "ok");
    EXPECT_EQ(withGrant("1200.0"), "bad_claims");
    EXPECT_EQ(withGrant("90.5"), "bad_claims");
    EXPECT_EQ(withGrant("1.2e3"), "bad_claims");
    EXPECT_EQ(withGrant("0"), "bad_claims");
    EXPECT_EQ(withGrant("-1"), "bad_claims");
    EXPECT_EQ(withGrant("-0"), "bad_claims");
    EXPECT_EQ(withGrant("\"1200\""), "bad_claims");
    EXPECT_EQ(withGrant("null"), "bad_claims");
    EXPECT_EQ(withGrant("true"), "bad_claims");
    EXPECT_EQ(withGrant("[1200]"), "bad_claims");
}

TEST_F(CredentialTest, HugeGrantIsRejected)
{
    const std::string base = payload({{"grant", nullptr}});
    const auto withGrant = [&](const std::string& grant) {
        return claimsCode(base.substr(0, base.size() - 1) + ",\"grant\":" + grant + "}");
    };
    EXPECT_EQ(withGrant("10000001"), "bad_claims");         // above the 10,000,000-minute bound
    EXPECT_EQ(withGrant("2147483648"), "bad_claims");       // INT_MAX + 1
    EXPECT_EQ(withGrant("4294968496"), "bad_claims");       // 2^32 + 1200: would wrap to 1200 in 32 bits
    EXPECT_EQ(withGrant("9223372036854775807"), "bad_claims");
    EXPECT_EQ(withGrant("18446744073709551615"), "bad_claims");
    EXPECT_EQ(withGrant("18446744073709552816"), "bad_claims"); // beyond uint64: parsed as a float
    EXPECT_EQ(withGrant("-9223372036854775808"), "bad_claims");
}

TEST_F(CredentialTest, ServicesMustBeKnownAndDistinct)
{
    EXPECT_EQ(claimsCode(payload({{"svc", {"visit"}}})), "ok");
    EXPECT_EQ(claimsCode(payload({{"svc", {"day", "stay"}}})), "ok");
    EXPECT_EQ(claimsCode(payload({{"svc", {"stay", "stay"}}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"svc", {"stay", "day", "visit", "day"}}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"svc", json::array()}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"svc", "stay"}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"svc", {"Stay"}}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"svc", {"stay", 1}}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"svc", {""}}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"svc", nullptr}})), "bad_claims");
}

TEST_F(CredentialTest, IssMustBeSixDigits)
{
    EXPECT_EQ(claimsCode(payload({{"iss", "13101"}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"iss", "1310160"}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"iss", "13101a"}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"iss", " 131016"}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"iss", "１３１０１６"}})), "bad_claims"); // full-width digits
    EXPECT_EQ(claimsCode(payload({{"iss", 131016}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"iss", ""}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"iss", nullptr}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"iss", "271004"}})), "wrong_municipality");
}

TEST_F(CredentialTest, SubMustBeACanonicalCouponId)
{
    EXPECT_EQ(claimsCode(payload({{"sub", "7K3Q9M2X4T8VWZ1M"}})), "ok");
    EXPECT_EQ(claimsCode(payload({{"sub", "7k3q9m2x4t8vwz1m"}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"sub", "7K3Q-9M2X-4T8V-WZ1M"}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"sub", "7K3Q9M2X4T8VWZ1N"}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"sub", "7K3Q9M2X4T8VWZLM"}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"sub", 1234567890123456}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"sub", nullptr}})), "bad_claims");
}

TEST_F(CredentialTest, OtherClaimTypes)
{
    EXPECT_EQ(claimsCode(payload({{"ctp", ""}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"ctp", 1}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"ctp", nullptr}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"ctp", "a_new_type"}})), "ok");
    EXPECT_EQ(claimsCode(payload({{"nbf", nullptr}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"exp", nullptr}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"nbf", "1774913600"}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"exp", 1901145600.0}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"iat", "1774913600"}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"unknown", {{"nested", true}}}})), "ok");
}

TEST_F(CredentialTest, IatIsOptional)
{
    const auto result = verifier.verify(issuer.signRaw(header(), payload({{"iat", nullptr}})), at(kNow));
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(result->issuedAt, 0);
}

// ---- The order of the steps (first failure wins) ----

TEST_F(CredentialTest, StepOrder)
{
    const TestIssuer stranger("999999-test", "999999", 3);
    const TestIssuer impostor(issuer.kid(), issuer.municipality(), 3);
    // An unknown key is reported before the payload is looked at.
    EXPECT_EQ(verifyCode(stranger.signRaw(R"({"alg":"EdDSA","kid":"999999-test"})", "[1]")), "unknown_key");
    // A bad signature is reported before the payload is looked at.
    EXPECT_EQ(verifyCode(impostor.signRaw(header(), "[1]")), "bad_signature");
    EXPECT_EQ(verifyCode(impostor.signRaw(header(), payload({{"grant", -1}}))), "bad_signature");
    // Bad claims before the municipality, the municipality before the time.
    EXPECT_EQ(claimsCode(payload({{"iss", "271004"}, {"grant", 0}})), "bad_claims");
    EXPECT_EQ(claimsCode(payload({{"iss", "271004"}, {"exp", 1}})), "wrong_municipality");
    EXPECT_EQ(claimsCode(payload({{"grant", 0}, {"exp", 1}})), "bad_claims");
}

TEST_F(CredentialTest, EveryRefusalHasAMessage)
{
    std::vector<std::string> texts = {"", "SGC1:", issuer.signRaw(R"({"alg":"none"})", payload()),
                                      issuer.signRaw(R"({"alg":"EdDSA","kid":"x"})", payload()),
                                      issuer.signRaw(header(), payload({{"grant", 0}})),
                                      issuer.signRaw(header(), payload({{"iss", "271004"}})),
                                      issuer.signRaw(header(), payload({{"exp", 1}})),
                                      issuer.signRaw(header(), payload({{"nbf", 1900000000}}))};
    for (const std::string& text : texts) {
        const auto result = verifier.verify(text, at(kNow));
        ASSERT_FALSE(result);
        EXPECT_GT(result.error().message.size(), 20U) << toString(result.error().code);
        EXPECT_EQ(kindOf(result.error().code), ErrorKind::refusal);
    }
}

// ---- TrustStore ----

TEST(TrustStoreJson, RoundTrips)
{
    const TestIssuer a("131016-a-test", "131016", 1);
    const TestIssuer b("271004-b-test", "271004", 2);
    const TrustStore store({a.trustKey(), b.trustKey()});
    const auto back = TrustStore::fromJson(store.toJson());
    ASSERT_TRUE(back) << back.error().message;
    ASSERT_EQ(back->keys().size(), 2U);
    EXPECT_EQ(back->keys()[1].kid, "271004-b-test");
    EXPECT_EQ(back->keys()[1].municipality, "271004");
    EXPECT_EQ(back->keys()[1].publicKey, b.trustKey().publicKey);
    EXPECT_EQ(store.toJson(), back->toJson());
    EXPECT_EQ(a.trustJson()[0], store.toJson()[0]);
}

TEST(TrustStoreJson, Find)
{
    const TestIssuer a("131016-a-test", "131016", 1);
    const TrustStore store({a.trustKey()});
    ASSERT_NE(store.find("131016-a-test"), nullptr);
    EXPECT_EQ(store.find("131016-a-test")->municipality, "131016");
    EXPECT_EQ(store.find("131016-A-TEST"), nullptr);
    EXPECT_EQ(store.find(""), nullptr);
    EXPECT_EQ(TrustStore().find("x"), nullptr);
}

TEST(TrustStoreJson, ReadsTheTestTrustFile)
{
    std::ifstream in(sango::test::testDataDir() / "trust.json");
    const json j = json::parse(in, nullptr, false);
    const auto store = TrustStore::fromJson(j);
    ASSERT_TRUE(store) << store.error().message;
    ASSERT_EQ(store->keys().size(), 1U);
    EXPECT_EQ(store->keys()[0].kid, "131016-2026a");
    EXPECT_EQ(store->toJson(), j);
}

// The error of fromJson for the one-entry store `entry` placed second, after a good entry.
Error secondEntryError(const json& entry)
{
    const json good = TestIssuer().trustJson()[0];
    const auto result = TrustStore::fromJson(json::array({good, entry}));
    EXPECT_FALSE(result);
    return result ? Error{Errc::invalid_config, "(accepted)"} : result.error();
}

TEST(TrustStoreJson, ErrorsNameTheEntryAndMember)
{
    const json good = TestIssuer("131016-other-test", "131016", 5).trustJson()[0];
    const auto withMember = [&](const char* name, const json& value) {
        json e = good;
        if (value.is_null())
            e.erase(name);
        else
            e[name] = value;
        return secondEntryError(e);
    };
    struct Case {
        const char* member;
        json value;
    };
    const std::vector<Case> cases = {
        {"kid", nullptr}, {"kid", 7}, {"kid", ""},
        {"municipality", nullptr}, {"municipality", 131016}, {"municipality", "13101"},
        {"alg", nullptr}, {"alg", "ES256"}, {"alg", "none"},
        {"public_key_b64u", nullptr}, {"public_key_b64u", 1},
        {"public_key_b64u", base64url::encode(std::string(31, 'k'))},
        {"public_key_b64u", base64url::encode(std::string(33, 'k'))},
        {"public_key_b64u", "iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w="},
        {"public_key_b64u", "iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w "},
        {"public_key_b64u", "iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w+"},
    };
    for (const Case& c : cases) {
        const Error e = withMember(c.member, c.value);
        EXPECT_EQ(e.code, Errc::invalid_config) << c.member << " " << c.value.dump();
        EXPECT_NE(e.message.find("trust store entry 1"), std::string::npos) << e.message;
        EXPECT_NE(e.message.find(c.member), std::string::npos) << e.message;
    }
    EXPECT_EQ(withMember("public_key_b64u", base64url::encode(std::string(31, 'k'))).message,
              "trust store entry 1: public_key_b64u must be 32 bytes of unpadded base64url");
}

TEST(TrustStoreJson, OtherErrors)
{
    const json good = TestIssuer().trustJson()[0];
    EXPECT_EQ(TrustStore::fromJson(json::object()).error().code, Errc::invalid_config);
    EXPECT_EQ(TrustStore::fromJson(good).error().code, Errc::invalid_config);
    const Error notObject = secondEntryError("131016-test");
    EXPECT_NE(notObject.message.find("trust store entry 1"), std::string::npos) << notObject.message;
    const Error duplicate = secondEntryError(good);
    EXPECT_NE(duplicate.message.find("trust store entry 1"), std::string::npos) << duplicate.message;
    EXPECT_NE(duplicate.message.find("kid"), std::string::npos) << duplicate.message;
    const auto empty = TrustStore::fromJson(json::array());
    ASSERT_TRUE(empty);
    EXPECT_TRUE(empty->keys().empty());
}

TEST(TrustStoreJson, UnknownMembersAreIgnored)
{
    json j = TestIssuer().trustJson();
    j[0]["not_after"] = "2030-03-31";
    EXPECT_TRUE(TrustStore::fromJson(j));
}

} // namespace
