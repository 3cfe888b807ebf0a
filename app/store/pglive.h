// The live feed of a team database, for viewers: the deliveries the team's writers commit, in commit
// order, pushed by LISTEN/NOTIFY over a connection of its own, which it re-establishes after a drop.
#pragma once

#include "data/records.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QObject>
#include <QSqlDatabase>
#include <QString>

#include <atomic>

class QTimer;

namespace peanuts {

class TeamFeed : public QObject
{
    Q_OBJECT
public:
    // The channel every writer's commit notifies (PgStore::writeBatch, in the commit's transaction).
    static constexpr const char *kChannel = "peanuts_deliveries";
    static constexpr int kHeartbeatMs = 2000; // SELECT 1 this often
    static constexpr int kCheckMs = 250; // and this often whether the driver saw the socket close
    static constexpr int kFirstRetryMs = 250;
    static constexpr int kMaxRetryMs = 10'000;

    // url: postgresql://... (store/pgconnection.h). Nothing happens before start().
    explicit TeamFeed(const QString &url, QObject *parent = nullptr);
    ~TeamFeed() override;
    Q_DISABLE_COPY_MOVE(TeamFeed)

    // Meant to run on a thread of its own: the owner moves the feed there and invokes start() there;
    // stop() (or the destructor) runs on that thread too. start() connects, or retries with backoff.
    Q_INVOKABLE void start();
    Q_INVOKABLE void stop();

    // The cursor is the snapshot of the last read, as PostgreSQL writes a pg_snapshot
    // ("xmin:xmax:xip,..."): every transaction it saw as completed has been read. setCursor() makes the
    // feed go on from a cursor() saved before; false (and nothing changed) when it is not one. Without
    // it the feed begins at its first connection's snapshot: only deliveries committed from then on.
    // Both are safe from any thread; setCursor() belongs before start().
    bool setCursor(const QString &cursor);
    QString cursor() const;
    bool isConnected() const { return m_connected.load(); }

Q_SIGNALS:
    // Deliveries of the transactions completed since the last signal: ids ascending, counts by outcome,
    // as StoreWorker::batchCommitted has them (only stored rows: the writer's uncounted refusals that
    // keep no row are not in it).
    void committed(const peanuts::BatchSummary &summary);
    // Connected, or not (then also after each failed attempt to reconnect, with its reason). A reason
    // names the server, never a password.
    void connectionChanged(bool connected, const QString &reason);

private:
    bool connectToServer(QString *error);
    void closeConnection();
    // Connection lost or a statement failed: close, tell, and try again after the backoff.
    void lose(const QString &reason);
    void retryLater();
    void reconnect();
    void heartbeat();
    QString lostReason(const QString &error) const;
    // Reads the rows of every transaction completed since the cursor and moves the cursor on.
    bool readCommitted(QString *error);
    void noteCursor(const QString &cursor);
    QString scrubbed(const QString &text) const;

    const QString m_url;
    QString m_password; // from the URL: scrubbed out of every reason
    QString m_where; // the server and database, without the password
    QString m_connectionName;
    QSqlDatabase m_db;
    QTimer *m_heartbeat = nullptr;
    QElapsedTimer m_sinceProbe;
    QTimer *m_retry = nullptr;
    QTimer *m_read = nullptr; // coalesces a burst of notifications into one read
    int m_retryMs = kFirstRetryMs;
    bool m_running = false;
    mutable QMutex m_cursorMutex;
    QString m_cursor; // guarded by m_cursorMutex
    std::atomic<bool> m_connected {false};
};

} // namespace peanuts
