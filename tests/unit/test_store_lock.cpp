// The store lock (issue 5): every EventStore holds <data-dir>/sango.lock SHARED for its lifetime, so stores of
// one process and of several processes open side by side; a restore takes it EXCLUSIVE without waiting and is
// refused (store_in_use) while any of them is open; an open store is refused while a restore holds it.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "sango/store_backup.h"
#include "sango/store_lock.h"
#include "store_fixture.h"

namespace sango::test {
namespace {

namespace fs = std::filesystem;


// Runs `f` in a child process (a separate process, with its own open file descriptions) and returns its exit
// status. The child must not touch gtest: it reports through the status alone.
template <typename F>
int inChildProcess(F&& f)
{
    const pid_t pid = ::fork();
    if (pid == 0)
        ::_exit(f());
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 100;
}

class StoreLockTest : public ::testing::Test {
protected:
    void SetUp() override { fs::create_directories(m_dataDir); }
    TempDir m_dir;
    fs::path m_dataDir = m_dir.path() / "data";
};

TEST_F(StoreLockTest, SharedLocksOfOneProcessDoNotBlockEachOther)
{
    auto a = StoreLock::acquire(m_dataDir, StoreLock::Mode::shared);
    auto b = StoreLock::acquire(m_dataDir, StoreLock::Mode::shared);
    ASSERT_TRUE(a) << a.error().message;
    ASSERT_TRUE(b) << b.error().message;
    EXPECT_TRUE(a->held());
    EXPECT_TRUE(b->held());
    // Releasing one leaves the other in force (each has its own open file description).
    a->release();
    auto exclusive = StoreLock::acquire(m_dataDir, StoreLock::Mode::exclusive);
    ASSERT_FALSE(exclusive);
    EXPECT_EQ(exclusive.error().code, Errc::store_in_use);
}

TEST_F(StoreLockTest, TheLockFileIsMadeWithMode0600)
{
    auto a = StoreLock::acquire(m_dataDir, StoreLock::Mode::shared);
    ASSERT_TRUE(a);
    EXPECT_TRUE(fs::exists(StoreLock::file(m_dataDir)));
    EXPECT_EQ(modeOf(StoreLock::file(m_dataDir)), 0600u);
}

TEST_F(StoreLockTest, ExclusiveIsRefusedAtOnceWhileASharedOneIsHeldAndGrantedAfter)
{
    {
        auto shared = StoreLock::acquire(m_dataDir, StoreLock::Mode::shared);
        ASSERT_TRUE(shared);
        auto exclusive = StoreLock::acquire(m_dataDir, StoreLock::Mode::exclusive);
        ASSERT_FALSE(exclusive);
        EXPECT_EQ(exclusive.error().code, Errc::store_in_use);
        EXPECT_NE(exclusive.error().message.find("systemctl stop sango-kiosk"), std::string::npos)
            << exclusive.error().message;
    }
    auto exclusive = StoreLock::acquire(m_dataDir, StoreLock::Mode::exclusive);
    ASSERT_TRUE(exclusive) << exclusive.error().message;
    EXPECT_TRUE(exclusive->held());
}

TEST_F(StoreLockTest, SharedIsRefusedWhileExclusiveIsHeld)
{
    auto exclusive = StoreLock::acquire(m_dataDir, StoreLock::Mode::exclusive);
    ASSERT_TRUE(exclusive);
    auto shared = StoreLock::acquire(m_dataDir, StoreLock::Mode::shared);
    ASSERT_FALSE(shared);
    EXPECT_EQ(shared.error().code, Errc::store_in_use);
    EXPECT_NE(shared.error().message.find("restored"), std::string::npos) << shared.error().message;
}

TEST_F(StoreLockTest, LocksReachAcrossProcesses)
{
    auto shared = StoreLock::acquire(m_dataDir, StoreLock::Mode::shared);
    ASSERT_TRUE(shared);
    // Another process: a shared lock is granted, an exclusive one refused with store_in_use.
    const int sharedInChild = inChildProcess([&] {
        auto l = StoreLock::acquire(m_dataDir, StoreLock::Mode::shared);
        return l && l->held() ? 0 : 1;
    });
    const int exclusiveInChild = inChildProcess([&] {
        auto l = StoreLock::acquire(m_dataDir, StoreLock::Mode::exclusive);
        return !l && l.error().code == Errc::store_in_use ? 0 : 1;
    });
    EXPECT_EQ(sharedInChild, 0);
    EXPECT_EQ(exclusiveInChild, 0);
    shared->release();
    const int exclusiveAfter = inChildProcess([&] {
        auto l = StoreLock::acquire(m_dataDir, StoreLock::Mode::exclusive);
        return l && l->held() ? 0 : 1;
    });
    EXPECT_EQ(exclusiveAfter, 0);
}

TEST_F(StoreLockTest, AMovedLockKeepsItsHold)
{
    auto a = StoreLock::acquire(m_dataDir, StoreLock::Mode::shared);
    ASSERT_TRUE(a);
    StoreLock moved = std::move(*a);
    EXPECT_FALSE(a->held());
    EXPECT_TRUE(moved.held());
    EXPECT_FALSE(StoreLock::acquire(m_dataDir, StoreLock::Mode::exclusive));
    moved = StoreLock();
    EXPECT_TRUE(StoreLock::acquire(m_dataDir, StoreLock::Mode::exclusive));
}

// ---- the lock as the store takes it ----

using StoreLockOfEventStore = StoreFixture;

TEST_F(StoreLockOfEventStore, TwoStoresOfOneProcessWorkSideBySide)
{
    // StoreFixture's store is open; a second connection of the same process (the kiosk's sync thread).
    auto second = EventStore::open(m_where);
    ASSERT_TRUE(second) << second.error().message;
    auto opened = m_terminal->scan(ScanInput::qr(coupon(1)), Service::day, "s1");
    ASSERT_TRUE(opened) << opened.error().message;
    auto seen = second->session(opened->session.sessionId);
    ASSERT_TRUE(seen);
    EXPECT_TRUE(seen->has_value());
    // Neither lets a restore in.
    auto exclusive = StoreLock::acquire(m_where.dataDir, StoreLock::Mode::exclusive);
    EXPECT_FALSE(exclusive);
    m_terminal.reset();
    m_store.reset();
    exclusive = StoreLock::acquire(m_where.dataDir, StoreLock::Mode::exclusive);
    EXPECT_FALSE(exclusive) << "the second store still holds its lock";
    {
        EventStore moved = std::move(*second); // a moved store keeps its lock
        EXPECT_FALSE(StoreLock::acquire(m_where.dataDir, StoreLock::Mode::exclusive));
    }
    EXPECT_TRUE(StoreLock::acquire(m_where.dataDir, StoreLock::Mode::exclusive));
}

TEST_F(StoreLockOfEventStore, AStoreDoesNotOpenWhileARestoreHoldsTheLock)
{
    auto exclusive = StoreLock::acquire(m_where.dataDir, StoreLock::Mode::exclusive);
    ASSERT_FALSE(exclusive) << "the fixture's store holds the lock";
    m_terminal.reset();
    m_store.reset();
    exclusive = StoreLock::acquire(m_where.dataDir, StoreLock::Mode::exclusive);
    ASSERT_TRUE(exclusive) << exclusive.error().message;
    auto store = EventStore::open(m_where);
    ASSERT_FALSE(store);
    EXPECT_EQ(store.error().code, Errc::store_in_use);
    EXPECT_EQ(exitStatus(store.error().code), 3);
}

TEST_F(StoreLockOfEventStore, ARestoreIsRefusedWhileAStoreIsOpenAndChangesNothing)
{
    auto backup = m_store->backupTo(m_dir.path() / "b.db");
    ASSERT_TRUE(backup) << backup.error().message;
    const auto before = m_store->eventCount().value();
    auto r = StoreBackup::restore(m_where, m_dir.path() / "b.db", /*force=*/true, m_clock.now());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::store_in_use);
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(m_where.dataDir))
        names.push_back(e.path().filename().string());
    for (const auto& n : names)
        EXPECT_EQ(n.find("replaced"), std::string::npos) << n;
    for (const auto& n : names)
        EXPECT_EQ(n.find("restore"), std::string::npos) << n;
    EXPECT_EQ(m_store->eventCount().value(), before);
}

} // namespace
} // namespace sango::test
