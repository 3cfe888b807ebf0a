// SecretStore: the 0600 fallback file, loaded/saved emitted once and from the event loop, the fallback
// when no keychain answers (headless, no D-Bus), and no secret value in any log message.
#include "config/secretstore.h"

#include <QFile>
#include <QMutex>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

namespace {

QMutex messagesMutex;
QStringList messages;
QtMessageHandler previousHandler = nullptr;

// Records every message (and still prints it), so that a test can prove no secret was logged.
void recordMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&messagesMutex);
        messages.append(message);
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

int fileMode(const QString &path)
{
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

QList<peanuts::Secret> sample()
{
    return {{QStringLiteral("current"), QByteArrayLiteral("s3cret-current-7f1e")},
        {QStringLiteral("rotated out"), QByteArrayLiteral("s3cret-old-\xc3\xa9\"quoted\"")},
        {QStringLiteral("équipe/α"), QByteArrayLiteral("s3cret-unicode-label")}};
}

bool sameSecrets(QList<peanuts::Secret> a, QList<peanuts::Secret> b)
{
    auto byLabel = [](const peanuts::Secret &x, const peanuts::Secret &y) { return x.label < y.label; };
    std::sort(a.begin(), a.end(), byLabel);
    std::sort(b.begin(), b.end(), byLabel);
    return a == b;
}

} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    QString nextPath() { return m_dir.filePath(QStringLiteral("secrets-%1.json").arg(++m_files)); }

    // A real keychain is tested only when asked (PEANUTS_TEST_KEYCHAIN=1 under a session bus with
    // an unlocked Secret Service); otherwise the process is made headless.
    static bool realKeychain() { return qEnvironmentVariableIntValue("PEANUTS_TEST_KEYCHAIN") == 1; }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        previousHandler = qInstallMessageHandler(recordMessage);
        if (!realKeychain()) {
            // What a server or a container has: no session bus, no display to autolaunch one.
            qunsetenv("DBUS_SESSION_BUS_ADDRESS");
            qunsetenv("DISPLAY");
            qunsetenv("WAYLAND_DISPLAY");
            qunsetenv("XDG_RUNTIME_DIR");
        }
    }

    void fileRoundTrip()
    {
        const QString path = nextPath();
        peanuts::SecretStore writer(QStringLiteral("peanuts-monitor-test"), path);
        writer.setKeychainEnabled(false);
        QSignalSpy saved(&writer, &peanuts::SecretStore::saved);
        writer.save(sample());
        QCOMPARE(saved.count(), 0); // never from inside save()
        QVERIFY(saved.wait(5000));
        QTest::qWait(50);
        QCOMPARE(saved.count(), 1);
        QCOMPARE(saved.at(0).at(0).toString(), QString());
        QCOMPARE(writer.backend(), peanuts::SecretStore::Backend::File);
        QCOMPARE(fileMode(path), 0600);
        QVERIFY(!QFile::exists(path + QStringLiteral(".new")));

        peanuts::SecretStore reader(QStringLiteral("peanuts-monitor-test"), path);
        reader.setKeychainEnabled(false);
        QSignalSpy loaded(&reader, &peanuts::SecretStore::loaded);
        reader.load();
        QCOMPARE(loaded.count(), 0); // never from inside load()
        QVERIFY(loaded.wait(5000));
        QTest::qWait(50);
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(loaded.at(0).at(1).toString(), QString());
        QVERIFY(sameSecrets(loaded.at(0).at(0).value<QList<peanuts::Secret>>(), sample()));
        QVERIFY(sameSecrets(reader.secrets(), sample()));
        QCOMPARE(reader.backendDescription(), QStringLiteral("a file readable only by you: %1").arg(path));
    }

    void fileModeIgnoresUmaskAndOldMode()
    {
        const QString path = nextPath();
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("{}");
        old.close();
        QVERIFY(QFile::setPermissions(
            path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
        const mode_t umaskBefore = ::umask(0);
        peanuts::SecretStore store(QStringLiteral("peanuts-monitor-test"), path);
        store.setKeychainEnabled(false);
        QSignalSpy saved(&store, &peanuts::SecretStore::saved);
        store.save(sample());
        QVERIFY(saved.wait(5000));
        ::umask(umaskBefore);
        QCOMPARE(fileMode(path), 0600);
    }

    void missingAndEmpty()
    {
        peanuts::SecretStore store(QStringLiteral("peanuts-monitor-test"), nextPath());
        store.setKeychainEnabled(false);
        QSignalSpy loaded(&store, &peanuts::SecretStore::loaded);
        store.load();
        QVERIFY(loaded.wait(5000));
        QVERIFY(loaded.at(0).at(0).value<QList<peanuts::Secret>>().isEmpty());
        QCOMPARE(loaded.at(0).at(1).toString(), QString());

        // Saving an empty list leaves an empty object, which loads as no secrets.
        QSignalSpy saved(&store, &peanuts::SecretStore::saved);
        store.save({});
        QVERIFY(saved.wait(5000));
        store.load();
        QVERIFY(loaded.wait(5000));
        QCOMPARE(loaded.count(), 2);
        QVERIFY(loaded.at(1).at(0).value<QList<peanuts::Secret>>().isEmpty());
    }

    void unreadableFileIsReportedNotQuoted()
    {
        const QString path = nextPath();
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("label=s3cret-in-a-broken-file\n");
        file.close();
        peanuts::SecretStore store(QStringLiteral("peanuts-monitor-test"), path);
        store.setKeychainEnabled(false);
        QSignalSpy loaded(&store, &peanuts::SecretStore::loaded);
        store.load();
        QVERIFY(loaded.wait(5000));
        const QString error = loaded.at(0).at(1).toString();
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY(!error.contains(QStringLiteral("s3cret")));
        QVERIFY(QFile::exists(path)); // left for the user to look at
    }

    void headlessLoadFallsBackToFile()
    {
        if (realKeychain())
            QSKIP("a Secret Service is available (PEANUTS_TEST_KEYCHAIN=1)");
        const QString path = nextPath();
        {
            peanuts::SecretStore seed(QStringLiteral("peanuts-monitor-test"), path);
            seed.setKeychainEnabled(false);
            QSignalSpy saved(&seed, &peanuts::SecretStore::saved);
            seed.save(sample());
            QVERIFY(saved.wait(5000));
        }
        peanuts::SecretStore store(QStringLiteral("peanuts-monitor-test"), path);
        QCOMPARE(store.backend(), peanuts::SecretStore::Backend::Unknown);
        QSignalSpy loaded(&store, &peanuts::SecretStore::loaded);
        QElapsedTimer timer;
        timer.start();
        store.load();
        QCOMPARE(loaded.count(), 0);
        QVERIFY(loaded.wait(5000));
        qInfo("the keychain failed after %lld ms: %s", timer.elapsed(), qPrintable(store.backendDescription()));
        QTest::qWait(50);
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(loaded.at(0).at(1).toString(), QString());
        QCOMPARE(store.backend(), peanuts::SecretStore::Backend::File);
        QVERIFY(sameSecrets(loaded.at(0).at(0).value<QList<peanuts::Secret>>(), sample()));
        const QString description = store.backendDescription();
        QVERIFY2(description.startsWith(QStringLiteral("a file readable only by you: %1 (no system keychain "
                                                       "available: ")
                                            .arg(path)),
            qPrintable(description));
        QVERIFY(description.endsWith(u')'));
        QVERIFY2(description.size()
                > QStringLiteral("a file readable only by you: %1 (no system keychain available: )").arg(path).size(),
            "the reason is given");

        // Saving goes to the file too, and is signalled once.
        QSignalSpy saved(&store, &peanuts::SecretStore::saved);
        QList<peanuts::Secret> more = sample();
        more.append({QStringLiteral("added"), QByteArrayLiteral("s3cret-added-later")});
        store.save(more);
        QCOMPARE(saved.count(), 0);
        QVERIFY(saved.wait(5000));
        QTest::qWait(50);
        QCOMPARE(saved.count(), 1);
        QCOMPARE(saved.at(0).at(0).toString(), QString());
        QCOMPARE(fileMode(path), 0600);
        peanuts::SecretStore again(QStringLiteral("peanuts-monitor-test"), path);
        again.setKeychainEnabled(false);
        QSignalSpy reloaded(&again, &peanuts::SecretStore::loaded);
        again.load();
        QVERIFY(reloaded.wait(5000));
        QVERIFY(sameSecrets(again.secrets(), more));
    }

    void headlessSaveBeforeLoadFallsBackToFile()
    {
        if (realKeychain())
            QSKIP("a Secret Service is available (PEANUTS_TEST_KEYCHAIN=1)");
        const QString path = nextPath();
        peanuts::SecretStore store(QStringLiteral("peanuts-monitor-test"), path);
        QSignalSpy saved(&store, &peanuts::SecretStore::saved);
        store.save(sample());
        QCOMPARE(saved.count(), 0);
        QVERIFY(saved.wait(5000));
        QTest::qWait(50);
        QCOMPARE(saved.count(), 1);
        QCOMPARE(saved.at(0).at(0).toString(), QString());
        QCOMPARE(store.backend(), peanuts::SecretStore::Backend::File);
        QCOMPARE(fileMode(path), 0600);
    }

    // With a working keychain: the file's secrets move into it, the file goes, and one entry holds all.
    void keychainMigratesFile()
    {
        if (!realKeychain())
            QSKIP("needs a Secret Service: run with PEANUTS_TEST_KEYCHAIN=1 under a session bus");
        const QString service = QStringLiteral("peanuts-monitor-test-%1").arg(QCoreApplication::applicationPid());
        const QString path = nextPath();
        {
            peanuts::SecretStore seed(service, path);
            seed.setKeychainEnabled(false);
            QSignalSpy saved(&seed, &peanuts::SecretStore::saved);
            seed.save(sample());
            QVERIFY(saved.wait(5000));
        }
        peanuts::SecretStore store(service, path);
        QSignalSpy loaded(&store, &peanuts::SecretStore::loaded);
        store.load();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(store.backend(), peanuts::SecretStore::Backend::Keychain);
        QVERIFY(sameSecrets(store.secrets(), sample()));
        QVERIFY(!QFile::exists(path));

        peanuts::SecretStore fresh(service, path);
        QSignalSpy freshLoaded(&fresh, &peanuts::SecretStore::loaded);
        fresh.load();
        QVERIFY(freshLoaded.wait(10000));
        QCOMPARE(fresh.backend(), peanuts::SecretStore::Backend::Keychain);
        QCOMPARE(fresh.backendDescription(), QStringLiteral("the system keychain"));
        QVERIFY(sameSecrets(fresh.secrets(), sample()));

        // An empty list deletes the entry: the next load finds it empty.
        QSignalSpy saved(&fresh, &peanuts::SecretStore::saved);
        fresh.save({});
        QVERIFY(saved.wait(10000));
        QCOMPARE(saved.at(0).at(0).toString(), QString());
        fresh.load();
        QVERIFY(freshLoaded.wait(10000));
        QVERIFY(fresh.secrets().isEmpty());
        QCOMPARE(fresh.backend(), peanuts::SecretStore::Backend::Keychain);
    }

    void noSecretInAnyMessage()
    {
        QMutexLocker lock(&messagesMutex);
        QVERIFY2(!messages.isEmpty() || realKeychain(), "the keychain fallback was logged");
        for (const QString &message : std::as_const(messages)) {
            QVERIFY2(!message.contains(QStringLiteral("s3cret")), qPrintable(message));
            for (const peanuts::Secret &secret : sample())
                QVERIFY2(!message.contains(QString::fromUtf8(secret.key)), qPrintable(message));
        }
    }

    void cleanupTestCase() { qInstallMessageHandler(previousHandler); }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
