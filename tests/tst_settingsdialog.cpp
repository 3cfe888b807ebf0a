// The settings dialog against an in-process receiver: rebinding to a free port, refusing a taken one
// while the old listener keeps working, a secret added in the table verifying at once, and the
// precedence of the command line over settings. TLS and the allowance for plain HTTP beyond
// loopback: refused without either, applied at once with a certificate, and an older settings file's
// warning in the dialog and the window until a choice is made.
#include "config/options.h"
#include "config/secretstore.h"
#include "config/settings.h"
#include "mainwindow.h"
#include "pipeline/notifier.h"
#include "receivercore.h"
#include "settingsdialog.h"
#include "testsupport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslSocket>
#include <QTabWidget>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace testsupport;

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    peanuts::ReceiverCore m_core;
    std::unique_ptr<peanuts::SecretStore> m_secrets;
    int m_entry = 0;

    static quint16 freePort()
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return 0;
        const quint16 port = probe.serverPort();
        probe.close();
        return port;
    }

    static bool answersHealth(quint16 port)
    {
        RawClient client(port);
        if (!client.isConnected())
            return false;
        client.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        return client.waitForReplies(1, 3000).value(0).status == 200;
    }

    // The status of GET /api/stats with that bearer token, over real HTTP.
    static int statsStatus(quint16 port, const QByteArray &token)
    {
        RawClient client(port);
        if (!client.isConnected())
            return 0;
        client.send("GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n\r\n");
        return client.waitForReplies(1, 3000).value(0).status;
    }

    int deliver(const QByteArray &secret)
    {
        const QByteArray body = makeBody(QStringLiteral("settings-%1").arg(++m_entry));
        RawClient client(m_core.port());
        client.send(webhookRequest(body, sign(secret, body)));
        return client.waitForReplies(1).value(0).status;
    }

    void screenshot(peanuts::SettingsDialog &dialog, const QString &name)
    {
        const QString dir = qEnvironmentVariable("PEANUTS_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        auto *tabs = dialog.findChild<QTabWidget *>();
        QVERIFY(tabs);
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            QTest::qWait(100);
            const QString file = QStringLiteral("settings-%1-%2.png").arg(name).arg(i);
            QVERIFY(dialog.grab().save(QDir(dir).filePath(file)));
        }
        tabs->setCurrentIndex(0);
    }

    // A receiver of its own on a free loopback port (the shared one stays as the other cases expect),
    // its settings file written first.
    struct OwnReceiver
    {
        QTemporaryDir dir;
        peanuts::ReceiverCore core;
        bool start(const QList<QPair<QString, QVariant>> &saved, QString *error)
        {
            const peanuts::Options options = testOptions(dir.path());
            {
                QSettings settings(options.settingsPath, QSettings::IniFormat);
                for (const auto &[key, value] : saved)
                    settings.setValue(key, value);
            }
            return core.start(options, error);
        }
    };
    static QString tlsData(const char *name)
    {
        return QStringLiteral(PEANUTS_TEST_DATA_DIR "/tls/") + QLatin1String(name);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_core.start(testOptions(m_dir.path()), &error), qPrintable(error));
        m_secrets = std::make_unique<peanuts::SecretStore>(
            QStringLiteral("peanuts-monitor-test"), m_dir.filePath(QStringLiteral("secrets.json")));
        m_secrets->setKeychainEnabled(false);
        QSignalSpy loaded(m_secrets.get(), &peanuts::SecretStore::loaded);
        m_secrets->load();
        QVERIFY(loaded.wait(5000));
    }

    void rebindToFreePort()
    {
        peanuts::SettingsDialog dialog(&m_core, m_secrets.get());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        screenshot(dialog, QStringLiteral("opened"));
        const quint16 old = m_core.port();
        QVERIFY(answersHealth(old));
        const quint16 port = freePort();
        QVERIFY(port != 0 && port != old);
        dialog.setPort(port);
        QVERIFY2(dialog.apply(), qPrintable(dialog.lastError()));
        QCOMPARE(m_core.port(), port);
        QVERIFY(answersHealth(port));
        QVERIFY(!answersHealth(old));
        QCOMPARE(m_core.settings()->port(), port);
    }

    void takenPortKeepsTheOldListener()
    {
        QTcpServer holder;
        QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
        const quint16 taken = holder.serverPort();
        const quint16 before = m_core.port();
        const quint16 savedBefore = m_core.settings()->port();

        peanuts::SettingsDialog dialog(&m_core, m_secrets.get());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.setPort(taken);
        QVERIFY(!dialog.apply());
        QVERIFY2(dialog.lastError().contains(QString::number(taken)), qPrintable(dialog.lastError()));
        auto *error = dialog.findChild<QLabel *>(QStringLiteral("error"));
        QVERIFY(error);
        QVERIFY(error->isVisible());
        QCOMPARE(error->text(), dialog.lastError());
        QVERIFY(dialog.isVisible()); // the dialog stays open to fix the port
        screenshot(dialog, QStringLiteral("taken-port"));

        QCOMPARE(m_core.port(), before);
        QVERIFY(answersHealth(before));
        QCOMPARE(m_core.settings()->port(), savedBefore); // nothing was saved

        // Back to a free port, the error goes away.
        dialog.setPort(freePort());
        QVERIFY2(dialog.apply(), qPrintable(dialog.lastError()));
        QVERIFY(!error->isVisible());
        QVERIFY(answersHealth(m_core.port()));
    }

    void addedSecretVerifiesAtOnce()
    {
        const QByteArray fresh = QByteArrayLiteral("fresh-secret-from-the-dialog");
        QCOMPARE(deliver(fresh), 401);
        {
            peanuts::SettingsDialog dialog(&m_core, m_secrets.get());
            QSignalSpy saved(m_secrets.get(), &peanuts::SecretStore::saved);
            dialog.addSecretRow(QStringLiteral("dialog"), QString::fromUtf8(fresh));
            QVERIFY2(dialog.apply(), qPrintable(dialog.lastError()));
            QCOMPARE(deliver(fresh), 200);
            QCOMPARE(deliver(kSecret), 200); // the environment's secret still counts
            QVERIFY(saved.wait(5000));
            QCOMPARE(saved.at(0).at(0).toString(), QString());
        }
        QCOMPARE(m_secrets->secrets().size(), 1);
        QCOMPARE(m_secrets->secrets().at(0).label, QStringLiteral("dialog"));

        // A new dialog lists it (masked); removing it there stops it verifying.
        peanuts::SettingsDialog dialog(&m_core, m_secrets.get());
        auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("secrets"));
        QVERIFY(table);
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("dialog"));
        QVERIFY(!table->item(0, 1)->text().contains(QString::fromUtf8(fresh)));
        auto *show = qobject_cast<QToolButton *>(table->cellWidget(0, 2));
        QVERIFY(show);
        show->click();
        QCOMPARE(table->item(0, 1)->text(), QString::fromUtf8(fresh));
        show->click();
        QVERIFY(!table->item(0, 1)->text().contains(QString::fromUtf8(fresh)));
        screenshot(dialog, QStringLiteral("secret"));
        table->removeRow(0);
        QVERIFY2(dialog.apply(), qPrintable(dialog.lastError()));
        QCOMPARE(deliver(fresh), 401);
        QVERIFY(m_secrets->secrets().isEmpty());
    }

    void incompleteSecretRowIsRefused()
    {
        peanuts::SettingsDialog dialog(&m_core, m_secrets.get());
        dialog.addSecretRow(QStringLiteral("no value"), QString());
        QVERIFY(!dialog.apply());
        QVERIFY2(dialog.lastError().contains(QStringLiteral("row 1")), qPrintable(dialog.lastError()));
    }

    void onlyEditedFieldsAreSaved()
    {
        peanuts::Settings *settings = m_core.settings();
        peanuts::SettingsDialog dialog(&m_core, m_secrets.get());
        auto *durability = dialog.findChild<QComboBox *>(QStringLiteral("durability"));
        QVERIFY(durability);
        durability->setCurrentIndex(durability->findData(QStringLiteral("full")));
        QVERIFY2(dialog.apply(), qPrintable(dialog.lastError()));
        QCOMPARE(settings->durability(), QStringLiteral("full"));
        // Shown, not edited: the test's database path and UTC zone stay out of the settings.
        QCOMPARE(settings->databasePath(), QString());
        QCOMPARE(settings->timeZone(), QString());
        QCOMPARE(settings->maxBodyBytes(), qint64(0));
        // Read at start: the running receiver keeps its options.
        QCOMPARE(m_core.options().durability, peanuts::Durability::Normal);
    }

    // A regenerated token is in force at once: the old one gets 401 from the next request on, not
    // after a restart (issue 11, defect 10).
    void regeneratedTokenTakesEffectAtOnce()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const peanuts::Options options = testOptions(dir.path());
        qunsetenv("PEANUTS_API_TOKEN"); // the token from settings, which Regenerate replaces
        peanuts::ReceiverCore core;
        QString error;
        const bool started = core.start(options, &error);
        qputenv("PEANUTS_API_TOKEN", kApiToken);
        QVERIFY2(started, qPrintable(error));
        const QByteArray old = core.apiToken();
        QVERIFY(old.startsWith("pm_"));
        QCOMPARE(statsStatus(core.port(), old), 200);

        peanuts::SettingsDialog dialog(&core, m_secrets.get());
        auto *token = dialog.findChild<QLineEdit *>(QStringLiteral("token"));
        auto *regenerate = dialog.findChild<QPushButton *>(QStringLiteral("regenerate"));
        QVERIFY(token && regenerate);
        QCOMPARE(token->echoMode(), QLineEdit::Password);
        regenerate->click();
        const QByteArray fresh = core.settings()->apiToken();
        QVERIFY(fresh != old);
        QVERIFY(fresh.startsWith("pm_"));
        QCOMPARE(token->text().toUtf8(), fresh);
        QCOMPARE(statsStatus(core.port(), old), 401);
        QCOMPARE(statsStatus(core.port(), fresh), 200);
        QCOMPARE(core.apiToken(), fresh);
        bool said = false;
        for (const QLabel *label : dialog.findChildren<QLabel *>())
            said = said || label->text().contains(QStringLiteral("in force"), Qt::CaseInsensitive);
        QVERIFY(said);
    }

    // PEANUTS_API_TOKEN wins over the saved token: Regenerate saves a new one for later runs, and
    // this run keeps answering the environment's token.
    void regeneratedTokenWithEnvironmentToken()
    {
        peanuts::Settings *settings = m_core.settings();
        const QByteArray running = m_core.apiToken();
        QCOMPARE(running, kApiToken);
        const QByteArray savedBefore = settings->apiToken();
        peanuts::SettingsDialog dialog(&m_core, m_secrets.get());
        auto *token = dialog.findChild<QLineEdit *>(QStringLiteral("token"));
        auto *regenerate = dialog.findChild<QPushButton *>(QStringLiteral("regenerate"));
        QVERIFY(token && regenerate);
        regenerate->click();
        const QByteArray fresh = settings->apiToken();
        QVERIFY(fresh != savedBefore);
        QVERIFY(fresh.startsWith("pm_"));
        QCOMPARE(token->text().toUtf8(), fresh);
        QCOMPARE(m_core.apiToken(), running);
        QCOMPARE(statsStatus(m_core.port(), running), 200);
        QCOMPARE(statsStatus(m_core.port(), fresh), 401);
        bool said = false;
        for (const QLabel *label : dialog.findChildren<QLabel *>())
            said = said || label->text().contains(QStringLiteral("PEANUTS_API_TOKEN"));
        QVERIFY(said);
    }

    void plainHttpBeyondLoopbackNeedsTheAllowance()
    {
        OwnReceiver receiver;
        QString error;
        QVERIFY2(receiver.start({}, &error), qPrintable(error));
        peanuts::ReceiverCore &core = receiver.core;
        const quint16 port = core.port();
        peanuts::SettingsDialog dialog(&core, m_secrets.get());
        auto *bind = dialog.findChild<QComboBox *>(QStringLiteral("bind"));
        auto *allow = dialog.findChild<QCheckBox *>(QStringLiteral("allowPlainHttp"));
        QVERIFY(bind && allow);
        QVERIFY(!allow->isChecked());
        bind->setCurrentText(QStringLiteral("0.0.0.0"));
        QVERIFY(!dialog.apply());
        QVERIFY2(dialog.lastError().startsWith(QLatin1String("Refusing to listen on 0.0.0.0 with plain HTTP")),
            qPrintable(dialog.lastError()));
        QVERIFY2(dialog.lastError().contains(QLatin1String("Nothing was saved")), qPrintable(dialog.lastError()));
        QCOMPARE(core.options().bindAddress, QHostAddress(QHostAddress::LocalHost));
        QVERIFY(answersHealth(port));
        QCOMPARE(core.settings()->bindAddress(), QString());
        QVERIFY(!core.settings()->contains(peanuts::Settings::Key::AllowPlainHttp));

        allow->setChecked(true);
        QVERIFY2(dialog.apply(), qPrintable(dialog.lastError()));
        QCOMPARE(core.options().bindAddress, QHostAddress(QHostAddress::AnyIPv4));
        QCOMPARE(core.settings()->bindAddress(), QStringLiteral("0.0.0.0"));
        QCOMPARE(core.settings()->value(peanuts::Settings::Key::AllowPlainHttp).toBool(), true);
        QVERIFY(answersHealth(core.port()));
        QCOMPARE(core.plainHttpWarning(), QString());
    }

    void olderSettingsWarnUntilTlsIsSet()
    {
        OwnReceiver receiver;
        QString error;
        QTest::ignoreMessage(
            QtWarningMsg, QRegularExpression(QStringLiteral("^Listening on 0\\.0\\.0\\.0 with plain HTTP")));
        QVERIFY2(
            receiver.start({{QStringLiteral("receiver/bind"), QStringLiteral("0.0.0.0")}}, &error), qPrintable(error));
        peanuts::ReceiverCore &core = receiver.core;
        peanuts::RecordingNotifier notifier;
        peanuts::MainWindow window(&core, &notifier, m_secrets.get());
        QLabel *windowWarning = window.plainHttpWarningLabel();
        QVERIFY(windowWarning && !windowWarning->isHidden());
        QVERIFY(windowWarning->toolTip().contains(QLatin1String("earlier version")));

        peanuts::SettingsDialog dialog(&core, m_secrets.get());
        auto *warning = dialog.findChild<QLabel *>(QStringLiteral("plainHttpWarning"));
        QVERIFY(warning && !warning->isHidden());
        QVERIFY(warning->text().contains(QLatin1String("earlier version")));
        // Applied untouched, the older file stays as it was: still allowed, still warned.
        QVERIFY2(dialog.apply(), qPrintable(dialog.lastError()));
        QVERIFY(!core.settings()->contains(peanuts::Settings::Key::AllowPlainHttp));
        QVERIFY(!warning->isHidden());

        // A key that is not the certificate's: refused, nothing saved, plain HTTP still served.
        auto *cert = dialog.findChild<QLineEdit *>(QStringLiteral("tlsCert"));
        auto *key = dialog.findChild<QLineEdit *>(QStringLiteral("tlsKey"));
        QVERIFY(cert && key);
        cert->setText(tlsData("cert.pem"));
        key->setText(tlsData("other-key.pem"));
        QVERIFY(!dialog.apply());
        QVERIFY2(dialog.lastError().contains(QLatin1String("does not belong to the certificate")),
            qPrintable(dialog.lastError()));
        QCOMPARE(core.settings()->tlsCert(), QString());
        QVERIFY(!core.servesTls());

        key->setText(tlsData("key.pem"));
        QVERIFY2(dialog.apply(), qPrintable(dialog.lastError()));
        QVERIFY(core.servesTls());
        QVERIFY(warning->isHidden());
        QVERIFY(windowWarning->isHidden());
        QCOMPARE(core.settings()->tlsCert(), tlsData("cert.pem"));
        QCOMPARE(core.settings()->tlsKey(), tlsData("key.pem"));
        QVERIFY(core.settings()->contains(peanuts::Settings::Key::AllowPlainHttp));
        QSslConfiguration trusting = QSslConfiguration::defaultConfiguration();
        trusting.setCaCertificates(QSslCertificate::fromPath(tlsData("cert.pem")));
        RawClient client(core.port(), trusting);
        QVERIFY2(client.encrypted(), qPrintable(client.socket().errorString()));
    }

    void stoppedReceiverAppliesNothing()
    {
        peanuts::ReceiverCore idle;
        peanuts::SettingsDialog dialog(&idle, m_secrets.get());
        QVERIFY(!dialog.apply());
        QVERIFY(dialog.lastError().contains(QStringLiteral("not running")));
    }

    void commandLineWinsOverSettings()
    {
        peanuts::Settings settings(m_dir.filePath(QStringLiteral("precedence.ini")));
        settings.setPort(9999);
        settings.setBindAddress(QStringLiteral("0.0.0.0"));
        settings.setDurability(QStringLiteral("full"));
        settings.setMaxBodyBytes(4096);
        settings.setDatabasePath(m_dir.filePath(QStringLiteral("from-settings.db")));
        settings.setExpenseCommands({QStringLiteral("/spend")});
        settings.setTimeZone(QStringLiteral("Asia/Tokyo"));

        const QString program = QStringLiteral("peanuts-monitor");
        peanuts::CommandLine explicitPort = peanuts::parseCommandLine({program, QStringLiteral("--port"),
            QStringLiteral("1234"), QStringLiteral("--durability"), QStringLiteral("normal")});
        QVERIFY(!explicitPort.exit);
        peanuts::applySettings(explicitPort.options, settings);
        QCOMPARE(explicitPort.options.port, quint16(1234));
        QCOMPARE(explicitPort.options.durability, peanuts::Durability::Normal);
        QCOMPARE(explicitPort.options.bindAddress, QHostAddress(QHostAddress::AnyIPv4));

        peanuts::CommandLine none = peanuts::parseCommandLine({program});
        QVERIFY(!none.exit);
        peanuts::applySettings(none.options, settings);
        QCOMPARE(none.options.port, quint16(9999));
        QCOMPARE(none.options.durability, peanuts::Durability::Full);
        QCOMPARE(none.options.limits.maxBodyBytes, qint64(4096));
        QCOMPARE(none.options.dbPath, m_dir.filePath(QStringLiteral("from-settings.db")));
        QCOMPARE(none.options.figures.expenseCommands, QStringList {QStringLiteral("/spend")});
        QCOMPARE(none.options.figures.zone.id(), QByteArray("Asia/Tokyo"));

        // A zone the settings name wrongly keeps the default, with a warning.
        settings.setTimeZone(QStringLiteral("Mars/Olympus_Mons"));
        peanuts::CommandLine badZone = peanuts::parseCommandLine({program});
        const QTimeZone before = badZone.options.figures.zone;
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("unknown time zone.*Mars")));
        peanuts::applySettings(badZone.options, settings);
        QCOMPARE(badZone.options.figures.zone, before);
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
