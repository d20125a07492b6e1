// sync/openapi.yaml and LedgerApi serve the same routes, and every documented route is really served over
// HTTP (not 404 or 405: refusals for want of a signature count as served).
#include <algorithm>
#include <fstream>
#include <set>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "api_support.h"

namespace sango::test {
namespace {

using RouteSet = std::set<std::pair<std::string, std::string>>; // method, path

std::size_t indentOf(const std::string& line)
{
    return line.find_first_not_of(' ');
}

// Just enough YAML for the paths section: "paths:" at column 0, "  /path:" at indent 2, "    get:" (or another
// HTTP method) at indent 4. Comments and blank lines are skipped; the section ends at the next top-level key.
RouteSet readOpenApiRoutes(const std::filesystem::path& file)
{
    static const std::set<std::string> kMethods{"get", "put", "post", "delete", "options", "head", "patch", "trace"};
    std::ifstream in(file);
    RouteSet routes;
    bool inPaths = false;
    std::string path;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        const std::size_t indent = indentOf(line);
        if (indent == std::string::npos || line[indent] == '#')
            continue;
        if (indent == 0) {
            inPaths = line == "paths:";
            path.clear();
            continue;
        }
        if (!inPaths || line.back() != ':')
            continue;
        const std::string key = line.substr(indent, line.size() - indent - 1);
        if (indent == 2) {
            path = key.size() >= 2 && key.front() == '"' && key.back() == '"' ? key.substr(1, key.size() - 2) : key;
        } else if (indent == 4 && !path.empty() && kMethods.count(key)) {
            std::string method = key;
            std::transform(method.begin(), method.end(), method.begin(), [](unsigned char c) {
                return static_cast<char>(std::toupper(c));
            });
            routes.emplace(method, path);
        }
    }
    return routes;
}

RouteSet servedRoutes()
{
    RouteSet routes;
    for (const auto& r : ledger::LedgerApi::routes())
        routes.emplace(r.method, r.path);
    return routes;
}

TEST(LedgerApiRoutes, OpenApiDocumentsExactlyTheServedRoutes)
{
    const std::filesystem::path file = SANGO_OPENAPI_FILE;
    ASSERT_TRUE(std::filesystem::exists(file)) << file;
    const RouteSet documented = readOpenApiRoutes(file);
    EXPECT_EQ(documented.size(), 4u);
    EXPECT_EQ(documented, servedRoutes());
}

TEST(LedgerApiRoutes, ReaderFindsRoutesOnlyUnderPaths)
{
    // The reader itself: methods under components or at another indent are not routes.
    const std::filesystem::path file = std::filesystem::temp_directory_path() / "sango_api_reader_test.yaml";
    {
        std::ofstream out(file);
        out << "openapi: 3.0.3\npaths:\n  # a comment\n  /a:\n    get:\n      x: 1\n    parameters:\n"
               "  \"/b\":\n    post:\n    delete:\ncomponents:\n  /c:\n    get:\n";
    }
    const RouteSet r = readOpenApiRoutes(file);
    std::filesystem::remove(file);
    EXPECT_EQ(r, (RouteSet{{"GET", "/a"}, {"POST", "/b"}, {"DELETE", "/b"}}));
}

class LedgerApiRoutesHttp : public HttpApiFixture {};

TEST_F(LedgerApiRoutesHttp, EveryDocumentedRouteIsServed)
{
    const RouteSet documented = readOpenApiRoutes(SANGO_OPENAPI_FILE);
    ASSERT_FALSE(documented.empty());
    for (const auto& [method, path] : documented) {
        SCOPED_TRACE(method + " " + path);
        const HttpReply reply = httpCall(m_server->port(), method, path, {}, method == "POST" ? "{}" : "");
        EXPECT_NE(reply.status, 404) << reply.body;
        EXPECT_NE(reply.status, 405) << reply.body;
        const auto j = reply.json();
        ASSERT_TRUE(j.is_object()) << reply.body;
        EXPECT_TRUE(j.contains("server_time")) << reply.body;
    }
}

TEST_F(LedgerApiRoutesHttp, UnknownPathAndWrongMethodOverHttp)
{
    auto reply = httpCall(m_server->port(), "GET", "/v1/nothing-here");
    EXPECT_EQ(reply.status, 404);
    EXPECT_EQ(reply.json().value("error", ""), "not_found");
    EXPECT_EQ(reply.json().value("server_time", 0), now());

    reply = httpCall(m_server->port(), "DELETE", "/v1/events");
    EXPECT_EQ(reply.status, 405);
    EXPECT_EQ(reply.json().value("error", ""), "method_not_allowed");
    ASSERT_NE(reply.header("allow"), nullptr);
    EXPECT_EQ(*reply.header("allow"), "POST");

    reply = httpCall(m_server->port(), "POST", "/v1/health", {}, "{}");
    EXPECT_EQ(reply.status, 405);
    ASSERT_NE(reply.header("allow"), nullptr);
    EXPECT_EQ(*reply.header("allow"), "GET");
}

} // namespace
} // namespace sango::test

namespace sango::test {
namespace {

// The values of one enum schema of sync/openapi.yaml ("    Name:" ... "      enum:" then "        - value").
std::set<std::string> openApiEnum(const std::string& schema)
{
    std::ifstream in(SANGO_OPENAPI_FILE);
    std::set<std::string> values;
    bool inSchema = false;
    bool inEnum = false;
    for (std::string line; std::getline(in, line);) {
        if (line == "    " + schema + ":") {
            inSchema = true;
            continue;
        }
        if (!inSchema)
            continue;
        if (line.rfind("    ", 0) == 0 && line.size() > 4 && line[4] != ' ')
            break; // the next schema
        if (line == "      enum:") {
            inEnum = true;
            continue;
        }
        if (inEnum && line.rfind("        - ", 0) == 0)
            values.insert(line.substr(10));
        else if (inEnum)
            inEnum = false;
    }
    return values;
}

// Every code the ledger answers with is documented, and nothing else is.
TEST(LedgerApiRoutes, EveryReasonAndErrorCodeIsDocumented)
{
    namespace r = protocol::reason;
    namespace e = protocol::request_error;
    const std::set<std::string> reasons{
        std::string(r::revoked),          std::string(r::no_balance),     std::string(r::unknown_coupon),
        std::string(r::conflict),         std::string(r::wrong_provider), std::string(r::service_not_allowed),
        std::string(r::expired),          std::string(r::unknown_session), std::string(r::session_rejected),
        std::string(r::duplicate_ticket), std::string(r::invalid_event),  std::string(r::figures_mismatch),
        std::string(r::invalid_time),     std::string(r::too_old),        std::string(r::too_late_to_cancel),
        std::string(r::unknown_ticket),   std::string(r::already_closed)};
    EXPECT_EQ(openApiEnum("RejectionReason"), reasons);
    const std::set<std::string> errors{
        std::string(e::malformed),        std::string(e::bad_cursor),       std::string(e::too_large),
        std::string(e::not_found),        std::string(e::method_not_allowed), std::string(e::bad_code),
        std::string(e::not_enrolled),     std::string(e::bad_signature),    std::string(e::stale_timestamp),
        std::string(e::replayed),         std::string(e::wrong_provider),   std::string(e::terminal_revoked),
        std::string(e::provider_suspended), std::string(e::rate_limited),   std::string(e::internal),
        std::string(e::unavailable)};
    EXPECT_EQ(openApiEnum("RequestError"), errors);
}

} // namespace
} // namespace sango::test
