// The headless stream: its writer never blocks (a pipe nobody reads drops lines and counts them), the
// compact and JSON lines, when it runs, and the real binary streaming to a pipe.
#include "config/options.h"
#include "ingest/event.h"
#include "stream/deliverystream.h"
#include "stream/linewriter.h"
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

// Everything readable from fd now (fd is made non-blocking).
QByteArray drain(int fd)
{
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    QByteArray all;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0)
            break;
        all.append(buffer, n);
    }
    return all;
}

struct Pipe
{
    int fds[2] = {-1, -1};
    Pipe() { QVERIFY(::pipe(fds) == 0); }
    ~Pipe()
    {
        for (int fd : fds)
            if (fd >= 0)
                ::close(fd);
    }
    int readEnd() const { return fds[0]; }
    int writeEnd() const { return fds[1]; }
    void closeReadEnd()
    {
        ::close(fds[0]);
        fds[0] = -1;
    }
};

Delivery verifiedDelivery(const QByteArray &body)
{
    Delivery d = receivedDelivery(body, QDateTime::currentMSecsSinceEpoch());
    ParseResult parsed = parseEvent(body, d.receivedMs, 300'000);
    if (parsed.event)
        d.event = std::move(parsed.event);
    return d;
}

// A headless peanuts-monitor on port 0 with its files in dir, its standard output a pipe to the test.
class Monitor
{
public:
    // prepare may redirect standard output and change the environment before the start.
    Monitor(const QString &dir, const QStringList &extra,
        const std::function<void(QProcess &, QProcessEnvironment &)> &prepare = {})
        : m_dir(dir)
    {
        QProcessEnvironment env = isolated(dir);
        if (prepare)
            prepare(m_process, env);
        m_process.setProcessEnvironment(env);
        m_process.start(QStringLiteral(PEANUTS_BINARY),
            QStringList {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                QStringLiteral("--port-file"), dir + QStringLiteral("/port"), QStringLiteral("--db"),
                dir + QStringLiteral("/x.db"), QStringLiteral("--settings"), dir + QStringLiteral("/s.ini")}
                + extra);
    }
    ~Monitor()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    Q_DISABLE_COPY_MOVE(Monitor)

    static QProcessEnvironment isolated(const QString &dir)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("JOURNAL_STREAM"));
        env.remove(QStringLiteral("INVOCATION_ID"));
        const QString home = dir + QStringLiteral("/home");
        QDir().mkpath(home);
        env.insert(QStringLiteral("HOME"), home);
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/.config"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/.local/share"));
        env.insert(QStringLiteral("PEANUTS_SECRET"), QString::fromLatin1(kSecret));
        env.insert(QStringLiteral("PEANUTS_API_TOKEN"), QString::fromLatin1(kApiToken));
        return env;
    }

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

