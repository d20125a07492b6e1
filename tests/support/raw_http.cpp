#include "raw_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace sango::test {

namespace {

class Socket {
public:
    explicit Socket(int fd) : m_fd(fd) {}
    ~Socket()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;
    int fd() const { return m_fd; }

private:
    int m_fd;
};

bool readable(int fd, int timeoutMs)
{
    pollfd p{fd, POLLIN, 0};
    int rc = 0;
    do {
        rc = ::poll(&p, 1, timeoutMs);
    } while (rc < 0 && errno == EINTR);
    return rc > 0;
}

// The answer once it is whole (head and Content-Length bytes of body), else nullopt.
std::optional<RawHttpReply> parseReply(const std::string& raw, bool eof)
{
    const auto headEnd = raw.find("\r\n\r\n");
    if (headEnd == std::string::npos)
        return std::nullopt;
    RawHttpReply reply;
    std::size_t lineEnd = raw.find("\r\n");
    const std::string statusLine = raw.substr(0, lineEnd);
    if (statusLine.size() < 12 || statusLine.compare(0, 5, "HTTP/") != 0)
        throw std::runtime_error("not an HTTP answer: " + statusLine);
    reply.status = std::stoi(statusLine.substr(9, 3));
    std::optional<std::size_t> length;
    while (lineEnd < headEnd) {
        const std::size_t start = lineEnd + 2;
        lineEnd = raw.find("\r\n", start);
        const std::string line = raw.substr(start, lineEnd - start);
        const auto colon = line.find(':');
        if (colon == std::string::npos)
            continue;
        std::string name = line.substr(0, colon);
        for (char& c : name)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ')
            value.erase(0, 1);
        if (name == "content-length")
            length = std::stoul(value);
        reply.headers.emplace_back(std::move(name), std::move(value));
    }
    const std::size_t bodyStart = headEnd + 4;
    if (length) {
        if (raw.size() < bodyStart + *length)
            return std::nullopt;
        reply.body = raw.substr(bodyStart, *length);
        return reply;
    }
    if (!eof)
        return std::nullopt;
    reply.body = raw.substr(bodyStart);
    return reply;
}

} // namespace

const std::string* RawHttpReply::header(const std::string& lowerName) const
{
    for (const auto& [k, v] : headers)
        if (k == lowerName)
            return &v;
    return nullptr;
}

nlohmann::json RawHttpReply::json() const
{
    return nlohmann::json::parse(body, nullptr, false);
}

std::string RawHttpReply::error() const
{
    const auto j = json();
    return j.is_object() && j.contains("error") && j["error"].is_string() ? j["error"].get<std::string>() : "";
}

std::string httpHead(const std::string& method, const std::string& target, const HttpHeaders& headers,
                     std::optional<std::size_t> contentLength)
{
    std::string out = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const auto& [k, v] : headers)
        out += k + ": " + v + "\r\n";
    if (contentLength)
        out += "Content-Length: " + std::to_string(*contentLength) + "\r\n";
    out += "Connection: close\r\n\r\n";
    return out;
}

RawHttpReply httpRoundTrip(std::uint16_t port, const std::string& out)
{
    Socket s(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (s.fd() < 0)
        throw std::runtime_error("socket: " + std::string(std::strerror(errno)));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(s.fd(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0)
        throw std::runtime_error("connect: " + std::string(std::strerror(errno)));
    // Chunk by chunk, stopping as soon as the server has answered (a 413 comes before the body is read).
    std::size_t sent = 0;
    while (sent < out.size() && !readable(s.fd(), 0)) {
        const std::size_t n = std::min<std::size_t>(out.size() - sent, 64 * 1024);
        const ssize_t w = ::send(s.fd(), out.data() + sent, n, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            break; // the server closed: read what it said
        }
        sent += static_cast<std::size_t>(w);
    }

    std::string raw;
    std::array<char, 65536> buf{};
    for (;;) {
        if (auto reply = parseReply(raw, false))
            return *reply;
        if (!readable(s.fd(), 30000))
            throw std::runtime_error("no answer within 30 s");
        const ssize_t n = ::recv(s.fd(), buf.data(), buf.size(), 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        raw.append(buf.data(), static_cast<std::size_t>(n));
    }
    if (auto reply = parseReply(raw, true))
        return *reply;
    throw std::runtime_error("the connection closed before a whole answer (" + std::to_string(raw.size()) +
                             " bytes)");
}

} // namespace sango::test
