// The window over a running receiver, offscreen: it names the address and follows the counts.
#include "mainwindow.h"
#include "receivercore.h"
#include "testsupport.h"

#include <QApplication>
#include <QLabel>
#include <QTemporaryDir>
#include <QTest>

using namespace testsupport;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsAddressAndLiveCounts()
    {
        QTemporaryDir dir;
        peanuts::ReceiverCore core;
        QString error;
        QVERIFY2(core.start(testOptions(dir.path()), &error), qPrintable(error));
        peanuts::MainWindow window(&core);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        auto labelText = [&] {
            QString all;
            const auto labels = window.findChildren<QLabel *>();
            for (const QLabel *label : labels)
                all += label->text() + u'\n';
            return all;
        };
        const QString port = QString::number(core.port());
        QVERIFY(labelText().contains(QStringLiteral("http://127.0.0.1:%1/webhook").arg(port)));
        QVERIFY(labelText().contains(QStringLiteral("ngrok http %1").arg(port)));
        QVERIFY(labelText().contains(QStringLiteral("env"))); // the secret's label, never its value
        QVERIFY(!labelText().contains(QString::fromLatin1(kSecret)));

        RawClient client(core.port());
        client.send(signedRequest(makeBody(QStringLiteral("window-1"))));
        client.send(webhookRequest(makeBody(QStringLiteral("window-2")), QByteArray(64, 'a')));
        QCOMPARE(client.waitForReplies(2).size(), 2);
        // Each outcome's row shows its count once the batch has committed.
        QTRY_VERIFY(labelText().contains(QStringLiteral("accepted</td><td align=right><b>1</b>")));
        QTRY_VERIFY(labelText().contains(QStringLiteral("rejected: signature</td><td align=right><b>1</b>")));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
