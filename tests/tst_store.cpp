// The SQLite store on real files: private files and the schema version, restarts, refusals that
// leave foreign files untouched, outcomes and counters, the projection's order rules (with a
// property test over random orderings and batch splits), exact money, failed commits that write
// nothing, ids across restarts, the payload log's queries and search, and when the search index
// moves under load.
#include "ingest/event.h"
#include "ingest/signature.h"
#include "store/databasefiles.h"
#include "store/sqlitestore.h"
#include "store/storeworker.h"
#include "storekit.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <map>
#include <numeric>
#include <thread>
#include <tuple>

using namespace peanuts;
using namespace testsupport;

namespace {

const QFileDevice::Permissions kOwnerOnly
    = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser;

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

// A second, raw connection to the same file, independent of the code under test.
class RawDb
{
public:
    explicit RawDb(const QString &path, int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
    {
        m_rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &m_db, flags, nullptr);
    }
    ~RawDb() { sqlite3_close(m_db); }
    Q_DISABLE_COPY_MOVE(RawDb)

    bool isOpen() const { return m_rc == SQLITE_OK; }
    int exec(const char *sql) { return sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr); }
    QString errorText() const { return QString::fromUtf8(sqlite3_errmsg(m_db)); }
    QByteArray text(const char *sql)
    {
        sqlite3_stmt *stmt = nullptr;
        QByteArray value = "<error>";
        if (sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
            value = QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
        sqlite3_finalize(stmt);
        return value;
    }
    qint64 number(const char *sql)
    {
        bool ok = false;
        const qint64 value = text(sql).toLongLong(&ok);
        return ok ? value : -1;
    }

private:
    sqlite3 *m_db = nullptr;
    int m_rc = SQLITE_ERROR;
};

constexpr qint64 kDayMs = 86'400'000;

// The history the retention tests prune, received one day apart from kReceivedMs on (day 0):
//   1 r0 (refused)       day 0     5 r1 (refused)             day 1
//   2 keep created       day 0     6 upd updated (applied)    day 1
//   3 upd created        day 0     7 gone deleted (tombstone) day 1
//   4 gone created       day 0     8..15 r2..r9 (refused)     days 2..9
// Kept whatever the policy: 2 and 6, the applied deliveries of the current entries keep and upd.
QList<Delivery> retentionHistory()
{
    auto on = [](Delivery d, int day) {
        d.receivedMs = kReceivedMs + day * kDayMs;
        return d;
    };
    QList<Delivery> list {on(refused(Outcome::RejectedSignature, 401, "r0"), 0),
        on(verified(body(QStringLiteral("keep"), created(), 1)), 0),
        on(verified(body(QStringLiteral("upd"), created(), 1)), 0),
        on(verified(body(QStringLiteral("gone"), created(), 1)), 0),
        on(refused(Outcome::RejectedSignature, 401, "r1"), 1),
        on(verified(body(QStringLiteral("upd"), updated(), 2, "2.00")), 1),
        on(verified(body(QStringLiteral("gone"), deleted(), 2)), 1)};
    for (int day = 2; day <= 9; ++day)
        list.append(on(refused(Outcome::RejectedSignature, 401, "r" + QByteArray::number(day)), day));
    return list;
}

QList<qint64> storedIds(Store &store)
{
    QList<qint64> list;
    const auto rows = store.deliveriesAfter(DeliveryFilter(), 0, 100'000);
    for (const DeliveryRow &row : rows.value_or(QList<DeliveryRow>()))
        list.append(row.id);
    return list;
}

QList<qint64> idRange(qint64 first, qint64 last)
{
    QList<qint64> list;
    for (qint64 id = first; id <= last; ++id)
        list.append(id);
    return list;
}

// Prunes until the store says there is no more; checks that no call removes more than maxRows.
qint64 pruneAll(Store &store, const RetentionPolicy &policy, qint64 nowMs, int maxRows, int *calls = nullptr)
{
    qint64 total = 0;
    bool more = true;
    for (int n = 0; more; ++n) {
        const int removed = store.prune(policy, nowMs, maxRows, &more);
        if (removed < 0 || removed > maxRows || n > 1'000'000)
            return -1;
        total += removed;
        if (calls)
            *calls = n + 1;
    }
    return total;
}

} // namespace

class TestStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    QString newPath() { return m_dir.filePath(QStringLiteral("store-%1.db").arg(++m_files)); }

    static void open(SqliteStore &store, const QString &path)
    {
        QString error;
        QVERIFY2(store.open(StoreConfig {path, Durability::Normal, false}, &error), qPrintable(error));
        QVERIFY(error.isEmpty());
    }

    static bool commitAll(SqliteStore &store, QList<Delivery> &batch)
    {
        QString error;
        const bool ok = store.commit(batch, &error);
        if (!ok)
            qWarning("commit failed: %s", qPrintable(error));
        return ok;
    }

