#include "sango/sync/curl_transport.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <mutex>
#include <string_view>

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>

#include "sync_log.h"

namespace sango::sync {

namespace {

// Headers past this many in one answer mean the peer is not the ledger (it sends a handful).
constexpr std::size_t kMaxReplyHeaders = 100;

void globalInit()
{
    // curl_global_init is not thread-safe on every libcurl build; once per process, before any handle.
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct UrlDeleter {
    void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
using UrlPtr = std::unique_ptr<CURLU, UrlDeleter>;

struct CurlStringDeleter {
    void operator()(char* s) const { curl_free(s); }
};
using CurlString = std::unique_ptr<char, CurlStringDeleter>;

struct SlistDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using SlistPtr = std::unique_ptr<curl_slist, SlistDeleter>;

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string urlPart(CURLU* url, CURLUPart part)
{
    char* raw = nullptr;
    if (curl_url_get(url, part, &raw, 0) != CURLUE_OK || raw == nullptr)
        return {};
    CurlString owned(raw);
    return std::string(owned.get());
}

// The host as libcurl parsed it: IPv4 numbers normalised ("127.1" is "127.0.0.1"), IPv6 in brackets.
bool isLoopbackHost(std::string_view hostText)
{
    const std::string host = lower(hostText);
    if (host == "localhost")
        return true; // libcurl resolves "localhost" to loopback itself, without asking DNS
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
        const std::string inner = host.substr(1, host.size() - 2);
        in6_addr a6{};
        if (inet_pton(AF_INET6, inner.c_str(), &a6) != 1)
            return false;
        // ::1 only; an IPv4-mapped 127.x address is refused too, to keep the rule simple to state.
        static constexpr std::array<std::uint8_t, 16> kLoopback6{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        return std::memcmp(&a6, kLoopback6.data(), kLoopback6.size()) == 0;
    }
    in_addr a4{};
    if (inet_pton(AF_INET, host.c_str(), &a4) != 1)
        return false;
    std::array<std::uint8_t, 4> octets{};
    std::memcpy(octets.data(), &a4, octets.size()); // network order: the first octet is the network
    return octets[0] == 127;
}

struct ParsedUrl {
    UrlPtr handle;
    std::string scheme;
    std::string host;
    std::string path;
    bool loopback = false;
};

Expected<ParsedUrl> parseUrl(const std::string& text)
{
    globalInit();
    ParsedUrl p;
    p.handle.reset(curl_url());
    if (!p.handle)
        return fail(Errc::not_available, "libcurl could not allocate a URL handle (out of memory)");
    // No flags: a URL without a scheme is an error rather than a guess at http.
    if (curl_url_set(p.handle.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK)
        return fail(Errc::invalid_argument,
                    "the ledger URL '" + text + "' is not a valid absolute URL: write it as https://host[:port]/");
    p.scheme = lower(urlPart(p.handle.get(), CURLUPART_SCHEME));
    p.host = urlPart(p.handle.get(), CURLUPART_HOST);
    p.path = urlPart(p.handle.get(), CURLUPART_PATH);
    if (p.scheme != "https" && p.scheme != "http")
        return fail(Errc::invalid_argument, "the ledger URL '" + text + "' uses " + p.scheme +
                                                ": only https is allowed (http only to this computer)");
    if (p.host.empty())
        return fail(Errc::invalid_argument, "the ledger URL '" + text + "' has no host");
    p.loopback = isLoopbackHost(p.host);
    if (p.scheme == "http" && !p.loopback)
        return fail(Errc::invalid_argument,
                    "the ledger URL '" + text + "' is plain http to another computer: events and answers would "
                    "cross the network unencrypted. Use https:// (plain http is allowed only to 127.0.0.1, "
                    "::1 or localhost, for tests and a local reference ledger)");
    return p;
}

bool isToken(std::string_view s)
{
    if (s.empty())
        return false;
    return std::all_of(s.begin(), s.end(), [](unsigned char c) {
        return std::isalnum(c) != 0 || std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
    });
}

bool isHeaderValue(std::string_view s)
{
    // No CR, LF or NUL: a value must not be able to start another header or request.
    return s.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

std::string trim(std::string_view s)
{
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos)
        return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

} // namespace

struct CurlTransport::Impl {
    TlsSettings tls;
    TransportTimeouts timeouts;
    std::mutex mutex; // the easy handle is used by one call at a time
    CURL* curl = nullptr;
    std::array<char, CURL_ERROR_SIZE> errorBuffer{};

    // Per request, written by the callbacks.
    HttpReply reply;
    bool bodyTooLarge = false;
    bool tooManyHeaders = false;

    static std::size_t onBody(char* data, std::size_t size, std::size_t count, void* user)
    {
        auto* self = static_cast<Impl*>(user);
        const std::size_t n = size * count;
        if (self->reply.body.size() + n > kMaxReplyBytes) {
            self->bodyTooLarge = true;
            return 0; // anything but n aborts the transfer (CURLE_WRITE_ERROR)
        }
        self->reply.body.append(data, n);
        return n;
    }

    static std::size_t onHeader(char* data, std::size_t size, std::size_t count, void* user)
    {
        auto* self = static_cast<Impl*>(user);
        const std::size_t n = size * count;
        const std::string_view line(data, n);
        if (line.starts_with("HTTP/")) {
            // A new status line: an interim answer (100 Continue) or the final one. Keep only the final
            // answer's headers.
            self->reply.headers.clear();
            return n;
        }
        const auto colon = line.find(':');
        if (colon == std::string_view::npos)
            return n; // the empty line that ends the headers
        if (self->reply.headers.size() >= kMaxReplyHeaders) {
            self->tooManyHeaders = true;
            return 0;
        }
        self->reply.headers.emplace_back(lower(trim(line.substr(0, colon))), trim(line.substr(colon + 1)));
        return n;
    }

    Error mapFailure(CURLcode code, const ParsedUrl& url) const
    {
        const std::string detail = errorBuffer[0] != '\0' ? std::string(errorBuffer.data()) : curl_easy_strerror(code);
        const std::string where = "the ledger at " + url.host;
        const std::string queued = "; nothing is lost: the events stay queued and go with the next synchronisation";
        switch (code) {
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
            return {Errc::ledger_unreachable,
                    where + " could not be found (" + detail + "): check the network connection and the ledger URL" +
                        queued};
        case CURLE_COULDNT_CONNECT:
            return {Errc::ledger_unreachable,
                    where + " could not be reached (" + detail + "): check the network connection" + queued};
        case CURLE_OPERATION_TIMEDOUT:
            return {Errc::ledger_unreachable, where + " did not answer in time (" + detail +
                                                  "): the network may be slow or down" + queued};
        case CURLE_PARTIAL_FILE:
        case CURLE_GOT_NOTHING:
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
        case CURLE_HTTP3:
            return {Errc::ledger_unreachable, "the connection to " + url.host +
                                                  " dropped before the whole answer arrived (" + detail + ")" +
                                                  queued};
        case CURLE_PEER_FAILED_VERIFICATION:
            return {Errc::ledger_tls,
                    "the ledger's certificate did not verify (" + detail +
                        "): check the ledger URL (its host name must be the one in the certificate) and the CA "
                        "file configured for the ledger. Nothing was sent"};
        case CURLE_SSL_CACERT_BADFILE:
            return {Errc::ledger_tls,
                    "the CA file " + (tls.caFile ? "'" + tls.caFile->string() + "' " : std::string("of this system ")) +
                        "could not be read or holds no certificate (" + detail +
                        "): check the CA file configured for the ledger. Nothing was sent"};
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return {Errc::ledger_tls,
                    "the ledger's public key is not the pinned key (" + detail +
                        "): check the ledger URL and the pinned key (sha256//...); if the municipality renewed the "
                        "ledger's key, configure the new pin. Nothing was sent"};
        case CURLE_SSL_CONNECT_ERROR:
            return {Errc::ledger_tls, "the TLS handshake with " + url.host + " failed (" + detail +
                                          "): check the ledger URL (https, and the right port) and the CA file. "
                                          "Nothing was sent"};
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_ENGINE_NOTFOUND:
        case CURLE_SSL_ENGINE_SETFAILED:
        case CURLE_SSL_ENGINE_INITFAILED:
        case CURLE_SSL_CRL_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_INVALIDCERTSTATUS:
        case CURLE_SSL_SHUTDOWN_FAILED:
        case CURLE_USE_SSL_FAILED:
            return {Errc::ledger_tls, "the TLS connection to " + url.host + " could not be secured (" + detail +
                                          "): check the ledger URL, the CA file and the pinned key. Nothing was sent"};
        case CURLE_WRITE_ERROR:
        case CURLE_FILESIZE_EXCEEDED:
            if (bodyTooLarge || code == CURLE_FILESIZE_EXCEEDED)
                return {Errc::ledger_error, "the answer from " + url.host + " is larger than " +
                                                std::to_string(kMaxReplyBytes / (1024 * 1024)) +
                                                " MiB, which no ledger answer is: check the ledger URL"};
            if (tooManyHeaders)
                return {Errc::ledger_error, "the answer from " + url.host + " has more than " +
                                                std::to_string(kMaxReplyHeaders) +
                                                " headers, which no ledger answer has: check the ledger URL"};
            return {Errc::ledger_error, "the answer from " + url.host + " could not be read (" + detail + ")"};
        case CURLE_WEIRD_SERVER_REPLY:
        case CURLE_UNSUPPORTED_PROTOCOL:
            return {Errc::ledger_error, "the server at " + url.host + " did not answer in HTTP (" + detail +
                                            "): check the ledger URL (https or http, and the port)"};
        case CURLE_URL_MALFORMAT:
            return {Errc::invalid_argument, "the ledger URL is not valid (" + detail + ")"};
        default:
            // Anything else is a failure of this exchange that a later attempt may not meet: treat it like
            // an unreachable ledger, so that the engine retries with backoff.
            return {Errc::ledger_unreachable,
                    "the exchange with " + url.host + " failed (" + detail + ")" + queued};
        }
    }
};

CurlTransport::CurlTransport(TlsSettings tls, TransportTimeouts timeouts) : m_impl(std::make_unique<Impl>())
{
    globalInit();
    m_impl->tls = std::move(tls);
    m_impl->timeouts = timeouts;
    m_impl->curl = curl_easy_init();
}

CurlTransport::~CurlTransport()
{
    if (m_impl && m_impl->curl)
        curl_easy_cleanup(m_impl->curl);
}

Expected<void> CurlTransport::checkUrl(const std::string& url)
{
    auto parsed = parseUrl(url);
    if (!parsed)
        return tl::unexpected(parsed.error());
    return {};
}

Expected<HttpReply> CurlTransport::send(const HttpExchange& request)
{
    std::lock_guard lock(m_impl->mutex);
    Impl& impl = *m_impl;
    if (impl.curl == nullptr)
        return fail(Errc::not_available, "libcurl could not create a connection handle (out of memory?)");

    auto url = parseUrl(request.url);
    if (!url)
        return tl::unexpected(url.error());
    if (!isToken(request.method))
        return fail(Errc::invalid_argument, "'" + request.method + "' is not an HTTP method");
    if (request.method == "GET" && !request.body.empty())
        return fail(Errc::invalid_argument, "a GET request has no body");

    SlistPtr headerList;
    auto appendHeader = [&headerList](const std::string& line) {
        curl_slist* grown = curl_slist_append(headerList.get(), line.c_str());
        if (grown == nullptr)
            return false;
        (void)headerList.release(); // curl_slist_append returned the same list, now longer
        headerList.reset(grown);
        return true;
    };
    for (const auto& [name, value] : request.headers) {
        if (!isToken(name) || !isHeaderValue(value))
            return fail(Errc::invalid_argument, "the request header '" + name + "' is not a valid HTTP header");
        // "Name:" with nothing after would tell libcurl to remove the header; "Name;" sends it empty.
        if (!appendHeader(value.empty() ? name + ";" : name + ": " + value))
            return fail(Errc::not_available, "out of memory building the request headers");
    }
    // libcurl would send "Expect: 100-continue" before a large body and wait for an interim answer; the
    // ledger answers the request itself, so skip the extra round trip.
    if (!appendHeader("Expect:"))
        return fail(Errc::not_available, "out of memory building the request headers");

    CURL* h = impl.curl;
    // Every option is set afresh for every request, so that nothing of the previous one (a body, a method)
    // carries over. curl_easy_reset keeps the connection cache: a kept-alive connection is reused.
    curl_easy_reset(h);
    impl.reply = HttpReply{};
    impl.bodyTooLarge = false;
    impl.tooManyHeaders = false;
    impl.errorBuffer[0] = '\0';

    CURLcode setup = CURLE_OK;
    auto set = [&setup](CURLcode rc) {
        if (setup == CURLE_OK && rc != CURLE_OK)
            setup = rc;
    };
    set(curl_easy_setopt(h, CURLOPT_ERRORBUFFER, impl.errorBuffer.data()));
    set(curl_easy_setopt(h, CURLOPT_CURLU, url->handle.get()));
    set(curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https"));
    set(curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L)); // a redirect is answered to the caller, not followed
    // Certificate and host name checks: always on. There is deliberately no option, build type or
    // environment variable that changes these two lines.
    set(curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L));
    set(curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L));
    set(curl_easy_setopt(h, CURLOPT_PROXY_SSL_VERIFYPEER, 1L));
    set(curl_easy_setopt(h, CURLOPT_PROXY_SSL_VERIFYHOST, 2L));
    set(curl_easy_setopt(h, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2)));
    if (impl.tls.caFile) {
        // The CA file replaces the system store: the default CA directory would otherwise still be trusted.
        set(curl_easy_setopt(h, CURLOPT_CAINFO, impl.tls.caFile->c_str()));
        set(curl_easy_setopt(h, CURLOPT_CAPATH, static_cast<const char*>(nullptr)));
    }
    if (impl.tls.pinnedPublicKey)
        set(curl_easy_setopt(h, CURLOPT_PINNEDPUBLICKEY, impl.tls.pinnedPublicKey->c_str()));
    set(curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(impl.timeouts.connect.count())));
    set(curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(impl.timeouts.total.count())));
    set(curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L)); // timeouts without SIGALRM: we run on worker threads
    set(curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L));
    set(curl_easy_setopt(h, CURLOPT_USERAGENT, "sango-terminal"));
    if (url->loopback)
        set(curl_easy_setopt(h, CURLOPT_NOPROXY, "*")); // this computer is never reached through a proxy
    set(curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(kMaxReplyBytes)));
    set(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &Impl::onBody));
    set(curl_easy_setopt(h, CURLOPT_WRITEDATA, static_cast<void*>(&impl)));
    set(curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &Impl::onHeader));
    set(curl_easy_setopt(h, CURLOPT_HEADERDATA, static_cast<void*>(&impl)));
    set(curl_easy_setopt(h, CURLOPT_HTTPHEADER, headerList.get()));
    if (request.method == "GET") {
        set(curl_easy_setopt(h, CURLOPT_HTTPGET, 1L));
    } else {
        if (request.method != "POST")
            set(curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str()));
        // The body is not copied: `request` outlives the transfer.
        set(curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size())));
        set(curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data()));
    }
    if (setup != CURLE_OK) {
        curl_easy_reset(h);
        // A TLS option this libcurl cannot honour (a pin on a TLS back end without pinning) must stop the
        // request rather than be skipped.
        return fail(Errc::invalid_config, std::string("libcurl refused a transport setting (") +
                                              curl_easy_strerror(setup) +
                                              "): this libcurl cannot enforce the configured TLS checks");
    }

    const CURLcode rc = curl_easy_perform(h);
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    Expected<HttpReply> result;
    if (rc != CURLE_OK) {
        Error e = impl.mapFailure(rc, *url);
        detail::syncLogger()->debug("{} {}{} failed: {} (curl {})", request.method, url->host, url->path,
                                    toString(e.code), static_cast<int>(rc));
        result = tl::unexpected(std::move(e));
    } else {
        impl.reply.status = static_cast<int>(status);
        detail::syncLogger()->debug("{} {}{} -> {} ({} bytes)", request.method, url->host, url->path,
                                    impl.reply.status, impl.reply.body.size());
        result = std::move(impl.reply);
    }
    // Drop the pointers into this call's locals (URL, header list, body, error buffer) from the handle.
    curl_easy_reset(h);
    impl.reply = HttpReply{};
    return result;
}

} // namespace sango::sync
