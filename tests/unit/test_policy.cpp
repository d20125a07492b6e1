// Policy::fromJson / toJson (spec/policy.md "policy.json"): the test data policy, every way a policy can be
// wrong (each naming the member), unknown members, and the round trip.
#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sango/policy.h"
#include "test_paths.h"

namespace sango {
namespace {

using nlohmann::json;

json loadJson(const std::string& file)
{
    std::ifstream in(test::testDataDir() / file);
    EXPECT_TRUE(in.good()) << "cannot open " << (test::testDataDir() / file);
    return json::parse(in, nullptr, false);
}

json testPolicy()
{
    return loadJson("policy.json");
}

void expectRule(const ServiceRule* r, int unit, Rounding rounding, int grace, int lo, int hi)
{
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->unitMinutes, unit);
    EXPECT_EQ(r->rounding, rounding);
    EXPECT_EQ(r->graceMinutes, grace);
    EXPECT_EQ(r->minMinutes, lo);
    EXPECT_EQ(r->maxMinutes, hi);
}

bool sameRule(const ServiceRule& a, const ServiceRule& b)
{
    return a.unitMinutes == b.unitMinutes && a.rounding == b.rounding && a.graceMinutes == b.graceMinutes &&
           a.minMinutes == b.minMinutes && a.maxMinutes == b.maxMinutes;
}

void expectSamePolicy(const Policy& a, const Policy& b)
{
    EXPECT_EQ(a.version, b.version);
    EXPECT_EQ(a.municipality, b.municipality);
    EXPECT_EQ(a.timeZone, b.timeZone);
    EXPECT_EQ(a.cancelWindowMinutes, b.cancelWindowMinutes);
    EXPECT_EQ(a.couponTypes, b.couponTypes);
    EXPECT_EQ(a.allowUnverifiedEntry, b.allowUnverifiedEntry);
    ASSERT_EQ(a.services.size(), b.services.size());
    for (const auto& [service, rule] : a.services) {
        const ServiceRule* other = b.rule(service);
        ASSERT_NE(other, nullptr) << toString(service);
        EXPECT_TRUE(sameRule(rule, *other)) << toString(service);
    }
}

TEST(Policy, TestDataParses)
{
    const json j = testPolicy();
    ASSERT_FALSE(j.is_discarded());
    const auto p = Policy::fromJson(j);
    ASSERT_TRUE(p) << p.error().message;
    EXPECT_EQ(p->version, "2026-04-01.1");
    EXPECT_EQ(p->municipality, "131016");
    EXPECT_EQ(p->timeZone, "Asia/Tokyo");
    EXPECT_EQ(p->cancelWindowMinutes, 5);
    EXPECT_EQ(p->services.size(), 3u);
    expectRule(p->rule(Service::stay), 30, Rounding::floor, 5, 0, 0);
    expectRule(p->rule(Service::day), 30, Rounding::floor, 5, 60, 480);
    expectRule(p->rule(Service::visit), 30, Rounding::floor, 5, 30, 240);
    const std::map<std::string, int> coupons{
        {"standard", 2520}, {"multiple_birth", 3780}, {"disability", 5040}, {"single_parent", 5040}};
    EXPECT_EQ(p->couponTypes, coupons);
    EXPECT_TRUE(p->allowUnverifiedEntry); // the default when absent
}

TEST(Policy, RuleOfAnAbsentServiceIsNull)
{
    json j = testPolicy();
    j["services"].erase("visit");
    const auto p = Policy::fromJson(j);
    ASSERT_TRUE(p) << p.error().message;
    EXPECT_NE(p->rule(Service::stay), nullptr);
    EXPECT_EQ(p->rule(Service::visit), nullptr);
}

TEST(Policy, OtherRoundingsAndUnits)
{
    json j = testPolicy();
    j["services"]["stay"] = {{"unit_minutes", 15}, {"rounding", "ceil"}, {"grace_minutes", 14},
                             {"min_minutes", 0}, {"max_minutes", 0}};
    j["services"]["day"] = {{"unit_minutes", 60}, {"rounding", "nearest"}, {"grace_minutes", 0},
                            {"min_minutes", 480}, {"max_minutes", 480}};
    const auto p = Policy::fromJson(j);
    ASSERT_TRUE(p) << p.error().message;
    expectRule(p->rule(Service::stay), 15, Rounding::ceil, 14, 0, 0);
    expectRule(p->rule(Service::day), 60, Rounding::nearest, 0, 480, 480);
}

TEST(Policy, MinWithoutMaxAndMaxWithoutMin)
{
    json j = testPolicy();
    j["services"]["day"]["max_minutes"] = 0;
    j["services"]["day"]["min_minutes"] = 600;
    j["services"]["visit"]["min_minutes"] = 0;
    j["services"]["visit"]["max_minutes"] = 15;
    const auto p = Policy::fromJson(j);
    ASSERT_TRUE(p) << p.error().message;
    expectRule(p->rule(Service::day), 30, Rounding::floor, 5, 600, 0);
    expectRule(p->rule(Service::visit), 30, Rounding::floor, 5, 0, 15);
}

TEST(Policy, AllowUnverifiedEntryExtension)
{
    json j = testPolicy();
    j["allow_unverified_entry"] = false;
    auto p = Policy::fromJson(j);
    ASSERT_TRUE(p) << p.error().message;
    EXPECT_FALSE(p->allowUnverifiedEntry);
    j["allow_unverified_entry"] = true;
    p = Policy::fromJson(j);
    ASSERT_TRUE(p) << p.error().message;
    EXPECT_TRUE(p->allowUnverifiedEntry);
}

TEST(Policy, UnknownMembersAreIgnored)
{
    json j = testPolicy();
    j["comment"] = "added by a newer ledger";
    j["future_feature"] = {{"a", 1}, {"b", json::array({1, 2, 3})}};
    j["services"]["day"]["note"] = "not yet used";
    j["services"]["stay"]["rounding_mode_v2"] = 3.5;
    const auto p = Policy::fromJson(j);
    ASSERT_TRUE(p) << p.error().message;
    const auto plain = Policy::fromJson(testPolicy());
    ASSERT_TRUE(plain);
    expectSamePolicy(*p, *plain);
}

TEST(Policy, RoundTrip)
{
    json j = testPolicy();
    j["allow_unverified_entry"] = false;
    j["services"]["stay"]["rounding"] = "nearest";
    j["services"]["visit"]["rounding"] = "ceil";
    j["services"]["visit"]["unit_minutes"] = 15;
    j["services"]["visit"]["grace_minutes"] = 14;
    const auto p = Policy::fromJson(j);
    ASSERT_TRUE(p) << p.error().message;
    const json out = p->toJson();
    const auto again = Policy::fromJson(out);
    ASSERT_TRUE(again) << again.error().message;
    expectSamePolicy(*p, *again);
    EXPECT_EQ(again->toJson(), out);
    EXPECT_EQ(out["services"]["visit"]["rounding"], "ceil");
    EXPECT_EQ(out["allow_unverified_entry"], false);
    // Through text, as it is stored.
    const auto reparsed = Policy::fromJson(json::parse(out.dump()));
    ASSERT_TRUE(reparsed) << reparsed.error().message;
    expectSamePolicy(*p, *reparsed);
}

TEST(Policy, RoundTripOfTheTestDataKeepsEveryMember)
{
    const json j = testPolicy();
    const auto p = Policy::fromJson(j);
    ASSERT_TRUE(p);
    json out = p->toJson();
    EXPECT_EQ(out["allow_unverified_entry"], true);
    out.erase("allow_unverified_entry");
    EXPECT_EQ(out, j);
}

// ---------------------------------------------------------------------------------------------------------
// Invalid policies: each is the test data with one change, and must fail with invalid_config and a message
// that names the member.

struct Invalid {
    const char* what;
    const char* pointer;          // JSON pointer of the member changed
    std::optional<json> value;    // nullopt: the member is removed
    const char* mustMention;      // a part of the message
};

const std::vector<Invalid> kInvalid = {
    // missing required members
    {"no version", "/version", std::nullopt, "version is missing"},
    {"no municipality", "/municipality", std::nullopt, "municipality is missing"},
    {"no time_zone", "/time_zone", std::nullopt, "time_zone is missing"},
    {"no cancel window", "/cancel_window_minutes", std::nullopt, "cancel_window_minutes is missing"},
    {"no services", "/services", std::nullopt, "services is missing"},
    {"no coupon_types", "/coupon_types", std::nullopt, "coupon_types is missing"},
    {"no unit", "/services/day/unit_minutes", std::nullopt, "services.day.unit_minutes is missing"},
    {"no rounding", "/services/day/rounding", std::nullopt, "services.day.rounding is missing"},
    {"no grace", "/services/stay/grace_minutes", std::nullopt, "services.stay.grace_minutes is missing"},
    {"no min", "/services/visit/min_minutes", std::nullopt, "services.visit.min_minutes is missing"},
    {"no max", "/services/visit/max_minutes", std::nullopt, "services.visit.max_minutes is missing"},
    // wrong types and values at the top
    {"version a number", "/version", json(1), "version must be a string"},
    {"version empty", "/version", json(""), "version must not be empty"},
    {"municipality a number", "/municipality", json(131016), "municipality must be a string"},
    {"municipality 5 digits", "/municipality", json("13101"), "municipality must be a 6-digit"},
    {"municipality 7 digits", "/municipality", json("1310160"), "municipality must be a 6-digit"},
    {"municipality not digits", "/municipality", json("13101a"), "municipality must be a 6-digit"},
    {"municipality full-width", "/municipality", json("１３１０１６"), "municipality"},
    {"time zone a number", "/time_zone", json(9), "time_zone must be a string"},
    {"unknown time zone", "/time_zone", json("Asia/Tokio"), "time_zone"},
    {"time zone a path", "/time_zone", json("../../etc/passwd"), "time_zone"},
    {"time zone empty", "/time_zone", json(""), "time_zone"},
    {"cancel window a string", "/cancel_window_minutes", json("5"), "cancel_window_minutes must be an integer"},
    {"cancel window a float", "/cancel_window_minutes", json(5.0), "cancel_window_minutes must be an integer"},
    {"cancel window negative", "/cancel_window_minutes", json(-1), "cancel_window_minutes must be an integer"},
    {"cancel window huge", "/cancel_window_minutes", json(100001), "cancel_window_minutes"},
    {"cancel window beyond int64", "/cancel_window_minutes", json(18446744073709551615ULL), "cancel_window_minutes"},
    {"cancel window bool", "/cancel_window_minutes", json(true), "cancel_window_minutes"},
    {"cancel window null", "/cancel_window_minutes", json(nullptr), "cancel_window_minutes"},
    {"services an array", "/services", json::array({"stay"}), "services must be an object"},
    {"services empty", "/services", json::object(), "services must be an object with a rule for at least one"},
    {"unknown service key", "/services/vist", json{{"unit_minutes", 30}, {"rounding", "floor"},
                                                   {"grace_minutes", 5}, {"min_minutes", 0}, {"max_minutes", 0}},
     "services.vist is not a known service"},
    {"service rule a string", "/services/day", json("30 floor"), "services.day must be an object"},
    {"coupon_types an array", "/coupon_types", json::array({2520}), "coupon_types must be an object"},
    {"coupon grant zero", "/coupon_types/standard", json(0), "coupon_types.standard must be a positive integer"},
    {"coupon grant negative", "/coupon_types/standard", json(-2520), "coupon_types.standard"},
    {"coupon grant a string", "/coupon_types/standard", json("2520"), "coupon_types.standard"},
    {"coupon grant a float", "/coupon_types/disability", json(5040.0), "coupon_types.disability"},
    {"coupon grant huge", "/coupon_types/standard", json(2147483648LL), "coupon_types.standard"},
    {"coupon type empty name", "/coupon_types/", json(100), "coupon_types"},
    {"allow_unverified_entry a string", "/allow_unverified_entry", json("yes"), "allow_unverified_entry"},
    {"allow_unverified_entry a number", "/allow_unverified_entry", json(1), "allow_unverified_entry"},
    // rules
    {"unit 20", "/services/day/unit_minutes", json(20), "services.day.unit_minutes must be 15, 30 or 60 (got 20)"},
    {"unit 0", "/services/day/unit_minutes", json(0), "services.day.unit_minutes must be 15, 30 or 60"},
    {"unit 45", "/services/stay/unit_minutes", json(45), "services.stay.unit_minutes must be 15, 30 or 60"},
    {"unit a float", "/services/day/unit_minutes", json(30.0), "services.day.unit_minutes must be 15, 30 or 60"},
    {"unit a string", "/services/day/unit_minutes", json("30"), "services.day.unit_minutes"},
    {"unknown rounding", "/services/day/rounding", json("round"), "services.day.rounding must be"},
    {"rounding upper case", "/services/day/rounding", json("FLOOR"), "services.day.rounding"},
    {"rounding a number", "/services/day/rounding", json(1), "services.day.rounding must be a string"},
    {"grace == unit", "/services/day/grace_minutes", json(30), "services.day.grace_minutes must be less than"},
    {"grace > unit", "/services/visit/grace_minutes", json(45), "services.visit.grace_minutes"},
    {"grace negative", "/services/day/grace_minutes", json(-1), "services.day.grace_minutes"},
    {"grace a float", "/services/day/grace_minutes", json(5.5), "services.day.grace_minutes"},
    {"grace a whole float", "/services/day/grace_minutes", json(5.0), "services.day.grace_minutes"},
    {"min negative", "/services/day/min_minutes", json(-60), "services.day.min_minutes"},
    {"max negative", "/services/day/max_minutes", json(-1), "services.day.max_minutes"},
    {"max a string", "/services/day/max_minutes", json("480"), "services.day.max_minutes"},
    {"max huge", "/services/day/max_minutes", json(1000000000), "services.day.max_minutes"},
    {"min > max", "/services/day/min_minutes", json(500), "services.day.min_minutes (500) must not exceed"},
};

TEST(Policy, InvalidPoliciesNameTheMember)
{
    for (const Invalid& c : kInvalid) {
        json j = testPolicy();
        const json::json_pointer ptr(c.pointer);
        if (c.value)
            j[ptr] = *c.value;
        else
            j[ptr.parent_pointer()].erase(ptr.back());
        const auto p = Policy::fromJson(j);
        ASSERT_FALSE(p) << c.what;
        EXPECT_EQ(p.error().code, Errc::invalid_config) << c.what;
        EXPECT_NE(p.error().message.find(c.mustMention), std::string::npos)
            << c.what << ": \"" << p.error().message << "\" does not mention \"" << c.mustMention << "\"";
        EXPECT_EQ(p.error().message.rfind("policy: ", 0), 0u) << c.what << ": " << p.error().message;
    }
}

TEST(Policy, MessagesAreReadable)
{
    json j = testPolicy();
    j["services"]["day"]["unit_minutes"] = 20;
    const auto p = Policy::fromJson(j);
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().message, "policy: services.day.unit_minutes must be 15, 30 or 60 (got 20)");

