// The SQLite store on real files: schema, permissions, duplicates, the projection's order rules
// (with a property test over random orderings), exact money, failures that write nothing.
#include "event.h"
#include "signature.h"
#include "sqlitestore.h"
#include "testsupport.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <tuple>

using namespace peanuts;
using namespace testsupport;

namespace {

Delivery verified(const QByteArray &body, Outcome outcome = Outcome::Accepted)
{
    Delivery d;
    d.receivedMs = 1'700'000'000'000;
    d.remoteAddress = QStringLiteral("127.0.0.1");
    d.method = "POST";
    d.path = "/webhook";
    d.headers = "content-type: application/json\n";
    d.body = body;
    d.bodySize = body.size();
    d.bodySha256 = sha256(body);
    d.outcome = outcome;
    ParseResult parsed = parseEvent(body, 4'000'000'000'000, 300'000);
    if (parsed.event) {
        d.event = parsed.event;
        if (d.event->kind == EventKind::Unknown && outcome == Outcome::Accepted)
            d.outcome = Outcome::Ignored;
    }
    return d;
}

QByteArray body(const QString &id, const QString &event, int second, const QByteArray &amount = "1.00",
    const QString &category = QStringLiteral("Food"))
{
    return makeBody(
        id, event, QStringLiteral("2026-11-20T10:00:%1Z").arg(second, 2, 10, QLatin1Char('0')), amount, category);
}

bool commitAll(SqliteStore &store, QList<Delivery> batch)
{
    QString error;
    return store.commit(batch, &error);
}

// The state an entry must end in: the greatest (timestamp, rank, body hash) among its deliveries.
using Key = std::tuple<qint64, int, QByteArray>;

} // namespace

class TestStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    QString newPath() { return m_dir.filePath(QStringLiteral("store-%1.db").arg(++m_files)); }

    void open(SqliteStore &store, const QString &path)
    {
        QString error;
        QVERIFY2(store.open(StoreConfig {path, Durability::Normal, false}, &error), qPrintable(error));
    }

private Q_SLOTS:
    void createsPrivateFilesAndSurvivesReopen()
    {
        const QString path = newPath();
        {
            SqliteStore store;
            open(store, path);
            QVERIFY(commitAll(store, {verified(body(QStringLiteral("a"), QStringLiteral("entry.created"), 1))}));
            const QFileDevice::Permissions owner
                = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser;
            QCOMPARE(QFile::permissions(path), owner);
            QCOMPARE(QFile::permissions(path + QStringLiteral("-wal")), owner);
        }
        SqliteStore again;
        open(again, path);
        QCOMPARE(again.deliveryCount().value_or(-1), 1);
        QVERIFY(again.entry(QStringLiteral("a")));
        QCOMPARE(again.counters().value()[size_t(Outcome::Accepted)], 1);
    }

    void refusesWhatIsNotOurs_data()
    {
        QTest::addColumn<QByteArray>("setup"); // SQL run on a fresh SQLite file, or "text:" for a non-database
        QTest::addColumn<QString>("message");
        QTest::addRow("not a database") << QByteArray("text:") << QStringLiteral("not a usable");
        QTest::addRow("someone else's tables")
            << QByteArray("CREATE TABLE other (x);") << QStringLiteral("not Peanuts");
        QTest::addRow("newer schema") << QByteArray("PRAGMA user_version=999;") << QStringLiteral("newer");
    }

    void refusesWhatIsNotOurs()
    {
        QFETCH(QByteArray, setup);
        QFETCH(QString, message);
        const QString path = newPath();
        if (setup == "text:") {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray(4096, 'x'));
        } else {
            sqlite3 *db = nullptr;
            QCOMPARE(sqlite3_open(qPrintable(path), &db), SQLITE_OK);
            QCOMPARE(sqlite3_exec(db, setup.constData(), nullptr, nullptr, nullptr), SQLITE_OK);
            sqlite3_close(db);
        }
        QFile before(path);
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray bytes = before.readAll();
        before.close();

