// Tests that run against both backends: SQLite in a temporary folder, PostgreSQL in a database of its
// own on the throwaway test cluster (tests/pg/pgcluster.sh; register the test with PG). A test case takes a "backend"
// column (addBackendRows()) and opens its stores through a FreshBackend; RawSql reads and tampers with
// its database beside the code under test.
#pragma once

#include "store/pgstore.h"
#include "store/sqlitestore.h"
#include "testsupport.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

namespace peanuts::test {

using testsupport::pgRequired;

inline void addBackendRows()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

// One test case's database on one backend; the PostgreSQL database is dropped at the end.
class FreshBackend
{
public:
    explicit FreshBackend(const QString &backend)
        : m_backend(backend)
    {
        if (backend == QLatin1String("sqlite")) {
            m_location = m_dir.filePath(QStringLiteral("store.db"));
            return;
        }
        if (testsupport::testPgUrl().isEmpty()) {
            m_unavailable
                = QStringLiteral("no PostgreSQL test cluster (install postgresql-15; the CTest fixture pg starts one)");
            return;
        }
        m_database = std::make_unique<testsupport::PgTestDatabase>();
        if (!m_database->isValid()) {
            m_unavailable = m_database->error();
            return;
        }
        m_location = m_database->url();
    }

    bool isPostgres() const { return m_backend == QLatin1String("postgresql"); }
    // Why the backend cannot run here; empty when it can (see PG_OR_SKIP).
    QString unavailable() const { return m_unavailable; }
    QString location() const { return m_location; }

    // Another store on the same database (another instance, or a reader).
    std::unique_ptr<Store> open(bool readOnly = false, QString *error = nullptr) const
    {
        std::unique_ptr<Store> store;
        if (isPostgres())
            store = std::make_unique<PgStore>();
        else
            store = std::make_unique<SqliteStore>();
        QString failure;
        StoreConfig config;
        config.path = m_location;
        config.readOnly = readOnly;
        if (!store->open(config, &failure)) {
            if (error)
                *error = failure;
            else
                qWarning().noquote() << "cannot open the store:" << failure;
            return nullptr;
        }
        return store;
    }

private:
    QString m_backend;
    QTemporaryDir m_dir;
    std::unique_ptr<testsupport::PgTestDatabase> m_database;
    QString m_location;
    QString m_unavailable;
};

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
    // Every row of sql, its columns as hex bytes joined by '|', alike on both backends (a boolean as 1
    // or 0, text as UTF-8).
    QList<QByteArray> rows(const QString &sql)
    {
        QList<QByteArray> list;
        QSqlQuery q(m_db);
        if (!q.exec(sql))
            qWarning().noquote() << "raw:" << q.lastError().text();
        while (q.next()) {
            QByteArray row;
            for (int c = 0; c < q.record().count(); ++c) {
                const QVariant v = q.value(c);
                const QByteArray bytes = v.typeId() == QMetaType::Bool ? QByteArray::number(int(v.toBool()))
                    : v.typeId() == QMetaType::QByteArray              ? v.toByteArray()
                                                                       : v.toString().toUtf8();
                row += bytes.toHex() + '|';
            }
            list.append(row);
        }
        return list;
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

} // namespace peanuts::test

// Opens the test case's backend as `fresh`, skipping when PostgreSQL is not available here (failing
// when REQUIRE_PG=1, so that a green run means it really ran).
#define FRESH_BACKEND(fresh)                                                                                           \
    QFETCH(QString, backend);                                                                                          \
    peanuts::test::FreshBackend fresh(backend);                                                                        \
    if (!fresh.unavailable().isEmpty()) {                                                                              \
        if (testsupport::pgRequired())                                                                                 \
            QFAIL(qPrintable(QStringLiteral("REQUIRE_PG=1 but PostgreSQL is not available: ") + fresh.unavailable())); \
        QSKIP(qPrintable(fresh.unavailable()));                                                                        \
    }
