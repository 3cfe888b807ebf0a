// The probe's tick measures the gap since the previous tick minus the interval: a thread busy for
// 80 ms makes one tick about 80 ms late. Precise timers, so Qt neither batches nor rounds the ticks.
#include "stallprobe.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTimer>

#include <cstdio>
#include <ctime>
#include <unistd.h>

namespace peanuts {

namespace {

qint64 threadCpuNs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

} // namespace

StallProbe::StallProbe(const QString &path, QObject *parent)
    : QObject(parent)
    , m_tick(new QTimer(this))
    , m_report(new QTimer(this))
    , m_histogram(kBuckets, 0)
{
    if (path == QStringLiteral("-")) {
        m_out.open(stderr, QIODevice::WriteOnly | QIODevice::Unbuffered);
    } else {
        m_out.setFileName(path);
        m_out.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text);
    }
    m_clock.start();
    m_tick->setTimerType(Qt::PreciseTimer);
    m_tick->setInterval(kTickMs);
    connect(m_tick, &QTimer::timeout, this, &StallProbe::tick);
    m_report->setTimerType(Qt::PreciseTimer);
    m_report->setInterval(kReportMs);
    connect(m_report, &QTimer::timeout, this, &StallProbe::report);
    m_tick->start();
    m_report->start();
    if (QCoreApplication::instance())
        connect(QCoreApplication::instance(), &QCoreApplication::aboutToQuit, this, [this] {
            if (!m_summaryWritten)
                writeSummary();
        });
}

StallProbe::~StallProbe()
{
    if (!m_summaryWritten)
        writeSummary();
}

double StallProbe::msSinceProcessStart()
{
    // Field 22 of /proc/self/stat, counted after the command name (which may hold spaces).
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    const int close = text.lastIndexOf(')');
    if (close < 0)
        return -1;
    const QList<QByteArray> fields = text.mid(close + 2).split(' ');
    if (fields.size() < 20)
        return -1;
    const double startTicks = fields.at(19).toDouble(); // field 22 is the 20th after the name
    timespec now {};
    clock_gettime(CLOCK_BOOTTIME, &now);
    const double nowMs = double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1e6;
    return nowMs - startTicks * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

void StallProbe::count(const QString &name, qint64 n)
{
    m_counters[name] += n;
    m_intervalCounters[name] += n;
}

void StallProbe::mark(const QString &name)
{
    if (m_marks.contains(name))
        return;
    const double ms = msSinceProcessStart();
    m_marks.insert(name, ms);
    write(QJsonObject {{QStringLiteral("type"), QStringLiteral("mark")}, {QStringLiteral("name"), name},
        {QStringLiteral("ms_since_process_start"), ms}});
}

void StallProbe::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    const qint64 cpu = threadCpuNs();
    if (m_lastTickNs < 0) { // the first tick only says that the event loop runs
        m_lastTickNs = now;
        m_lastCpuNs = cpu;
        return;
    }
    const double lateMs = qMax(0.0, double(now - m_lastTickNs) / 1e6 - kTickMs);
    const double busyMs = double(cpu - m_lastCpuNs) / 1e6;
    m_lastTickNs = now;
    m_lastCpuNs = cpu;
    m_maxBusyMs = qMax(m_maxBusyMs, busyMs);
    m_intervalMaxBusyMs = qMax(m_intervalMaxBusyMs, busyMs);
    ++m_ticks;
    const int bucket = int(lateMs / kBucketMs);
    if (bucket < kBuckets)
        ++m_histogram[size_t(bucket)];
    ++m_intervalHistogram[qMin(bucket, kBuckets)];
    m_maxMs = qMax(m_maxMs, lateMs);
    m_intervalMaxMs = qMax(m_intervalMaxMs, lateMs);
    if (lateMs > kStallMs) {
        ++m_stalls;
        ++m_intervalStalls;
        if (busyMs >= kStallMs) {
            ++m_busyStalls;
            ++m_intervalBusyStalls;
        }
    }
}

