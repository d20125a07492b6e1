// PgUrl: checking the database URL, building the connection string; reading the password file.
#include "pg_url.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>

#include "sango/url_text.h"

namespace sango::ledger {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kCredentialName = "ledger-db-password"; // systemd LoadCredential= name

tl::unexpected<Error> passwordInUrl()
{
    return fail(Errc::invalid_config,
                "the database URL carries a password: remove it from the URL and put it in a file only the "
                "ledger's user can read, the password_file named by --database-password-file (in ledger.conf: "
                "SANGO_LEDGER_DATABASE_PASSWORD_FILE), or passed by systemd as the credential ledger-db-password");
}

bool lowerStartsWith(std::string_view text, std::string_view prefix)
{
    if (text.size() < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i])
            return false;
    return true;
}

} // namespace

Expected<PgUrl> PgUrl::parse(const std::string& url)
{
    std::string_view rest;
    for (std::string_view scheme : {"postgresql://", "postgres://"})
        if (lowerStartsWith(url, scheme))
            rest = std::string_view(url).substr(scheme.size());
    if (rest.data() == nullptr)
        return fail(Errc::invalid_config, "the database must be a postgresql:// URL, e.g. "
                                          "postgresql://sango-ledger@db.example/sango_ledger (not \"" +
                                              url.substr(0, url.find('@')) + "\")");
    // user[:password]@ before the host: a ':' there is a password.
    const std::string_view authority = rest.substr(0, rest.find_first_of("/?"));
    if (const auto at = authority.rfind('@'); at != std::string_view::npos &&
                                              authority.substr(0, at).find(':') != std::string_view::npos)
        return passwordInUrl();
    if (const auto q = rest.find('?'); q != std::string_view::npos) {
        std::string_view query = rest.substr(q + 1);
        while (!query.empty()) {
            const std::string_view item = query.substr(0, query.find('&'));
            if (lowerStartsWith(item, "password="))
                return passwordInUrl();
            query.remove_prefix(std::min(query.size(), item.size() + 1));
        }
    }
    return PgUrl(url);
}

std::string PgUrl::connectionString(const std::string& password) const
{
    std::string s = m_url;
    auto add = [&](std::string_view item) {
        s += s.find('?') == std::string::npos ? '?' : '&';
        s += item;
    };
    if (s.find("connect_timeout=") == std::string::npos)
        add("connect_timeout=10"); // an unreachable server is an error in seconds, not a hang
    if (s.find("application_name=") == std::string::npos)
        add("application_name=sango-ledger");
    if (!password.empty())
        add("password=" + percentEncode(password));
    return s;
}

Expected<std::string> readDatabasePassword(const LedgerLocation& location)
{
    fs::path file = location.passwordFile;
    if (file.empty()) {
        const char* dir = std::getenv("CREDENTIALS_DIRECTORY");
        if (dir == nullptr || *dir == '\0')
            return std::string();
        file = fs::path(dir) / kCredentialName;
        std::error_code ec;
        if (!fs::exists(file, ec))
            return std::string();
    }
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0)
        return fail(Errc::invalid_config, "cannot read the database password file " + file.string() +
                                              ": it does not exist or is not readable by this user");
    if ((st.st_mode & S_IRWXO) != 0)
        return fail(Errc::invalid_config, "the database password file " + file.string() +
                                              " may be read by others: chmod 0600 it (or 0640 for the "
                                              "ledger's group)");
    std::ifstream in(file);
    std::string password;
    if (!in || !std::getline(in, password))
        return fail(Errc::invalid_config, "cannot read the database password file " + file.string());
    if (!password.empty() && password.back() == '\r')
        password.pop_back();
    return password;
}

} // namespace sango::ledger
