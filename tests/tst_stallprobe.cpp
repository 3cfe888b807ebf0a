// The bench probe: a GUI thread kept busy shows up as a late tick counted as work, counters and
// milestones reach the file, and the summary is written when the probe goes away.
#include "stallprobe.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <ctime>

using peanuts::StallProbe;

namespace {

// Spins until this thread has used ms of CPU, so the stall is work however busy the machine is.
void burnCpu(int ms)
{
    const auto cpuNs = [] {
        timespec now {};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
        return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
    };
    const qint64 until = cpuNs() + qint64(ms) * 1'000'000;
    while (cpuNs() < until) { }
}

QList<QJsonObject> readLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QJsonObject> lines;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (!line.isEmpty())
            lines.append(QJsonDocument::fromJson(line).object());
    }
    return lines;
}

} // namespace

class TestStallProbe : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void busyThreadIsAStall();
    void quietLoopHasNoBusyStall();
    void processStartIsInThePast();
};

void TestStallProbe::busyThreadIsAStall()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("probe.jsonl"));
    {
        StallProbe probe(path);
        QVERIFY(probe.isOpen());
        QTest::qWait(30); // the first tick only starts the measurement
        burnCpu(80);
        QTest::qWait(30);
        probe.count(QStringLiteral("redraws"), 3);
        probe.mark(QStringLiteral("ready"));
        probe.mark(QStringLiteral("ready")); // only the first time counts
        const QJsonObject summary = probe.summary();
        QVERIFY2(summary.value(QStringLiteral("max_ms")).toDouble() >= 70.0,
            qPrintable(QString::number(summary.value(QStringLiteral("max_ms")).toDouble())));
        QVERIFY(summary.value(QStringLiteral("stalls_over_50ms")).toInt() >= 1);
        QVERIFY(summary.value(QStringLiteral("busy_stalls_over_50ms")).toInt() >= 1);
        QVERIFY(summary.value(QStringLiteral("max_busy_ms")).toDouble() >= 75.0);
        QVERIFY(
            summary.value(QStringLiteral("p50_ms")).toDouble() <= summary.value(QStringLiteral("max_ms")).toDouble());
        QCOMPARE(summary.value(QStringLiteral("counters"))
                     .toObject()
                     .value(QStringLiteral("redraws"))
                     .toObject()
                     .value(QStringLiteral("total"))
                     .toInt(),
            3);
    }
    const QList<QJsonObject> lines = readLines(path);
    int marks = 0, summaries = 0;
    for (const QJsonObject &line : lines) {
        marks += line.value(QStringLiteral("type")).toString() == QStringLiteral("mark");
        summaries += line.value(QStringLiteral("type")).toString() == QStringLiteral("summary");
    }
    QCOMPARE(marks, 1);
    QCOMPARE(summaries, 1); // written when the probe was destroyed
    QVERIFY(lines.constLast().value(QStringLiteral("marks")).toObject().contains(QStringLiteral("ready")));
}

void TestStallProbe::quietLoopHasNoBusyStall()
{
    QTemporaryDir dir;
    StallProbe probe(dir.filePath(QStringLiteral("probe.jsonl")));
    QTest::qWait(1200); // one report line too
    const QJsonObject summary = probe.summary();
    QVERIFY(summary.value(QStringLiteral("ticks")).toInt() > 0);
    // The machine may deschedule the thread, but it cannot make the idle loop itself work 50 ms.
    QCOMPARE(summary.value(QStringLiteral("busy_stalls_over_50ms")).toInt(), 0);
    QVERIFY(readLines(dir.filePath(QStringLiteral("probe.jsonl"))).constFirst().contains(QStringLiteral("hist_0_1ms")));
}

void TestStallProbe::processStartIsInThePast()
{
    const double ms = StallProbe::msSinceProcessStart();
    QVERIFY2(ms > 0 && ms < 3'600'000, qPrintable(QString::number(ms)));
}

QTEST_GUILESS_MAIN(TestStallProbe)
#include "tst_stallprobe.moc"
