// What the maintenance tests of both backends share (tst_backendmaint, tst_backendcheck): histories to
// prune and check (the raw connection to the test case's database is backends.h's RawSql).
#pragma once

#include "backends.h"
#include "storekit.h"

#include <QTest>

#include <functional>

// Each test program includes this once: its helpers are the program's own.
namespace {

using namespace peanuts::test;

constexpr qint64 kDayMs = 86'400'000;

inline bool commitAll(Store &store, QList<Delivery> &batch)
{
    QString error;
    if (!store.commit(batch, &error)) {
        qWarning().noquote() << "commit failed:" << error;
        return false;
    }
    return true;
}

// Prunes until the store says there is no more; -1 when a call fails or removes more than maxRows.
inline qint64 pruneAll(Store &store, const RetentionPolicy &policy, qint64 nowMs, int maxRows, int *calls = nullptr)
{
    qint64 total = 0;
    bool more = true;
    for (int n = 0; more; ++n) {
        const int removed = store.prune(policy, nowMs, maxRows, &more);
        if (removed < 0 || removed > maxRows || n > 100'000) {
            qWarning().noquote() << "prune failed:" << store.lastError();
            return -1;
        }
        total += removed;
        if (calls)
            *calls = n + 1;
    }
    return total;
}

// The ids of the deliveries at these (1-based) places of a batch.
inline QList<qint64> at(const QList<Delivery> &batch, const QList<int> &places)
{
    QList<qint64> list;
    for (int place : places)
        list.append(batch[place - 1].id);
    return list;
}

inline QList<int> range(int first, int last)
{
    QList<int> list;
    for (int i = first; i <= last; ++i)
        list.append(i);
    return list;
}

// Rows for a test over both backends and its own cases.
inline void addRows(const std::function<void(const char *backend)> &rows)
{
    QTest::addColumn<QString>("backend");
    for (const char *backend : {"sqlite", "postgresql"})
        rows(backend);
}

} // namespace
