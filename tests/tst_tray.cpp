// The tray icon over a running receiver: listening, the live view paused, failing when the disk is
// full (through the fault VFS), when rejected deliveries spike and when the listener is lost, and back;
// a badge of its own per state, a tooltip in words, the menu. Offscreen there is no system tray: the
// state is kept all the same, and the icon is not shown.
#include "config/secretstore.h"
#include "faultvfs.h"
#include "mainwindow.h"
#include "notifier.h"
#include "receivercore.h"
#include "screenshot.h"
#include "testsupport.h"
#include "trayicon.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QMenu>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTemporaryDir>
#include <QTest>

using namespace peanuts;
using namespace testsupport;

namespace {

int post(quint16 port, const QByteArray &request)
{
    RawClient client(port);
    client.send(request);
    return client.waitForReplies(1, 10000).value(0).status;
}

QImage render(const QIcon &icon, int size)
{
    return icon.pixmap(size, size).toImage().convertToFormat(QImage::Format_ARGB32);
}

// The badge's colour, left of its mark: the badge spans the lower right ~half of the icon.
QColor badgeColor(const QIcon &icon)
{
    const QImage image = render(icon, 64);
    const qreal diameter = 64 * 0.46;
    return image.pixelColor(int(64 - diameter + diameter * 0.2), int(64 - diameter / 2));
}

} // namespace

