// The store's semantics on both backends, SQLite and a real PostgreSQL server: outcomes and counters,
// the projection's order rules (a property test over random orderings and batch splits), exact
// money; and on PostgreSQL, several instances on one database: the same deliveries posted to two at
// once are applied once, and the projection converges.
#include "backends.h"
#include "storekit.h"

#include <QRandomGenerator>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <map>
#include <random>
#include <thread>

using namespace peanuts;
using namespace peanuts::test;
using namespace testsupport;

namespace {

bool commitAll(Store &store, QList<Delivery> &batch)
{
    QString error;
    if (!store.commit(batch, &error)) {
        qWarning().noquote() << "commit failed:" << error;
        return false;
    }
    return true;
}

bool strictlyIncreasing(const QList<qint64> &ids)
{
    for (qsizetype i = 1; i < ids.size(); ++i) {
        if (ids[i] <= ids[i - 1])
            return false;
    }
    return !ids.isEmpty() && ids.first() > 0;
}

QList<qint64> stored(const QList<Delivery> &batch)
{
    QList<qint64> list;
    for (const Delivery &d : batch) {
        if (d.keepRow)
            list.append(d.id);
    }
    return list;
}

// Deliveries of random entries, kinds, close timestamps (ties happen) and amounts, some delivered
// twice; winners: the reference projection, the greatest key per entry.
QList<Generated> generate(QRandomGenerator &random, int rounds, std::map<QString, Generated> *winners)
{
    const QStringList kinds {created(), updated(), deleted()};
    QList<Generated> deliveries;
    for (int round = 0; round < rounds; ++round) {
        const int count = 10 + int(random.bounded(6));
        for (int i = 0; i < count; ++i) {
            Generated g;
            g.entryId = QStringLiteral("r%1-e%2").arg(round).arg(random.bounded(4));
            const int kind = int(random.bounded(3));
            const int second = int(random.bounded(4));
            const qint64 cents = qint64(random.bounded(-500, 100'000));
            g.cents = cents;
            const qint64 magnitude = qAbs(cents);
            const QByteArray amount = (cents < 0 ? "-" : "") + QByteArray::number(magnitude / 100) + '.'
                + QByteArray::number(magnitude % 100).rightJustified(2, '0');
            g.category = QStringLiteral("C%1").arg(random.bounded(3));
            g.body = body(g.entryId, kinds[kind], second, amount, g.category);
            g.sha = sha256(g.body);
            g.deleted = kind == 2;
            g.key = Key {timestampMs(second), eventRank(kindOf(kinds[kind])), g.sha};
            deliveries.append(g);
            if (random.bounded(4) == 0)
                deliveries.append(g);
            auto it = winners->find(g.entryId);
            if (it == winners->end() || it->second.key < g.key)
                (*winners)[g.entryId] = g;
        }
    }
    return deliveries;
}

} // namespace

class TestBackends : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void outcomesAndCounters_data() { addBackendRows(); }
    void outcomesAndCounters()
    {
        FRESH_BACKEND(fresh);
        const auto store = fresh.open();
        QVERIFY(store);
        const QByteArray a = body(QStringLiteral("o1"), created(), 1, "1.00");
        const QByteArray newer = body(QStringLiteral("o1"), updated(), 5, "2.00");
        const QByteArray older = body(QStringLiteral("o1"), updated(), 3, "3.00");
        const QByteArray unknown = body(QStringLiteral("o2"), QStringLiteral("entry.archived"), 1);
        const QByteArray forged = body(QStringLiteral("o3"), created(), 1, "4.00");
        QList<Delivery> batch {verified(a), verified(newer), verified(a), verified(unknown), verified(unknown),
            refused(Outcome::RejectedSignature, 401, forged), refused(Outcome::RejectedShape, 400, "[]"),
            refused(Outcome::RejectedSize, 413, QByteArray(), false), refused(Outcome::Unavailable, 503, forged),
            verified(older)};
        QVERIFY(commitAll(*store, batch));
        QCOMPARE(outcomes(batch),
            outcomeNames({Outcome::Accepted, Outcome::Accepted, Outcome::Duplicate, Outcome::Ignored,
                Outcome::Duplicate, Outcome::RejectedSignature, Outcome::RejectedShape, Outcome::RejectedSize,
                Outcome::Unavailable, Outcome::Stale}));
        // Ids follow arrival; PostgreSQL's sequence may leave gaps, never reuses one.
        QVERIFY(strictlyIncreasing(stored(batch)));
        QCOMPARE(batch[7].id, 0);
        QCOMPARE(store->deliveryCount().value(), 9);
        QCOMPARE(counterList(*store),
            expectedCounters({{Outcome::Accepted, 2}, {Outcome::Duplicate, 2}, {Outcome::Ignored, 1},
                {Outcome::RejectedSignature, 1}, {Outcome::RejectedShape, 1}, {Outcome::RejectedSize, 1},
                {Outcome::Unavailable, 1}, {Outcome::Stale, 1}}));
        QVERIFY(!store->entry(QStringLiteral("o2")));
        QCOMPARE(store->delivery(batch[3].id)->outcome, Outcome::Ignored);
        QCOMPARE(store->delivery(batch[3].id)->body, unknown);
        QCOMPARE(store->entry(QStringLiteral("o1"))->bodySha256, sha256(newer));
        QCOMPARE(store->entry(QStringLiteral("o1"))->deliveryId, batch[1].id);
        // A retry names the first stored attempt of its bytes.
        QCOMPARE(store->delivery(batch[2].id)->firstAttempt, batch[0].id);
        QCOMPARE(store->delivery(batch[4].id)->firstAttempt, batch[3].id);
        const Delivery stale = store->delivery(batch[9].id).value();
        QCOMPARE(stale.outcome, Outcome::Stale);
        QCOMPARE(stale.body, older);
        const Delivery rejected = store->delivery(batch[5].id).value();
        QCOMPARE(rejected.outcome, Outcome::RejectedSignature);
        QCOMPARE(rejected.status, 401);
        QCOMPARE(rejected.reason, batch[5].reason);
        QVERIFY(!rejected.event);
        // Every field comes back as it went in.
        QCOMPARE(deliveryLine(store->delivery(batch[1].id).value()), deliveryLine(batch[1]));

        // Across batches and connections: accepted, ignored and stale bodies all make later copies
        // duplicates; a forged body with the same bytes as a real one does not.
        const auto other = fresh.open();
        QVERIFY(other);
        QList<Delivery> later {verified(a), verified(unknown), verified(older), verified(forged), verified(forged)};
        QVERIFY(commitAll(*other, later));
        QCOMPARE(outcomes(later),
            outcomeNames(
                {Outcome::Duplicate, Outcome::Duplicate, Outcome::Duplicate, Outcome::Accepted, Outcome::Duplicate}));
        QVERIFY(stored(later).first() > batch[9].id);
        QCOMPARE(store->deliveryCount().value(), 14);
        QCOMPARE(counterList(*store),
            expectedCounters({{Outcome::Accepted, 3}, {Outcome::Duplicate, 6}, {Outcome::Ignored, 1},
                {Outcome::RejectedSignature, 1}, {Outcome::RejectedShape, 1}, {Outcome::RejectedSize, 1},
                {Outcome::Unavailable, 1}, {Outcome::Stale, 1}}));
        QCOMPARE(store->entry(QStringLiteral("o1"))->bodySha256, sha256(newer));

        QList<Delivery> empty;
        QVERIFY(commitAll(*store, empty));
        QCOMPARE(store->deliveryCount().value(), 14);
    }

    void moneyIsExact_data() { addBackendRows(); }
    void moneyIsExact()
    {
        FRESH_BACKEND(fresh);
        const auto store = fresh.open();
        QVERIFY(store);
        // The largest amount in range (2^53 cents, as a string: a JSON number is read as a double), negative ones,
        // rounding half up, and amounts a float sum gets wrong (0.1 + 0.2).
        const QList<QPair<QByteArray, qint64>> amounts {{"0.10", 10}, {"0.20", 20}, {"-7.05", -705}, {"2.675", 268},
            {"\"90071992547409.92\"", 9'007'199'254'740'992LL}, {"\"-90071992547409.91\"", -9'007'199'254'740'991LL}};
        QList<Delivery> batch;
        for (qsizetype i = 0; i < amounts.size(); ++i)
            batch.append(verified(body(QStringLiteral("m%1").arg(i), created(), 1, amounts[i].first)));
        QVERIFY(commitAll(*store, batch));
        for (qsizetype i = 0; i < amounts.size(); ++i) {
            const auto entry = store->entry(QStringLiteral("m%1").arg(i));
            QVERIFY(entry);
            QCOMPARE(entry->amountCents.value_or(-1), amounts[i].second);
            QCOMPARE(store->delivery(batch[i].id)->event->amountCents.value_or(-1), amounts[i].second);
        }
    }

    void projectionIsOrderIndependent_data() { addBackendRows(); }
    void projectionIsOrderIndependent()
    {
        // Property: every ordering and batching of the same deliveries ends in the same entries, the
        // per-entry maximum of (timestamp, rank, body hash); each delivery's outcome is what an
        // independent replay of that order decides.
        FRESH_BACKEND(fresh);
        Q_UNUSED(fresh)
        QRandomGenerator random(20261203);
        std::map<QString, Generated> winners;
        const QList<Generated> deliveries = generate(random, 40, &winners);
        QStringList expectedEntries;
        for (const auto &[id, g] : winners)
            expectedEntries.append(expectedLine(g));

        for (int ordering = 0; ordering < 4; ++ordering) {
            FreshBackend own(backend); // a database of its own for each ordering
            const auto store = own.open();
            QVERIFY(store);
            QList<Generated> order = deliveries;
            auto byKey = [](const Generated &l, const Generated &r) { return l.key < r.key; };
            if (ordering == 1)
                std::stable_sort(order.begin(), order.end(), byKey);
            else if (ordering == 2)
                std::stable_sort(order.rbegin(), order.rend(), byKey);
            else if (ordering == 3)
                std::shuffle(order.begin(), order.end(), std::mt19937(ordering));
            QStringList expectedOutcomes;
            {
                std::map<QString, Key> applied;
                QSet<QByteArray> seen;
                for (const Generated &g : order) {
                    Outcome o = Outcome::Stale;
                    if (seen.contains(g.body)) {
                        o = Outcome::Duplicate;
                    } else {
                        seen.insert(g.body);
                        auto it = applied.find(g.entryId);
                        if (it == applied.end() || it->second < g.key) {
                            applied[g.entryId] = g.key;
                            o = Outcome::Accepted;
                        }
                    }
                    expectedOutcomes.append(QString::fromLatin1(outcomeName(o)));
                }
            }
            QStringList got;
            for (qsizetype i = 0; i < order.size();) {
                const qsizetype n = 1 + qsizetype(random.bounded(8));
                QList<Delivery> batch;
                for (; i < order.size() && batch.size() < n; ++i)
                    batch.append(verified(order[i].body, kReceivedMs + i));
                QVERIFY(commitAll(*store, batch));
                got.append(outcomes(batch));
            }
            QCOMPARE(got, expectedOutcomes);
            QCOMPARE(entryLines(*store), expectedEntries);
        }
    }

    // Several ingest instances on one PostgreSQL database, each given the same deliveries in its own
    // order at the same time: every distinct body is applied (accepted or stale) exactly once in all,
    // every other copy is a duplicate, and the projection is the reference one.
    void instancesApplyEachDeliveryOnce()
    {
        FreshBackend fresh(QStringLiteral("postgresql"));
        if (!fresh.unavailable().isEmpty()) {
            if (pgRequired())
                QFAIL(qPrintable(fresh.unavailable()));
            QSKIP(qPrintable(fresh.unavailable()));
        }
        QRandomGenerator random(7);
        std::map<QString, Generated> winners;
        const QList<Generated> deliveries = generate(random, 60, &winners);
        QSet<QByteArray> distinct;
        for (const Generated &g : deliveries)
            distinct.insert(g.body);

        constexpr int kInstances = 3;
        std::vector<QList<Delivery>> results(kInstances);
        std::vector<bool> ok(kInstances, true);
        std::vector<std::thread> threads;
        for (int i = 0; i < kInstances; ++i) {
            QList<Generated> order = deliveries;
            std::shuffle(order.begin(), order.end(), std::mt19937(100 + i));
            threads.emplace_back([&, i, order] {
                // A connection belongs to the thread that opened it: each instance opens its own here.
                const auto store = fresh.open();
                if (!store) {
                    ok[size_t(i)] = false;
                    return;
                }
                for (qsizetype at = 0; at < order.size(); at += 3) {
                    QList<Delivery> batch;
                    for (qsizetype k = at; k < qMin(at + 3, order.size()); ++k)
                        batch.append(verified(order[k].body, kReceivedMs + k));
                    QString error;
                    if (!store->commit(batch, &error)) {
                        ok[size_t(i)] = false;
                        qWarning().noquote() << "instance" << i << error;
                        return;
                    }
                    results[size_t(i)].append(batch);
                }
            });
        }
        for (std::thread &t : threads)
            t.join();
        for (int i = 0; i < kInstances; ++i)
            QVERIFY(ok[size_t(i)]);

        QHash<QByteArray, int> applied;
        qint64 duplicates = 0;
        for (const QList<Delivery> &list : results) {
            for (const Delivery &d : list) {
                if (d.outcome == Outcome::Duplicate)
                    ++duplicates;
                else
                    ++applied[d.body];
            }
        }
        QCOMPARE(applied.size(), distinct.size());
        for (auto it = applied.cbegin(); it != applied.cend(); ++it)
            QVERIFY2(it.value() == 1, it.key().constData());
        QCOMPARE(duplicates, qint64(kInstances) * deliveries.size() - distinct.size());
        QStringList expectedEntries;
        for (const auto &[id, g] : winners)
            expectedEntries.append(expectedLine(g));
        const auto store = fresh.open();
        QVERIFY(store);
        QCOMPARE(entryLines(*store), expectedEntries);
        const QList<qint64> counts = counterList(*store);
        QCOMPARE(counts[qsizetype(Outcome::Duplicate)], duplicates);
        QCOMPARE(counts[qsizetype(Outcome::Accepted)] + counts[qsizetype(Outcome::Stale)], qint64(distinct.size()));
    }
};

QTEST_GUILESS_MAIN(TestBackends)
#include "tst_backends.moc"
