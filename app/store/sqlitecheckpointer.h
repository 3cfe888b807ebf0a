// The writer's checkpointer (SQLite backend only): a connection and a thread of its own that copy
// the write-ahead log back into the database file when asked.
#pragma once

#include "platform/logging.h"

#include <QByteArray>
#include <QString>

#include <condition_variable>
#include <mutex>
#include <thread>

#include <sqlite3.h>

namespace peanuts {

// A connection of its own on a thread of its own that copies the WAL back into the database file
// when asked, with PASSIVE checkpoints: they run beside the writer's commits without blocking them.
class SqliteCheckpointer
{
public:
    SqliteCheckpointer() = default;
    ~SqliteCheckpointer()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_one();
        if (m_thread.joinable())
            m_thread.join();
        sqlite3_close_v2(m_db);
    }
    Q_DISABLE_COPY_MOVE(SqliteCheckpointer)

    bool open(const QByteArray &path, const QByteArray &vfs)
    {
        if (sqlite3_open_v2(path.constData(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                vfs.isEmpty() ? nullptr : vfs.constData())
            != SQLITE_OK)
            return false;
        sqlite3_wal_autocheckpoint(m_db, 0); // this connection never writes; it checkpoints when asked
        // A connection finds the WAL on its first read; until then its checkpoints do nothing.
        if (sqlite3_exec(m_db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr) != SQLITE_OK)
            return false;
        m_thread = std::thread([this] { run(); });
        return true;
    }
    QString error() const { return QString::fromUtf8(sqlite3_errmsg(m_db)); }

    // Thread-safe and never blocks: at most one checkpoint is pending.
    void request()
    {
        {
            std::lock_guard lock(m_mutex);
            m_pending = true;
        }
        m_wake.notify_one();
    }

    // Waits until no checkpoint runs or is pending, so that the writer's own can take the lock.
    void waitIdle()
    {
        std::unique_lock lock(m_mutex);
        m_idle.wait(lock, [this] { return !m_pending && !m_running; });
    }

private:
    void run()
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_wake.wait(lock, [this] { return m_pending || m_stop; });
            if (m_stop)
                return;
            m_pending = false;
            m_running = true;
            lock.unlock();
            const int rc = sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
            if (rc != SQLITE_OK && rc != SQLITE_BUSY)
                qCWarning(lcStore) << "background checkpoint failed:" << sqlite3_errmsg(m_db);
            lock.lock();
            m_running = false;
            m_idle.notify_all();
        }
    }

    sqlite3 *m_db = nullptr;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    bool m_pending = false;
    bool m_running = false;
    bool m_stop = false;
};

} // namespace peanuts
