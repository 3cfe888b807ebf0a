// peanuts-prune-bench DB MODE: times retention on a seeded database (bench/seed.cpp), the way the
// store thread runs it: prune transactions of 2,000 rows until the store says it is done.
//   index        first fills the search index (catchUp), as a running receiver does after answering
//   tombstone-old  marks the entries of the oldest half deleted, then keeps the newest half by count
//   interleaved  marks every other entry deleted, then prunes everything by age: half the rows go,
//                the other half (current entries' deliveries) is looked at and kept
#include "store/sqlitestore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>

namespace {

bool rawExec(const char *path, const char *sql)
{
    sqlite3 *db = nullptr;
    bool ok = sqlite3_open(path, &db) == SQLITE_OK && sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    if (!ok)
        std::fprintf(stderr, "peanuts-prune-bench: %s\n", sqlite3_errmsg(db));
    sqlite3_close(db);
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 3) {
        std::fputs("usage: peanuts-prune-bench DB index|tombstone-old|interleaved [CHUNK]\n", stderr);
        return 2;
    }
    const QByteArray path = argv[1];
    const QByteArray mode = argv[2];
    const int chunk = argc > 3 ? QByteArray(argv[3]).toInt() : 2000;
    peanuts::RetentionPolicy policy;
    if (mode == "tombstone-old") {
        if (!rawExec(path.constData(),
                "UPDATE entries SET deleted = 1 WHERE delivery_id <= (SELECT max(id) / 2 FROM deliveries)"))
            return 1;
    } else if (mode == "interleaved") {
        if (!rawExec(path.constData(), "UPDATE entries SET deleted = 1 WHERE delivery_id % 2 = 0"))
            return 1;
    } else if (mode != "index") {
        std::fputs("peanuts-prune-bench: unknown mode\n", stderr);
        return 2;
    }

    peanuts::SqliteStore store;
    QString error;
    if (!store.open(peanuts::StoreConfig {QString::fromLocal8Bit(path)}, &error)) {
        std::fprintf(stderr, "peanuts-prune-bench: %s\n", qPrintable(error));
        return 1;
    }
    QElapsedTimer total;
    total.start();
    if (mode == "index") {
        qint64 rows = 0;
        for (int n; (n = store.catchUp(5000)) > 0;)
            rows += n;
        std::printf("indexed %lld rows in %.1f s\n", rows, double(total.elapsed()) / 1000.0);
        return 0;
    }
    const qint64 rowsBefore = store.deliveryCount().value_or(-1);
    if (mode == "tombstone-old")
        policy.maxDeliveries = rowsBefore / 2;
    else
        policy.maxAgeDays = 1; // the seed's rows are all minutes old: "now" is put two days ahead
    const qint64 now = QDateTime::currentMSecsSinceEpoch() + (mode == "interleaved" ? 2 * 86'400'000LL : 0);

    qint64 removed = 0, worstNs = 0, calls = 0, firstNs = 0;
    bool more = true;
    while (more) {
        QElapsedTimer step;
        step.start();
        const int n = store.prune(policy, now, chunk, &more);
        const qint64 ns = step.nsecsElapsed();
        if (n < 0) {
            std::fprintf(stderr, "peanuts-prune-bench: %s\n", qPrintable(store.lastError()));
            return 1;
        }
        if (calls == 0)
            firstNs = ns;
        worstNs = std::max(worstNs, ns);
        removed += n;
        ++calls;
    }
    const double seconds = double(total.nsecsElapsed()) / 1e9;
    std::printf("%s: %lld of %lld rows removed in %lld transactions of up to %d rows: %.1f s (%.0f rows/s); "
                "first %.1f ms, worst %.1f ms, mean %.1f ms\n",
        mode.constData(), removed, rowsBefore, calls, chunk, seconds, double(removed) / seconds, double(firstNs) / 1e6,
        double(worstNs) / 1e6, seconds * 1000.0 / double(calls));
    QElapsedTimer vacuumTimer;
    vacuumTimer.start();
    const auto sizes = store.vacuum();
    if (sizes)
        std::printf("vacuum: %.1f MiB -> %.1f MiB in %.1f s\n", double(sizes->bytesBefore) / 1048576.0,
            double(sizes->bytesAfter) / 1048576.0, double(vacuumTimer.elapsed()) / 1000.0);
    return 0;
}
