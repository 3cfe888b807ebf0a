// What the maintenance tests of both backends share (tst_backendmaint, tst_backendcheck): a raw
// connection to the test case's database, and histories to prune and check.
#pragma once

#include "backends.h"
#include "storekit.h"

#include <QSqlRecord>
#include <QTest>

#include <functional>

// Each test program includes this once: its helpers are the program's own.
namespace {

using namespace peanuts::test;

constexpr qint64 kDayMs = 86'400'000;

// A second, raw connection to the test case's database, independent of the code under test.
class RawSql
{
public:
    explicit RawSql(const FreshBackend &fresh)
        : m_name(QStringLiteral("raw-%1").arg(++s_count))
    {
        if (fresh.isPostgres()) {
            const QUrl url(fresh.location());
            m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
            m_db.setHostName(url.host());
            m_db.setPort(url.port(5432));
            m_db.setUserName(url.userName());
            m_db.setPassword(url.password());
            m_db.setDatabaseName(url.path().mid(1));
        } else {
            m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
            m_db.setDatabaseName(fresh.location());
        }
        if (!m_db.open())
            qWarning().noquote() << "raw connection:" << m_db.lastError().text();
    }
    ~RawSql()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    Q_DISABLE_COPY_MOVE(RawSql)

    // Runs sql; the rows affected, or -1 (with a warning) on failure.
    int exec(const QString &sql, const QVariantList &binds = {})
    {
        QSqlQuery q(m_db);
        if (!binds.isEmpty())
            q.prepare(sql);
        for (qsizetype i = 0; i < binds.size(); ++i)
            q.bindValue(int(i), binds[i]);
        if (!(binds.isEmpty() ? q.exec(sql) : q.exec())) {
            m_error = q.lastError().text();
            qWarning().noquote() << "raw:" << m_error;
            return -1;
        }
        return q.numRowsAffected();
    }
    QList<QVariant> column(const QString &sql)
    {
        QList<QVariant> list;
        QSqlQuery q(m_db);
        if (!q.exec(sql))
            qWarning().noquote() << "raw:" << q.lastError().text();
        while (q.next())
            list.append(q.value(0));
        return list;
    }
    QVariant value(const QString &sql)
    {
        const QList<QVariant> list = column(sql);
        return list.isEmpty() ? QVariant(QStringLiteral("<no row>")) : list.first();
    }
    QList<qint64> ids()
    {
        QList<qint64> list;
        for (const QVariant &v : column(QStringLiteral("SELECT id FROM deliveries ORDER BY id")))
            list.append(v.toLongLong());
        return list;
    }
    QString error() const { return m_error; }

private:
    static inline int s_count = 0;
    QString m_name;
    QSqlDatabase m_db;
    QString m_error;
};

inline bool commitAll(Store &store, QList<Delivery> &batch)
{
    QString error;
    if (!store.commit(batch, &error)) {
        qWarning().noquote() << "commit failed:" << error;
        return false;
    }
    return true;
}

// Prunes until the store says there is no more; -1 when a call fails or removes more than maxRows.
inline qint64 pruneAll(Store &store, const RetentionPolicy &policy, qint64 nowMs, int maxRows, int *calls = nullptr)
{
    qint64 total = 0;
    bool more = true;
    for (int n = 0; more; ++n) {
        const int removed = store.prune(policy, nowMs, maxRows, &more);
        if (removed < 0 || removed > maxRows || n > 100'000) {
            qWarning().noquote() << "prune failed:" << store.lastError();
            return -1;
        }
        total += removed;
        if (calls)
            *calls = n + 1;
    }
    return total;
}

// The ids of the deliveries at these (1-based) places of a batch.
inline QList<qint64> at(const QList<Delivery> &batch, const QList<int> &places)
{
    QList<qint64> list;
    for (int place : places)
        list.append(batch[place - 1].id);
    return list;
}

inline QList<int> range(int first, int last)
{
    QList<int> list;
    for (int i = first; i <= last; ++i)
        list.append(i);
    return list;
}

// Rows for a test over both backends and its own cases.
inline void addRows(const std::function<void(const char *backend)> &rows)
{
    QTest::addColumn<QString>("backend");
    for (const char *backend : {"sqlite", "postgresql"})
        rows(backend);
}

} // namespace