    // The aggregate tables hold exactly the sums of the current entries, by helper and category,
    // and by helper, 15-minute bucket and category (rows that fell to zero aside).
    static bool aggregatesMatch(SqliteStore &store, const QString &path)
    {
        using Sums = std::array<qint64, 3>; // count, with an amount, sum of cents
        std::map<std::tuple<QString, QString>, Sums> totals;
        std::map<std::tuple<QString, qint64, QString>, Sums> buckets;
        const QList<EntryState> entries = store.entries().value();
        for (const EntryState &e : entries) {
            if (e.deleted)
                continue;
            const Sums add {1, e.amountCents ? 1 : 0, e.amountCents.value_or(0)};
            const qint64 bucket = e.createdMs >= 0 ? e.createdMs / 900'000 : -((899'999 - e.createdMs) / 900'000);
            for (int i = 0; i < 3; ++i) {
                totals[{e.helperCommand, e.category}][i] += add[i];
                buckets[{e.helperCommand, bucket, e.category}][i] += add[i];
            }
        }
        sqlite3 *db = nullptr;
        if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
            return false;
        auto read = [db](const char *sql, auto &into, auto key) {
            sqlite3_stmt *stmt = nullptr;
            sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
            while (sqlite3_step(stmt) == SQLITE_ROW) {
                const int n = sqlite3_column_count(stmt);
                into[key(stmt)] = Sums {sqlite3_column_int64(stmt, n - 3), sqlite3_column_int64(stmt, n - 2),
                    sqlite3_column_int64(stmt, n - 1)};
            }
            sqlite3_finalize(stmt);
        };
        auto str = [](sqlite3_stmt *stmt, int column) {
            return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, column)));
        };
        decltype(totals) storedTotals;
        decltype(buckets) storedBuckets;
        read("SELECT helper_command, category, count, amount_count, sum_cents FROM entry_totals"
             " WHERE count != 0 OR amount_count != 0 OR sum_cents != 0",
            storedTotals, [&](sqlite3_stmt *stmt) { return std::make_tuple(str(stmt, 0), str(stmt, 1)); });
        read("SELECT helper_command, bucket, category, count, amount_count, sum_cents FROM entry_buckets"
             " WHERE count != 0 OR amount_count != 0 OR sum_cents != 0",
            storedBuckets, [&](sqlite3_stmt *stmt) {
                return std::make_tuple(str(stmt, 0), sqlite3_column_int64(stmt, 1), str(stmt, 2));
            });
        sqlite3_close(db);
        if (storedTotals != totals || storedBuckets != buckets) {
            qWarning("aggregates differ: %zu/%zu totals, %zu/%zu buckets (stored/expected)", storedTotals.size(),
                totals.size(), storedBuckets.size(), buckets.size());
            return false;
        }
        return !totals.empty();
    }

    // A history with every way an entry gets to its state: stale and duplicate arrivals, a tombstone,
    // a flagged amount with its own created_at, an ignored event, a refusal, a redacted winner and a
    // deleted winner. Returns the ids of the deliveries, in order.
    static QList<qint64> fillVariedHistory(SqliteStore &store)
    {
        const QByteArray createdB = body(QStringLiteral("b"), created(), 1);
        QList<Delivery> batch {verified(body(QStringLiteral("a"), created(), 1)),
            verified(body(QStringLiteral("a"), updated(), 5, "7.25", QStringLiteral("Travel"))),
            verified(body(QStringLiteral("a"), updated(), 3)), verified(createdB),
            verified(body(QStringLiteral("b"), deleted(), 9)), verified(createdB),
            verified(makeBody(QStringLiteral("c"), created(), timestamp(2), "\"twelve\"", QStringLiteral("Food"),
                QStringLiteral("/expenses"), QStringLiteral("2026-11-19T08:00:00Z"))),
            verified(body(QStringLiteral("d"), QStringLiteral("entry.archived"), 4)),
            refused(Outcome::RejectedSignature, 401, "{}"), verified(body(QStringLiteral("e"), created(), 1)),
            verified(body(QStringLiteral("f"), created(), 1)), verified(body(QStringLiteral("f"), updated(), 2))};
        if (!commitAll(store, batch))
            return {};
        const QStringList expected = outcomeNames({Outcome::Accepted, Outcome::Accepted, Outcome::Stale,
            Outcome::Accepted, Outcome::Accepted, Outcome::Duplicate, Outcome::Accepted, Outcome::Ignored,
            Outcome::RejectedSignature, Outcome::Accepted, Outcome::Accepted, Outcome::Accepted});
        if (outcomes(batch) != expected) {
            qWarning("unexpected outcomes: %s", qPrintable(outcomes(batch).join(u' ')));
            return {};
        }
        // e's applied delivery is redacted, f's is deleted: the check compares what is left.
        if (!store.redactDeliveries({batch[9].id}) || !store.deleteDeliveries({batch[11].id}))
            return {};
        return ids(batch);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QLoggingCategory::setFilterRules(QStringLiteral("peanuts.store.info=false"));
    }

    void createsPrivateFilesWithTheSchemaVersion()
    {
        QVERIFY(SqliteStore::schemaVersion() >= 1);
        const QString path = newPath();
        QVERIFY(!QFile::exists(path));
        // With no umask to help, the modes must come from the store itself.
        const mode_t oldMask = ::umask(0);
        SqliteStore store;
        open(store, path);
        QList<Delivery> batch {verified(body(QStringLiteral("a"), created(), 1))};
        const bool committed = commitAll(store, batch);
        ::umask(oldMask);
        QVERIFY(committed);

        QCOMPARE(QFile::permissions(path), kOwnerOnly);
        QVERIFY(QFile::exists(path + QStringLiteral("-wal")));
        QCOMPARE(QFile::permissions(path + QStringLiteral("-wal")), kOwnerOnly);
        if (QFile::exists(path + QStringLiteral("-shm")))
            QCOMPARE(QFile::permissions(path + QStringLiteral("-shm")), kOwnerOnly);

        RawDb raw(path, SQLITE_OPEN_READONLY);
        QVERIFY(raw.isOpen());
        QCOMPARE(raw.number("PRAGMA user_version"), qint64(SqliteStore::schemaVersion()));
        QCOMPARE(raw.text("PRAGMA journal_mode"), QByteArray("wal"));
        QCOMPARE(raw.number("SELECT count(*) FROM deliveries"), 1);
    }

    void databaseFileSizesCountTheFileAndItsWal()
    {
        const QString path = newPath();
        QCOMPARE(databaseFileSizes(path).total(), 0); // absent: nothing yet
        SqliteStore store;
        open(store, path);
        QList<Delivery> batch {verified(body(QStringLiteral("s1"), created(), 1))};
        QVERIFY(commitAll(store, batch));
        const DatabaseFileSizes sizes = databaseFileSizes(path);
        QVERIFY(sizes.file > 0);
        QVERIFY(sizes.wal > 0); // the commit is in the write-ahead log until a checkpoint
        QCOMPARE(sizes.file, QFileInfo(path).size());
        QCOMPARE(sizes.wal, QFileInfo(path + QStringLiteral("-wal")).size());
        QCOMPARE(sizes.total(), sizes.file + sizes.wal);
        // Vacuum reports the same measure, and leaves an empty log.
        const std::optional<VacuumResult> vacuumed = store.vacuum();
        QVERIFY(vacuumed);
        QCOMPARE(vacuumed->bytesBefore, sizes.total());
        const DatabaseFileSizes after = databaseFileSizes(path);
        QCOMPARE(after.wal, 0);
        QCOMPARE(vacuumed->bytesAfter, after.total());
    }

    void dataSurvivesARestart()
    {
        const QString path = newPath();
        QList<Delivery> first {verified(body(QStringLiteral("r1"), created(), 1, "3.10", QStringLiteral("Food"))),
            verified(body(QStringLiteral("r1"), updated(), 5, "4.20", QStringLiteral("Travel"))),
            verified(body(QStringLiteral("r1"), updated(), 3, "9.99")), // stale
            verified(body(QStringLiteral("r2"), created(), 2, "\"n/a\""))};
        first.append(first[0]); // duplicate
        first.append(verified(body(QStringLiteral("r3"), QStringLiteral("entry.archived"), 2)));
        first.append(refused(Outcome::RejectedSignature, 401, "forged"));
        first.append(refused(Outcome::RejectedShape, 400, "{}", false));
        first.append(verified(body(QStringLiteral("r4"), deleted(), 7)));
        first[4].forwardedFor = QStringLiteral("203.0.113.9");

        Snapshot before;
        {
            SqliteStore store;
            open(store, path);
            QVERIFY(commitAll(store, first));
            before = Snapshot::of(store);
            store.close();
            // Closed: every call fails instead of touching a stale handle.
            QList<Delivery> late {verified(body(QStringLiteral("r9"), created(), 1))};
            QString error;
            QVERIFY(!store.commit(late, &error));
            QVERIFY(!error.isEmpty());
        }
        QCOMPARE(before.deliveryCount, 8);
        QCOMPARE(before.entries.size(), 3);
        QCOMPARE(before.deliveries.size(), 8);

        SqliteStore again;
        open(again, path);
        const Snapshot after = Snapshot::of(again);
        QCOMPARE(after.entries, before.entries);
        QCOMPARE(after.counters, before.counters);
        QCOMPARE(after.deliveryCount, before.deliveryCount);
        QCOMPARE(after.deliveries, before.deliveries);
        QCOMPARE(after.minutes, before.minutes);
        QCOMPARE(after.counters,
            expectedCounters({{Outcome::Accepted, 4}, {Outcome::Stale, 1}, {Outcome::Duplicate, 1},
                {Outcome::Ignored, 1}, {Outcome::RejectedSignature, 1}, {Outcome::RejectedShape, 1}}));

        // Duplicate detection and ids carry on where they stopped.
        QList<Delivery> next {verified(first[1].body), verified(body(QStringLiteral("r5"), created(), 1))};
        QVERIFY(commitAll(again, next));
        QCOMPARE(outcomes(next), outcomeNames({Outcome::Duplicate, Outcome::Accepted}));
        QCOMPARE(ids(next), QList<qint64>({9, 10}));
    }

    void refusesWhatIsNotOurs_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("message"); // a part of the error that says why
        QTest::addRow("text, not a database") << QStringLiteral("text") << QStringLiteral("not a usable");
        QTest::addRow("someone else's tables, version 0")
            << QStringLiteral("foreign") << QStringLiteral("not Peanuts Monitor's");
        QTest::addRow("our schema, newer version") << QStringLiteral("newer") << QStringLiteral("newer");
        QTest::addRow("empty, newer version") << QStringLiteral("newer-empty") << QStringLiteral("newer");
    }

    void refusesWhatIsNotOurs()
    {
        QFETCH(QString, kind);
        QFETCH(QString, message);
        const QString path = newPath();
        if (kind == QLatin1String("text")) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QByteArray text;
            while (text.size() < 4096)
                text += "These are somebody's notes, not a database. ";
            text.truncate(4096);
            QCOMPARE(file.write(text), 4096);
        } else if (kind == QLatin1String("foreign")) {
            RawDb raw(path);
            QCOMPARE(raw.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);"
                              "INSERT INTO notes (text) VALUES ('keep me');"),
                SQLITE_OK);
            QCOMPARE(raw.number("PRAGMA user_version"), 0);
        } else if (kind == QLatin1String("newer")) {
            {
                SqliteStore ours;
                open(ours, path);
                QList<Delivery> batch {verified(body(QStringLiteral("n1"), created(), 1))};
                QVERIFY(commitAll(ours, batch));
            }
            RawDb raw(path);
            const QByteArray sql = "PRAGMA user_version=" + QByteArray::number(SqliteStore::schemaVersion() + 1);
            QCOMPARE(raw.exec(sql.constData()), SQLITE_OK);
        } else {
            RawDb raw(path);
            const QByteArray sql = "PRAGMA user_version=" + QByteArray::number(SqliteStore::schemaVersion() + 7);
            QCOMPARE(raw.exec(sql.constData()), SQLITE_OK);
        }
        const QByteArray bytes = readAll(path);
        QVERIFY(bytes.size() >= 512);
        const QFileDevice::Permissions permissions = QFile::permissions(path);

        SqliteStore store;
        QString error;
        QVERIFY(!store.open(StoreConfig {path, Durability::Normal, false}, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
        QCOMPARE(store.lastError(), error);
        if (kind == QLatin1String("text"))
            QVERIFY2(error.contains(path), qPrintable(error));
        // Refused for good: nothing can be written through it.
        QList<Delivery> batch {verified(body(QStringLiteral("x"), created(), 1))};
        QString commitError;
        QVERIFY(!store.commit(batch, &commitError));
        QVERIFY(!commitError.isEmpty());
        store.close();

        QCOMPARE(readAll(path), bytes);
        QCOMPARE(QFile::permissions(path), permissions);
        // A second attempt is refused the same way, and still changes nothing.
        SqliteStore again;
        QString againError;
        QVERIFY(!again.open(StoreConfig {path, Durability::Full, false}, &againError));
        QCOMPARE(againError, error);
        again.close();
        QCOMPARE(readAll(path), bytes);
    }

    void outcomesAndCountersOfBatches()
    {
        SqliteStore store;
        open(store, newPath());
        const QByteArray a = body(QStringLiteral("o1"), created(), 1, "1.00");
        const QByteArray newer = body(QStringLiteral("o1"), updated(), 5, "2.00");
        const QByteArray older = body(QStringLiteral("o1"), updated(), 3, "3.00");
        const QByteArray unknown = body(QStringLiteral("o2"), QStringLiteral("entry.archived"), 1);
        const QByteArray forged = body(QStringLiteral("o3"), created(), 1, "4.00");

        QList<Delivery> batch {verified(a), verified(newer), verified(a), verified(unknown), verified(unknown),
            refused(Outcome::RejectedSignature, 401, forged), refused(Outcome::RejectedShape, 400, "[]"),
            refused(Outcome::RejectedSize, 413, QByteArray(), false), refused(Outcome::Unavailable, 503, forged),
            verified(older)};
        QVERIFY(commitAll(store, batch));
        QCOMPARE(outcomes(batch),
            outcomeNames({Outcome::Accepted, Outcome::Accepted, Outcome::Duplicate, Outcome::Ignored,
                Outcome::Duplicate, Outcome::RejectedSignature, Outcome::RejectedShape, Outcome::RejectedSize,
                Outcome::Unavailable, Outcome::Stale}));
        QCOMPARE(ids(batch), QList<qint64>({1, 2, 3, 4, 5, 6, 7, 0, 8, 9}));
        QCOMPARE(store.deliveryCount().value(), 9);
        QCOMPARE(counterList(store),
            expectedCounters({{Outcome::Accepted, 2}, {Outcome::Duplicate, 2}, {Outcome::Ignored, 1},
                {Outcome::RejectedSignature, 1}, {Outcome::RejectedShape, 1}, {Outcome::RejectedSize, 1},
                {Outcome::Unavailable, 1}, {Outcome::Stale, 1}}));
        // Unknown events are stored, never applied.
        QVERIFY(!store.entry(QStringLiteral("o2")));
        QCOMPARE(store.delivery(4)->outcome, Outcome::Ignored);
        QCOMPARE(store.delivery(4)->body, unknown);
        QCOMPARE(store.entry(QStringLiteral("o1"))->bodySha256, sha256(newer));
        QCOMPARE(store.entry(QStringLiteral("o1"))->deliveryId, 2);
        // Stored rows keep what was decided about them.
        const Delivery stale = store.delivery(9).value();
        QCOMPARE(stale.outcome, Outcome::Stale);
        QCOMPARE(stale.body, older);
        const Delivery rejected = store.delivery(6).value();
        QCOMPARE(rejected.outcome, Outcome::RejectedSignature);
        QCOMPARE(rejected.status, 401);
        QCOMPARE(rejected.reason, batch[5].reason);
        QVERIFY(!rejected.event);

        // Across batches: accepted, ignored and stale bodies all make later copies duplicates; a
        // forged body with the same bytes as a real one does not.
        QList<Delivery> later {verified(a), verified(unknown), verified(older), verified(forged), verified(forged)};
        QVERIFY(commitAll(store, later));
        QCOMPARE(outcomes(later),
            outcomeNames(
                {Outcome::Duplicate, Outcome::Duplicate, Outcome::Duplicate, Outcome::Accepted, Outcome::Duplicate}));
        QCOMPARE(ids(later), QList<qint64>({10, 11, 12, 13, 14}));
        QCOMPARE(store.deliveryCount().value(), 14);
        QCOMPARE(counterList(store),
            expectedCounters({{Outcome::Accepted, 3}, {Outcome::Duplicate, 6}, {Outcome::Ignored, 1},
                {Outcome::RejectedSignature, 1}, {Outcome::RejectedShape, 1}, {Outcome::RejectedSize, 1},
                {Outcome::Unavailable, 1}, {Outcome::Stale, 1}}));
        // The projection did not move for any of the copies.
        QCOMPARE(store.entry(QStringLiteral("o1"))->bodySha256, sha256(newer));

        // An empty batch is a valid, empty transaction.
        QList<Delivery> empty;
        QVERIFY(commitAll(store, empty));
        QCOMPARE(store.deliveryCount().value(), 14);
    }

    void rejectedOutcomes_data()
    {
        QTest::addColumn<int>("outcomeValue");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("keepRow");
        const struct
        {
            Outcome outcome;
            int status;
        } rejected[] = {{Outcome::RejectedSize, 413}, {Outcome::RejectedSignature, 401}, {Outcome::RejectedShape, 400},
            {Outcome::Unavailable, 503}};
        for (const auto &r : rejected) {
            for (bool keep : {true, false})
                QTest::addRow("%s, %s", outcomeName(r.outcome), keep ? "stored" : "counted only")
                    << int(r.outcome) << r.status << keep;
        }
    }

    void rejectedOutcomes()
    {
        QFETCH(int, outcomeValue);
        const Outcome outcome = Outcome(outcomeValue);
        QFETCH(int, status);
        QFETCH(bool, keepRow);
        SqliteStore store;
        open(store, newPath());
        const QByteArray bytes = body(QStringLiteral("j1"), created(), 1, "5.00");
        QList<Delivery> batch {refused(outcome, status, bytes, keepRow), refused(outcome, status, bytes, keepRow)};
        QVERIFY(commitAll(store, batch));
        QCOMPARE(outcomes(batch), outcomeNames({outcome, outcome})); // never turned into duplicates
        QCOMPARE(ids(batch), keepRow ? QList<qint64>({1, 2}) : QList<qint64>({0, 0}));
        QCOMPARE(store.deliveryCount().value(), keepRow ? 2 : 0);
        QCOMPARE(counterList(store), expectedCounters({{outcome, 2}}));
        const auto minutes = store.minuteCounts(kReceivedMs - 60'000, kReceivedMs + 60'000).value();
        QCOMPARE(minutes.size(), 1);
        QCOMPARE(minutes[0].minuteStartMs, kReceivedMs / 60'000 * 60'000);
        QCOMPARE(minutes[0].counts[size_t(outcome)], 2);
        if (keepRow) {
            const Delivery row = store.delivery(1).value();
            QCOMPARE(row.outcome, outcome);
            QCOMPARE(row.status, status);
            QCOMPARE(row.reason, batch[0].reason);
            QCOMPARE(row.body, bytes);
        }
        QVERIFY(!store.entry(QStringLiteral("j1")));

        // The genuine delivery of the same bytes is not a duplicate of the refused ones.
        QList<Delivery> genuine {verified(bytes)};
        QVERIFY(commitAll(store, genuine));
        QCOMPARE(genuine[0].outcome, Outcome::Accepted);
        QCOMPARE(genuine[0].id, keepRow ? 3 : 1);
        QVERIFY(store.entry(QStringLiteral("j1")));
    }

    void projection_data()
    {
        QTest::addColumn<QStringList>("events"); // "kind@second" in arrival order; each body is distinct
        QTest::addColumn<QStringList>("expected"); // each delivery's outcome
        QTest::addColumn<int>("winner"); // index of the event applied at the end

        const QString a = QString::fromLatin1(outcomeName(Outcome::Accepted));
        const QString s = QString::fromLatin1(outcomeName(Outcome::Stale));
        auto row = [](const char *name, const QStringList &events, const QStringList &expected, int winner) {
            QTest::newRow(name) << events << expected << winner;
        };
        row("created, then updated later", {QStringLiteral("created@1"), QStringLiteral("updated@2")}, {a, a}, 1);
        row("updated, then its older created", {QStringLiteral("updated@2"), QStringLiteral("created@1")}, {a, s}, 0);
        row("an older update after a newer one",
            {QStringLiteral("created@1"), QStringLiteral("updated@5"), QStringLiteral("updated@3")}, {a, a, s}, 1);
        row("deleted, then a late older created (tombstone)",
            {QStringLiteral("created@1"), QStringLiteral("deleted@9"), QStringLiteral("created@1")}, {a, a, s}, 1);
        row("deleted before its created arrives", {QStringLiteral("deleted@9"), QStringLiteral("created@1")}, {a, s},
            0);
        row("deleted, then a late older update", {QStringLiteral("deleted@9"), QStringLiteral("updated@8")}, {a, s}, 0);
        row("a newer update after a delete wins (timestamps order events)",
            {QStringLiteral("created@1"), QStringLiteral("deleted@2"), QStringLiteral("updated@3")}, {a, a, a}, 2);
        row("tie: deleted first, then updated", {QStringLiteral("deleted@4"), QStringLiteral("updated@4")}, {a, s}, 0);
        row("tie: updated first, then deleted", {QStringLiteral("updated@4"), QStringLiteral("deleted@4")}, {a, a}, 1);
        row("tie: updated first, then created", {QStringLiteral("updated@4"), QStringLiteral("created@4")}, {a, s}, 0);
        row("tie: created first, then updated", {QStringLiteral("created@4"), QStringLiteral("updated@4")}, {a, a}, 1);
        row("tie: deleted first, then created", {QStringLiteral("deleted@4"), QStringLiteral("created@4")}, {a, s}, 0);
        row("tie: created first, then deleted", {QStringLiteral("created@4"), QStringLiteral("deleted@4")}, {a, a}, 1);
        row("tie of three, deleted in the middle",
            {QStringLiteral("created@4"), QStringLiteral("deleted@4"), QStringLiteral("updated@4")}, {a, a, s}, 1);
    }

    void projection()
    {
        QFETCH(QStringList, events);
        QFETCH(QStringList, expected);
        QFETCH(int, winner);

        QList<QByteArray> bodies;
        for (qsizetype i = 0; i < events.size(); ++i) {
            const QStringList parts = events[i].split(u'@');
            // Distinct amounts and categories keep the bodies apart and show whose data was applied.
            bodies.append(body(QStringLiteral("p"), QStringLiteral("entry.") + parts[0], parts[1].toInt(),
                QByteArray::number(i + 1) + ".25", QStringLiteral("C%1").arg(i)));
        }
        const QStringList winnerParts = events[winner].split(u'@');
        const bool isDeleted = winnerParts[0] == QLatin1String("deleted");

        // The same arrivals, one batch each and all in one batch, end the same way.
        for (bool oneBatch : {false, true}) {
            SqliteStore store;
            open(store, newPath());
            QList<Delivery> all;
            if (oneBatch) {
                for (const QByteArray &b : bodies)
                    all.append(verified(b));
                QVERIFY(commitAll(store, all));
            } else {
                for (const QByteArray &b : bodies) {
                    QList<Delivery> one {verified(b)};
                    QVERIFY(commitAll(store, one));
                    all.append(one);
                }
            }
            QCOMPARE(outcomes(all), expected);
            const EntryState entry = store.entry(QStringLiteral("p")).value();
            QCOMPARE(entry.bodySha256, sha256(bodies[winner]));
            QCOMPARE(entry.eventMs, timestampMs(winnerParts[1].toInt()));
            QCOMPARE(entry.eventRank, eventRank(kindOf(QStringLiteral("entry.") + winnerParts[0])));
            QCOMPARE(entry.deleted, isDeleted);
            QCOMPARE(entry.category, QStringLiteral("C%1").arg(winner));
            QCOMPARE(entry.deliveryId, all[winner].id);
            QCOMPARE(entry.amountCents, isDeleted ? std::nullopt : std::optional<qint64>((winner + 1) * 100 + 25));
            const EntryTotals totals = store.entryTotals(EntryFilter {{QStringLiteral("/expenses")}}).value();
            QCOMPARE(totals.count, isDeleted ? 0 : 1);
            QCOMPARE(totals.amountCount, isDeleted ? 0 : 1);
            QCOMPARE(totals.sumCents, isDeleted ? 0 : (winner + 1) * 100 + 25);
            QCOMPARE(store.entries()->size(), 1); // a tombstone is still an entry
        }
    }

    void equalTimestampAndKindLargerHashWins_data()
    {
        QTest::addColumn<QString>("event");
        QTest::addRow("created") << created();
        QTest::addRow("updated") << updated();
        QTest::addRow("deleted") << deleted();
    }

    void equalTimestampAndKindLargerHashWins()
    {
        QFETCH(QString, event);
        const QByteArray x = body(QStringLiteral("h"), event, 4, "1.00", QStringLiteral("X"));
        const QByteArray y = body(QStringLiteral("h"), event, 4, "2.00", QStringLiteral("Y"));
        QVERIFY(sha256(x) != sha256(y));
        const QByteArray larger = std::max(sha256(x), sha256(y));
        for (bool xFirst : {true, false}) {
            SqliteStore store;
            open(store, newPath());
            QList<Delivery> first {verified(xFirst ? x : y)};
            QList<Delivery> second {verified(xFirst ? y : x)};
            QVERIFY(commitAll(store, first));
            QVERIFY(commitAll(store, second));
            QCOMPARE(first[0].outcome, Outcome::Accepted);
            QCOMPARE(second[0].outcome, second[0].bodySha256 == larger ? Outcome::Accepted : Outcome::Stale);
            const EntryState entry = store.entry(QStringLiteral("h")).value();
            QCOMPARE(entry.bodySha256, larger);
            QCOMPARE(entry.category, larger == sha256(x) ? QStringLiteral("X") : QStringLiteral("Y"));
        }
    }

    void projectionIsOrderIndependent()
    {
        // Property: every ordering and batching of the same deliveries ends in the same entries, and
        // that is the per-entry maximum of (timestamp, rank, body hash). Rounds use their own entry
        // ids, so each store (one per ordering) replays every round at once.
        QRandomGenerator random(20261126);
        const QStringList kinds {created(), updated(), deleted()};
        constexpr int kRounds = 200;
        QList<Generated> deliveries;
        std::map<QString, Generated> winners; // by entry id: the reference projection
        for (int round = 0; round < kRounds; ++round) {
            const int count = 25 + int(random.bounded(11));
            for (int i = 0; i < count; ++i) {
                Generated g;
                g.entryId = QStringLiteral("r%1-e%2").arg(round).arg(random.bounded(5));
                const int kind = int(random.bounded(3));
                const int second = int(random.bounded(4)); // few timestamps: ties happen
                QByteArray amount;
                if (random.bounded(8) == 0) {
                    amount = "\"n/a\"";
                    g.flagged = true;
                } else {
                    const qint64 cents = qint64(random.bounded(-500, 100'000));
                    g.cents = cents;
                    const qint64 magnitude = qAbs(cents);
                    amount = (cents < 0 ? "-" : "") + QByteArray::number(magnitude / 100) + '.'
                        + QByteArray::number(magnitude % 100).rightJustified(2, '0');
                }
                g.category = QStringLiteral("C%1").arg(random.bounded(3));
                g.body = body(g.entryId, kinds[kind], second, amount, g.category);
                g.sha = sha256(g.body);
                g.deleted = kind == 2;
                g.key = Key {timestampMs(second), eventRank(kindOf(kinds[kind])), g.sha};
                deliveries.append(g);
                if (random.bounded(4) == 0)
                    deliveries.append(g); // an exact copy, delivered again
                auto it = winners.find(g.entryId);
                if (it == winners.end() || it->second.key < g.key)
                    winners[g.entryId] = g;
            }
        }
        QStringList expectedEntries;
        for (const auto &[id, g] : winners)
            expectedEntries.append(expectedLine(g));
        QSet<QByteArray> distinct;
        for (const Generated &g : deliveries)
            distinct.insert(g.body);
        const qint64 total = deliveries.size();
        const qint64 copies = total - distinct.size();
        QVERIFY(copies > 0);

        QStringList firstEntries;
        constexpr int kOrderings = 8;
        for (int ordering = 0; ordering < kOrderings; ++ordering) {
            QList<Generated> order = deliveries;
            auto byKey = [](const Generated &l, const Generated &r) { return l.key < r.key; };
            if (ordering == 1)
                std::stable_sort(order.begin(), order.end(), byKey); // oldest first: nothing is stale
            else if (ordering == 2)
                std::stable_sort(order.rbegin(), order.rend(), byKey); // newest first: most is stale
            else if (ordering > 2)
                std::shuffle(order.begin(), order.end(), random);

            // The outcome each delivery must get, replayed independently in this order.
            QStringList expectedOutcomes;
            {
                std::map<QString, Key> applied;
                QSet<QByteArray> seen;
                for (const Generated &g : order) {
                    Outcome o = Outcome::Stale;
                    if (seen.contains(g.body)) {
                        o = Outcome::Duplicate;
                    } else {
                        seen.insert(g.body);
                        auto it = applied.find(g.entryId);
                        if (it == applied.end() || it->second < g.key) {
                            applied[g.entryId] = g.key;
                            o = Outcome::Accepted;
                        }
                    }
                    expectedOutcomes.append(QString::fromLatin1(outcomeName(o)));
                }
            }

            SqliteStore store;
            open(store, newPath());
            QStringList got;
            for (qsizetype i = 0; i < order.size();) {
                // Batches of 1 to 8, or (ordering 3) everything at once.
                const qsizetype n = ordering == 3 ? order.size() : 1 + qsizetype(random.bounded(8));
                QList<Delivery> batch;
                for (; i < order.size() && batch.size() < n; ++i)
                    batch.append(verified(order[i].body, kReceivedMs + i));
                QVERIFY(commitAll(store, batch));
                got.append(outcomes(batch));
            }
            QCOMPARE(got.size(), expectedOutcomes.size());
            for (qsizetype i = 0; i < got.size(); ++i) {
                if (got[i] != expectedOutcomes[i]) {
                    QFAIL(qPrintable(QStringLiteral("ordering %1, delivery %2 (%3): outcome %4, expected %5")
                                         .arg(ordering)
                                         .arg(i)
                                         .arg(QString::fromUtf8(order[i].body), got[i], expectedOutcomes[i])));
                }
            }

            const QStringList entries = entryLines(store);
            QCOMPARE(entries.size(), expectedEntries.size());
            for (qsizetype i = 0; i < entries.size(); ++i)
                QCOMPARE(entries[i], expectedEntries[i]);
            if (ordering == 0)
                firstEntries = entries;
            QCOMPARE(entries, firstEntries);

            // Each entry names the stored delivery it was applied from.
            const QList<EntryState> states = store.entries().value();
            for (const EntryState &e : states) {
                const auto applied = store.delivery(e.deliveryId);
                QVERIFY2(applied, qPrintable(e.entryId));
                QCOMPARE(applied->bodySha256, e.bodySha256);
                QCOMPARE(applied->event->entryId, e.entryId);
            }
            // Rebuilt from the deliveries alone, the projection comes out as kept, whatever the order.
            const ProjectionCheck check = store.checkProjection().value();
            QVERIFY2(check.ok(), qPrintable(check.differences.join(u'\n')));
            QCOMPARE(check.entries, qint64(winners.size()));

            const QList<qint64> counts = counterList(store);
            QCOMPARE(store.deliveryCount().value(), total);
            QCOMPARE(counts[qsizetype(Outcome::Duplicate)], copies);
            QCOMPARE(counts[qsizetype(Outcome::Accepted)] + counts[qsizetype(Outcome::Stale)], qint64(distinct.size()));
            if (ordering == 1)
                QCOMPARE(counts[qsizetype(Outcome::Stale)], 0);
            if (ordering == 2)
                QCOMPARE(counts[qsizetype(Outcome::Accepted)], qint64(winners.size()));
        }
    }

    // The figures' aggregates (kept by triggers) against the projection they summarise, through
    // random creates, updates that move an entry between helpers, categories and 15-minute buckets
    // (also before 1970), deletes, stale and duplicate deliveries, and redaction; then once more
    // after rebuilding them the way the migration does for an older database.
    void aggregatesFollowTheProjection()
    {
        const QString path = newPath();
        SqliteStore store;
        open(store, path);
        QRandomGenerator rng(20261126);
        const QStringList createdAts {QStringLiteral("2026-11-20T10:14:59.999Z"),
            QStringLiteral("2026-11-20T10:15:00Z"), QStringLiteral("2026-11-21T23:59:59Z"),
            QStringLiteral("1969-12-31T23:45:00Z"), QStringLiteral("1969-12-31T23:44:59.999Z"),
            QStringLiteral("2025-03-30T01:30:00Z")};
        const QList<QByteArray> amounts {"1.25", "\"twelve\"", "-3", "0.335", "100000"};
        const QStringList categories {QStringLiteral("Food"), QStringLiteral("Travel"), QString()};
        const QStringList commands {QStringLiteral("/expenses"), QStringLiteral("/tasks")};
        const QStringList events {created(), updated(), deleted()};
        QList<QByteArray> sent;
        for (int round = 0; round < 60; ++round) {
            QList<Delivery> batch;
            for (int i = rng.bounded(1, 12); i > 0; --i) {
                QByteArray bytes;
                if (!sent.isEmpty() && rng.bounded(8) == 0) {
                    bytes = sent[rng.bounded(int(sent.size()))]; // a redelivery
                } else {
                    bytes = makeBody(QStringLiteral("agg-%1").arg(rng.bounded(25)), events[rng.bounded(3)],
                        timestamp(rng.bounded(60)), amounts[rng.bounded(int(amounts.size()))],
                        categories[rng.bounded(int(categories.size()))], commands[rng.bounded(2)],
                        createdAts[rng.bounded(int(createdAts.size()))]);
                    sent.append(bytes);
                }
                batch.append(verified(bytes));
            }
            QVERIFY(commitAll(store, batch));
            if (round % 20 == 19)
                QVERIFY(store.redactDeliveries({batch.first().id}));
            QVERIFY(aggregatesMatch(store, path));
        }

        // An older database gains its aggregates from the projection when it is migrated.
        store.close();
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(QFile::encodeName(path).constData(), &db), SQLITE_OK);
        QCOMPARE(sqlite3_exec(db,
                     "DROP TRIGGER entries_aggregate_insert; DROP TRIGGER entries_aggregate_update;"
                     " DROP TRIGGER entries_aggregate_delete; DROP TABLE entry_totals; DROP TABLE entry_buckets;"
                     " DROP INDEX deliveries_event; DROP INDEX deliveries_helper_name;"
                     " DROP INDEX deliveries_helper_command; CREATE INDEX entries_figures ON entries(created_ms);"
                     " DROP TABLE redacted_bodies; DROP INDEX deliveries_rejected;"
                     " DELETE FROM meta WHERE key = 'fts_rejected_upto'; ALTER TABLE entries DROP COLUMN fired;"
                     " " PEANUTS_DELIVERIES_BEFORE_SCHEMA_8 " PRAGMA user_version = 2;",
                     nullptr, nullptr, nullptr),
            SQLITE_OK);
        sqlite3_close(db);
        open(store, path);
        QVERIFY(aggregatesMatch(store, path));
    }

    void idsAreNeverHandedOutTwice()
    {
        // The newest rows may go (deleted by hand, or by retention after a long pause); their ids
        // stay taken across restarts, since the search index and the projection name deliveries by id.
        const QString path = newPath();
        auto commitOne = [&](SqliteStore &store) {
            QList<Delivery> batch {refused(Outcome::RejectedSignature, 401, "{}")};
            return commitAll(store, batch) ? batch.first().id : qint64(-1);
        };
        qint64 newest = 0;
        {
            SqliteStore store;
            open(store, path);
            QVERIFY(commitOne(store) > 0);
            newest = commitOne(store);
            QVERIFY(store.deleteDeliveries({newest}));
        }
        {
            SqliteStore store;
            open(store, path);
            const qint64 id = commitOne(store);
            QVERIFY2(id > newest, qPrintable(QStringLiteral("%1 after %2").arg(id).arg(newest)));
            newest = id;
            const RetentionPolicy oneDay {1, 0};
            while (store.prune(oneDay, kReceivedMs + 30 * 86'400'000LL, 100) > 0) { }
            QCOMPARE(store.deliveryCount().value_or(-1), 0);
        }
        SqliteStore store;
        open(store, path);
        const qint64 id = commitOne(store);
        QVERIFY2(id > newest, qPrintable(QStringLiteral("%1 after %2").arg(id).arg(newest)));
    }

    void walStaysBoundedUnderSustainedWrites()
    {
        // A busy writer seldom finds every WAL frame copied back, which is when the WAL starts over;
        // from 64 MiB on it checkpoints itself after the answers (afterAnswers), so the WAL stops
        // there instead of growing for as long as commits keep coming.
        const QString path = newPath();
        SqliteStore store;
        open(store, path);
        const QString wal = path + QStringLiteral("-wal");
        constexpr qint64 kRestartAt = 16384 * (4096 + 24); // frames and their headers
        qint64 written = 0, largest = 0, previous = 0;
        for (int round = 0; written < 3 * kRestartAt; ++round) {
            QList<Delivery> batch;
            for (int i = 0; i < 8; ++i) {
                Delivery d = verified(body(QStringLiteral("w%1-%2").arg(round).arg(i), created(), 1));
                d.headers = QByteArray(12000, 'h'); // three pages a row
                batch.append(std::move(d));
            }
            QVERIFY(commitAll(store, batch));
            store.afterAnswers();
            const qint64 size = QFileInfo(wal).size();
            written += size > previous ? size - previous : 8 * 12000;
            previous = size;
            largest = qMax(largest, size);
        }
        QVERIFY2(largest < kRestartAt + 4 * 1024 * 1024,
            qPrintable(QStringLiteral("the WAL grew to %1 bytes").arg(largest)));
    }

    void searchIndexStepsOnlyWhileTheWriterHasTimeToSpare()
    {
        // Steady traffic never pauses long enough for the index to catch up between batches, so it
        // moves in small steps under load; but not while batches keep the writer busy, where a step
        // would hold up the answers behind it. It catches up when deliveries pause.
        const QString path = newPath();
        QString error;
        StoreWorker worker(std::make_unique<SqliteStore>(), StoreConfig {path}, &error);
        QVERIFY2(worker.isOpen(), qPrintable(error));
        std::atomic<int> answered {0};
        worker.setResultSink([&](std::vector<IngestResult> &&results) { answered += int(results.size()); });
        RawDb raw(path, SQLITE_OPEN_READONLY);
        auto indexedUpTo = [&] { return raw.number("SELECT value FROM meta WHERE key = 'fts_upto'"); };
        int sent = 0;
        auto send = [&] {
            worker.submit(quint64(sent), verified(body(QStringLiteral("s%1").arg(sent), created(), 1)));
            ++sent;
        };

        // A delivery every 50 ms for 2 s: the writer is idle most of the time.
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 2000) {
            send();
            QTest::qWait(50);
        }
        QVERIFY2(indexedUpTo() > 0, qPrintable(QStringLiteral("nothing indexed of %1 deliveries").arg(sent)));
        QTRY_COMPARE_WITH_TIMEOUT(indexedUpTo(), qint64(sent), 10'000);

        // Up to 2,000 deliveries waiting, topped up whenever fewer than 1,000 do, for 1.5 s: the
        // writer is busy all the time. Steps that ignore how busy it is index 50 rows every 100 ms
        // here (700 rows, seen). One step may still come at the start, after the idle time before,
        // and another if this thread stalls long enough for the writer to run dry.
        const qint64 before = indexedUpTo();
        const int sentBefore = sent;
        clock.start();
        while (clock.elapsed() < 1500) {
            if (sent - answered.load() < 1000) {
                while (sent - answered.load() < 2000)
                    send();
            }
            QThread::msleep(1);
        }
        const qint64 during = indexedUpTo();
        QVERIFY2(sent - sentBefore > 1000, qPrintable(QStringLiteral("only %1 sent").arg(sent - sentBefore)));
        QVERIFY2(during - before <= 100,
            qPrintable(QStringLiteral("%1 of %2 indexed under load").arg(during - before).arg(sent - sentBefore)));
        QTRY_COMPARE_WITH_TIMEOUT(indexedUpTo(), qint64(sent), 20'000);
    }

    void moneyIsExact()
    {
        SqliteStore store;
        open(store, newPath());
        QList<Delivery> batch;
        for (int i = 0; i < 10; ++i)
            batch.append(verified(body(QStringLiteral("m%1").arg(i), created(), 1, "0.1")));
        QVERIFY(commitAll(store, batch));
        const EntryFilter expenses {{QStringLiteral("/expenses")}};
        EntryTotals totals = store.entryTotals(expenses).value();
        QCOMPARE(totals.count, 10);
        QCOMPARE(totals.amountCount, 10);
        QCOMPARE(totals.sumCents, 100);

        QList<Delivery> more {verified(body(QStringLiteral("m-text"), created(), 1, "\"twelve\"")),
            verified(body(QStringLiteral("m-round"), created(), 1, "2.675")),
            verified(body(QStringLiteral("m-string"), created(), 1, "\"0.335\"")),
            verified(body(QStringLiteral("m-negative"), created(), 1, "-0.05")),
            verified(makeBody(QStringLiteral("m-task"), created(), timestamp(1), "1000", QStringLiteral("Food"),
                QStringLiteral("/tasks")))};
        QVERIFY(commitAll(store, more));
        totals = store.entryTotals(expenses).value();
        QCOMPARE(totals.count, 14); // the non-numeric amount is an entry, ...
        QCOMPARE(totals.amountCount, 13); // ... without an amount
        QCOMPARE(totals.sumCents, 100 + 268 + 34 - 5);
        const EntryState text = store.entry(QStringLiteral("m-text")).value();
        QVERIFY(text.amountFlagged);
        QVERIFY(!text.amountCents);
        QCOMPARE(store.entry(QStringLiteral("m-round"))->amountCents, 268);
        QVERIFY(!store.entry(QStringLiteral("m-round"))->amountFlagged);

        // Other helpers and created_at outside [from, to) stay out.
        QCOMPARE(store.entryTotals(EntryFilter {{QStringLiteral("/tasks")}})->sumCents, 100'000);
        EntryFilter window = expenses;
        window.fromMs = timestampMs(1) + 1;
        QCOMPARE(store.entryTotals(window)->count, 0);
        window.fromMs = timestampMs(1);
        window.toMs = timestampMs(1);
        QCOMPARE(store.entryTotals(window)->count, 0);
        window.toMs = timestampMs(1) + 1;
        QCOMPARE(store.entryTotals(window)->count, 14);
    }

    void failedCommitWritesNothing_data()
    {
        QTest::addColumn<bool>("midBatch");
        QTest::addRow("another connection holds the write lock") << false;
        QTest::addRow("a write fails in the middle of the batch") << true;
    }

    void failedCommitWritesNothing()
    {
        QFETCH(bool, midBatch);
        const QString path = newPath();
        SqliteStore store;
        SqliteStore control; // the same history, never failing
        open(store, path);
        open(control, newPath());
        const QByteArray seed = body(QStringLiteral("f0"), created(), 1, "1.00");
        for (SqliteStore *s : {&store, &control}) {
            QList<Delivery> first {verified(seed)};
            QVERIFY(commitAll(*s, first));
        }
        const QList<Delivery> pristine {verified(body(QStringLiteral("f0"), updated(), 2, "2.00")),
            verified(body(QStringLiteral("f1"), created(), 1)), verified(seed),
            verified(body(QStringLiteral("f2"), QStringLiteral("entry.archived"), 1)),
            refused(Outcome::RejectedSignature, 401, "forged"), refused(Outcome::RejectedSize, 413, "", false),
            verified(body(QStringLiteral("boom"), created(), 1))};
        const Snapshot before = Snapshot::of(store);

        RawDb raw(path);
        QVERIFY(raw.isOpen());
        if (midBatch) {
            // Everything before the last delivery is written inside the transaction, then it fails.
            QCOMPARE(raw.exec("CREATE TRIGGER boom BEFORE INSERT ON deliveries WHEN NEW.entry_id = 'boom'"
                              " BEGIN SELECT RAISE(ABORT, 'boom refused'); END"),
                SQLITE_OK);
        } else {
            QCOMPARE(raw.exec("BEGIN EXCLUSIVE"), SQLITE_OK); // the store's BEGIN IMMEDIATE times out
        }

        QList<Delivery> batch = pristine;
        QString error;
        QVERIFY(!store.commit(batch, &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(store.lastError(), error);
        QVERIFY2(
            error.contains(midBatch ? QStringLiteral("boom refused") : QStringLiteral("locked")), qPrintable(error));
        // The batch is handed back as it came: no ids, no decided outcomes.
        QCOMPARE(ids(batch), ids(pristine));
        QCOMPARE(outcomes(batch), outcomes(pristine));

        if (!midBatch)
            QCOMPARE(raw.exec("ROLLBACK"), SQLITE_OK);
        const Snapshot after = Snapshot::of(store);
        QCOMPARE(after.entries, before.entries);
        QCOMPARE(after.counters, before.counters);
        QCOMPARE(after.deliveryCount, 1);
        QCOMPARE(after.deliveries, before.deliveries);
        QCOMPARE(after.minutes, before.minutes);
        // And as another connection sees the file.
        QCOMPARE(raw.number("SELECT count(*) FROM deliveries"), 1);
        QCOMPARE(raw.number("SELECT count(*) FROM entries"), 1);
        QCOMPARE(raw.number("SELECT sum(count) FROM counters"), 1);
        if (midBatch)
            QCOMPARE(raw.exec("DROP TRIGGER boom"), SQLITE_OK);

        // The obstacle gone, the same batch commits exactly as if nothing had failed.
        QVERIFY(commitAll(store, batch));
        QList<Delivery> reference = pristine;
        QVERIFY(commitAll(control, reference));
        QCOMPARE(ids(batch), ids(reference));
        QCOMPARE(ids(batch), QList<qint64>({2, 3, 4, 5, 6, 0, 7}));
        QCOMPARE(outcomes(batch), outcomes(reference));
        QCOMPARE(entryLines(store), entryLines(control));
        QCOMPARE(counterList(store), counterList(control));
        QCOMPARE(store.deliveryCount().value(), 7);
    }

    void idsAreNeverReused()
    {
        // An id names one delivery for good: the projection points at it, and the search index's
        // watermark counts on ids only growing. Deleting the newest rows and restarting must not
        // hand their ids out again.
        const QString path = newPath();
        {
            SqliteStore store;
            open(store, path);
            QList<Delivery> batch;
            for (int i = 1; i <= 5; ++i)
                batch.append(verified(body(QStringLiteral("u%1").arg(i), created(), 1)));
            QVERIFY(commitAll(store, batch));
            while (store.catchUp(100) > 0) { }
            QVERIFY(store.deleteDeliveries({4, 5}));
            QCOMPARE(store.deliveryCount().value(), 3);
            QCOMPARE(store.entry(QStringLiteral("u5"))->deliveryId, 5);
        }
        SqliteStore store;
        open(store, path);
        QList<Delivery> next {verified(body(QStringLiteral("late"), created(), 1, "1.00", QStringLiteral("Zebra"))),
            verified(body(QStringLiteral("later"), created(), 1, "2.00", QStringLiteral("Yak")))};
        QVERIFY(commitAll(store, next));
        // The new deliveries can be found, before and after the index catches up.
        DeliveryFilter search;
        search.text = QStringLiteral("zebra");
        QCOMPARE(store.countDeliveries(search).value(), 1);
        while (store.catchUp(100) > 0) { }
        QCOMPARE(store.countDeliveries(search).value(), 1);
        // u5's projection still names a delivery of u5 (or none), never someone else's.
        const EntryState u5 = store.entry(QStringLiteral("u5")).value();
        const auto named = store.delivery(u5.deliveryId);
        QVERIFY2(!named || named->bodySha256 == u5.bodySha256,
            qPrintable(QStringLiteral("entry u5 names delivery %1, which is now entry %2's")
                           .arg(u5.deliveryId)
                           .arg(named && named->event ? named->event->entryId : QString())));
        QVERIFY2(next[0].id > 5, qPrintable(QStringLiteral("id %1 was handed out before").arg(next[0].id)));
        QCOMPARE(next[1].id, next[0].id + 1);
    }

    void deleteReportsAFailedIdSave()
    {
        // A delete saves the id counter first (the newest rows may be among those it removes). When
        // that write fails, the delete must fail as a whole: a trigger added from outside makes it
        // fail (the fault VFS fails I/O, which happens only at COMMIT, not in this statement).
        const QString path = newPath();
        SqliteStore store;
        open(store, path);
        QList<Delivery> batch {
            verified(body(QStringLiteral("n1"), created(), 1)), verified(body(QStringLiteral("n2"), created(), 1))};
        QVERIFY(commitAll(store, batch));
        {
            RawDb raw(path);
            QCOMPARE(raw.exec("CREATE TRIGGER fail_next_id BEFORE UPDATE ON meta WHEN new.key = 'next_id'"
                              " BEGIN SELECT RAISE(ABORT, 'injected: next_id not saved'); END"),
                SQLITE_OK);
        }
        QVERIFY2(!store.deleteDeliveries({batch[1].id}), "the delete reported success without saving next_id");
        QVERIFY(store.lastError().contains(QStringLiteral("injected")));
        QCOMPARE(store.deliveryCount().value(), 2);
    }

    void redactionLeavesNoByteBehind()
    {
        // A redaction takes the body, its headers and the entry's data out of every place they are
        // kept (the delivery, its duplicate copies, the projection, the search index), in one
        // transaction, and out of the file and its write-ahead log. The figures keep the amount and
        // the category. A retry of the delivery, as Peanuts resends it, stays redacted.
        const QString path = newPath();
        SqliteStore store;
        open(store, path);
        // Its middle is made of characters found in no other body, so that its trigrams are the search
        // index's terms for this body alone.
        const QByteArray unique = "qzxjwvk";
        const QByteArray bodyMarker = "body-" + unique + "-5c1e9d";
        const QByteArray headerMarker = "header-marker-a77b20";
        const QByteArray dataMarker = "data-marker-e04f6c";
        QByteArray secret = body(QStringLiteral("secret"), created(), 1, "42.00", QStringLiteral("Medical"));
        secret.replace("\"description\":\"test\"", QByteArray("\"description\":\"" + dataMarker + '"'));
        secret.replace("\"user-1\"", QByteArray('"' + bodyMarker + '"'));
        QVERIFY(secret.contains(bodyMarker) && secret.contains(dataMarker));
        auto delivery = [&] {
            Delivery d = verified(secret);
            d.headers = "content-type: application/json\nx-private: " + headerMarker + '\n';
            return d;
        };
        QList<Delivery> batch {delivery(), verified(body(QStringLiteral("other"), created(), 1)), delivery()};
        QVERIFY(commitAll(store, batch));
        QCOMPARE(outcomes(batch), outcomeNames({Outcome::Accepted, Outcome::Accepted, Outcome::Duplicate}));
        while (store.catchUp(100) > 0) { }
        const auto totalsBefore = store.categoryTotals(EntryFilter {{QStringLiteral("/expenses")}}).value();

        auto rawFiles = [&]() -> QByteArray { return readAll(path) + readAll(path + QStringLiteral("-wal")); };
        auto markersIn = [&](const QByteArray &bytes) {
            QStringList found;
            for (const QByteArray &m : {bodyMarker, headerMarker, dataMarker}) {
                if (bytes.contains(m))
                    found.append(QString::fromLatin1(m));
            }
            return found;
        };
        QCOMPARE(markersIn(rawFiles()).size(), 3); // present before

        // The search index keeps a body as its trigrams: a delete there only records that the row is
        // gone, and the terms stay in the index's segments until these are merged. fts5vocab lists
        // only the terms of rows still in the index; the segments themselves are read raw.
        QList<QByteArray> trigrams;
        for (qsizetype i = 0; i + 3 <= unique.size(); ++i)
            trigrams.append(unique.mid(i, 3));
        RawDb index(path);
        QCOMPARE(index.exec("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, deliveries_fts, 'row')"), SQLITE_OK);
        auto termsIn = [&](const QByteArray &bytes) {
            QStringList found;
            for (const QByteArray &t : std::as_const(trigrams)) {
                if (bytes.contains(t))
                    found.append(QString::fromLatin1(t));
            }
            return found;
        };
        auto listedTerms = [&] {
            QStringList found;
            for (const QByteArray &t : std::as_const(trigrams)) {
                if (index.number(QByteArray("SELECT count(*) FROM temp.vocab WHERE term = '" + t + "'").constData())
                    > 0)
                    found.append(QString::fromLatin1(t));
            }
            return found;
        };
        auto segments = [&] {
            return QByteArray::fromHex(index.text("SELECT group_concat(hex(block), '') FROM deliveries_fts_data"));
        };
        QCOMPARE(listedTerms().size(), trigrams.size());
        // Terms are stored prefix-compressed: a term sharing its first character with the one before
        // it is not whole in the bytes.
        const QStringList inSegments = termsIn(segments());
        QVERIFY2(inSegments.size() >= trigrams.size() - 1, qPrintable(inSegments.join(u' ')));

        // A reader holds a snapshot for a while: the log cannot be emptied until it is done.
        std::atomic<bool> reading {false};
        std::thread reader([&] {
            RawDb raw(path, SQLITE_OPEN_READONLY);
            raw.exec("BEGIN");
            raw.number("SELECT count(*) FROM deliveries");
            reading = true;
            QThread::msleep(300);
            raw.exec("COMMIT");
        });
        while (!reading)
            QThread::msleep(1);
        const bool redacted = store.redactDeliveries({batch[0].id});
        reader.join();
        QVERIFY2(redacted, qPrintable(store.lastError()));
        QStringList left = markersIn(rawFiles());
        QVERIFY2(left.isEmpty(), qPrintable(QStringLiteral("still in the files: ") + left.join(u' ')));
        QCOMPARE(listedTerms(), QStringList());
        left = termsIn(segments());
        QVERIFY2(left.isEmpty(), qPrintable(QStringLiteral("terms still in the index: ") + left.join(u' ')));
        left = termsIn(rawFiles());
        QVERIFY2(left.isEmpty(), qPrintable(QStringLiteral("terms still in the files: ") + left.join(u' ')));

        for (const Delivery &d : {store.delivery(batch[0].id).value(), store.delivery(batch[2].id).value()}) {
            QVERIFY2(d.redacted, qPrintable(QStringLiteral("delivery %1 is not redacted").arg(d.id)));
            QVERIFY(d.body.isEmpty());
            QVERIFY(d.headers.isEmpty());
        }
        QVERIFY(!store.delivery(batch[1].id)->redacted);
        QCOMPARE(store.categoryTotals(EntryFilter {{QStringLiteral("/expenses")}}).value().size(), totalsBefore.size());
        QCOMPARE(store.entryTotals(EntryFilter {{QStringLiteral("/expenses")}})->sumCents, 4300);
        DeliveryFilter search;
        search.text = QString::fromLatin1(bodyMarker);
        QCOMPARE(store.countDeliveries(search).value(), 0);
        QCOMPARE(RawDb(path).text("SELECT coalesce(data, 'NULL') FROM entries WHERE entry_id = 'secret'"),
            QByteArray("NULL"));

        // Peanuts retries it: counted, stored without the bytes.
        QList<Delivery> retry {delivery()};
        QVERIFY(commitAll(store, retry));
        QCOMPARE(outcomes(retry), outcomeNames({Outcome::Duplicate}));
        const Delivery stored = store.delivery(retry[0].id).value();
        QVERIFY(stored.redacted);
        QVERIFY(stored.body.isEmpty());
        QVERIFY(stored.headers.isEmpty());
        QCOMPARE(stored.bodySize, qint64(secret.size()));
        while (store.catchUp(100) > 0) { }
        left = markersIn(rawFiles());
        QVERIFY2(left.isEmpty(), qPrintable(QStringLiteral("the retry wrote again: ") + left.join(u' ')));
        QCOMPARE(counterList(store), expectedCounters({{Outcome::Accepted, 2}, {Outcome::Duplicate, 2}}));
        QVERIFY(store.checkProjection()->ok());
    }

    void migrationCompletesEarlierRedactions()
    {
        // A database redacted by an earlier version kept the duplicate copies of a redacted body, its
        // headers and the entry's data: the migration takes them out, and retries stay redacted.
        const QString path = newPath();
        const QByteArray bytes = body(QStringLiteral("old-redaction"), created(), 1);
        QList<Delivery> batch {verified(bytes), verified(bytes)};
        {
            SqliteStore store;
            open(store, path);
            QVERIFY(commitAll(store, batch));
            while (store.catchUp(100) > 0) { }
        }
        {
            // What the earlier version left: only the first row's body gone, from the index too.
            RawDb raw(path);
            const QByteArray sql = "INSERT INTO deliveries_fts (deliveries_fts, rowid, body) SELECT 'delete', id,"
                                   " CAST(body AS TEXT) FROM deliveries WHERE id = "
                + QByteArray::number(batch[0].id)
                + "; UPDATE deliveries SET body = x'', redacted = 1 WHERE id = " + QByteArray::number(batch[0].id)
                + "; UPDATE entries SET data = NULL; DROP TABLE redacted_bodies; DROP INDEX deliveries_rejected;"
                  " DELETE FROM meta WHERE key = 'fts_rejected_upto'; ALTER TABLE entries DROP COLUMN fired;"
                  " " PEANUTS_DELIVERIES_BEFORE_SCHEMA_8 " PRAGMA user_version = 3;";
            QCOMPARE(raw.exec(sql.constData()), SQLITE_OK);
        }
        SqliteStore store;
        open(store, path);
        for (const Delivery &d : batch) {
            const Delivery kept = store.delivery(d.id).value();
            QVERIFY2(kept.redacted && kept.body.isEmpty() && kept.headers.isEmpty(),
                qPrintable(QStringLiteral("delivery %1 keeps its bytes").arg(d.id)));
        }
        QList<Delivery> retry {verified(bytes)};
        QVERIFY(commitAll(store, retry));
        QVERIFY(store.delivery(retry[0].id)->body.isEmpty());
        while (store.catchUp(100) > 0) { }
        RawDb raw(path);
        QCOMPARE(raw.exec("INSERT INTO deliveries_fts (deliveries_fts) VALUES ('integrity-check')"), SQLITE_OK);
        QVERIFY(store.checkProjection()->ok());
    }

    void redactionIsAllOrNothing()
    {
        // Any statement of a redaction failing rolls the whole of it back and reports the failure.
        const QString path = newPath();
        SqliteStore store;
        open(store, path);
        QList<Delivery> batch {
            verified(body(QStringLiteral("r1"), created(), 1)), verified(body(QStringLiteral("r2"), created(), 1))};
        QVERIFY(commitAll(store, batch));
        while (store.catchUp(100) > 0) { }
        {
            RawDb raw(path);
            QCOMPARE(raw.exec("CREATE TRIGGER fail_redaction BEFORE UPDATE OF data ON entries"
                              " BEGIN SELECT RAISE(ABORT, 'injected: entries not updated'); END"),
                SQLITE_OK);
        }
        QVERIFY2(!store.redactDeliveries({batch[0].id, batch[1].id}), "a failed redaction reported success");
        for (const Delivery &d : batch) {
            const Delivery kept = store.delivery(d.id).value();
            QVERIFY2(!kept.redacted && kept.body == d.body,
                qPrintable(QStringLiteral("delivery %1 was changed by a failed redaction").arg(d.id)));
        }
        DeliveryFilter search;
        search.text = QStringLiteral("\"r1\"");
        QCOMPARE(store.countDeliveries(search).value(), 1);
    }

    void logQueriesAndSearch()
    {
        SqliteStore store;
        open(store, newPath());
        QList<Delivery> batch;
        for (int i = 0; i < 50; ++i)
            batch.append(verified(body(QStringLiteral("s%1").arg(i), i % 5 ? created() : updated(), 1, "1",
                i % 2 ? QStringLiteral("Travel") : QStringLiteral("Groceries"))));
        QVERIFY(commitAll(store, batch));
        DeliveryFilter all;
        QCOMPARE(store.countDeliveries(all).value(), 50);
        const auto newest = store.deliveriesBefore(all, std::numeric_limits<qint64>::max(), 10).value();
        QCOMPARE(newest.size(), 10);
        QCOMPARE(newest.first().entryId, QStringLiteral("s49"));
        QCOMPARE(newest.first().id, 50);
        const auto next = store.deliveriesBefore(all, newest.last().id, 10).value();
        QCOMPARE(next.first().id, newest.last().id - 1);
        QCOMPARE(store.deliveriesAt(all, 45, 10).value().size(), 5);
        QCOMPARE(store.deliveriesAfter(all, newest.last().id, 3).value().first().id, newest.last().id + 1);

        DeliveryFilter updates;
        updates.event = updated();
        QCOMPARE(store.countDeliveries(updates).value(), 10);
        // Search covers rows before and after the index caught up, case-insensitively.
        DeliveryFilter search;
        search.text = QStringLiteral("groceries");
        QCOMPARE(store.countDeliveries(search).value(), 25);
        QCOMPARE(store.catchUp(20), 20);
        QCOMPARE(store.countDeliveries(search).value(), 25);
        while (store.catchUp(500) > 0) { }
        QCOMPARE(store.countDeliveries(search).value(), 25);
        search.text = QStringLiteral("s4"); // short texts are scanned
        QCOMPARE(store.countDeliveries(search).value(), 11);

        // Redaction takes the body out of the rows and out of the index.
        QVERIFY(store.redactDeliveries({newest.first().id}));
        search.text = QStringLiteral("\"s49\"");
        QCOMPARE(store.countDeliveries(search).value(), 0);
        QVERIFY(store.delivery(newest.first().id)->redacted);
        QVERIFY(store.delivery(newest.first().id)->body.isEmpty());
        QVERIFY(store.deleteDeliveries({newest.last().id}));
        QCOMPARE(store.countDeliveries(all).value(), 49);
        QCOMPARE(store.entryHistory(QStringLiteral("s10")).value().size(), 1);
    }
    void pruneByAgeAndCount_data()
    {
        QTest::addColumn<int>("days");
        QTest::addColumn<qint64>("count");
        QTest::addColumn<int>("maxRows");
        QTest::addColumn<QList<qint64>>("kept");
        const QList<qint64> all = idRange(1, 15);
        QTest::addRow("no limits") << 0 << qint64(0) << 100 << all;
        QTest::addRow("limits wider than the history") << 30 << qint64(20) << 100 << all;
        // Received before day 5 goes (a row received exactly at the limit is not older than it).
        QTest::addRow("5 days") << 5 << qint64(0) << 100 << (QList<qint64> {2, 6} + idRange(11, 15));
        QTest::addRow("5 days, a row a call") << 5 << qint64(0) << 1 << (QList<qint64> {2, 6} + idRange(11, 15));
        QTest::addRow("newest 3") << 0 << qint64(3) << 100 << QList<qint64>({2, 6, 13, 14, 15});
        QTest::addRow("newest 3, 2 a call") << 0 << qint64(3) << 2 << QList<qint64>({2, 6, 13, 14, 15});
        // Either limit takes a row: days 0-1 by age, ids 1-5 by count.
        QTest::addRow("8 days or newest 10") << 8 << qint64(10) << 100 << (QList<qint64> {2, 6} + idRange(8, 15));
        QTest::addRow("newest 10 or 8 days") << 8 << qint64(10) << 3 << (QList<qint64> {2, 6} + idRange(8, 15));
        QTest::addRow("newest 1") << 0 << qint64(1) << 100 << QList<qint64>({2, 6, 15});
    }

    void pruneByAgeAndCount()
    {
        QFETCH(int, days);
        QFETCH(qint64, count);
        QFETCH(int, maxRows);
        QFETCH(QList<qint64>, kept);
        SqliteStore store;
        open(store, newPath());
        QList<Delivery> batch = retentionHistory();
        QVERIFY(commitAll(store, batch));
        QCOMPARE(ids(batch), idRange(1, 15));
        QCOMPARE(store.entry(QStringLiteral("gone"))->deleted, true);
        const qint64 now = kReceivedMs + 10 * kDayMs;
        const qint64 removed = pruneAll(store, RetentionPolicy {days, count}, now, maxRows);
        QCOMPARE(removed, 15 - kept.size());
        QCOMPARE(storedIds(store), kept);
        QCOMPARE(store.deliveryCount().value(), kept.size());
        // The current entries still name deliveries that exist.
        QCOMPARE(
            store.delivery(store.entry(QStringLiteral("keep"))->deliveryId)->event->entryId, QStringLiteral("keep"));
        QCOMPARE(store.delivery(store.entry(QStringLiteral("upd"))->deliveryId)->event->event, updated());
        // Pruning again finds nothing more.
        bool more = true;
        QCOMPARE(store.prune(RetentionPolicy {days, count}, now, maxRows, &more), 0);
        QVERIFY(!more);
    }

    void pruneKeepsEntriesAndCounts()
    {
        SqliteStore store;
        open(store, newPath());
        QList<Delivery> batch = retentionHistory();
        QVERIFY(commitAll(store, batch));
        auto minutes = [&] {
            QList<qint64> list;
            const auto counts = store.minuteCounts(kReceivedMs - kDayMs, kReceivedMs + 11 * kDayMs);
            for (const MinuteCounts &m : counts.value_or(QList<MinuteCounts>()))
                list << m.minuteStartMs << QList<qint64>(m.counts.begin(), m.counts.end());
            return list;
        };
        const QStringList entriesBefore = entryLines(store);
        const QList<qint64> countersBefore = counterList(store);
        const QList<qint64> minutesBefore = minutes();
        EntryFilter everything;
        const EntryTotals totalsBefore = store.entryTotals(everything).value();
        QCOMPARE(minutesBefore.size(), 10 * (1 + qsizetype(Outcome::OutcomeCount)));

        QCOMPARE(pruneAll(store, RetentionPolicy {0, 1}, kReceivedMs + 10 * kDayMs, 100), 12);
        QCOMPARE(entryLines(store), entriesBefore);
        QCOMPARE(counterList(store), countersBefore);
        QCOMPARE(minutes(), minutesBefore);
        const EntryTotals totalsAfter = store.entryTotals(everything).value();
        QCOMPARE(totalsAfter.count, totalsBefore.count);
        QCOMPARE(totalsAfter.sumCents, totalsBefore.sumCents);
        QCOMPARE(store.entries()->size(), 3); // the tombstone stays too
    }

    void prunedBodiesLeaveTheSearchIndex()
    {
        const QString path = newPath();
        SqliteStore store;
        open(store, path);
        QList<Delivery> batch;
        for (int i = 0; i < 40; ++i) {
            // Ignored events: searchable, never applied, so any of them may be pruned.
            Delivery d
                = verified(body((i < 25 ? QStringLiteral("old-walrus-%1") : QStringLiteral("new-narwhal-%1")).arg(i),
                    QStringLiteral("entry.archived"), 1));
            d.receivedMs = kReceivedMs + i * 60'000;
            batch.append(d);
        }
        QVERIFY(commitAll(store, batch));
        QCOMPARE(store.catchUp(25), 25); // rows 26-40 are not indexed yet
        RawDb raw(path);
        auto indexed = [&] { return raw.number("SELECT count(*) FROM deliveries_fts_docsize"); };
        QCOMPARE(indexed(), 25);
        DeliveryFilter walrus, narwhal;
        walrus.text = QStringLiteral("walrus");
        narwhal.text = QStringLiteral("narwhal");
        QCOMPARE(store.countDeliveries(walrus).value(), 25);
        QCOMPARE(store.countDeliveries(narwhal).value(), 15);

        // The newest 15 stay: rows 1-25 leave the index; rows 26-40 are not in it yet.
        QCOMPARE(pruneAll(store, RetentionPolicy {0, 15}, kReceivedMs, 7), 25);
        QCOMPARE(indexed(), 0);
        QCOMPARE(store.countDeliveries(walrus).value(), 0);
        QCOMPARE(store.countDeliveries(narwhal).value(), 15);
        while (store.catchUp(100) > 0) { }
        QCOMPARE(indexed(), 15);
        QCOMPARE(store.countDeliveries(narwhal).value(), 15);
        QCOMPARE(store.countDeliveries(walrus).value(), 0);
        // Caught up, the index agrees with the rows term by term (the check needs every row indexed).
        QCOMPARE(
            raw.exec("INSERT INTO deliveries_fts (deliveries_fts, rank) VALUES ('integrity-check', 1)"), SQLITE_OK);
    }

    void pruneRejectedAfterTheirDays()
    {
        // Rejected deliveries go after their own age limit, in chunks, with their copies in the search
        // index (an earlier version indexed them); every other delivery stays, and every count too.
        constexpr qint64 kDayMs = 86'400'000;
        const QString path = newPath();
        SqliteStore store;
        open(store, path);
        QList<Delivery> batch;
        for (int i = 0; i < 25; ++i) {
            Delivery old = refused(Outcome::RejectedSignature, 401, "{\"old\":" + QByteArray::number(i) + '}');
            old.receivedMs = kReceivedMs - 8 * kDayMs;
            batch.append(old);
        }
        Delivery recent = refused(Outcome::RejectedShape, 400, "{\"recent\":1}");
        recent.receivedMs = kReceivedMs - 6 * kDayMs;
        batch.append(recent);
        batch.append(verified(body(QStringLiteral("kept-old"), created(), 1), kReceivedMs - 30 * kDayMs));
        batch.append(verified(body(QStringLiteral("kept-old"), updated(), 2), kReceivedMs - 30 * kDayMs));
        QVERIFY(commitAll(store, batch));
        while (store.catchUp(100) > 0) { }
        {
            // As an earlier version left it: the rejected bodies are in the search index too.
            RawDb raw(path);
            QCOMPARE(
                raw.exec("INSERT INTO deliveries_fts (rowid, body) SELECT id, CAST(body AS TEXT) FROM deliveries"
                         " WHERE outcome >= 4;"
                         " UPDATE meta SET value = (SELECT max(id) FROM deliveries) WHERE key = 'fts_rejected_upto'"),
                SQLITE_OK);
        }
        const QList<qint64> countsBefore = counterList(store);
        const auto minutesBefore = store.minuteCounts(kReceivedMs - 40 * kDayMs, kReceivedMs + kDayMs).value();

        int calls = 0;
        QCOMPARE(pruneAll(store, RetentionPolicy {0, 0, 7}, kReceivedMs, 10, &calls), 25);
        QVERIFY2(calls >= 3, qPrintable(QStringLiteral("%1 calls for 25 rows, 10 at most each").arg(calls)));
        QCOMPARE(store.deliveryCount().value(), 3);
        DeliveryFilter rejected;
        rejected.outcomes = {Outcome::RejectedSignature};
        QCOMPARE(store.countDeliveries(rejected).value(), 0);
        QCOMPARE(store.entryHistory(QStringLiteral("kept-old")).value().size(), 2);
        QCOMPARE(counterList(store), countsBefore);
        const auto minutesAfter = store.minuteCounts(kReceivedMs - 40 * kDayMs, kReceivedMs + kDayMs).value();
        QCOMPARE(minutesAfter.size(), minutesBefore.size());
        for (qsizetype i = 0; i < minutesAfter.size(); ++i)
            QVERIFY(minutesAfter[i].counts == minutesBefore[i].counts);
        RawDb raw(path);
        QCOMPARE(raw.exec("INSERT INTO deliveries_fts (deliveries_fts) VALUES ('integrity-check')"), SQLITE_OK);
        // 0 days: no limit of their own.
        QCOMPARE(pruneAll(store, RetentionPolicy {0, 0, 0}, kReceivedMs + 100 * kDayMs, 10), 0);
        QCOMPARE(store.deliveryCount().value(), 3);
    }

    void pruneResumesInChunks()
    {
        SqliteStore store;
        open(store, newPath());
        // The oldest 300 deliveries are kept (each the applied delivery of a current entry), then 500 go.
        QList<Delivery> batch;
        for (int i = 0; i < 300; ++i)
            batch.append(verified(body(QStringLiteral("c%1").arg(i), created(), 1)));
        for (int i = 0; i < 500; ++i)
            batch.append(refused(Outcome::RejectedSignature, 401, "x" + QByteArray::number(i)));
        QVERIFY(commitAll(store, batch));
        const RetentionPolicy policy {0, 100};
        const qint64 now = kReceivedMs;

        // A call looks at a bounded number of rows: the first ones find only kept rows, yet say
        // there is more.
        bool more = false;
        QCOMPARE(store.prune(policy, now, 20, &more), 0);
        QVERIFY(more);
        QCOMPARE(store.deliveryCount().value(), 800);
        QList<int> sizes;
        while (more) {
            const int removed = store.prune(policy, now, 20, &more);
            QVERIFY(removed >= 0 && removed <= 20);
            sizes.append(removed);
            // Deliveries committed between chunks are newer than every limit: they stay.
            if (sizes.size() == 5) {
                QList<Delivery> late {refused(Outcome::RejectedSignature, 401, "late")};
                QVERIFY(commitAll(store, late));
                QCOMPARE(late[0].id, 801);
            }
        }
        QCOMPARE(std::accumulate(sizes.begin(), sizes.end(), 0), 400);
        QVERIFY2(sizes.size() >= 20, qPrintable(QString::number(sizes.size())));
        QCOMPARE(store.deliveryCount().value(), 401);
        QCOMPARE(storedIds(store), idRange(1, 300) + idRange(701, 801));

        // A kept delivery that stops being the applied one goes at the next run.
        QList<Delivery> update {verified(body(QStringLiteral("c7"), updated(), 2))};
        QVERIFY(commitAll(store, update));
        // c7's creation, and the two oldest refused rows that the update and "late" pushed beyond 100.
        QCOMPARE(pruneAll(store, policy, now, 20), 3);
        QVERIFY(!store.delivery(8));
        QList<qint64> kept = idRange(1, 300) + idRange(703, 802);
        kept.removeOne(8);
        QCOMPARE(storedIds(store), kept);
        QCOMPARE(store.entry(QStringLiteral("c7"))->deliveryId, update[0].id);
    }

    void failedPruneRemovesNothing()
    {
        // A prune is one ordinary transaction: it commits whole or not at all. That is also why a
        // crash in the middle loses nothing: SQLite rolls the unfinished transaction back.
        const QString path = newPath();
        SqliteStore store;
        open(store, path);
        QList<Delivery> batch = retentionHistory();
        QVERIFY(commitAll(store, batch));
        while (store.catchUp(100) > 0) { }
        RawDb raw(path);
        QCOMPARE(raw.exec("CREATE TRIGGER boom BEFORE DELETE ON deliveries WHEN OLD.id = 9"
                          " BEGIN SELECT RAISE(ABORT, 'boom refused'); END"),
            SQLITE_OK);
        const RetentionPolicy policy {0, 1};
        bool more = true;
        QCOMPARE(store.prune(policy, kReceivedMs, 100, &more), -1);
        QVERIFY(!more);
        QVERIFY2(store.lastError().contains(QStringLiteral("boom refused")), qPrintable(store.lastError()));
        QCOMPARE(storedIds(store), idRange(1, 15));
        // Rejected deliveries are not indexed.
        const char *searchable = "SELECT count(*) FROM deliveries WHERE outcome < 4";
        QCOMPARE(raw.number("SELECT count(*) FROM deliveries_fts_docsize"), raw.number(searchable));
        QCOMPARE(raw.exec("DROP TRIGGER boom"), SQLITE_OK);
        QCOMPARE(pruneAll(store, policy, kReceivedMs, 100), 12);
        QCOMPARE(storedIds(store), QList<qint64>({2, 6, 15}));
        QCOMPARE(raw.number("SELECT count(*) FROM deliveries_fts_docsize"), raw.number(searchable));
        // The index is sound (rank 0: its own structure; comparing it with the rows, rank 1, needs every
        // row indexed, and rejected ones are not).
        QCOMPARE(
            raw.exec("INSERT INTO deliveries_fts (deliveries_fts, rank) VALUES ('integrity-check', 0)"), SQLITE_OK);
    }

    void vacuumShrinksTheFileAfterAPrune()
    {
        const QString path = newPath();
        SqliteStore store;
        open(store, path);
        const QByteArray filler(4000, 'v');
        for (int b = 0; b < 4; ++b) {
            QList<Delivery> batch;
            for (int i = 0; i < 500; ++i)
                batch.append(refused(Outcome::RejectedSignature, 401, filler + QByteArray::number(b * 500 + i)));
            QVERIFY(commitAll(store, batch));
        }
        while (store.catchUp(1000) > 0) { }
        QCOMPARE(pruneAll(store, RetentionPolicy {0, 10}, kReceivedMs, 2000), 1990);
        auto onDisk = [&] { return QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size(); };
        const qint64 before = onDisk();
        QVERIFY2(before > 8'000'000, qPrintable(QString::number(before))); // pruning alone frees no disk space
        const std::optional<VacuumResult> sizes = store.vacuum();
        QVERIFY2(sizes, qPrintable(store.lastError()));
        QCOMPARE(sizes->bytesBefore, before);
        QCOMPARE(sizes->bytesAfter, onDisk());
        QCOMPARE(QFileInfo(path + QStringLiteral("-wal")).size(), 0);
        QVERIFY2(sizes->bytesAfter * 10 < sizes->bytesBefore,
            qPrintable(QStringLiteral("%1 -> %2").arg(sizes->bytesBefore).arg(sizes->bytesAfter)));
        // Nothing kept was lost, and the store goes on working.
        QCOMPARE(storedIds(store), idRange(1991, 2000));
        QCOMPARE(store.delivery(2000)->body, filler + "1999");
        QList<Delivery> next {refused(Outcome::RejectedSignature, 401, "after")};
        QVERIFY(commitAll(store, next));
        QCOMPARE(next[0].id, 2001);
    }

    void projectionCheckPassesOnWhatTheStoreWrote()
    {
        const QString path = newPath();
        SqliteStore store;
        open(store, path);
        QVERIFY(!fillVariedHistory(store).isEmpty());
        const QStringList integrity = store.integrityCheck().value();
        QCOMPARE(integrity, QStringList {QStringLiteral("ok")});
        const ProjectionCheck check = store.checkProjection().value();
        QVERIFY2(check.ok(), qPrintable(check.differences.join(u'\n')));
        QCOMPARE(check.entries, 5); // a, b (tombstone), c, e, f; the ignored d has none
        QCOMPARE(check.partial, 2); // e redacted, f deleted
        QCOMPARE(check.differenceCount, 0);

        // The same on a read-only connection, as --check opens it.
        SqliteStore reader;
        QString error;
        QVERIFY2(reader.open(StoreConfig {path, Durability::Normal, true}, &error), qPrintable(error));
        const ProjectionCheck again = reader.checkProjection().value();
        QVERIFY2(again.ok(), qPrintable(again.differences.join(u'\n')));
        QCOMPARE(again.entries, 5);
    }

    void projectionCheckFindsTampering_data()
    {
        QTest::addColumn<QByteArray>("tamper"); // SQL run through a raw connection
        QTest::addColumn<QStringList>("mentions"); // what the one difference must name
        auto row = [](const char *name, const char *sql, const QStringList &mentions) {
            QTest::newRow(name) << QByteArray(sql) << mentions;
        };
        row("an amount", "UPDATE entries SET amount_cents = amount_cents + 1 WHERE entry_id = 'a'",
            {QStringLiteral("'a'"), QStringLiteral("amount_cents is 726, rebuilt 725")});
        row("a category", "UPDATE entries SET category = 'Other' WHERE entry_id = 'a'",
            {QStringLiteral("'a'"), QStringLiteral("category")});
        row("a tombstone revived", "UPDATE entries SET deleted = 0 WHERE entry_id = 'b'",
            {QStringLiteral("'b'"), QStringLiteral("deleted is 0, rebuilt 1")});
        row("an older event applied",
            "UPDATE entries SET (event_ms, event_rank, body_sha256, delivery_id, amount_cents, category) ="
            " (SELECT event_ms, 1, body_sha256, id, amount_cents, category FROM deliveries WHERE id = 3)"
            " WHERE entry_id = 'a'",
            {QStringLiteral("'a'"), QStringLiteral("event_ms"), QStringLiteral("delivery_id is 3, rebuilt 2")});
        row("created_at", "UPDATE entries SET created_ms = created_ms + 1 WHERE entry_id = 'c'",
            {QStringLiteral("'c'"), QStringLiteral("created_ms")});
        row("the flag", "UPDATE entries SET amount_flagged = 0 WHERE entry_id = 'c'",
            {QStringLiteral("'c'"), QStringLiteral("amount_flagged is 0, rebuilt 1")});
        row("the data", "UPDATE entries SET data = CAST('{}' AS BLOB) WHERE entry_id = 'a'",
            {QStringLiteral("'a'"), QStringLiteral("data")});
        row("redacted data kept", "UPDATE entries SET data = CAST('{}' AS BLOB) WHERE entry_id = 'e'",
            {QStringLiteral("'e'"), QStringLiteral("redacted")});
        row("a row lost", "DELETE FROM entries WHERE entry_id = 'c'",
            {QStringLiteral("'c'"), QStringLiteral("missing")});
        row("a row made up",
            "INSERT INTO entries SELECT 'ghost', event_ms, event_rank, body_sha256, deleted, helper_id, helper_name,"
            " helper_command, created_ms, amount_cents, amount_flagged, category, data, delivery_id, fired FROM entries"
            " WHERE entry_id = 'a'",
            {QStringLiteral("'ghost'"), QStringLiteral("none of its stored deliveries")});
        row("a deleted winner beaten by what remains",
            "UPDATE entries SET event_ms = event_ms - 60000 WHERE entry_id = 'f'",
            {QStringLiteral("'f'"), QStringLiteral("was deleted")});
    }

    void projectionCheckFindsTampering()
    {
        QFETCH(QByteArray, tamper);
        QFETCH(QStringList, mentions);
        const QString path = newPath();
        SqliteStore store;
        open(store, path);
        QVERIFY(!fillVariedHistory(store).isEmpty());
        QVERIFY(store.checkProjection().value().ok());

        RawDb raw(path);
        QVERIFY(raw.isOpen());
        QVERIFY2(raw.exec(tamper.constData()) == SQLITE_OK, qPrintable(raw.errorText()));
        QCOMPARE(raw.number("SELECT changes()"), 1);
        const ProjectionCheck check = store.checkProjection().value();
        QVERIFY(!check.ok());
        QCOMPARE(check.differenceCount, 1);
        QCOMPARE(check.differences.size(), 1);
        for (const QString &text : std::as_const(mentions))
            QVERIFY2(check.differences.first().contains(text),
                qPrintable(text + QStringLiteral(" missing from: ") + check.differences.first()));
        // Tampering with the projection does not make the file itself unsound.
        QCOMPARE(store.integrityCheck().value(), QStringList {QStringLiteral("ok")});
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
