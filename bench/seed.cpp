// peanuts-seed N DB: fills a database (a SQLite file or a postgresql:// URL) with N signed-shape deliveries through the
// store itself (the same schema and projection as the app), 5000 a transaction, for the scale benchmarks (P3).
// peanuts-seed --schema prints the schema version this build writes (bench/seeded.sh uses it to know
// when a cached database is out of date).
#include "ingest/event.h"
#include "ingest/signature.h"
#include "store/sqlitestore.h"
#include "store/storefactory.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTimeZone>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc == 2 && QByteArray(argv[1]) == "--schema") {
        std::printf("%d\n", peanuts::SqliteStore::schemaVersion());
        return 0;
    }
    if (argc < 3) {
        std::fputs("usage: peanuts-seed N DB\n", stderr);
        return 2;
    }
    const qint64 total = QByteArray(argv[1]).toLongLong();
    // A file, or a team database's postgresql:// URL (bench/team.sh).
    const std::unique_ptr<peanuts::Store> made = peanuts::makeStore(QString::fromLocal8Bit(argv[2]));
    peanuts::Store &store = *made;
    QString error;
    if (!store.open(peanuts::StoreConfig {QString::fromLocal8Bit(argv[2])}, &error)) {
        std::fprintf(stderr, "peanuts-seed: %s\n", qPrintable(error));
        return 1;
    }
    const char *categories[] = {"Food", "Travel", "Office", "Software", "Rent", "Fuel", "Health", "Other"};
    QRandomGenerator random(7);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QElapsedTimer timer;
    timer.start();
    for (qint64 done = 0; done < total;) {
        QList<peanuts::Delivery> batch;
        for (int i = 0; i < 5000 && done < total; ++i, ++done) {
            const qint64 when = now - qint64(random.bounded(40 * 24 * 60)) * 60'000;
            const QByteArray stamp
                = QDateTime::fromMSecsSinceEpoch(when, QTimeZone::utc()).toString(Qt::ISODate).toLatin1();
            peanuts::Delivery d;
            d.receivedMs = now - (total - done);
            d.remoteAddress = QStringLiteral("127.0.0.1");
            d.method = "POST";
            d.path = "/webhook";
            d.headers = "content-type: application/json\nx-peanuts-signature: 0000\n";
            d.body = "{\"event\":\"entry.created\",\"timestamp\":\"" + stamp
                + "\",\"helper\":{\"id\":\"h-exp\",\"name\":\"Expense "
                  "Tracker\",\"command\":\"/expenses\"},\"entry\":{\"id\":\"seed-"
                + QByteArray::number(done) + "\",\"created_at\":\"" + stamp + "\",\"data\":{\"amount\":"
                + QByteArray::number(random.bounded(100, 90000) / 100.0, 'f', 2) + ",\"category\":\""
                + categories[random.bounded(8)] + "\",\"description\":\"seeded purchase\"}},\"user\":{\"id\":\"u\"}}";
            d.bodySize = d.body.size();
            d.bodySha256 = peanuts::sha256(d.body);
            d.event = peanuts::parseEvent(d.body, now + 60'000, 300'000).event;
            d.secretLabel = QStringLiteral("env");
            batch.append(d);
        }
        if (!store.commit(batch, &error)) {
            std::fprintf(stderr, "peanuts-seed: %s\n", qPrintable(error));
            return 1;
        }
    }
    std::printf("seeded %lld deliveries in %.1f s\n", total, double(timer.elapsed()) / 1000.0);
    // The search index as the app leaves it after an idle moment, so that a benchmark on this
    // database measures steady-state ingest rather than the first catch-up.
    timer.restart();
    while (store.catchUp(20'000) > 0) { }
    std::printf("indexed their bodies for search in %.1f s\n", double(timer.elapsed()) / 1000.0);
    return 0;
}
