// One subscription for "deliveries were committed": the writer's batches, merged and handed on at most
// once per interval on the GUI thread, so that every view refreshes from one coalesced signal instead
// of each starting its own timer per batch.
#pragma once

#include "data/records.h"

#include <QElapsedTimer>
#include <QObject>

class QTimer;

namespace peanuts {

class BatchNotifier : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultIntervalMs = 100;

    explicit BatchNotifier(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(BatchNotifier)

    void setIntervalMs(int ms);
    int intervalMs() const { return m_intervalMs; }
    // Batches received and signals sent so far (for tests and the benchmark).
    qint64 batchesIn() const { return m_batchesIn; }
    qint64 notificationsOut() const { return m_notificationsOut; }

public Q_SLOTS:
    // A committed batch (queued from the writer's thread). The first after a quiet interval goes out
    // at once; those that follow within the interval are merged into the next one.
    void add(const peanuts::BatchSummary &summary);

Q_SIGNALS:
    // The batches since the last signal, merged: every id (ascending) and the summed counts.
    void committed(const peanuts::BatchSummary &merged);

private:
    void flush();

    QTimer *m_timer = nullptr;
    QElapsedTimer m_sinceFlush;
    BatchSummary m_pending;
    bool m_hasPending = false;
    int m_intervalMs = kDefaultIntervalMs;
    qint64 m_batchesIn = 0;
    qint64 m_notificationsOut = 0;
};

} // namespace peanuts
