// An event-loop latency probe for the benchmarks (P3, P4): a fine timer on the thread the probe
// lives on measures how late each tick runs, which is how long that thread was busy elsewhere.
// Each tick also reads the thread's CPU time: a late tick whose gap was mostly CPU time is work on
// this thread; one with little CPU time means the thread was descheduled (a busy machine).
// Writes JSON lines: one a second (lateness histogram, counters), named milestones timed from
// process start, and a summary on request and when it is destroyed.
#pragma once

#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QMap>
#include <QObject>

#include <vector>

class QTimer;

namespace peanuts {

class StallProbe : public QObject
{
    Q_OBJECT
public:
    static constexpr int kTickMs = 5;
    static constexpr int kReportMs = 1000;
    static constexpr double kStallMs = 50.0; // P4's bound
    static constexpr double kBucketMs = 0.1; // histogram resolution; beyond kBuckets only the max is kept
    static constexpr int kBuckets = 10'000;

    // path: where the JSON lines go ("-" for stderr). The probe starts ticking at once.
    explicit StallProbe(const QString &path, QObject *parent = nullptr);
    ~StallProbe() override;
    Q_DISABLE_COPY_MOVE(StallProbe)

    bool isOpen() const { return m_out.isOpen(); }
    QString errorString() const { return m_out.errorString(); }

    // Milliseconds since this process started (kernel start time, 10 ms granularity), -1 if unknown.
    static double msSinceProcessStart();

    // Adds n to a named counter; each report line carries the counts of its second, the summary the
    // totals and the highest rate seen in any second.
    void count(const QString &name, qint64 n = 1);
    // Records the first time a milestone is reached (ms since process start) and writes a line.
    void mark(const QString &name);
    bool hasMark(const QString &name) const { return m_marks.contains(name); }

    // The figures so far: ticks, max, percentiles, stalls over kStallMs, counters, milestones.
    QJsonObject summary() const;

public Q_SLOTS:
    void writeSummary();

private:
    void tick();
    void report();
    void write(const QJsonObject &line);
    double percentile(double fraction) const;

    QFile m_out;
    QTimer *m_tick = nullptr;
    QTimer *m_report = nullptr;
    QElapsedTimer m_clock;
    qint64 m_lastTickNs = -1; // -1 until the event loop ran the first tick
    qint64 m_lastCpuNs = 0;
    qint64 m_lastReportNs = 0;
    std::vector<quint32> m_histogram; // whole run
    QMap<int, int> m_intervalHistogram; // this second, sparse
    qint64 m_ticks = 0;
    qint64 m_stalls = 0; // ticks later than kStallMs
    qint64 m_busyStalls = 0; // of those, the ones where this thread ran at least kStallMs of the gap
    double m_maxMs = 0;
    double m_maxBusyMs = 0; // most CPU time this thread spent between two ticks
    double m_intervalMaxMs = 0;
    double m_intervalMaxBusyMs = 0;
    qint64 m_intervalStalls = 0;
    qint64 m_intervalBusyStalls = 0;
    QMap<QString, qint64> m_counters;
    QMap<QString, qint64> m_intervalCounters;
    QMap<QString, double> m_maxRates; // per second
    QMap<QString, double> m_marks;
    bool m_summaryWritten = false;
};

} // namespace peanuts
