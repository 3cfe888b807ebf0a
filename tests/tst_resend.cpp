// "Edit and resend", with real widgets offscreen over an in-process receiver on a free port: an edited
// body sent here arrives as a delivery that links back to its source (the inspector shows the link),
// one sent to a URL reaches a local sink byte for byte under the forwarding secret's signature, a
// redirect is not followed, and the editor refuses what is not JSON, saying where.
#include "editresenddialog.h"
#include "httpsink.h"
#include "ingest/signature.h"
#include "inspect/resend.h"
#include "inspector.h"
#include "receivercore.h"
#include "screenshot.h"
#include "services/storecall.h"
#include "store/sqlitestore.h"
#include "testsupport.h"

#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace peanuts;
using namespace testsupport;

namespace {
const QByteArray kForwardSecret = QByteArrayLiteral("forward-secret");
}

class TestResend : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    ReceiverCore m_core;

    qint64 newestId() { return newestDeliveryId(m_core.store()); }

    std::optional<Delivery> storedDelivery(qint64 id)
    {
        std::optional<Delivery> found;
        bool answered = false;
        QObject receiver;
        askStore(
            m_core.store(), &receiver, [id](Store &store) { return store.delivery(id); },
            [&](std::optional<Delivery> d) {
                found = std::move(d);
                answered = true;
            });
        [&] { QTRY_VERIFY(answered); }();
        return found;
    }

    qint64 postOriginal(const QString &entryId)
    {
        return postAndFindId(m_core.port(), m_core.store(), makeBody(entryId));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("PEANUTS_FORWARD_SECRET", kForwardSecret);
        QString error;
        QVERIFY2(m_core.start(testOptions(m_dir.path()), &error), qPrintable(error));
    }

    void theRegistryLinksOnceAndForAWhile()
    {
        ResendRegistry registry;
        const QByteArray a = sha256("a"), b = sha256("b");
        QCOMPARE(registry.take(a, 1000), 0);
        registry.expect(a, 7, 1000);
        QCOMPARE(registry.take(b, 1001), 0);
        QCOMPARE(registry.take(a, 1001), 7);
        QCOMPARE(registry.take(a, 1002), 0); // taken once
        registry.expect(b, 8, 1000);
        QCOMPARE(registry.take(b, 1000 + ResendRegistry::kExpireMs), 0); // lapsed
    }

    void theJsonCheckSaysWhere()
    {
        QVERIFY(jsonProblem("{\"a\": 1}").isEmpty());
        QVERIFY(jsonProblem("[1, 2]").isEmpty());
        QVERIFY(jsonProblem("{\n  \"a\": ,\n}").startsWith(QStringLiteral("line 2, column 8:")));
        QVERIFY(jsonProblem("{\"é\": 1,,}").startsWith(QStringLiteral("line 1, column 9:"))); // characters, not bytes
        QVERIFY(!jsonProblem("").isEmpty());
    }

    void anEditedBodySentHereLinksBack()
    {
        const qint64 source = postOriginal(QStringLiteral("resend-1"));
        QVERIFY(source > 0);
        const std::optional<Delivery> original = storedDelivery(source);
        QVERIFY(original);
        QCOMPARE(original->resentFrom, 0);

        EditResendDialog dialog(&m_core, source, original->body);
        QCOMPARE(dialog.editor()->toPlainText().toUtf8(), original->body);
        QVERIFY(dialog.toReceiver()->isChecked());
        QByteArray edited = original->body;
        edited.replace("12.50", "612.75");
        QVERIFY(edited != original->body);
        dialog.editor()->setPlainText(QString::fromUtf8(edited));
        QVERIFY(dialog.sendButton()->isEnabled());
        QSignalSpy answered(&dialog, &EditResendDialog::answered);
        dialog.sendButton()->click();
        QVERIFY(answered.wait(5000));
        QCOMPARE(answered.constFirst().constFirst().toInt(), 200);
        QVERIFY(dialog.answerLabel()->text().contains(QStringLiteral("answered 200")));

        const qint64 arrived = newestId();
        QVERIFY(arrived > source);
        const std::optional<Delivery> copy = storedDelivery(arrived);
        QVERIFY(copy);
        QCOMPARE(copy->body, edited);
        QVERIFY(!isRejected(copy->outcome)); // verified (stale here: same time and entry as the original)
        QCOMPARE(copy->resentFrom, source);

        // The same bytes again, from elsewhere: no link (the app did not send them).
        RawClient client(m_core.port());
        client.send(signedRequest(edited));
        QCOMPARE(client.waitForReplies(1).value(0).status, 200);
        const std::optional<Delivery> again = storedDelivery(newestId());
        QVERIFY(again && again->id > arrived);
        QCOMPARE(again->resentFrom, 0);

        // The inspector names the source, as a link that opens it.
        Inspector inspector(&m_core);
        inspector.resize(900, 500);
        QSignalSpy shown(&inspector, &Inspector::deliveryShown);
        inspector.showDelivery(arrived);
        QTRY_COMPARE(shown.size(), 1);
        QVERIFY(inspector.titleLabel()->text().contains(QStringLiteral("resent from <a href='#%1'>").arg(source)));
        QVERIFY(inspector.editResendButton()->isEnabled());
        Q_EMIT inspector.titleLabel()->linkActivated(QStringLiteral("#%1").arg(source));
        QTRY_COMPARE(shown.size(), 2);
        QCOMPARE(inspector.currentId(), source);
        QVERIFY(!inspector.titleLabel()->text().contains(QStringLiteral("resent from")));
    }

    void anEditedBodySentToAUrlIsSignedWithTheForwardingSecret()
    {
        HttpSink sink;
        QVERIFY(sink.listen());
        const QByteArray body = "{\"edited\": \"ünïcode\",\n \"n\": 1.10}";
        EditResendDialog dialog(&m_core, 1, body);
        dialog.toUrl()->setChecked(true);
        QVERIFY(!dialog.sendButton()->isEnabled()); // no URL yet
        dialog.urlField()->setText(QStringLiteral("file:///etc/passwd"));
        QVERIFY(!dialog.sendButton()->isEnabled());
        QVERIFY(dialog.checkLabel()->text().contains(QStringLiteral("http")));
        dialog.urlField()->setText(sink.url());
        QVERIFY(dialog.sendButton()->isEnabled());
        QSignalSpy answered(&dialog, &EditResendDialog::answered);
        dialog.sendButton()->click();
        QVERIFY(answered.wait(5000));
        QCOMPARE(answered.constFirst().constFirst().toInt(), 200);
        QCOMPARE(sink.count(), 1);
        QCOMPARE(sink.requests()[0].body, body);
        QCOMPARE(sink.requests()[0].header("x-peanuts-signature"), hmacSha256Hex(kForwardSecret, body));
        QCOMPARE(sink.requests()[0].header("content-type"), QByteArray("application/json"));
        saveScreenshot(&dialog, QStringLiteral("edit-resend-dialog"));
    }

    void aRedirectIsNotFollowed()
    {
        HttpSink elsewhere;
        QVERIFY(elsewhere.listen());
        SinkAnswer redirect;
        redirect.status = 307;
        redirect.headers.append({"Location", elsewhere.url().toUtf8()});
        HttpSink sink(HttpSink::always(redirect));
        QVERIFY(sink.listen());
        EditResendDialog dialog(&m_core, 1, "{}");
        dialog.toUrl()->setChecked(true);
        dialog.urlField()->setText(sink.url());
        QSignalSpy answered(&dialog, &EditResendDialog::answered);
        dialog.sendButton()->click();
        QVERIFY(answered.wait(5000));
        QCOMPARE(answered.constFirst().constFirst().toInt(), 307);
        QTest::qWait(100);
        QCOMPARE(elsewhere.count(), 0);
    }

    void whatIsNotJsonIsNotSent()
    {
        EditResendDialog dialog(&m_core, 1, "{\"a\": 1}");
        QVERIFY(dialog.sendButton()->isEnabled());
        QVERIFY(dialog.checkLabel()->text().contains(QStringLiteral("Valid JSON")));
        dialog.editor()->setPlainText(QStringLiteral("{\"a\": }"));
        QVERIFY(!dialog.sendButton()->isEnabled());
        QVERIFY(dialog.checkLabel()->text().startsWith(QStringLiteral("Not JSON: line 1, column 7")));
    }

    // Written with the delivery that arrived, read back with it, and gone with it (schema 9's trigger);
    // the source may have gone before: the link stays as written.
    void aLinkGoesWithItsDelivery()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("links.db"));
        {
            SqliteStore store;
            QString error;
            QVERIFY2(store.open(StoreConfig {path}, &error), qPrintable(error));
            QList<Delivery> batch {receivedDelivery(makeBody(QStringLiteral("link-1")), 1000),
                receivedDelivery(makeBody(QStringLiteral("link-2")), 1000)};
            batch[1].resentFrom = 4242;
            QVERIFY(commitBatch(store, batch));
            QCOMPARE(store.delivery(batch[0].id)->resentFrom, 0);
            QCOMPARE(store.delivery(batch[1].id)->resentFrom, 4242);
            QVERIFY(store.deleteDeliveries({batch[1].id}));
        }
        QCOMPARE(rawNumber(path, "SELECT count(*) FROM resends"), 0);
    }

    void cleanupTestCase() { m_core.stop(); }
};

QTEST_MAIN(TestResend)
#include "tst_resend.moc"
