// peanuts-writer-bench BODIES [DELIVERIES=40000] [BATCH=4] [ROUNDS=5]: what the two default rules cost
// the writer, apart from HTTP and wrk. The same signed bodies (bench/out/bodies.txt, gen_bodies.py) are
// committed in batches of BATCH to a fresh database each round, with no rules and with the defaults,
// alternated. Per delivery it prints the writer thread's CPU time (commits, the hand-over and its own
// checkpoints), the bytes written to the files (WAL and checkpoints, from /proc/self/io), and the
// planner's CPU time (spent on the HTTP thread in the app). Thread CPU time, not the wall clock, so a
// busy machine moves the figures less; compare the two modes within one run.
#include "ingest/event.h"
#include "ingest/signature.h"
#include "pipeline/planner.h"
#include "store/sqlitestore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace {

qint64 threadCpuNs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

qint64 bytesWritten() // the process's write() and pwrite() bytes so far
{
    QFile io(QStringLiteral("/proc/self/io"));
    if (!io.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : io.readAll().split('\n')) {
        if (line.startsWith("wchar:"))
            return line.mid(6).trimmed().toLongLong();
    }
    return 0;
}

struct Figures
{
    double writerUs = 0; // per delivery
    double bytes = 0;
    double planUs = 0;
    qint64 actions = 0;
};

Figures runRound(const QList<QByteArray> &bodies, int batchSize, bool rules, const QString &path)
{
    using namespace peanuts;
    ActionPlanner planner;
    PipelineConfig config;
    if (rules)
        config.rules = defaultRules();
    planner.setConfig(config);

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<Delivery> all;
    all.reserve(bodies.size());
    qint64 planNs = 0;
    for (const QByteArray &body : bodies) {
        Delivery d;
        d.receivedMs = now;
        d.remoteAddress = QStringLiteral("127.0.0.1");
        d.method = QByteArrayLiteral("POST");
        d.path = QByteArrayLiteral("/webhook");
        d.headers = QByteArrayLiteral("content-type: application/json\r\nx-peanuts-signature: 0\r\n");
        d.body = body;
        d.bodySize = body.size();
        d.bodySha256 = sha256(body);
        ParseResult parsed = parseEvent(body, now, 300'000);
        if (!parsed.event)
            continue;
        d.event = std::move(parsed.event);
        const qint64 before = threadCpuNs();
        d.actions = planner.plan(*d.event, now);
        planNs += threadCpuNs() - before;
        all.append(std::move(d));
    }

    SqliteStore store;
    QString error;
    if (!store.open(StoreConfig {path}, &error)) {
        std::fprintf(stderr, "peanuts-writer-bench: %s\n", qPrintable(error));
        std::exit(1);
    }
    Figures f;
    const qint64 bytesBefore = bytesWritten();
    const qint64 cpuBefore = threadCpuNs();
    for (qsizetype at = 0; at < all.size(); at += batchSize) {
        QList<Delivery> batch = all.mid(at, batchSize);
        if (!store.commit(batch, &error)) {
            std::fprintf(stderr, "peanuts-writer-bench: %s\n", qPrintable(error));
            std::exit(1);
        }
        f.actions += store.committedActions().size();
        store.afterAnswers();
    }
    const double n = double(std::max<qsizetype>(1, all.size()));
    f.writerUs = double(threadCpuNs() - cpuBefore) / 1000.0 / n;
    store.close(); // the last checkpoint's bytes count too
    f.bytes = double(bytesWritten() - bytesBefore) / n;
    f.planUs = double(planNs) / 1000.0 / n;
    return f;
}

double median(QList<double> xs)
{
    std::sort(xs.begin(), xs.end());
    return xs.isEmpty() ? 0 : xs[xs.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fputs("usage: peanuts-writer-bench BODIES [DELIVERIES=40000] [BATCH=4] [ROUNDS=5]\n", stderr);
        return 2;
    }
    const int count = argc > 2 ? std::atoi(argv[2]) : 40'000;
    const int batch = argc > 3 ? std::max(1, std::atoi(argv[3])) : 4;
    const int rounds = argc > 4 ? std::max(1, std::atoi(argv[4])) : 5;
    QFile file(QString::fromLocal8Bit(argv[1]));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "peanuts-writer-bench: cannot read %s\n", argv[1]);
        return 1;
    }
    QList<QByteArray> bodies;
    while (bodies.size() < count && !file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (const qsizetype space = line.indexOf(' '); space > 0)
            bodies.append(line.mid(space + 1));
    }
    QTemporaryDir dir;
    QList<double> cpu[2], bytes[2], plan[2];
    for (int round = 1; round <= rounds; ++round) {
        for (int on = 0; on < 2; ++on) {
            const QString path = dir.filePath(QStringLiteral("r%1-%2.db").arg(round).arg(on));
            const Figures f = runRound(bodies, batch, on == 1, path);
            cpu[on].append(f.writerUs);
            bytes[on].append(f.bytes);
            plan[on].append(f.planUs);
            std::printf("round %d, %s: writer %.1f µs, %.0f bytes written, planner %.1f µs a delivery; %lld actions\n",
                round, on ? "default rules" : "no rules", f.writerUs, f.bytes, f.planUs, f.actions);
            std::fflush(stdout);
        }
    }
    std::printf(
        "medians over %d rounds of %lld deliveries in batches of %d:\n", rounds, qlonglong(bodies.size()), batch);
    std::printf("  writer CPU per delivery: %.1f µs with no rules, %.1f µs with the defaults (%.2fx)\n", median(cpu[0]),
        median(cpu[1]), median(cpu[1]) / median(cpu[0]));
    std::printf("  bytes written per delivery: %.0f and %.0f (%.2fx)\n", median(bytes[0]), median(bytes[1]),
        median(bytes[1]) / median(bytes[0]));
    std::printf("  planner CPU per delivery: %.1f µs and %.1f µs\n", median(plan[0]), median(plan[1]));
    return 0;
}
