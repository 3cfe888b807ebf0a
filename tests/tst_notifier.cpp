// Tests for the notifiers: the recording double, the D-Bus notifier without a session bus (quiet, no
// blocking) and, where dbus-daemon is installed, against a stand-in notification server on a private bus.
#include "notifier.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QElapsedTimer>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QVariantMap>

using namespace peanuts;

namespace {

// QtDBus connects to the session bus once per process, so each bus situation runs in a child process
// of this test, started with the environment it needs. The child runs the same test function, which
// sees this variable and does the checks itself.
constexpr char kChildMode[] = "PEANUTS_TST_NOTIFIER_CHILD";

const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");

bool isChild(const char *mode)
{
    return qgetenv(kChildMode) == mode;
}

// Runs the current test function in a child process with env; fails the test when the child fails.
void runInChild(const char *mode, QProcessEnvironment env)
{
    env.insert(QString::fromLatin1(kChildMode), QString::fromLatin1(mode));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    QProcess child;
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QCoreApplication::applicationFilePath(), {QString::fromLatin1(QTest::currentTestFunction())});
    QVERIFY2(child.waitForStarted(), qPrintable(child.errorString()));
    if (!child.waitForFinished(60'000)) {
        child.kill();
        child.waitForFinished();
        QFAIL(qPrintable(QStringLiteral("child timed out:\n") + QString::fromLocal8Bit(child.readAll())));
    }
    const QString output = QString::fromLocal8Bit(child.readAll());
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0,
        qPrintable(QStringLiteral("child failed:\n") + output));
}

// Stands in for a notification server: records Notify calls and hands out ids.
class NotificationServer : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    struct Call
    {
        QString appName;
        uint replacesId;
        QString appIcon;
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
        int expireTimeout;
    };
    QList<Call> calls;

public Q_SLOTS:
    uint Notify(const QString &appName, uint replacesId, const QString &appIcon, const QString &summary,
        const QString &body, const QStringList &actions, const QVariantMap &hints, int expireTimeout)
    {
        calls.append({appName, replacesId, appIcon, summary, body, actions, hints, expireTimeout});
        return m_nextId++;
    }
    QStringList GetCapabilities() { return {QStringLiteral("actions"), QStringLiteral("body")}; }

private:
    uint m_nextId = 7;
};

} // namespace

class TestNotifier : public QObject
{
    Q_OBJECT

private slots:
    void recordingNotifier();
    void withoutSessionBus();
    void withNotificationServer();
};

void TestNotifier::recordingNotifier()
{
    RecordingNotifier notifier;
    QVERIFY(notifier.isAvailable());
    QSignalSpy activated(&notifier, &Notifier::activated);

    notifier.notify(QStringLiteral("Delivery rejected"), QStringLiteral("bad signature"), 42);
    notifier.notify(QStringLiteral("Still running"), QStringLiteral("in the tray"));
    QCOMPARE(notifier.shown().size(), 2);
    QCOMPARE(notifier.shown().at(0).title, QStringLiteral("Delivery rejected"));
    QCOMPARE(notifier.shown().at(0).body, QStringLiteral("bad signature"));
    QCOMPARE(notifier.shown().at(0).deliveryId, qint64(42));
    QCOMPARE(notifier.shown().at(1).deliveryId, qint64(0));
    QCOMPARE(activated.size(), 0);

    notifier.activate(42);
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(0).toLongLong(), qint64(42));

    // Through the interface, as the window holds it.
    Notifier &base = notifier;
    base.notify(QStringLiteral("t"), QStringLiteral("b"), 7);
    QCOMPARE(notifier.shown().size(), 3);
}

void TestNotifier::withoutSessionBus()
{
    if (!isChild("nobus")) {
        // No address, no X display to autolaunch one from, and an empty runtime directory (libdbus also
        // looks for $XDG_RUNTIME_DIR/bus).
        QTemporaryDir runtimeDir;
        QVERIFY(runtimeDir.isValid());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtimeDir.path());
        runInChild("nobus", env);
        return;
    }

    QElapsedTimer elapsed;
    elapsed.start();
    DBusNotifier notifier;
    QSignalSpy activated(&notifier, &Notifier::activated);
    QVERIFY(!notifier.isAvailable());
    notifier.notify(QStringLiteral("Delivery rejected"), QStringLiteral("bad signature"), 42);
    notifier.notify(QStringLiteral("Still running"), QStringLiteral("in the tray"));
    QVERIFY2(elapsed.elapsed() < 2000, qPrintable(QString::number(elapsed.elapsed())));
    QTest::qWait(100);
    QCOMPARE(activated.size(), 0);
}

