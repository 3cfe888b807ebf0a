// The headless stream in the real binary: --stream and --print-json read from its standard output, on
// by default on a terminal (a pty) and off there under systemd, silent on a pipe, and a reader that
// never reads (a FIFO) costing lines, counted, never answers.
#include "monitorprocess.h"
#include "stream/deliverystream.h"
#include "testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <fcntl.h>
#include <functional>
#include <pty.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

using namespace peanuts;
using namespace testsupport;

namespace {

constexpr int kStartTimeoutMs = 15000;

// A headless peanuts-monitor on port 0 with its files in dir, its standard output a pipe to the test.
class StreamMonitor
{
public:
    // prepare may redirect standard output and change the environment before the start.
    StreamMonitor(const QString &dir, const QStringList &extra,
        const std::function<void(QProcess &, QProcessEnvironment &)> &prepare = {})
        : m_dir(dir)
    {
        QProcessEnvironment env = testsupport::isolatedEnvironment(dir);
        if (prepare)
            prepare(m_process, env);
        m_process.setProcessEnvironment(env);
        m_process.start(QStringLiteral(PEANUTS_BINARY),
            QStringList {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                QStringLiteral("--port-file"), dir + QStringLiteral("/port"), QStringLiteral("--db"),
                dir + QStringLiteral("/x.db"), QStringLiteral("--settings"), dir + QStringLiteral("/s.ini")}
                + extra);
    }
    ~StreamMonitor()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    Q_DISABLE_COPY_MOVE(StreamMonitor)

    void waitUntilListening()
    {
        QTRY_VERIFY2_WITH_TIMEOUT(m_process.state() == QProcess::NotRunning || port() != 0,
            qPrintable(QString::fromLocal8Bit(m_process.readAllStandardError())), kStartTimeoutMs);
        QVERIFY2(port() != 0, qPrintable(QString::fromLocal8Bit(m_process.readAllStandardError())));
    }
    quint16 port() const
    {
        QFile file(m_dir + QStringLiteral("/port"));
        if (!file.open(QIODevice::ReadOnly))
            return 0;
        const QByteArray text = file.readAll();
        return text.endsWith('\n') ? quint16(text.trimmed().toUInt()) : 0;
    }
    // Standard output's complete lines so far.
    QList<QByteArray> lines()
    {
        m_out += m_process.readAllStandardOutput();
        QList<QByteArray> all = m_out.split('\n');
        all.removeLast(); // after the last '\n': an incomplete line, or nothing
        return all;
    }
    QProcess &process() { return m_process; }

private:
    QString m_dir;
    QProcess m_process;
    QByteArray m_out;
};

HttpReply post(quint16 port, const QByteArray &request)
{
    RawClient client(port);
    client.send(request);
    return client.waitForReplies(1, 10000).value(0);
}

} // namespace

