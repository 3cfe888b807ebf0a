// The window's send dialog over a running receiver, offscreen: the fixtures to pick from, their data
// fields in a table that the user edits, the body sent (signed with the first secret) and the answer.
#include "receivercore.h"
#include "senddialog.h"
#include "testsupport.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace testsupport;

class TestSendDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    peanuts::ReceiverCore m_core;

    QString valueOf(peanuts::SendDialog &dialog, const QString &key)
    {
        QTableWidget *table = dialog.fieldTable();
        for (int row = 0; row < table->rowCount(); ++row) {
            if (table->item(row, 0)->text() == key)
                return table->item(row, 1)->text();
        }
        return QStringLiteral("<absent>");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_core.start(testOptions(m_dir.path()), &error), qPrintable(error));
    }

    void cleanupTestCase() { m_core.stop(); }

    void editAndSend()
    {
        peanuts::SendDialog dialog(&m_core);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.fixtureBox()->count(), 8);
        QVERIFY(dialog.selectFixture(QStringLiteral("expense.high")));
        // The fixture's data fields, each as text that reads back as the same value.
        QCOMPARE(dialog.fieldTable()->rowCount(), 3);
        QCOMPARE(valueOf(dialog, QStringLiteral("amount")), QStringLiteral("1250.00"));
        QCOMPARE(valueOf(dialog, QStringLiteral("category")), QStringLiteral("Travel"));

        dialog.setField(QStringLiteral("amount"), QStringLiteral("777.70"));
        dialog.setField(QStringLiteral("meta.source"), QStringLiteral("dialog"));
        dialog.setField(QStringLiteral("code"), QStringLiteral("\"true\""));
        dialog.fieldTable()->removeRow(2); // description
        dialog.entryIdEdit()->setText(QStringLiteral("dialog-1"));
        if (!qEnvironmentVariableIsEmpty("PEANUTS_SCREENSHOT_DIR"))
            dialog.resize(700, 560);

        QSignalSpy answered(&dialog, &peanuts::SendDialog::answered);
        QTest::mouseClick(dialog.sendButton(), Qt::LeftButton);
        QVERIFY(answered.wait(5000));
        QCOMPARE(answered.at(0).at(0).toInt(), 200);
        QCOMPARE(answered.at(0).at(1).toByteArray(), QByteArray("{\"processed\":true}"));
        const QByteArray body = dialog.lastBody();
        QVERIFY2(body.contains("\"entry\":{\"id\":\"dialog-1\","), body.constData());
        QVERIFY2(body.contains("\"data\":{\"amount\":777.70,\"category\":\"Travel\",\"meta\":{\"source\":\"dialog\"},"
                               "\"code\":\"true\"}"),
            body.constData());
        QVERIFY(dialog.answerText().contains(QStringLiteral("HTTP 200")));
        QVERIFY(dialog.answerText().contains(QStringLiteral("{\"processed\":true}")));

        const QString dir = qEnvironmentVariable("PEANUTS_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QTest::qWait(200);
            QVERIFY(dialog.grab().save(QDir(dir).filePath(QStringLiteral("send-dialog.png"))));
        }

        // Sent again: the same bytes but for the time, a new delivery of the same entry.
        QTest::mouseClick(dialog.sendButton(), Qt::LeftButton);
        QTRY_COMPARE(answered.count(), 2);
        QCOMPARE(answered.at(1).at(0).toInt(), 200);
    }

    void badRowsAreRefused()
    {
        peanuts::SendDialog dialog(&m_core);
        QSignalSpy answered(&dialog, &peanuts::SendDialog::answered);
        dialog.setField(QString(), QStringLiteral("orphan"));
        dialog.send();
        QVERIFY(dialog.answerText().contains(QStringLiteral("no field name")));
        dialog.fieldTable()->removeRow(dialog.fieldTable()->rowCount() - 1);
        dialog.setField(QStringLiteral("description.x"), QStringLiteral("1"));
        dialog.send();
        QVERIFY2(dialog.answerText().startsWith(QStringLiteral("Not sent: ")), qPrintable(dialog.answerText()));
        QTest::qWait(200);
        QCOMPARE(answered.count(), 0);
    }

    void noSecretNoSend()
    {
        peanuts::ReceiverCore core;
        QTemporaryDir dir;
        peanuts::Options options = testOptions(dir.path());
        QString error;
        qunsetenv("PEANUTS_SECRET");
        QVERIFY2(core.start(options, &error), qPrintable(error));
        peanuts::SendDialog dialog(&core);
        dialog.send();
        QVERIFY2(dialog.answerText().contains(QStringLiteral("no webhook secret")), qPrintable(dialog.answerText()));
        core.stop();
    }
};

QTEST_MAIN(TestSendDialog)
#include "tst_senddialog.moc"