void TestNotifier::withNotificationServer()
{
    if (!isChild("bus")) {
        const QString daemon = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
        if (daemon.isEmpty())
            QSKIP("dbus-daemon is not installed");
        // A private session bus for this test alone, stopped at the end.
        QProcess bus;
        bus.start(daemon, {QStringLiteral("--session"), QStringLiteral("--nofork"), QStringLiteral("--print-address")});
        QVERIFY2(bus.waitForStarted(), qPrintable(bus.errorString()));
        const auto stopBus = qScopeGuard([&bus] {
            bus.terminate();
            if (!bus.waitForFinished(5000))
                bus.kill();
            bus.waitForFinished();
        });
        QTRY_VERIFY_WITH_TIMEOUT(bus.canReadLine(), 10'000);
        const QString address = QString::fromLocal8Bit(bus.readLine().trimmed());
        QVERIFY(!address.isEmpty());

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), address);
        runInChild("bus", env);
        return;
    }

    // The stand-in server on its own connection to the same bus, under the well-known name.
    QDBusConnection serverBus
        = QDBusConnection::connectToBus(qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("server"));
    QVERIFY(serverBus.isConnected());
    NotificationServer server;
    QVERIFY(serverBus.registerObject(kPath, &server, QDBusConnection::ExportAllSlots));
    QVERIFY(serverBus.registerService(kService));
    const auto sendSignal = [&](const QString &name, const QVariantList &args) {
        QDBusMessage signal = QDBusMessage::createSignal(kPath, kService, name);
        signal.setArguments(args);
        QVERIFY(serverBus.send(signal));
    };

    DBusNotifier notifier;
    QSignalSpy activated(&notifier, &Notifier::activated);
    QVERIFY(notifier.isAvailable());

    // Waits until the notifier has the Notify answers (the watchers it parents are gone once handled).
    const auto settle = [&](int calls) {
        QTRY_COMPARE(server.calls.size(), calls);
        QTRY_VERIFY(notifier.findChildren<QDBusPendingCallWatcher *>().isEmpty());
    };

    notifier.notify(QStringLiteral("Delivery rejected"), QStringLiteral("bad signature"), 42); // id 7
    settle(1);
    const NotificationServer::Call &call = server.calls.at(0);
    QCOMPARE(call.appName, QStringLiteral("Peanuts Monitor"));
    QCOMPARE(call.replacesId, 0u);
    QCOMPARE(call.appIcon, QStringLiteral("peanuts-monitor"));
    QCOMPARE(call.summary, QStringLiteral("Delivery rejected"));
    QCOMPARE(call.body, QStringLiteral("bad signature"));
    QCOMPARE(call.actions, QStringList({QStringLiteral("default"), QStringLiteral("Open")}));
    QVERIFY(call.hints.isEmpty());
    QCOMPARE(call.expireTimeout, -1);

    notifier.notify(QStringLiteral("Still running"), QStringLiteral("in the tray")); // id 8: nothing to open
    settle(2);
    QVERIFY(server.calls.at(1).actions.isEmpty());

    // Clicks on notifications that are not ours, or open nothing, do nothing.
    sendSignal(QStringLiteral("ActionInvoked"), {999u, QStringLiteral("default")});
    sendSignal(QStringLiteral("ActionInvoked"), {8u, QStringLiteral("default")});
    // A click on ours opens its delivery, once.
    sendSignal(QStringLiteral("ActionInvoked"), {7u, QStringLiteral("default")});
    QTRY_COMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(0).toLongLong(), qint64(42));
    sendSignal(QStringLiteral("ActionInvoked"), {7u, QStringLiteral("default")});

    // Another action than the click, and a notification closed before its click, open nothing.
    notifier.notify(QStringLiteral("a"), QStringLiteral("b"), 43); // id 9
    notifier.notify(QStringLiteral("c"), QStringLiteral("d"), 44); // id 10
    settle(4);
    sendSignal(QStringLiteral("ActionInvoked"), {9u, QStringLiteral("other")});
    sendSignal(QStringLiteral("NotificationClosed"), {10u, 2u});
    sendSignal(QStringLiteral("ActionInvoked"), {10u, QStringLiteral("default")});
    // A last click proves that the signals before it were delivered (and ignored).
    notifier.notify(QStringLiteral("e"), QStringLiteral("f"), 45); // id 11
    settle(5);
    sendSignal(QStringLiteral("ActionInvoked"), {11u, QStringLiteral("default")});
    QTRY_COMPARE(activated.size(), 2);
    QCOMPARE(activated.at(1).at(0).toLongLong(), qint64(45));
    QTest::qWait(50);
    QCOMPARE(activated.size(), 2);

    // The server going away: notify stays quiet and does not block.
    QVERIFY(serverBus.unregisterService(kService));
    QTRY_VERIFY(!notifier.isAvailable());
    QElapsedTimer elapsed;
    elapsed.start();
    notifier.notify(QStringLiteral("g"), QStringLiteral("h"), 46);
    QVERIFY(elapsed.elapsed() < 1000);
    QTRY_VERIFY(notifier.findChildren<QDBusPendingCallWatcher *>().isEmpty());
    QCOMPARE(server.calls.size(), 5);
}

QTEST_MAIN(TestNotifier)
#include "tst_notifier.moc"
