// Team mode when the PostgreSQL server goes away under running instances (a throwaway cluster of the
// test's own, stopped and started again): the receiver refuses what it cannot store, never answers
// 200 for it, and takes deliveries again once the server is back; the viewer says it is reconnecting,
// comes back, and its own reads (the log, the figures) work again on new connections. A save of the
// rules while the server is away returns at once and is refused later, the rules in force kept.
#include "backends.h"
#include "pg/throwawaycluster.h"
#include "receivercore.h"
#include "services/batchnotifier.h"

#include <QElapsedTimer>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace peanuts;
using namespace peanuts::test;
using namespace testsupport;

namespace {

QByteArray expense(const QString &id, const QByteArray &amount)
{
    return makeBody(id, QStringLiteral("entry.created"), earlierToday(), amount);
}

int post(quint16 port, const QByteArray &body)
{
    RawClient client(port);
    client.send(signedRequest(body));
    const QList<HttpReply> replies = client.waitForReplies(1, 15'000);
    return replies.isEmpty() ? 0 : replies.first().status;
}

} // namespace

class TestTeamRestart : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void instancesComeBackAfterTheServer()
    {
        THROWAWAY_CLUSTER_OR_SKIP();
        ThrowawayCluster cluster;
        QVERIFY(cluster.start());
        QString error;
        Options o = testOptions(m_dir.filePath(QStringLiteral("receiver")));
        o.dbPath = cluster.adminUrl();
        ReceiverCore receiver;
        QVERIFY2(receiver.start(o, &error), qPrintable(error));
        Options v = testOptions(m_dir.filePath(QStringLiteral("viewer")));
        v.dbPath = cluster.adminUrl();
        v.viewer = true;
        ReceiverCore viewer;
        QVERIFY2(viewer.start(v, &error), qPrintable(error));
        QSignalSpy connection(&viewer, &ReceiverCore::teamConnectionChanged);
        QSet<qint64> seen;
        QObject listening; // gone before what the lambda holds
        connect(viewer.batches(), &BatchNotifier::committed, &listening,
            [&](const BatchSummary &batch) { seen.unite(QSet<qint64>(batch.ids.begin(), batch.ids.end())); });
        QTRY_VERIFY(!connection.isEmpty() && connection.last().at(0).toBool());

        const qint64 before
            = postAndFindId(receiver.port(), receiver.store(), expense(QStringLiteral("before"), "1.00"));
        QVERIFY(before > 0);
        QTRY_VERIFY(seen.contains(before));

        // Away: a delivery is refused, not answered 200; the viewer says it lost the connection.
        QVERIFY(cluster.stop());
        QCOMPARE(post(receiver.port(), expense(QStringLiteral("while-away"), "2.00")), 503);
        QTRY_VERIFY_WITH_TIMEOUT(!connection.last().at(0).toBool(), 10'000);
        QVERIFY(!connection.last().at(1).toString().isEmpty()); // the reason the window shows

        // A save of the rules meanwhile: the call returns at once, the refusal comes later, and the
        // rules in force stay.
        const RuleSet rules = receiver.pipelineConfig()->rules;
        RuleSet fewer = rules;
        fewer.rules.removeLast();
        std::optional<QString> refused;
        QObject caller;
        QElapsedTimer saving;
        saving.start();
        receiver.saveRules(fewer, &caller, [&refused](const QString &e) { refused = e; });
        QVERIFY2(saving.elapsed() < 500, qPrintable(QString::number(saving.elapsed())));
        QVERIFY(!refused);
        QTRY_VERIFY_WITH_TIMEOUT(refused.has_value(), 15'000);
        QVERIFY2(refused->contains(QStringLiteral("not saved in the team database")), qPrintable(*refused));
        QCOMPARE(receiver.pipelineConfig()->rules, rules);

        // Back: the sender's retry is taken, and the viewer sees it through a connection of its own.
        QVERIFY(cluster.resume());
        QElapsedTimer clock;
        clock.start();
        int status = 0;
        while ((status = post(receiver.port(), expense(QStringLiteral("while-away"), "2.00"))) != 200
            && clock.elapsed() < 20'000) {
            QCOMPARE(status, 503);
            QTest::qWait(250);
        }
        QCOMPARE(status, 200);
        qInfo("the receiver took deliveries again %lld ms after the server was back", clock.elapsed());
        const qint64 after = newestDeliveryId(receiver.store());
        QVERIFY(after > before);
        QTRY_VERIFY_WITH_TIMEOUT(connection.last().at(0).toBool(), 15'000);
        QTRY_VERIFY_WITH_TIMEOUT(seen.contains(after), 5000);
        // The same save works again.
        const QString saved = saveRulesAndWait(receiver, fewer);
        QVERIFY2(saved.isEmpty(), qPrintable(saved));
        QCOMPARE(receiver.pipelineConfig()->rules, fewer);

        // The viewer's reads reconnect too (a read may fail once, finding its connection gone).
        QTRY_COMPARE_WITH_TIMEOUT(
            onStore(viewer.reader(), [](Store &s) { return s.deliveryCount(); }).value_or(-1), qint64(2), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(
            onStore(viewer.figuresReader(),
                [](Store &s) {
                    return s.entryTotals(EntryFilter {{QStringLiteral("/expenses")}}).value_or(EntryTotals {}).sumCents;
                }),
            qint64(300), 5000);
    }
};

QTEST_GUILESS_MAIN(TestTeamRestart)
#include "tst_teamrestart.moc"
