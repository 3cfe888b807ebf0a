// The headless stream's parts: its writer never blocks (a pipe nobody reads drops lines and counts
// them, the reports add up), the compact and JSON lines, when it runs, the options. The real binary
// streaming is tst_streamrun.
#include "config/options.h"
#include "ingest/event.h"
#include "stream/deliverystream.h"
#include "stream/linewriter.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

using namespace peanuts;
using namespace testsupport;

namespace {

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
};

QTEST_GUILESS_MAIN(TestStream)
#include "tst_stream.moc"
