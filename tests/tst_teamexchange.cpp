// Imports into a team database (PostgreSQL): two imports of the same file at once write it once;
// viewers are told of an import as of a commit.
#include "backends.h"
#include "ingest/event.h"
#include "store/pgconnection.h"
#include "store/pgstore.h"
#include "testsupport.h"

#include <QSignalSpy>
#include <QSqlDriver>
#include <QTest>

#include <future>
#include <thread>

using namespace peanuts;
using namespace peanuts::test;
using namespace testsupport;

namespace {

constexpr qint64 kNowMs = 1'795'262'400'000; // 2026-11-21T12:00Z

// A verified delivery of the entry's event, as the receiver would commit it.
Delivery accepted(const QString &entryId, qint64 receivedMs, const QString &event = QStringLiteral("entry.created"))
{
    Delivery d = receivedDelivery(makeBody(entryId, event), receivedMs);
    d.event = parseEvent(d.body, receivedMs + 60'000, 300'000).event;
    Q_ASSERT(d.event);
    d.outcome = Outcome::Accepted;
    d.status = 200;
    d.secretLabel = QStringLiteral("test");
    return d;
}

Delivery refused(int n, qint64 receivedMs)
{
    Delivery d = receivedDelivery("not json " + QByteArray::number(n), receivedMs);
    d.outcome = Outcome::RejectedShape;
    d.status = 400;
    d.reason = QStringLiteral("not JSON");
    return d;
}

std::unique_ptr<Store> openTeamStore(const QString &url, QString *error = nullptr)
{
    auto store = std::make_unique<PgStore>();
    QString failure;
    if (!store->open(StoreConfig {url}, &failure)) {
        if (error)
            *error = failure;
        else
            qWarning().noquote() << "cannot open the store:" << failure;
        return nullptr;
    }
    return store;
}

// A connection of its own that LISTENs on a channel, as a viewer's feed does (store/pglive.h).
class Listener
{
public:
    Listener(const PgLocation &location, const QString &channel)
    {
        if (openPgDatabase(location, m_name, &m_db, &m_error) && !m_db.driver()->subscribeToNotification(channel))
            m_error = QStringLiteral("cannot LISTEN on ") + channel;
    }
    ~Listener()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    Q_DISABLE_COPY_MOVE(Listener)
    QString error() const { return m_error; }
    QSqlDriver *driver() const { return m_db.driver(); }

private:
    QString m_name = QStringLiteral("listener");
    QSqlDatabase m_db;
    QString m_error;
};

} // namespace

class TestTeamExchange : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Two instances import the same file at the same moment: one writes it, the other finds it there.
    void concurrentImportsWriteOnce()
    {
        PEANUTS_PG_TEST_DATABASE(db);
        QList<Delivery> batch;
        for (int i = 0; i < 150; ++i) {
            batch.append(accepted(QStringLiteral("c-%1").arg(i), kNowMs + 2 * i));
            batch.append(refused(i, kNowMs + 2 * i + 1));
        }
        {
            const auto store = openTeamStore(db.url()); // the schema, before both start
            QVERIFY(store);
        }
        std::promise<void> go;
        const std::shared_future<void> started = go.get_future().share();
        const auto importOnce = [&](ImportTally *tally, QString *error) {
            const auto store = openTeamStore(db.url(), error);
            started.wait();
            QList<Delivery> mine = batch;
            if (store && !store->importDeliveries(mine, tally, error))
                *error = QStringLiteral("import failed: ") + *error;
        };
        ImportTally a, b;
        QString errorA, errorB;
        std::thread first(importOnce, &a, &errorA), second(importOnce, &b, &errorB);
        QTest::qWait(200); // both connected
        go.set_value();
        first.join();
        second.join();
        QVERIFY2(errorA.isEmpty() && errorB.isEmpty(), qPrintable(errorA + errorB));
        QCOMPARE(a.imported + b.imported, qint64(batch.size()));
        QCOMPARE(a.alreadyPresent + b.alreadyPresent, qint64(batch.size()));
        QVERIFY2(a.imported == 0 || b.imported == 0, "each batch is written by one of them");
        const auto store = openTeamStore(db.url());
        QVERIFY(store);
        QCOMPARE(store->deliveryCount().value_or(-1), qint64(batch.size()));
    }

    // Viewers follow the team's commits by LISTEN: an import notifies them as a received batch does.
    void viewersAreToldOfAnImport()
    {
        PEANUTS_PG_TEST_DATABASE(db);
        const auto store = openTeamStore(db.url());
        QVERIFY(store);
        Listener listener(db.location(), QStringLiteral("peanuts_deliveries"));
        QVERIFY2(listener.error().isEmpty(), qPrintable(listener.error()));
        QSignalSpy told(listener.driver(), &QSqlDriver::notification);
        QList<Delivery> batch {accepted(QStringLiteral("v-1"), kNowMs)};
        ImportTally tally;
        QString error;
        QVERIFY2(store->importDeliveries(batch, &tally, &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(told.size() > 0, 5000);
        // The same again writes nothing, and tells nobody.
        told.clear();
        QList<Delivery> again {accepted(QStringLiteral("v-1"), kNowMs)};
        QVERIFY2(store->importDeliveries(again, &tally, &error), qPrintable(error));
        QCOMPARE(tally.alreadyPresent, 1);
        QTest::qWait(300);
        QCOMPARE(told.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestTeamExchange)
#include "tst_teamexchange.moc"
