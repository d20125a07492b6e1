// HTTPS: a self-signed certificate made at test time with the openssl command, a client that verifies the
// server against it, and the refusals for bad certificate files.
#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>

#include "server_fixture.h"

namespace sango::server::test {
namespace {

namespace fs = std::filesystem;

class HttpServerTls : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        std::string dirTemplate = (fs::temp_directory_path() / "sango-server-tls-XXXXXX").string();
        if (!mkdtemp(dirTemplate.data()))
            return;
        s_dir = dirTemplate;
        s_ready = makePair("a") && makePair("b");
    }

    static void TearDownTestSuite()
    {
        std::error_code ignored;
        if (!s_dir.empty())
            fs::remove_all(s_dir, ignored);
    }

    void SetUp() override
    {
        if (!s_ready)
            GTEST_SKIP() << "the openssl command could not make a test certificate";
    }

    static bool makePair(const std::string& name)
    {
        const std::string command = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
                                    " -keyout '"
            + key(name).string() + "' -out '" + cert(name).string()
            + "' -days 2 -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1,DNS:localhost >/dev/null 2>&1";
        return std::system(command.c_str()) == 0 && fs::exists(cert(name)) && fs::exists(key(name));
    }

    static fs::path cert(const std::string& name) { return s_dir / (name + "-cert.pem"); }
    static fs::path key(const std::string& name) { return s_dir / (name + "-key.pem"); }

    static ServerOptions tlsOptions(const std::string& name = "a")
    {
        ServerOptions options = loopbackOptions();
        options.tlsCertificate = cert(name);
        options.tlsPrivateKey = key(name);
        return options;
    }

    static fs::path writeFile(const std::string& name, const std::string& content)
    {
        const fs::path path = s_dir / name;
        std::ofstream(path) << content;
        return path;
    }

    static inline fs::path s_dir;
    static inline bool s_ready = false;
};

TEST_F(HttpServerTls, AnHttpsRequestIsServedAndVerifiesAgainstTheCertificate)
{
    Recorder recorder;
    auto server = startOrFail(tlsOptions(), recorder.handler());
    ASSERT_TRUE(server);
    EXPECT_TRUE(server->tls());
    std::string error;
    auto client = TestClient::connectTls(server->port(), cert("a"), &error);
    ASSERT_TRUE(client) << error;
    const auto response = client->request(postRequest("/v1/sync", "{}", "X-Sango-Signature: sig\r\n"));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "POST /v1/sync {}");
    EXPECT_EQ(*response->header("cache-control"), "no-store");
    // Keep-alive over TLS too.
    const auto second = client->request(getRequest("/again"));
    ASSERT_TRUE(second);
    EXPECT_EQ(second->status, 200);
    const auto requests = recorder.requests();
    ASSERT_EQ(requests.size(), 2u);
    ASSERT_NE(requests[0].header("x-sango-signature"), nullptr);
    EXPECT_EQ(requests[0].remoteAddress, "127.0.0.1");
}

TEST_F(HttpServerTls, AClientThatTrustsAnotherCertificateFailsTheHandshake)
{
    Recorder recorder;
    auto server = startOrFail(tlsOptions("a"), recorder.handler());
    ASSERT_TRUE(server);
    std::string error;
    auto client = TestClient::connectTls(server->port(), cert("b"), &error);
    EXPECT_FALSE(client);
    EXPECT_FALSE(error.empty());
    EXPECT_EQ(recorder.count(), 0u);
}

TEST_F(HttpServerTls, PlainHttpToTheTlsPortGetsNo200)
{
    Recorder recorder;
    auto server = startOrFail(tlsOptions(), recorder.handler());
    ASSERT_TRUE(server);
    auto client = TestClient::connect(server->port());
    ASSERT_TRUE(client);
    const auto response = client->request(getRequest("/"));
    EXPECT_TRUE(!response || response->status != 200);
    EXPECT_TRUE(client->waitForClose());
    EXPECT_EQ(recorder.count(), 0u);
}

