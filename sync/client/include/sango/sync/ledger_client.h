#pragma once
// The terminal's side of the ledger API (sync/openapi.yaml): builds the JSON bodies, signs each request with
// the device key, and turns every answer into a protocol type or an Error (ledger_refused for 4xx with the
// ledger's code in Error::wireCode and its message, ledger_error for 5xx or an answer that is not the protocol). Every answer that
// carries the ledger's time updates the measured clock offset; a request refused as stale_timestamp is
// re-signed once with the fresh offset.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sango/clock.h"
#include "sango/crypto.h"
#include "sango/error.h"
#include "sango/protocol/messages.h"
#include "sango/sync/http_transport.h"

namespace sango::sync {

struct ClockMeasurement {
    std::int64_t offsetSeconds = 0; // ledger time − terminal time
    Instant measuredAt{};           // terminal time of the answer
};

class LedgerClient {
public:
    // baseUrl: scheme, host, optional port and optional path prefix ("https://ledger.example/sango"); a
    // trailing '/' is ignored. The paths of api.h are appended to it, and the signed target is the whole
    // path and query as sent (prefix included).
    //
    // Several URLs of one ledger (its processes behind different addresses), separated by spaces or commas:
    // a request goes to the URL that last answered; when that one cannot be reached (no connection, or the
    // process answers 502/503/504) the same request is signed again and sent to the next, in order, once
    // round. A request is safe to repeat: the ledger answers an event id it already judged with its first
    // answer. A TLS failure is not passed over: it is shown, never hidden behind another address.
    LedgerClient(HttpTransport& transport, std::string baseUrl, const Clock& clock);
    ~LedgerClient(); // wipes the device key's secret half

    Expected<protocol::Health> health();
    Expected<protocol::EnrolResponse> enrol(const protocol::EnrolRequest& request);

    // Signed requests need the terminal's identity.
    void setIdentity(std::string terminalId, crypto::SigningKey key);
    void setClockOffset(std::int64_t seconds) { m_offset = seconds; }
    Expected<protocol::PushResponse> push(const protocol::PushRequest& request);
    Expected<protocol::ChangesResponse> changes(const std::string& cursor, std::size_t limit);

    // The latest measurement of the ledger's clock (from any answer that carried server_time).
    const std::optional<ClockMeasurement>& lastMeasurement() const { return m_measurement; }
    // Every URL, as given (joined by a space), and the one the next request goes to first.
    const std::string& baseUrl() const { return m_baseUrl; }
    const std::string& currentUrl() const { return m_urls[m_current]; }

    // For a ledger_refused error: the ledger's code (protocol::request_error, or http_NNN for a refusal without a
    // Sango error body), as the client recorded it in Error::wireCode; empty for every other error.
    static std::string refusalCode(const Error& e);

    // The query value encoding of the cursor (RFC 3986 unreserved characters kept, the rest %XX).
    static std::string urlEncode(std::string_view text);

private:
    struct Answer;
    Expected<Answer> exchange(const std::string& method, const std::string& pathAndQuery, const std::string& body,
                              bool sign);
    Expected<Answer> exchangeWith(const std::string& url, const std::string& method, const std::string& pathAndQuery,
                                  const std::string& body, bool sign);
    bool noteServerTime(const Answer& answer); // true when the answer carried the ledger's time

    HttpTransport* m_transport;
    std::string m_baseUrl;
    std::vector<std::string> m_urls; // never empty
    std::size_t m_current = 0;
    const Clock* m_clock;
    std::string m_terminalId;
    crypto::SigningKey m_key;
    std::int64_t m_offset = 0;
    std::optional<ClockMeasurement> m_measurement;
};

} // namespace sango::sync