class TestTray : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ReceiverCore m_core;
    QAction m_pause;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        Options options = testOptions(m_dir.path());
        options.storeVfs = QString::fromLatin1(faultvfs::registerVfs());
        options.pipeline.rejectAlertPerMinute = 10;
        options.explicitlySet.append(QStringLiteral("reject-alert-threshold"));
        QString error;
        QVERIFY2(m_core.start(options, &error), qPrintable(error));
        m_pause.setCheckable(true);
    }

    void cleanup()
    {
        faultvfs::setMode(faultvfs::Mode::None);
        m_pause.setChecked(false);
    }

    void iconsDifferPerState()
    {
        const QImage plain = render(QIcon(QStringLiteral(":/icons/peanuts-monitor.svg")), 32);
        const QList<TrayIcon::State> states {
            TrayIcon::State::Listening, TrayIcon::State::Paused, TrayIcon::State::Failing};
        for (const int size : {16, 22, 32, 64}) {
            QList<QImage> images;
            for (const TrayIcon::State state : states) {
                const QImage image = render(TrayIcon::iconFor(state), size);
                QCOMPARE(image.size(), QSize(size, size));
                for (const QImage &other : std::as_const(images))
                    QVERIFY2(image != other, qPrintable(QStringLiteral("two states look alike at %1 px").arg(size)));
                images.append(image);
            }
            if (size == 32)
                QVERIFY(images.constFirst() != plain); // even listening carries its badge
        }
        // Green, grey, red, told apart by hue and saturation rather than by exact values.
        const QColor listening = badgeColor(TrayIcon::iconFor(TrayIcon::State::Listening));
        const QColor paused = badgeColor(TrayIcon::iconFor(TrayIcon::State::Paused));
        const QColor failing = badgeColor(TrayIcon::iconFor(TrayIcon::State::Failing));
        QVERIFY2(listening.green() > listening.red() + 40, qPrintable(listening.name()));
        QVERIFY2(paused.hsvSaturation() < 30, qPrintable(paused.name()));
        QVERIFY2(failing.red() > failing.green() + 80, qPrintable(failing.name()));
    }

    // Listening → paused → failing (disk full) while paused → paused again once writes work → listening.
    void storageFaultAndPause()
    {
        TrayIcon tray(&m_core, &m_pause);
        QSignalSpy changes(&tray, &TrayIcon::stateChanged);
        QCOMPARE(tray.state(), TrayIcon::State::Listening);
        QVERIFY2(tray.toolTip().contains(QStringLiteral("Listening on 127.0.0.1:%1").arg(m_core.port())),
            qPrintable(tray.toolTip()));
        QVERIFY(!tray.toolTip().contains(QStringLiteral("Failing")));
        QCOMPARE(render(tray.icon(), 32), render(TrayIcon::iconFor(TrayIcon::State::Listening), 32));

        m_pause.setChecked(true);
        QCOMPARE(tray.state(), TrayIcon::State::Paused);
        QVERIFY2(
            tray.toolTip().contains(QStringLiteral("Paused: the live view is frozen")), qPrintable(tray.toolTip()));
        QCOMPARE(render(tray.icon(), 32), render(TrayIcon::iconFor(TrayIcon::State::Paused), 32));

        faultvfs::setMode(faultvfs::Mode::DiskFull);
        QCOMPARE(post(m_core.port(), signedRequest(makeBody(QStringLiteral("tray-during")))), 503);
        QTRY_COMPARE(tray.state(), TrayIcon::State::Failing);
        QVERIFY2(tray.toolTip().contains(QStringLiteral("Failing: storage refuses deliveries (The disk is full")),
            qPrintable(tray.toolTip()));
        QVERIFY(tray.toolTip().contains(QStringLiteral("Paused:"))); // still said, below the failure
        QCOMPARE(render(tray.icon(), 32), render(TrayIcon::iconFor(TrayIcon::State::Failing), 32));

        faultvfs::setMode(faultvfs::Mode::None);
        QTRY_COMPARE_WITH_TIMEOUT(tray.state(), TrayIcon::State::Paused, 15000);
        QVERIFY2(!tray.toolTip().contains(QStringLiteral("Failing")), qPrintable(tray.toolTip()));
        QCOMPARE(post(m_core.port(), signedRequest(makeBody(QStringLiteral("tray-after")))), 200);

        m_pause.setChecked(false);
        QCOMPARE(tray.state(), TrayIcon::State::Listening);
        const QList<TrayIcon::State> expected {
            TrayIcon::State::Paused, TrayIcon::State::Failing, TrayIcon::State::Paused, TrayIcon::State::Listening};
        QCOMPARE(changes.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i)
            QCOMPARE(changes.at(i).at(0).value<TrayIcon::State>(), expected.at(i));
    }

    // A flood of bad signatures raises the core's alert: failing, with its reason. The core clears it
    // after a quiet minute; its signal is sent here rather than waited for.
    void rejectedSpike()
    {
        TrayIcon tray(&m_core, &m_pause);
        QSignalSpy alerts(&m_core, &ReceiverCore::failureAlert);
        // The threshold counts per minute: start at a minute's start when the current one is late.
        const qint64 intoMinute = QDateTime::currentMSecsSinceEpoch() % 60'000;
        if (intoMinute > 50'000)
            QTest::qWait(int(60'000 - intoMinute + 100));
        RawClient client(m_core.port());
        QVERIFY(client.isConnected());
        const QByteArray body = makeBody(QStringLiteral("tray-spike"));
        QByteArray requests;
        for (int i = 0; i < 25; ++i)
            requests += webhookRequest(body, sign("wrong-secret", body));
        client.send(requests);
        QCOMPARE(client.waitForReplies(25).size(), 25);
        QTRY_COMPARE_WITH_TIMEOUT(alerts.size(), 1, 5000);
        QCOMPARE(tray.state(), TrayIcon::State::Failing);
        QVERIFY2(tray.toolTip().contains(QStringLiteral("Failing: rejected deliveries are spiking")),
            qPrintable(tray.toolTip()));
        QVERIFY2(tray.toolTip().contains(QStringLiteral("bad signature")), qPrintable(tray.toolTip()));

        Q_EMIT m_core.failureAlertCleared();
        QCOMPARE(tray.state(), TrayIcon::State::Listening);
        QVERIFY(!tray.toolTip().contains(QStringLiteral("Failing")));
    }

    // A lost listener is failing too (deliveries cannot arrive); listening again, on a new port, ends it.
    void listenerLostAndRebound()
    {
        TrayIcon tray(&m_core, &m_pause);
        Q_EMIT m_core.listenerFailed(QStringLiteral("the listener on port 1 could not be reopened: gone"));
        QCOMPARE(tray.state(), TrayIcon::State::Failing);
        QVERIFY2(tray.toolTip().contains(QStringLiteral("Failing: not listening for deliveries (the listener on port 1 "
                                                        "could not be reopened: gone)")),
            qPrintable(tray.toolTip()));
        QVERIFY(!tray.toolTip().contains(QStringLiteral("Listening on")));

        QString error;
        QVERIFY2(m_core.rebind(QHostAddress::LocalHost, 0, &error), qPrintable(error));
        QCOMPARE(tray.state(), TrayIcon::State::Listening);
        QVERIFY2(tray.toolTip().contains(QStringLiteral("Listening on 127.0.0.1:%1").arg(m_core.port())),
            qPrintable(tray.toolTip()));
    }

    void notRunningIsFailing()
    {
        ReceiverCore stopped;
        TrayIcon tray(&stopped, &m_pause);
        QCOMPARE(tray.state(), TrayIcon::State::Failing);
        QVERIFY2(tray.toolTip().contains(QStringLiteral("not running")), qPrintable(tray.toolTip()));
    }

    void menuAndVisibility()
    {
        TrayIcon tray(&m_core, &m_pause);
        QSignalSpy show(&tray, &TrayIcon::showWindowRequested);
        QSignalSpy quit(&tray, &TrayIcon::quitRequested);
        const QList<QAction *> actions = tray.menu()->actions();
        QCOMPARE(actions.size(), 4);
        QCOMPARE(actions.at(0)->text(), QStringLiteral("Show window"));
        QCOMPARE(actions.at(1), &m_pause);
        QVERIFY(actions.at(2)->isSeparator());
        QCOMPARE(actions.at(3)->text(), QStringLiteral("Quit"));
        actions.at(0)->trigger();
        QCOMPARE(show.size(), 1);
        QCOMPARE(quit.size(), 0);
        actions.at(3)->trigger();
        QCOMPARE(quit.size(), 1);
        // Shown exactly where a tray exists; offscreen none does, and the state above was kept anyway.
        QCOMPARE(tray.isShown(), QSystemTrayIcon::isSystemTrayAvailable());
    }

    // The window's own tray follows its pause action.
    void windowWiresItsPause()
    {
        RecordingNotifier notifier;
        SecretStore secrets(QStringLiteral("peanuts-monitor-test"), m_dir.filePath(QStringLiteral("secrets.json")));
        secrets.setKeychainEnabled(false);
        MainWindow window(&m_core, &notifier, &secrets);
        QVERIFY(window.tray());
        QCOMPARE(window.tray()->state(), TrayIcon::State::Listening);
        window.setPaused(true);
        QCOMPARE(window.tray()->state(), TrayIcon::State::Paused);
        window.setPaused(false);
        QCOMPARE(window.tray()->state(), TrayIcon::State::Listening);
    }

    // The three icons side by side, when PEANUTS_SCREENSHOT_DIR is set.
    void screenshot()
    {
        QWidget strip;
        auto *layout = new QHBoxLayout(&strip);
        for (const TrayIcon::State state :
            {TrayIcon::State::Listening, TrayIcon::State::Paused, TrayIcon::State::Failing}) {
            for (const int size : {22, 64}) {
                auto *label = new QLabel(&strip);
                label->setPixmap(TrayIcon::iconFor(state).pixmap(size, size));
                layout->addWidget(label, 0, Qt::AlignBottom);
            }
            layout->addSpacing(16);
        }
        strip.show();
        QVERIFY(QTest::qWaitForWindowExposed(&strip));
        saveScreenshot(&strip, QStringLiteral("tray-icons"));
    }

    void cleanupTestCase() { m_core.stop(); }
};

QTEST_MAIN(TestTray)
#include "tst_tray.moc"
