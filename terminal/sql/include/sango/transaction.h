#pragma once
// A transaction on a sango::sql connection, for both stores: BEGIN IMMEDIATE for writes (one writer at a
// time, waiting up to the connection's busy timeout), BEGIN for reads that must see one state. Rolled back on
// scope exit unless committed.
#include "sango/database.h"
#include "sango/error.h"

namespace sango::db {

class Transaction {
public:
    enum class Kind { read, write };
    static Expected<Transaction> begin(Database& d, Kind kind = Kind::write);
    ~Transaction();
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    // Makes the work durable; on a failure the transaction stays open and scope exit rolls it back.
    Expected<void> commit();

private:
    explicit Transaction(Database* d) : m_db(d) {}
    Database* m_db = nullptr;
};

} // namespace sango::db
