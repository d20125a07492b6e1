#pragma once
// What the server tests share: a handler that records what reached it, and starting a server with it.
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sango/server/http_server.h"
#include "test_client.h"

namespace sango::server::test {

class Recorder {
public:
    // Answers 200 text/plain "<method> <target> <body>" with an extra header X-Answer: 42.
    HttpHandler handler()
    {
        return [this](const HttpRequest& request) {
            record(request);
            HttpResponse response;
            response.contentType = "text/plain";
            response.body = request.method + " " + request.target + " " + request.body;
            response.headers = {{"X-Answer", "42"}};
            return response;
        };
    }

    void record(const HttpRequest& request)
    {
        std::lock_guard lock(m_mutex);
        m_requests.push_back(request);
    }

    std::vector<HttpRequest> requests() const
    {
        std::lock_guard lock(m_mutex);
        return m_requests;
    }

    std::size_t count() const
    {
        std::lock_guard lock(m_mutex);
        return m_requests.size();
    }

private:
    mutable std::mutex m_mutex;
    std::vector<HttpRequest> m_requests;
};

inline ServerOptions loopbackOptions()
{
    ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    return options;
}

// Starts a server, failing the test (and returning null) when it cannot.
inline std::unique_ptr<HttpServer> startOrFail(const ServerOptions& options, HttpHandler handler)
{
    auto server = HttpServer::start(options, std::move(handler));
    if (!server) {
        ADD_FAILURE() << "start failed: " << server.error().message;
        return nullptr;
    }
    return std::move(*server);
}

// The JSON error body of the server's own answers.
inline nlohmann::json errorBody(const ClientResponse& response)
{
    return nlohmann::json::parse(response.body, nullptr, false);
}

inline void expectErrorAnswer(const std::optional<ClientResponse>& response, int status, const std::string& error)
{
    ASSERT_TRUE(response.has_value()) << "no response";
    EXPECT_EQ(response->status, status);
    ASSERT_NE(response->header("content-type"), nullptr);
    EXPECT_EQ(*response->header("content-type"), "application/json");
    ASSERT_NE(response->header("cache-control"), nullptr);
    EXPECT_EQ(*response->header("cache-control"), "no-store");
    EXPECT_NE(response->header("date"), nullptr);
    const nlohmann::json body = errorBody(*response);
    ASSERT_TRUE(body.is_object()) << response->body;
    EXPECT_EQ(body.value("error", ""), error);
    EXPECT_TRUE(body.contains("message") && body["message"].is_string() && !body["message"].get<std::string>().empty());
    EXPECT_TRUE(body.contains("server_time") && body["server_time"].is_number_integer());
}

} // namespace sango::server::test
