// libFuzzer target: any bytes as the body of a push (POST /v1/events) that is properly signed by an enrolled
// terminal, through LedgerApi::handle into the ledger's rules and store. The signature is made here, so the
// fuzzer reaches past authentication into what a hostile enrolled terminal can send. In the input, "@C1@" and
// "@C2@" stand for two coupons the ledger issued (one with a paper ticket "@P1@"), so that seeds name real ones.
// Nothing may crash, trip a sanitizer or answer 500; an answer is a refusal of the protocol or a batch answer
// with one result per event; no coupon's balance goes below zero or above its grant.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "sango/base64url.h"
#include "sango/clock.h"
#include "sango/crypto.h"
#include "sango/ledger/ledger.h"
#include "sango/ledger/ledger_api.h"
#include "sango/protocol/messages.h"
#include "sango/protocol/request_signature.h"

namespace {

using nlohmann::json;

void check(bool ok)
{
    if (!ok)
        std::abort();
}

// A policy like the test data's: the three postpartum services, Asia/Tokyo.
constexpr const char* kPolicy = R"({"version": "fuzz", "municipality": "131016", "time_zone": "Asia/Tokyo",
  "cancel_window_minutes": 5, "coupon_types": {"standard": 600},
  "services": {"stay": {"unit_minutes": 30, "rounding": "floor", "grace_minutes": 5, "min_minutes": 0, "max_minutes": 0},
               "day": {"unit_minutes": 30, "rounding": "floor", "grace_minutes": 5, "min_minutes": 60, "max_minutes": 480},
               "visit": {"unit_minutes": 30, "rounding": "floor", "grace_minutes": 5, "min_minutes": 30, "max_minutes": 240}}})";
constexpr const char* kProvider = R"({"provider_id": "P-0001", "name": "fuzz", "municipality": "131016",
  "services": ["stay", "day", "visit"], "prices": [{"service": "day", "yen_per_hour": 3400, "from": "2026-04-01"}]})";

void replaceAll(std::string& s, const std::string& from, const std::string& to)
{
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
}

struct World {
    sango::FakeClock clock{sango::Instant(std::chrono::seconds(1775178000))}; // 2026-04-03T10:00+09:00
    std::filesystem::path dir;
    std::unique_ptr<sango::ledger::Ledger> ledger;
    std::unique_ptr<sango::ledger::LedgerApi> api;
    sango::crypto::SigningKey key = sango::crypto::SigningKey::generate();
    std::string terminalId;
    std::string coupon1, coupon2, ticket1;

    World()
    {
        // A fresh ledger per process, on a RAM disk where there is one: every input is a committed transaction.
        const std::filesystem::path base =
            std::filesystem::exists("/dev/shm") ? std::filesystem::path("/dev/shm") : std::filesystem::temp_directory_path();
        dir = base / ("sango-fuzz-ledger-" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir);
        auto made = sango::ledger::Ledger::create(dir, "131016", json::parse(kPolicy), clock);
        check(made.has_value());
        ledger = std::make_unique<sango::ledger::Ledger>(std::move(*made));
        auto provider = ledger->addProvider(json::parse(kProvider));
        check(provider.has_value());
        auto enrolled = ledger->enrol(
            {provider->enrolmentCode, sango::base64url::encode(key.publicKey.data(), key.publicKey.size()), "fuzz"});
        check(enrolled.has_value());
        terminalId = enrolled->terminalId;
        for (std::string* c : {&coupon1, &coupon2}) {
            sango::ledger::IssueRequest r;
            r.type = "standard";
            r.notBefore = clock.now().time_since_epoch().count() - 30 * 86400;
            auto issued = ledger->issue(r);
            check(issued.has_value());
            *c = issued->couponId;
        }
        auto tickets = ledger->issuePaperTickets(coupon2, 1);
        check(tickets.has_value());
        ticket1 = tickets->tickets.at(0);
        api = std::make_unique<sango::ledger::LedgerApi>(*ledger, clock);
    }
    ~World() { std::filesystem::remove_all(dir); }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static World world;
    std::string body(reinterpret_cast<const char*>(data), size);
    replaceAll(body, "@C1@", world.coupon1);
    replaceAll(body, "@C2@", world.coupon2);
    replaceAll(body, "@P1@", world.ticket1);
    // Time moves on, so that every request is fresh and the fuzzer's sessions can be closed later.
    world.clock.advance(std::chrono::seconds(60));
    const std::int64_t now = world.clock.now().time_since_epoch().count();
    const auto h = sango::protocol::signRequest(world.key, world.terminalId, "POST", "/v1/events", now, body);
    sango::server::HttpRequest request{"POST", "/v1/events",
                                       {{"sango-terminal", h.terminalId},
                                        {"sango-timestamp", std::to_string(h.timestamp)},
                                        {"sango-nonce", h.nonce},
                                        {"sango-signature", h.signature}},
                                       body, "127.0.0.1"};
    const auto response = world.api->handle(request);
    check(response.status == 200 || response.status == 400 || response.status == 413);
    const auto answer = sango::protocol::parseDocument(response.body);
    check(answer.has_value());
    if (response.status == 200) {
        const auto batch = sango::protocol::PushRequest::fromJson(*sango::protocol::parseDocument(body));
        const auto results = sango::protocol::PushResponse::fromJson(*answer);
        check(batch.has_value() && results.has_value());
        check(results->results.size() == batch->events.size());
        for (const std::string& c : {world.coupon1, world.coupon2}) {
            const auto b = world.ledger->balance(c);
            check(b.has_value() && b->usedMinutes >= 0 && b->usedMinutes <= b->grantMinutes);
        }
    }
    return 0;
}