class TestStream : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { std::signal(SIGPIPE, SIG_IGN); }

    void writerNeverBlocksOnAFullPipe()
    {
        Pipe pipe;
        LineWriter writer(pipe.writeEnd(), 64 * 1024);
        const QByteArray line = QByteArray(99, 'x') + '\n';
        constexpr int kLines = 20'000; // 2 MB: a pipe holds 64 KiB, the queue 64 KiB more
        QElapsedTimer timer;
        timer.start();
        int refused = 0;
        for (int i = 0; i < kLines; ++i)
            refused += writer.post(line) ? 0 : 1;
        // Posting never waited for the reader that never comes.
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(refused > kLines / 2);
        QTRY_VERIFY(writer.dropped() >= quint64(refused));
        // close() gives up on the full pipe after its drain time instead of hanging.
        timer.restart();
        writer.close(300);
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
        // Every line is either written whole or counted as dropped.
        QCOMPARE(writer.written() + writer.dropped(), quint64(kLines));
        const QByteArray inPipe = drain(pipe.readEnd());
        QVERIFY(writer.written() > 0);
        QVERIFY(inPipe.size() >= qsizetype(writer.written()) * line.size());
        QVERIFY(inPipe.size() < qsizetype(writer.written() + 1) * line.size());
        QVERIFY(inPipe.startsWith(QByteArray(line + line)));
    }

    void writerCatchesUpWhenTheReaderComesBack()
    {
        Pipe pipe;
        LineWriter writer(pipe.writeEnd(), 1024 * 1024);
        // 200 KB: more than the pipe holds, less than the queue: nothing is dropped, the writer waits.
        QByteArray expected;
        for (int i = 0; i < 2000; ++i) {
            const QByteArray line = QByteArray::number(i).rightJustified(99, '.') + '\n';
            QVERIFY(writer.post(line));
            expected += line;
        }
        QByteArray got;
        QTRY_VERIFY_WITH_TIMEOUT((got += drain(pipe.readEnd()), got.size() >= expected.size()), 10000);
        QCOMPARE(got, expected);
        QCOMPARE(writer.dropped(), quint64(0));
        QCOMPARE(writer.takeNewDrops(), quint64(0));
    }

    void writerStopsWhenTheReaderLeaves()
    {
        Pipe pipe;
        pipe.closeReadEnd();
        LineWriter writer(pipe.writeEnd());
        QVERIFY(writer.post("one\n")); // queued: the writer learns of the closed pipe when it writes
        QTRY_VERIFY(writer.failed());
        QVERIFY(!writer.post("two\n"));
        writer.close();
        QCOMPARE(writer.dropped(), quint64(2));
        QCOMPARE(writer.takeNewDrops(), quint64(2));
        QCOMPARE(writer.takeNewDrops(), quint64(0)); // a report takes them
    }

    void streamReportsDropsNowAndThen()
    {
        // A pipe nobody reads: the stream reports new drops on each tick (here every 50 ms), on stderr
        // through the log, and the totals when it finishes.
        static QStringList messages;
        messages.clear();
        const QtMessageHandler previous = qInstallMessageHandler(
            [](QtMsgType, const QMessageLogContext &, const QString &message) { messages.append(message); });
        Pipe pipe;
        {
            DeliveryStream stream(StreamForm::Compact, pipe.writeEnd(), 16 * 1024, 50);
            const Delivery d
                = verifiedDelivery(makeBody(QStringLiteral("drops"), QStringLiteral("entry.created"), earlierToday()));
            QElapsedTimer timer;
            timer.start();
            for (int i = 0; i < 5000; ++i)
                stream.deliver(d, 200, true);
            QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
            QTRY_VERIFY(messages.filter(QStringLiteral("lines dropped: standard output is slow")).size() >= 1);
            const int reports = int(messages.size());
            stream.finish(100);
            QCOMPARE(stream.writer().written() + stream.writer().dropped(), quint64(5000));
            QVERIFY2(messages.size() > reports, qPrintable(messages.join(u'|')));
            QVERIFY2(messages.constLast().startsWith(QStringLiteral("stream: %1 lines written, %2 dropped in all")
                                                         .arg(stream.writer().written())
                                                         .arg(stream.writer().dropped())),
                qPrintable(messages.join(u'|')));
            // Every drop is reported once: the periodic counts and the last one add up to the total.
            quint64 reported = 0;
            const QRegularExpression count(QStringLiteral("^(\\d+) lines dropped"));
            for (const QString &m : std::as_const(messages))
                if (const QRegularExpressionMatch match = count.match(m); match.hasMatch())
                    reported += match.captured(1).toULongLong();
            QCOMPARE(reported, stream.writer().dropped());
        }
        qInstallMessageHandler(previous);
    }

    void compactLine()
    {
        QByteArray body = makeBody(QStringLiteral("e-42"), QStringLiteral("entry.created"), earlierToday(),
            QByteArrayLiteral("2.675"), QStringLiteral("Food"));
        Delivery d = verifiedDelivery(body);
        QVERIFY(d.event);
        const QByteArray line = compactStreamLine(d, 200, true);
        const QByteArray time
            = QDateTime::fromMSecsSinceEpoch(d.receivedMs).toString(QStringLiteral("HH:mm:ss.zzz")).toLatin1();
        // Exact from cents: 2.675 is 268 cents, not 2.67 as a double would print.
        QCOMPARE(line, time + "  accepted             entry.created  /expenses   e-42                    2.68  200\n");

        // A refusal before the body was parsed: dashes; the columns stay where they were.
        Delivery refused = receivedDelivery("not json", d.receivedMs);
        refused.outcome = Outcome::RejectedSignature;
        const QByteArray refusedLine = compactStreamLine(refused, 401, true);
        QCOMPARE(refusedLine,
            time + "  rejected: signature  -              -           -                          -  401\n");
        QCOMPARE(refusedLine.indexOf("401"), line.indexOf("200"));

        // A commit that failed: answered 503, not stored.
        QVERIFY(compactStreamLine(d, 503, false).contains("  not stored  "));

        // Negative and large amounts, and a non-numeric one.
        d.event->amountCents = -5;
        QVERIFY(compactStreamLine(d, 200, true).contains("     -0.05  200\n"));
        d.event->amountCents = 900'719'925'474'099;
        QVERIFY(compactStreamLine(d, 200, true).contains("  9007199254740.99  200\n"));
        d.event->amountCents.reset();
        QVERIFY(compactStreamLine(d, 200, true).contains("         ?  200\n"));

        // Text from the body cannot move the cursor or break the line.
        d.event->entryId = QStringLiteral("a\nb\x1b[2Jc\u0085d");
        const QByteArray hostile = compactStreamLine(d, 200, true);
        QVERIFY(hostile.contains("a?b?[2Jc?d"));
        QCOMPARE(hostile.count('\n'), 1);
    }

    void timeOfDay()
    {
        // The same text as QDateTime's, across a DST change in both directions and around midnight.
        const QByteArray oldTz = qgetenv("TZ");
        for (const char *zone : {"Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC"}) {
            qputenv("TZ", zone);
            ::tzset();
            for (const char *at : {"2026-03-29T00:59:59.999Z", "2026-03-29T01:00:00.000Z", "2026-10-25T00:59:30.250Z",
                     "2026-10-25T01:00:00.001Z", "2026-03-08T06:59:59.500Z", "2026-03-08T07:00:00.000Z",
                     "2026-11-01T05:59:59.999Z", "2026-11-01T06:00:00.000Z", "2026-12-31T23:59:59.999Z",
                     "1969-12-31T23:59:59.001Z"}) {
                const qint64 ms = QDateTime::fromString(QString::fromLatin1(at), Qt::ISODateWithMs).toMSecsSinceEpoch();
                QCOMPARE(localTimeOfDay(ms),
                    QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss.zzz")).toLatin1());
            }
        }
        if (oldTz.isNull())
            qunsetenv("TZ");
        else
            qputenv("TZ", oldTz);
        ::tzset();
    }

    void compactLineAlignsWideText()
    {
        // Columns count characters, not bytes.
        Delivery d = verifiedDelivery(makeBody(QStringLiteral("é"), QStringLiteral("entry.created"), earlierToday()));
        Delivery plain
            = verifiedDelivery(makeBody(QStringLiteral("e"), QStringLiteral("entry.created"), earlierToday()));
        plain.receivedMs = d.receivedMs;
        QCOMPARE(QString::fromUtf8(compactStreamLine(d, 200, true)).size(),
            QString::fromUtf8(compactStreamLine(plain, 200, true)).size());
    }

    void jsonLine()
    {
        // One line already: the bytes as received, spacing and number spelling included.
        const QByteArray body = makeBody(QStringLiteral("e-1")).replace("\"amount\":12.50", "\"amount\" : 12.50");
        Delivery d = verifiedDelivery(body);
        QVERIFY(d.event);
        QCOMPARE(jsonStreamLine(d, true).value_or(QByteArray()), body + '\n');

        // Over several lines: compacted, no token re-encoded.
        const QByteArray pretty = QJsonDocument::fromJson(body).toJson(QJsonDocument::Indented);
        Delivery p = verifiedDelivery(pretty);
        QVERIFY(p.event);
        const QByteArray line = jsonStreamLine(p, true).value_or(QByteArray());
        QCOMPARE(line.count('\n'), 1);
        QVERIFY(line.endsWith('\n'));
        QCOMPARE(QJsonDocument::fromJson(line), QJsonDocument::fromJson(pretty));
        QVERIFY(!line.contains(": "));

        // Refused, or not stored: nothing.
        Delivery refused = d;
        refused.outcome = Outcome::RejectedSignature;
        QVERIFY(!jsonStreamLine(refused, true));
        QVERIFY(!jsonStreamLine(d, false));
        Delivery unparsed = receivedDelivery(body, d.receivedMs);
        QVERIFY(!jsonStreamLine(unparsed, true));
    }

    void whenItRuns()
    {
        // Headless only; --no-stream wins; --stream and --print-json force it; otherwise a terminal
        // outside systemd.
        QVERIFY(!streamWanted(StreamSetting::On, true, false, true, false));
        QVERIFY(!streamWanted(StreamSetting::Off, false, true, true, false));
        QVERIFY(streamWanted(StreamSetting::On, false, true, false, true));
        QVERIFY(streamWanted(StreamSetting::Auto, true, true, false, true));
        QVERIFY(streamWanted(StreamSetting::Auto, false, true, true, false));
        QVERIFY(!streamWanted(StreamSetting::Auto, false, true, false, false));
        QVERIFY(!streamWanted(StreamSetting::Auto, false, true, true, true));

        // systemd: INVOCATION_ID, or JOURNAL_STREAM naming standard output itself.
        qunsetenv("INVOCATION_ID");
        qunsetenv("JOURNAL_STREAM");
        QVERIFY(!runningUnderSystemd());
        struct stat st = {};
        QVERIFY(::fstat(STDOUT_FILENO, &st) == 0);
        const QByteArray mine = QByteArray::number(quint64(st.st_dev)) + ':' + QByteArray::number(quint64(st.st_ino));
        qputenv("JOURNAL_STREAM", mine);
        QVERIFY(runningUnderSystemd());
        qputenv("JOURNAL_STREAM", QByteArray::number(quint64(st.st_dev)) + ':' + QByteArray::number(st.st_ino + 1));
        QVERIFY(!runningUnderSystemd()); // inherited from a service, but stdout went elsewhere
        qunsetenv("JOURNAL_STREAM");
        qputenv("INVOCATION_ID", "0123456789abcdef");
        QVERIFY(runningUnderSystemd());
        qunsetenv("INVOCATION_ID");
    }

    void options()
    {
        auto parse = [](std::initializer_list<const char *> args) {
            QStringList list {QStringLiteral("x")};
            for (const char *arg : args)
                list.append(QString::fromLatin1(arg));
            return parseCommandLine(list);
        };
        QCOMPARE(parse({}).options.stream, StreamSetting::Auto);
        QCOMPARE(parse({"--stream"}).options.stream, StreamSetting::On);
        QCOMPARE(parse({"--no-stream"}).options.stream, StreamSetting::Off);
        const CommandLine json = parse({"--print-json"});
        QCOMPARE(json.options.stream, StreamSetting::On);
        QVERIFY(json.options.printJson);
        const CommandLine both = parse({"--print-json", "--no-stream"});
        QVERIFY(both.exit);
        QCOMPARE(both.exitCode, 2);
        QVERIFY2(both.output.contains(QLatin1String("--no-stream cannot be combined with --print-json")),
            qPrintable(both.output));
        QVERIFY(parse({"--stream", "--no-stream"}).exit);
    }

    void optionsInHelpAndReadme()
    {
        const CommandLine help = parseCommandLine({QStringLiteral("x"), QStringLiteral("--help")});
        QFile readme(QStringLiteral(PEANUTS_TEST_DATA_DIR "/../../README.md"));
        QVERIFY(readme.open(QIODevice::ReadOnly));
        const QByteArray text = readme.readAll();
        for (const char *option : {"--stream", "--no-stream", "--print-json"}) {
            QVERIFY2(help.output.contains(QLatin1String(option) + QLatin1Char(' ')), option);
            QVERIFY2(text.contains(QByteArray(QByteArray("| `") + option + "`")), option);
        }
    }

    void headlessStream()
    {
        QTemporaryDir dir;
        Monitor monitor(dir.path(), {QStringLiteral("--stream")});
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
            (QList<QByteArray> {"duplicate", "entry.created", "/expenses", "stream-1", "0.10", "200"}));
        QCOMPARE(columns(lines[2]).mid(1), (QList<QByteArray> {"rejected:", "signature", "-", "-", "-", "-", "401"}));
        // Aligned: every column starts where it does in the line above.
        QCOMPARE(lines[1].size(), lines[0].size());
        QCOMPARE(lines[2].indexOf("401"), lines[0].indexOf("200"));
        monitor.process().terminate();
        QVERIFY(monitor.process().waitForFinished(10000));
        QCOMPARE(monitor.process().exitCode(), 0);
    }

    void headlessPrintJson()
    {
        QTemporaryDir dir;
        Monitor monitor(dir.path(), {QStringLiteral("--print-json")});
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
                Monitor monitor(dir.path(), {}, [&](QProcess &process, QProcessEnvironment &env) {
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
        Monitor monitor(dir.path(), {QStringLiteral("--print-json")},
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
        Monitor monitor(dir.path(), {});
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

QTEST_GUILESS_MAIN(TestStream)
#include "tst_stream.moc"
