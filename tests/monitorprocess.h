// The real peanuts-monitor binary as a process for tests: an isolated environment (its own HOME and
// XDG folders, the test secret and API token), a headless receiver on a free port with its files in a
// folder, and a run to exit. Shared by tst_cli and tst_send.
#pragma once

#include "testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

#include <csignal>

namespace testsupport {

inline constexpr int kStartTimeoutMs = 15000;

inline QString binary()
{
    return QStringLiteral(PEANUTS_BINARY);
}

// An environment that keeps the binary away from the user's own files and secrets.
inline QProcessEnvironment isolatedEnvironment(const QString &dir, bool withSecret = true, bool withToken = true)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("PEANUTS_SECRET"));
    env.remove(QStringLiteral("PEANUTS_API_TOKEN"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("JOURNAL_STREAM")); // run by the test, not by systemd
    env.remove(QStringLiteral("INVOCATION_ID"));
    const QString home = dir + QStringLiteral("/home");
    QDir().mkpath(home);
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/.config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/.local/share"));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/.cache"));
    if (withSecret)
        env.insert(QStringLiteral("PEANUTS_SECRET"), QString::fromLatin1(kSecret));
    if (withToken)
        env.insert(QStringLiteral("PEANUTS_API_TOKEN"), QString::fromLatin1(kApiToken));
    return env;
}

// Every process a test starts, so that cleanup() can make sure none outlives its test.
inline QList<QProcess *> &liveProcesses()
{
    static QList<QProcess *> processes;
    return processes;
}

struct MonitorConfig
{
    QStringList extra;
    bool withSecret = true;
    bool withToken = true;
};

// One headless peanuts-monitor on a free port, with its files in a folder; killed when it goes.
class Monitor
{
public:
    explicit Monitor(const QString &dir, const MonitorConfig &config = {})
        : m_dir(dir)
    {
        liveProcesses().append(&m_process);
        QFile::remove(portFile());
        m_process.setProcessEnvironment(isolatedEnvironment(dir, config.withSecret, config.withToken));
        m_process.start(binary(),
            QStringList {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                QStringLiteral("--port-file"), portFile(), QStringLiteral("--db"), dbPath(),
                QStringLiteral("--settings"), settingsPath()}
                + config.extra);
    }
    ~Monitor()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
        liveProcesses().removeOne(&m_process);
    }
    Q_DISABLE_COPY_MOVE(Monitor)

    QString portFile() const { return m_dir + QStringLiteral("/port"); }
    QString dbPath() const { return m_dir + QStringLiteral("/x.db"); }
    QString settingsPath() const { return m_dir + QStringLiteral("/s.ini"); }
    quint16 port() const { return m_port; }
    qint64 pid() const { return m_process.processId(); }
    bool running() const { return m_process.state() != QProcess::NotRunning; }
    QProcess &process() { return m_process; }

    // Fails the test unless the port file shows up (the receiver is listening).
    void waitUntilListening()
    {
        QTRY_VERIFY2_WITH_TIMEOUT(!running() || portFromFile() != 0, qPrintable(describe()), kStartTimeoutMs);
        m_port = portFromFile();
        QVERIFY2(m_port != 0, qPrintable(describe()));
        QVERIFY2(running(), qPrintable(describe()));
    }
    // Fails the test unless the process ends normally with `exitCode` within timeoutMs.
    void waitForExit(int exitCode, int timeoutMs = 10000)
    {
        QVERIFY2(m_process.waitForFinished(timeoutMs) || !running(), qPrintable(describe()));
        const bool normal = m_process.exitStatus() == QProcess::NormalExit;
        QVERIFY2(normal && m_process.exitCode() == exitCode,
            qPrintable(QStringLiteral("%1 %2, expected exit code %3; ")
                           .arg(normal ? QStringLiteral("exit code") : QStringLiteral("killed by signal"))
                           .arg(m_process.exitCode())
                           .arg(exitCode)
                + describe()));
    }
    // Sends a signal (SIGTERM, SIGINT, ...) by hand.
    void signal(int number) { ::kill(pid_t(m_process.processId()), number); }
    // True once the port file is complete (without waiting, for tight polling).
    bool portFileReady() const { return portFromFile() != 0; }
    void terminateAndWait()
    {
        m_process.terminate();
        waitForExit(0);
    }
    void killHard()
    {
        m_process.kill();
        QVERIFY(m_process.waitForFinished(5000));
        QCOMPARE(m_process.exitStatus(), QProcess::CrashExit);
    }
    QByteArray standardError()
    {
        m_stderr += m_process.readAllStandardError();
        return m_stderr;
    }
    QByteArray standardOutput()
    {
        m_stdout += m_process.readAllStandardOutput();
        return m_stdout;
    }
    QString describe()
    {
        return QStringLiteral("state %1, stderr:\n%2")
            .arg(int(m_process.state()))
            .arg(QString::fromLocal8Bit(standardError()));
    }

private:
    quint16 portFromFile() const
    {
        QFile file(portFile());
        if (!file.open(QIODevice::ReadOnly))
            return 0;
        const QByteArray text = file.readAll();
        return text.endsWith('\n') ? quint16(text.trimmed().toUInt()) : 0; // not half written
    }

    QString m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    QByteArray m_stderr;
    QByteArray m_stdout;
};

struct Finished
{
    bool finished = false;
    int exitCode = -1;
    QProcess::ExitStatus status = QProcess::CrashExit;
    QByteArray out;
    QByteArray err;
    qint64 elapsedMs = 0;
};

// Runs the binary to its end (killing it after timeoutMs) in the environment env.
inline Finished runToExit(const QStringList &arguments, const QProcessEnvironment &env, int timeoutMs = 10000)
{
    QProcess process;
    liveProcesses().append(&process);
    process.setProcessEnvironment(env);
    QElapsedTimer timer;
    timer.start();
    process.start(binary(), arguments);
    Finished result;
    result.finished = process.waitForFinished(timeoutMs);
    result.elapsedMs = timer.elapsed();
    if (!result.finished) {
        process.kill();
        process.waitForFinished(5000);
    }
    result.exitCode = process.exitCode();
    result.status = process.exitStatus();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    liveProcesses().removeOne(&process);
    return result;
}

// Runs the binary to its end (killing it after timeoutMs), with its files kept in dir.
inline Finished runToExit(const QStringList &arguments, const QString &dir, int timeoutMs = 10000)
{
    return runToExit(arguments, isolatedEnvironment(dir), timeoutMs);
}

} // namespace testsupport
