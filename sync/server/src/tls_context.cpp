#include "tls_context.h"

#include <exception>
#include <string>
#include <system_error>

#include <openssl/err.h>
#include <openssl/ssl.h>

namespace sango::server::detail {
namespace {

namespace ssl = boost::asio::ssl;

Expected<void> checkReadable(const std::filesystem::path& file, const std::string& what, const std::string& option)
{
    std::error_code ec;
    if (std::filesystem::is_regular_file(file, ec))
        return {};
    const std::string reason = ec ? ec.message() : (std::filesystem::exists(file, ec) ? "not a file" : "no such file");
    return fail(Errc::invalid_config,
        "cannot read the TLS " + what + " " + file.string() + ": " + reason + "; give " + option
            + " a readable PEM file");
}

} // namespace

Expected<std::unique_ptr<ssl::context>> loadTlsContext(
    const std::filesystem::path& certificate, const std::filesystem::path& privateKey)
{
    SANGO_TRY(checkReadable(certificate, "certificate", "--tls-cert"));
    SANGO_TRY(checkReadable(privateKey, "private key", "--tls-key"));

    std::unique_ptr<ssl::context> context;
    try {
        context = std::make_unique<ssl::context>(ssl::context::tls_server);
    } catch (const std::exception& e) {
        return fail(Errc::invalid_config, std::string("cannot set up TLS: ") + e.what());
    }

    boost::system::error_code ec;
    context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3
            | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::no_compression
            | ssl::context::single_dh_use,
        ec);
    // The options above forbid the old versions one by one; the minimum also covers versions OpenSSL may
    // add below 1.2 in a build's configuration.
    if (ec || SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION) != 1)
        return fail(Errc::invalid_config, "cannot restrict TLS to version 1.2 or later");

    // An encrypted key would make OpenSSL prompt on the terminal of a server; an empty pass phrase makes it
    // fail instead, with the message below.
    context->set_password_callback(
        [](std::size_t, ssl::context::password_purpose) { return std::string(); }, ec);

    context->use_certificate_chain_file(certificate.string(), ec);
    if (ec)
        return fail(Errc::invalid_config,
            "cannot load the TLS certificate chain from " + certificate.string() + ": " + ec.message()
                + "; give --tls-cert a PEM file with the server's certificate first, then its intermediates");
    context->use_private_key_file(privateKey.string(), ssl::context::pem, ec);
    if (ec)
        return fail(Errc::invalid_config,
            "cannot load the TLS private key from " + privateKey.string() + ": " + ec.message()
                + "; give --tls-key the unencrypted PEM private key of the certificate");
    if (SSL_CTX_check_private_key(context->native_handle()) != 1) {
        ERR_clear_error(); // the reason is in the message; leave no stale error for this thread's next call
        return fail(Errc::invalid_config,
            "the TLS private key in " + privateKey.string() + " does not belong to the certificate in "
                + certificate.string() + "; give the key the certificate was issued for");
    }
    return context;
}

} // namespace sango::server::detail