TEST_F(HttpServerTls, TlsMayListenOffLoopback)
{
    Recorder recorder;
    ServerOptions options = tlsOptions();
    options.host = "0.0.0.0";
    auto server = startOrFail(options, recorder.handler());
    ASSERT_TRUE(server);
    std::string error;
    auto client = TestClient::connectTls(server->port(), cert("a"), &error);
    ASSERT_TRUE(client) << error;
    const auto response = client->request(getRequest("/"));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
}

TEST_F(HttpServerTls, AnOversizeBodyOverTlsGets413)
{
    Recorder recorder;
    ServerOptions options = tlsOptions();
    options.maxBodyBytes = 16;
    auto server = startOrFail(options, recorder.handler());
    ASSERT_TRUE(server);
    std::string error;
    auto client = TestClient::connectTls(server->port(), cert("a"), &error);
    ASSERT_TRUE(client) << error;
    const auto response = client->request(postRequest("/big", std::string(17, 'x')));
    ASSERT_TRUE(response);
    expectErrorAnswer(response, 413, "too_large");
    EXPECT_TRUE(client->waitForClose());
    EXPECT_EQ(recorder.count(), 0u);
}

TEST_F(HttpServerTls, AFileThatIsNotPemIsInvalidConfig)
{
    const fs::path garbage = writeFile("garbage.pem", "this is not a certificate\n");
    ServerOptions badCert = tlsOptions();
    badCert.tlsCertificate = garbage;
    auto server = HttpServer::start(badCert, Recorder().handler());
    ASSERT_FALSE(server);
    EXPECT_EQ(server.error().code, Errc::invalid_config);
    EXPECT_NE(server.error().message.find(garbage.string()), std::string::npos) << server.error().message;
    EXPECT_NE(server.error().message.find("--tls-cert"), std::string::npos) << server.error().message;

    ServerOptions badKey = tlsOptions();
    badKey.tlsPrivateKey = garbage;
    server = HttpServer::start(badKey, Recorder().handler());
    ASSERT_FALSE(server);
    EXPECT_EQ(server.error().code, Errc::invalid_config);
    EXPECT_NE(server.error().message.find(garbage.string()), std::string::npos) << server.error().message;
    EXPECT_NE(server.error().message.find("--tls-key"), std::string::npos) << server.error().message;
}

TEST_F(HttpServerTls, AMissingFileIsInvalidConfig)
{
    ServerOptions options = tlsOptions();
    options.tlsCertificate = s_dir / "missing.pem";
    const auto server = HttpServer::start(options, Recorder().handler());
    ASSERT_FALSE(server);
    EXPECT_EQ(server.error().code, Errc::invalid_config);
    EXPECT_NE(server.error().message.find("missing.pem"), std::string::npos) << server.error().message;
}

TEST_F(HttpServerTls, AKeyOfAnotherCertificateIsInvalidConfig)
{
    ServerOptions options = tlsOptions("a");
    options.tlsPrivateKey = key("b");
    const auto server = HttpServer::start(options, Recorder().handler());
    ASSERT_FALSE(server);
    EXPECT_EQ(server.error().code, Errc::invalid_config);
    // OpenSSL notices the mismatch while loading the key ("key values mismatch").
    EXPECT_NE(server.error().message.find(key("b").string()), std::string::npos) << server.error().message;
    EXPECT_NE(server.error().message.find("--tls-key"), std::string::npos) << server.error().message;
}

TEST_F(HttpServerTls, StopWithOpenTlsConnectionsReturns)
{
    Recorder recorder;
    auto server = startOrFail(tlsOptions(), recorder.handler());
    ASSERT_TRUE(server);
    std::string error;
    auto client = TestClient::connectTls(server->port(), cert("a"), &error);
    ASSERT_TRUE(client) << error;
    ASSERT_TRUE(client->request(getRequest("/")));
    auto handshakeless = TestClient::connect(server->port());
    ASSERT_TRUE(handshakeless);
    server->stop();
    EXPECT_TRUE(client->waitForClose());
    EXPECT_TRUE(handshakeless->waitForClose());
}

} // namespace
} // namespace sango::server::test
