// Tests that run against both backends: SQLite in a temporary folder, PostgreSQL in a database of its
// own on the throwaway test cluster (tests/pg/pgcluster.sh; register the test with PG). A test case takes a "backend"
// column (addBackendRows()) and opens its stores through a FreshBackend.
#pragma once

#include "store/pgstore.h"
#include "store/sqlitestore.h"
#include "testsupport.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

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
