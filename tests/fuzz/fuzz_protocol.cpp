// libFuzzer target: any bytes as a body of the ledger API, parsed by every protocol message type (what the
// ledger reads from terminals and what terminals read from the ledger). Nothing may throw, crash or trip a
// sanitizer; a refusal is Errc::malformed with a message; a message that parses survives its own JSON round
// trip. The signature check must refuse any bytes as a signature over any request.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "sango/protocol/messages.h"
#include "sango/protocol/request_signature.h"

namespace {

void check(bool ok)
{
    if (!ok)
        std::abort();
}

template <typename T>
void roundTrip(const nlohmann::json& j)
{
    const auto parsed = T::fromJson(j);
    if (!parsed) {
        check(parsed.error().code == sango::Errc::malformed && !parsed.error().message.empty());
        return;
    }
    const auto again = T::fromJson(parsed->toJson());
    check(again.has_value());
    check(again->toJson() == parsed->toJson());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto* text = reinterpret_cast<const char*>(data);
    const std::string body(text, size);
    // No key signs anything by accident.
    sango::protocol::SignedHeaders h{"P-0001-T01", 1780000000, "00112233445566778899aabbccddeeff", body};
    check(!sango::protocol::verifyRequest("iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w", h, "POST", "/v1/events", body));

    // As both ends read it: depth-limited before anything is built.
    const auto parsed = sango::protocol::parseDocument(body);
    if (!parsed) {
        check(parsed.error().code == sango::Errc::malformed);
        return 0;
    }
    const nlohmann::json& j = *parsed;
    using namespace sango::protocol;
    roundTrip<EnrolRequest>(j);
    roundTrip<EnrolResponse>(j);
    roundTrip<WireEvent>(j);
    roundTrip<PushRequest>(j);
    roundTrip<EventResult>(j);
    roundTrip<SessionFigures>(j);
    roundTrip<PushResponse>(j);
    roundTrip<Change>(j);
    roundTrip<ChangesResponse>(j);
    roundTrip<Health>(j);
    roundTrip<ErrorBody>(j);
    if (auto e = WireEvent::fromJson(j))
        check(e->contentDigest().size() == 64);
    return 0;
}