    j = testPolicy();
    j["time_zone"] = "Asia/Tokio";
    const auto z = Policy::fromJson(j);
    ASSERT_FALSE(z);
    EXPECT_NE(z.error().message.find("Asia/Tokio"), std::string::npos) << z.error().message;
}

TEST(Policy, NotAnObject)
{
    for (const json& j : {json(nullptr), json::array(), json("policy"), json(42), json(true)}) {
        const auto p = Policy::fromJson(j);
        ASSERT_FALSE(p) << j.dump();
        EXPECT_EQ(p.error().code, Errc::invalid_config);
    }
    const json discarded = json::parse("{not json", nullptr, false);
    const auto p = Policy::fromJson(discarded);
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().code, Errc::invalid_config);
}

TEST(Policy, BadUtf8InAValueDoesNotThrow)
{
    json j = testPolicy();
    j["services"]["day"]["rounding"] = std::string("flo\xff\xfe");
    const auto p = Policy::fromJson(j);
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().code, Errc::invalid_config);
    EXPECT_NE(p.error().message.find("services.day.rounding"), std::string::npos);
}

TEST(Policy, BoundaryValuesAccepted)
{
    json j = testPolicy();
    j["cancel_window_minutes"] = 0;
    j["services"]["day"]["grace_minutes"] = 29;
    j["services"]["day"]["min_minutes"] = 100000;
    j["services"]["day"]["max_minutes"] = 100000;
    j["coupon_types"] = json::object({{"one", 1}, {"max", 100000}});
    const auto p = Policy::fromJson(j);
    ASSERT_TRUE(p) << p.error().message;
    EXPECT_EQ(p->cancelWindowMinutes, 0);
    expectRule(p->rule(Service::day), 30, Rounding::floor, 29, 100000, 100000);
    EXPECT_EQ(p->couponTypes.at("max"), 100000);
}

TEST(Policy, OtherZonesAccepted)
{
    for (const char* zone : {"UTC", "Europe/Berlin", "America/New_York"}) {
        json j = testPolicy();
        j["time_zone"] = zone;
        const auto p = Policy::fromJson(j);
        ASSERT_TRUE(p) << zone << ": " << p.error().message;
        EXPECT_EQ(p->timeZone, zone);
    }
}

} // namespace
} // namespace sango
