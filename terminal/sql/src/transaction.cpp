// db::Transaction: BEGIN (IMMEDIATE), COMMIT, and ROLLBACK on scope exit.
#include "sango/transaction.h"

#include <utility>

namespace sango::db {

Expected<Transaction> Transaction::begin(Database& d, Kind kind)
{
    SANGO_TRY(d.exec(kind == Kind::write ? "BEGIN IMMEDIATE" : "BEGIN"));
    return Transaction(&d);
}

Transaction::~Transaction()
{
    if (m_db)
        (void)m_db->exec("ROLLBACK");
}

Transaction::Transaction(Transaction&& other) noexcept : m_db(std::exchange(other.m_db, nullptr)) {}

Expected<void> Transaction::commit()
{
    SANGO_TRY(m_db->exec("COMMIT")); // on failure the destructor rolls back
    m_db = nullptr;
    return {};
}

} // namespace sango::db