        SqliteStore store;
        QString error;
        QVERIFY(!store.open(StoreConfig {path, Durability::Normal, false}, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
        QFile after(path);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), bytes);
    }

    void duplicatesAndOutcomes()
    {
        SqliteStore store;
        open(store, newPath());
        const QByteArray a = body(QStringLiteral("d1"), QStringLiteral("entry.created"), 1);
        const QByteArray unknown = body(QStringLiteral("d2"), QStringLiteral("entry.archived"), 1);
        Delivery rejected = verified(body(QStringLiteral("d3"), QStringLiteral("entry.created"), 1));
        rejected.outcome = Outcome::RejectedSignature;
        rejected.status = 401;
        rejected.event.reset();
        Delivery uncounted = rejected;
        uncounted.keepRow = false;
        QList<Delivery> batch {verified(a), verified(a), verified(unknown), rejected, uncounted};
        QString error;
        QVERIFY(store.commit(batch, &error));
        QCOMPARE(batch[0].outcome, Outcome::Accepted);
        QCOMPARE(batch[1].outcome, Outcome::Duplicate); // within one batch
        QCOMPARE(batch[2].outcome, Outcome::Ignored);
        QVERIFY(batch[0].id < batch[1].id && batch[1].id < batch[2].id);
        QCOMPARE(batch[4].id, 0); // counted, not stored

        QList<Delivery> later {verified(a), verified(unknown)};
        QVERIFY(store.commit(later, &error));
        QCOMPARE(later[0].outcome, Outcome::Duplicate); // across batches
        QCOMPARE(later[1].outcome, Outcome::Duplicate); // unknown events count for duplicates too
        QVERIFY(!store.entry(QStringLiteral("d2"))); // stored, never applied

        const OutcomeCounters counts = store.counters().value();
        QCOMPARE(counts[size_t(Outcome::Accepted)], 1);
        QCOMPARE(counts[size_t(Outcome::Duplicate)], 3);
        QCOMPARE(counts[size_t(Outcome::Ignored)], 1);
        QCOMPARE(counts[size_t(Outcome::RejectedSignature)], 2);
        QCOMPARE(store.deliveryCount().value(), 6);
    }

    void projectionOrder_data()
    {
        QTest::addColumn<QStringList>("events"); // "kind@second", applied in this order
        QTest::addColumn<QString>("winner"); // the event that must be applied at the end
        QTest::addColumn<bool>("deleted");
        QTest::addRow("newer update wins")
            << QStringList {QStringLiteral("entry.created@1"), QStringLiteral("entry.updated@2")}
            << QStringLiteral("entry.updated@2") << false;
        QTest::addRow("late older update is stale")
            << QStringList {QStringLiteral("entry.updated@5"), QStringLiteral("entry.updated@3")}
            << QStringLiteral("entry.updated@5") << false;
        QTest::addRow("late created after delete stays deleted")
            << QStringList {QStringLiteral("entry.deleted@9"), QStringLiteral("entry.created@1")}
            << QStringLiteral("entry.deleted@9") << true;
        QTest::addRow("tie: deleted beats updated")
            << QStringList {QStringLiteral("entry.deleted@4"), QStringLiteral("entry.updated@4")}
            << QStringLiteral("entry.deleted@4") << true;
        QTest::addRow("tie: updated beats created")
            << QStringList {QStringLiteral("entry.updated@4"), QStringLiteral("entry.created@4")}
            << QStringLiteral("entry.updated@4") << false;
    }

    void projectionOrder()
    {
        QFETCH(QStringList, events);
        QFETCH(QString, winner);
        QFETCH(bool, deleted);
        SqliteStore store;
        open(store, newPath());
        QByteArray winnerBody;
        for (const QString &e : events) {
            const QStringList parts = e.split(u'@');
            const QByteArray b = body(QStringLiteral("p"), parts[0], parts[1].toInt());
            if (e == winner)
                winnerBody = b;
            QList<Delivery> batch {verified(b)};
            QString error;
            QVERIFY(store.commit(batch, &error));
            QCOMPARE(batch[0].outcome, e == winner || e == events.first() ? Outcome::Accepted : Outcome::Stale);
        }
        const auto entry = store.entry(QStringLiteral("p"));
        QVERIFY(entry);
        QCOMPARE(entry->bodySha256, sha256(winnerBody));
        QCOMPARE(entry->deleted, deleted);
        QCOMPARE(store.entryTotals(EntryFilter {{QStringLiteral("/expenses")}}).value().count, deleted ? 0 : 1);
    }

    void projectionIsOrderIndependent()
    {
        // Property: any ordering and batching of the same deliveries ends in the same projection,
        // which is the per-entry maximum of (timestamp, rank, body hash).
        QRandomGenerator random(20261126);
        const QStringList kinds {
            QStringLiteral("entry.created"), QStringLiteral("entry.updated"), QStringLiteral("entry.deleted")};
        for (int round = 0; round < 40; ++round) {
            QList<QByteArray> bodies;
            std::map<QString, Key> expected;
            for (int i = 0; i < 30; ++i) {
                const QString id = QStringLiteral("e%1").arg(random.bounded(5));
                const QString kind = kinds[random.bounded(3)];
                const int second = random.bounded(4); // few timestamps: ties happen
                const QByteArray amount = QByteArray::number(random.bounded(1, 1000)) + ".5";
                const QByteArray b = body(id, kind, second, amount, QStringLiteral("C%1").arg(random.bounded(3)));
                bodies.append(b);
                if (random.bounded(4) == 0)
                    bodies.append(b); // an exact duplicate
                const Key key {
                    QDateTime(QDate(2026, 11, 20), QTime(10, 0, second), QTimeZone::utc()).toMSecsSinceEpoch(),
                    eventRank(kind == kinds[2] ? EventKind::Deleted
                            : kind == kinds[1] ? EventKind::Updated
                                               : EventKind::Created),
                    sha256(b)};
                if (!expected.count(id) || expected[id] < key)
                    expected[id] = key;
            }
            QList<EntryState> first;
            for (int ordering = 0; ordering < 4; ++ordering) {
                QList<QByteArray> shuffled = bodies;
                std::shuffle(shuffled.begin(), shuffled.end(), random);
                SqliteStore store;
                open(store, newPath());
                for (qsizetype i = 0; i < shuffled.size();) {
                    QList<Delivery> batch;
                    const qsizetype n = 1 + random.bounded(6);
                    for (; i < shuffled.size() && batch.size() < n; ++i)
                        batch.append(verified(shuffled[i]));
                    QVERIFY(commitAll(store, batch));
                }
                const QList<EntryState> entries = store.entries().value();
                QCOMPARE(entries.size(), qsizetype(expected.size()));
                for (const EntryState &e : entries) {
                    const Key &want = expected.at(e.entryId);
                    QCOMPARE(e.eventMs, std::get<0>(want));
                    QCOMPARE(e.eventRank, std::get<1>(want));
                    QCOMPARE(e.bodySha256, std::get<2>(want));
                }
                if (ordering == 0) {
                    first = entries;
                    continue;
                }
                for (qsizetype k = 0; k < entries.size(); ++k) {
                    QCOMPARE(entries[k].bodySha256, first[k].bodySha256);
                    QCOMPARE(entries[k].deleted, first[k].deleted);
                    QCOMPARE(entries[k].amountCents, first[k].amountCents);
                    QCOMPARE(entries[k].category, first[k].category);
                }
            }
        }
    }

    void moneyIsExact()
    {
        SqliteStore store;
        open(store, newPath());
        QList<Delivery> batch;
        for (int i = 0; i < 10; ++i)
            batch.append(verified(body(QStringLiteral("m%1").arg(i), QStringLiteral("entry.created"), 1, "0.1")));
        batch.append(verified(body(QStringLiteral("m-text"), QStringLiteral("entry.created"), 1, "\"twelve\"")));
        batch.append(verified(body(QStringLiteral("m-round"), QStringLiteral("entry.created"), 1, "2.675")));
        QVERIFY(commitAll(store, batch));
        const EntryTotals totals = store.entryTotals(EntryFilter {{QStringLiteral("/expenses")}}).value();
        QCOMPARE(totals.count, 12);
        QCOMPARE(totals.amountCount, 11);
        QCOMPARE(totals.sumCents, 100 + 268);
        QVERIFY(store.entry(QStringLiteral("m-text"))->amountFlagged);
    }

    void failedCommitWritesNothing()
    {
        const QString path = newPath();
        SqliteStore store;
        open(store, path);
        QVERIFY(commitAll(store, {verified(body(QStringLiteral("f0"), QStringLiteral("entry.created"), 1))}));
        sqlite3 *other = nullptr;
        QCOMPARE(sqlite3_open(qPrintable(path), &other), SQLITE_OK);
        QCOMPARE(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
        QList<Delivery> batch {verified(body(QStringLiteral("f1"), QStringLiteral("entry.created"), 1))};
        QString error;
        QVERIFY(!store.commit(batch, &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(batch[0].id, 0);
        sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_close(other);
        QCOMPARE(store.deliveryCount().value(), 1);
        QVERIFY(store.commit(batch, &error));
        QCOMPARE(batch[0].id, 2); // the failed attempt consumed no id
        QCOMPARE(batch[0].outcome, Outcome::Accepted);
    }

    void logQueriesAndSearch()
    {
        SqliteStore store;
        open(store, newPath());
        QList<Delivery> batch;
        for (int i = 0; i < 50; ++i)
            batch.append(verified(body(QStringLiteral("s%1").arg(i),
                i % 5 ? QStringLiteral("entry.created") : QStringLiteral("entry.updated"), 1, "1",
                i % 2 ? QStringLiteral("Travel") : QStringLiteral("Groceries"))));
        QVERIFY(commitAll(store, batch));
        DeliveryFilter all;
        QCOMPARE(store.countDeliveries(all).value(), 50);
        const auto newest = store.deliveriesBefore(all, std::numeric_limits<qint64>::max(), 10).value();
        QCOMPARE(newest.size(), 10);
        QCOMPARE(newest.first().entryId, QStringLiteral("s49"));
        const auto next = store.deliveriesBefore(all, newest.last().id, 10).value();
        QCOMPARE(next.first().id, newest.last().id - 1);
        QCOMPARE(store.deliveriesAt(all, 45, 10).value().size(), 5);
        QCOMPARE(store.deliveriesAfter(all, newest.last().id, 3).value().first().id, newest.last().id + 1);

        DeliveryFilter updated;
        updated.event = QStringLiteral("entry.updated");
        QCOMPARE(store.countDeliveries(updated).value(), 10);
        // Search covers rows before and after the index caught up, case-insensitively.
        DeliveryFilter search;
        search.text = QStringLiteral("groceries");
        QCOMPARE(store.countDeliveries(search).value(), 25);
        QVERIFY(store.catchUp(20) == 20);
        QCOMPARE(store.countDeliveries(search).value(), 25);
        while (store.catchUp(500) > 0) { }
        QCOMPARE(store.countDeliveries(search).value(), 25);
        search.text = QStringLiteral("s4"); // short texts are scanned
        QCOMPARE(store.countDeliveries(search).value(), 11);

        // Redaction takes the body out of the rows and out of the index.
        QVERIFY(store.redactDeliveries({newest.first().id}));
        search.text = QStringLiteral("\"s49\"");
        QCOMPARE(store.countDeliveries(search).value(), 0);
        QVERIFY(store.delivery(newest.first().id)->redacted);
        QVERIFY(store.delivery(newest.first().id)->body.isEmpty());
        QVERIFY(store.deleteDeliveries({newest.last().id}));
        QCOMPARE(store.countDeliveries(all).value(), 49);
        QCOMPARE(store.entryHistory(QStringLiteral("s10")).value().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
