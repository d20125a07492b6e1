#pragma once
// The PostgreSQL engine's connection settings: the database URL (never with a password) and the password,
// read from a file only, so that it shows in no command line, process list or log.
#include <filesystem>
#include <string>

#include "sango/error.h"
#include "sango/ledger/ledger_location.h"

namespace sango::ledger {

class PgUrl {
public:
    // Checks a postgresql:// (or postgres://) URL: refused (invalid_config) when it is something else or
    // carries a password, in its user part or as ?password=.
    static Expected<PgUrl> parse(const std::string& url);

    const std::string& text() const { return m_url; } // safe to print: it has no password

    // The libpq connection string: the URL, with the password (percent-encoded) when there is one, and a
    // connect timeout unless the URL sets one. Wipe it after use.
    std::string connectionString(const std::string& password) const;

private:
    explicit PgUrl(std::string url) : m_url(std::move(url)) {}
    std::string m_url;
};

// The database password for a location: its password file, else $CREDENTIALS_DIRECTORY/ledger-db-password
// when systemd passed that credential, else none (libpq's own: peer or trust authentication, ~/.pgpass). The
// first line of the file, without its line end; a file others may read is refused.
Expected<std::string> readDatabasePassword(const LedgerLocation& location);

} // namespace sango::ledger