class TestStreamRun : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { std::signal(SIGPIPE, SIG_IGN); }

    void headlessStream()
    {
        QTemporaryDir dir;
        StreamMonitor monitor(dir.path(), {QStringLiteral("--stream")});
        monitor.waitUntilListening();
        if (QTest::currentTestFailed())
            return;
        const QByteArray body = makeBody(
            QStringLiteral("stream-1"), QStringLiteral("entry.created"), earlierToday(), QByteArrayLiteral("0.10"));
        QCOMPARE(post(monitor.port(), signedRequest(body)).status, 200);
        QCOMPARE(post(monitor.port(), signedRequest(body)).status, 200); // the same bytes: a duplicate
        QCOMPARE(post(monitor.port(), webhookRequest(body, "sha256=00")).status, 401);
        QTRY_COMPARE_WITH_TIMEOUT(monitor.lines().size(), 3, 10000);
        const QList<QByteArray> lines = monitor.lines();
        auto columns = [](const QByteArray &line) { return line.simplified().split(' '); };
        // time, result, event, helper, entry, amount, status
        QCOMPARE(columns(lines[0]).mid(1),
            (QList<QByteArray> {"accepted", "entry.created", "/expenses", "stream-1", "0.10", "200"}));
        QCOMPARE(columns(lines[1]).mid(1),
            (QList<QByteArray> {
                "duplicate", "entry.created", "/expenses", "stream-1", "0.10", "200", "retry", "of", "#1"}));
        QCOMPARE(columns(lines[2]).mid(1), (QList<QByteArray> {"rejected:", "signature", "-", "-", "-", "-", "401"}));
        // Aligned: every column starts where it does in the line above.
        QCOMPARE(lines[1].indexOf("200"), lines[0].indexOf("200"));
        QCOMPARE(lines[2].indexOf("401"), lines[0].indexOf("200"));
        monitor.process().terminate();
        QVERIFY(monitor.process().waitForFinished(10000));
        QCOMPARE(monitor.process().exitCode(), 0);
    }

    void headlessPrintJson()
    {
        QTemporaryDir dir;
        StreamMonitor monitor(dir.path(), {QStringLiteral("--print-json")});
        monitor.waitUntilListening();
        if (QTest::currentTestFailed())
            return;
        const QByteArray oneLine = makeBody(QStringLiteral("json-1"), QStringLiteral("entry.created"), earlierToday());
        const QByteArray pretty = QJsonDocument::fromJson(
            makeBody(QStringLiteral("json-2"), QStringLiteral("entry.created"), earlierToday()))
                                      .toJson(QJsonDocument::Indented);
        QCOMPARE(post(monitor.port(), signedRequest(oneLine)).status, 200);
        QCOMPARE(post(monitor.port(), webhookRequest(oneLine, "sha256=00")).status, 401); // not printed
        QCOMPARE(post(monitor.port(), signedRequest(pretty)).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(monitor.lines().size(), 2, 10000);
        QTest::qWait(300); // the refusal prints nothing, before or after
        const QList<QByteArray> lines = monitor.lines();
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[0], oneLine);
        QCOMPARE(QJsonDocument::fromJson(lines[1]), QJsonDocument::fromJson(pretty));
        monitor.process().terminate();
        QVERIFY(monitor.process().waitForFinished(10000));
        QCOMPARE(monitor.process().exitCode(), 0);
    }

    void headlessOnATerminal()
    {
        // Without --stream: on when standard output is a terminal, off on the same terminal under systemd.
        for (const bool systemd : {false, true}) {
            int master = -1, slave = -1;
            QVERIFY(::openpty(&master, &slave, nullptr, nullptr, nullptr) == 0);
            const QString tty = QString::fromLocal8Bit(::ttyname(slave));
            QTemporaryDir dir;
            {
                StreamMonitor monitor(dir.path(), {}, [&](QProcess &process, QProcessEnvironment &env) {
                    process.setStandardOutputFile(tty);
                    if (systemd)
                        env.insert(QStringLiteral("INVOCATION_ID"), QStringLiteral("5e0c9cbd0a1f4c6f9d8f3a1e2b7c6d5e"));
                });
                monitor.waitUntilListening();
                if (QTest::currentTestFailed())
                    return;
                QCOMPARE(
                    post(monitor.port(),
                        signedRequest(makeBody(QStringLiteral("tty"), QStringLiteral("entry.created"), earlierToday())))
                        .status,
                    200);
                QByteArray seen;
                if (!systemd) {
                    QTRY_VERIFY_WITH_TIMEOUT((seen += drain(master), seen.contains("accepted")), 10000);
                    QVERIFY2(seen.contains("  tty  "), seen.constData());
                } else {
                    QTest::qWait(500);
                    seen += drain(master);
                    QVERIFY2(seen.isEmpty(), seen.constData());
                }
                monitor.process().terminate();
                QVERIFY(monitor.process().waitForFinished(10000));
            }
            ::close(slave);
            ::close(master);
        }
    }

    void headlessSlowReaderDropsLines()
    {
        // Standard output a FIFO that nobody reads: the queue (4 MiB) and the pipe fill with 200 KB
        // bodies, every delivery is still answered at once, and the drops are reported at exit.
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("out"));
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        const int keepOpen
            = ::open(QFile::encodeName(fifo).constData(), O_RDWR | O_NONBLOCK); // a reader that never reads
        QVERIFY(keepOpen >= 0);
        StreamMonitor monitor(dir.path(), {QStringLiteral("--print-json")},
            [&](QProcess &process, QProcessEnvironment &) { process.setStandardOutputFile(fifo); });
        monitor.waitUntilListening();
        if (QTest::currentTestFailed())
            return;
        const QByteArray padding(200 * 1024, 'p');
        constexpr int kDeliveries = 40; // 8 MB of lines
        QElapsedTimer slowest;
        qint64 worstMs = 0;
        for (int i = 0; i < kDeliveries; ++i) {
            QByteArray body
                = makeBody(QStringLiteral("slow-%1").arg(i), QStringLiteral("entry.created"), earlierToday());
            body.replace("\"description\":\"test\"", QByteArray("\"description\":\"" + padding + "\""));
            slowest.start();
            QCOMPARE(post(monitor.port(), signedRequest(body)).status, 200);
            worstMs = std::max(worstMs, slowest.elapsed());
        }
        QVERIFY2(worstMs < 2000, qPrintable(QString::number(worstMs)));
        QElapsedTimer stopping;
        stopping.start();
        monitor.process().terminate();
        QVERIFY(monitor.process().waitForFinished(10000));
        QCOMPARE(monitor.process().exitCode(), 0);
        QVERIFY2(stopping.elapsed() < 5000, qPrintable(QString::number(stopping.elapsed())));
        const QByteArray err = monitor.process().readAllStandardError();
        const QRegularExpression dropped(QStringLiteral("(\\d+) lines dropped: standard output is slow"));
        const QRegularExpressionMatch match = dropped.match(QString::fromLocal8Bit(err));
        QVERIFY2(match.hasMatch(), err.constData());
        QVERIFY(match.captured(1).toInt() > 0);
        const QRegularExpression total(QStringLiteral("stream: (\\d+) lines written, (\\d+) dropped in all"));
        const QRegularExpressionMatch totals = total.match(QString::fromLocal8Bit(err));
        QVERIFY2(totals.hasMatch(), err.constData());
        QCOMPARE(totals.captured(1).toInt() + totals.captured(2).toInt(), kDeliveries);
        ::close(keepOpen);
    }

    void headlessQuietWithoutATerminal()
    {
        // Standard output is a pipe here (as under systemd): no stream unless asked for.
        QTemporaryDir dir;
        StreamMonitor monitor(dir.path(), {});
        monitor.waitUntilListening();
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(post(monitor.port(),
                     signedRequest(makeBody(QStringLiteral("quiet"), QStringLiteral("entry.created"), earlierToday())))
                     .status,
            200);
        monitor.process().terminate();
        QVERIFY(monitor.process().waitForFinished(10000));
        QCOMPARE(monitor.process().readAllStandardOutput(), QByteArray());
    }

    void streamNeedsHeadless()
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(PEANUTS_BINARY), {QStringLiteral("--stream")});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardError().contains("--stream needs --headless"));
    }
};

QTEST_GUILESS_MAIN(TestStreamRun)
#include "tst_streamrun.moc"