void StallProbe::report()
{
    const qint64 now = m_clock.nsecsElapsed();
    const double seconds = double(now - m_lastReportNs) / 1e9;
    m_lastReportNs = now;
    QJsonObject counters;
    for (auto it = m_intervalCounters.cbegin(); it != m_intervalCounters.cend(); ++it) {
        counters.insert(it.key(), it.value());
        if (seconds > 0)
            m_maxRates[it.key()] = qMax(m_maxRates.value(it.key()), double(it.value()) / seconds);
    }
    // Sparse histogram of this second: bucket index (kBucketMs each) to ticks; kBuckets = beyond.
    QJsonObject histogram;
    for (auto it = m_intervalHistogram.cbegin(); it != m_intervalHistogram.cend(); ++it)
        histogram.insert(QString::number(it.key()), it.value());
    write(QJsonObject {{QStringLiteral("type"), QStringLiteral("interval")}, {QStringLiteral("t_s"), double(now) / 1e9},
        {QStringLiteral("seconds"), seconds}, {QStringLiteral("max_ms"), m_intervalMaxMs},
        {QStringLiteral("stalls_over_50ms"), m_intervalStalls},
        {QStringLiteral("busy_stalls_over_50ms"), m_intervalBusyStalls},
        {QStringLiteral("max_busy_ms"), m_intervalMaxBusyMs}, {QStringLiteral("hist_0_1ms"), histogram},
        {QStringLiteral("counters"), counters}});
    m_intervalCounters.clear();
    m_intervalHistogram.clear();
    m_intervalMaxMs = 0;
    m_intervalStalls = 0;
    m_intervalBusyStalls = 0;
    m_intervalMaxBusyMs = 0;
}

double StallProbe::percentile(double fraction) const
{
    const qint64 want = qint64(double(m_ticks) * fraction + 0.999999);
    qint64 seen = 0;
    for (int b = 0; b < kBuckets; ++b) {
        seen += m_histogram[size_t(b)];
        if (seen >= want)
            return (b + 1) * kBucketMs; // upper edge of the bucket
    }
    return m_maxMs;
}

QJsonObject StallProbe::summary() const
{
    QJsonObject counters;
    for (auto it = m_counters.cbegin(); it != m_counters.cend(); ++it)
        counters.insert(it.key(),
            QJsonObject {
                {QStringLiteral("total"), it.value()}, {QStringLiteral("max_per_s"), m_maxRates.value(it.key())}});
    QJsonObject marks;
    for (auto it = m_marks.cbegin(); it != m_marks.cend(); ++it)
        marks.insert(it.key(), it.value());
    return QJsonObject {{QStringLiteral("seconds"), double(m_clock.nsecsElapsed()) / 1e9},
        {QStringLiteral("tick_ms"), kTickMs}, {QStringLiteral("ticks"), m_ticks}, {QStringLiteral("max_ms"), m_maxMs},
        {QStringLiteral("p50_ms"), m_ticks ? percentile(0.50) : 0.0},
        {QStringLiteral("p99_ms"), m_ticks ? percentile(0.99) : 0.0},
        {QStringLiteral("p999_ms"), m_ticks ? percentile(0.999) : 0.0}, {QStringLiteral("stalls_over_50ms"), m_stalls},
        {QStringLiteral("busy_stalls_over_50ms"), m_busyStalls}, {QStringLiteral("max_busy_ms"), m_maxBusyMs},
        {QStringLiteral("counters"), counters}, {QStringLiteral("marks"), marks}};
}

void StallProbe::writeSummary()
{
    m_summaryWritten = true;
    QJsonObject line = summary();
    line.insert(QStringLiteral("type"), QStringLiteral("summary"));
    write(line);
}

void StallProbe::write(const QJsonObject &line)
{
    if (!m_out.isOpen())
        return;
    m_out.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
    m_out.flush();
}

} // namespace peanuts
