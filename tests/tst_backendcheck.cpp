// Deletion, redaction, the checks and imports on both backends, SQLite and a real PostgreSQL server:
// deletion takes the rows and their actions; redaction leaves no byte in the tables' files (dead rows
// included) and retries are stored without the body; the projection check passes on what the store
// wrote and finds each kind of tampering; PostgreSQL's integrity check finds drifted aggregates; the
// import's tallies.
#include "maintkit.h"

#include <QLoggingCategory>

using namespace peanuts;
using namespace peanuts::test;
using namespace testsupport;

namespace {

// Every way an entry gets to its state: stale and duplicate arrivals, a tombstone, a flagged amount
// with its own created_at, an ignored event, a refusal, a redacted winner (e) and a deleted one (f).
QList<Delivery> fillVariedHistory(Store &store)
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
    if (!store.redactDeliveries({batch[9].id}) || !store.deleteDeliveries({batch[11].id})) {
        qWarning().noquote() << "redact or delete failed:" << store.lastError();
        return {};
    }
    return batch;
}

// Each kind of tampering with the projection, and what the one difference found must name.
struct Tamper
{
    const char *name;
    const char *sql; // %1: the older event's id
    const char *pgSql; // when PostgreSQL's differs
    QStringList mentions;
};
const Tamper kTampers[] = {
    {"an amount", "UPDATE entries SET amount_cents = amount_cents + 1 WHERE entry_id = 'a'", "",
        {QStringLiteral("'a'"), QStringLiteral("amount_cents is 726, rebuilt 725")}},
    {"a tombstone revived", "UPDATE entries SET deleted = false WHERE entry_id = 'b'", "",
        {QStringLiteral("'b'"), QStringLiteral("deleted is 0, rebuilt 1")}},
    {"an older event applied",
        "UPDATE entries SET (event_ms, event_rank, body_sha256, delivery_id) = (SELECT event_ms, 1, "
        "body_sha256,"
        " id FROM deliveries WHERE id = %1) WHERE entry_id = 'a'",
        "", {QStringLiteral("'a'"), QStringLiteral("event_ms"), QStringLiteral("delivery_id is")}},
    {"created_at", "UPDATE entries SET created_ms = created_ms + 1 WHERE entry_id = 'c'", "",
        {QStringLiteral("'c'"), QStringLiteral("created_ms")}},
    {"the flag", "UPDATE entries SET amount_flagged = false WHERE entry_id = 'c'", "",
        {QStringLiteral("'c'"), QStringLiteral("amount_flagged is 0, rebuilt 1")}},
    {"the data", "UPDATE entries SET data = CAST('{}' AS BLOB) WHERE entry_id = 'a'",
        "UPDATE entries SET data = '{}'::bytea WHERE entry_id = 'a'", {QStringLiteral("'a'"), QStringLiteral("data")}},
    {"redacted data kept", "UPDATE entries SET data = CAST('{}' AS BLOB) WHERE entry_id = 'e'",
        "UPDATE entries SET data = '{}'::bytea WHERE entry_id = 'e'",
        {QStringLiteral("'e'"), QStringLiteral("redacted")}},
    {"a row lost", "DELETE FROM entries WHERE entry_id = 'c'", "", {QStringLiteral("'c'"), QStringLiteral("missing")}},
    {"a row made up",
        "INSERT INTO entries SELECT 'ghost', event_ms, event_rank, body_sha256, deleted, helper_id, "
        "helper_name,"
        " helper_command, created_ms, amount_cents, amount_flagged, category, data, delivery_id, fired FROM"
        " entries WHERE entry_id = 'a'",
        "", {QStringLiteral("'ghost'"), QStringLiteral("none of its stored deliveries")}},
    {"a deleted winner beaten by what remains", "UPDATE entries SET event_ms = event_ms - 60000 WHERE entry_id = 'f'",
        "", {QStringLiteral("'f'"), QStringLiteral("was deleted")}},
};

} // namespace

class TestBackendCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLoggingCategory::setFilterRules(QStringLiteral("peanuts.*.info=false")); }

    void deleteTakesRowsAndActions_data() { addBackendRows(); }
    void deleteTakesRowsAndActions()
    {
        FRESH_BACKEND(fresh);
        const auto store = fresh.open();
        QVERIFY(store);
        QList<Delivery> batch {verified(body(QStringLiteral("d1"), created(), 1)),
            verified(body(QStringLiteral("d2"), created(), 1)), verified(body(QStringLiteral("d1"), updated(), 2))};
        QVERIFY(commitAll(*store, batch));
        RawSql raw(fresh);
        for (const Delivery &d : batch)
            QCOMPARE(
                raw.exec(QStringLiteral("INSERT INTO actions (delivery_id, kind, state, created_ms, next_attempt_ms)"
                                        " VALUES (?, 1, 2, 0, 0)"),
                    {d.id}),
                1);
        QVERIFY2(store->deleteDeliveries({batch[0].id, batch[2].id}), qPrintable(store->lastError()));
        QCOMPARE(raw.ids(), at(batch, {2}));
        QCOMPARE(
            raw.column(QStringLiteral("SELECT delivery_id FROM actions")), QList<QVariant> {QVariant(batch[1].id)});
        // d1's applied delivery is gone: the check compares what is left.
        const ProjectionCheck check = store->checkProjection().value();
        QVERIFY2(check.ok(), qPrintable(check.differences.join(u'\n')));
        QCOMPARE(check.entries, 2);
        QCOMPARE(check.partial, 1);
        QList<Delivery> next {verified(body(QStringLiteral("d3"), created(), 1))};
        QVERIFY(commitAll(*store, next));
        QVERIFY2(next[0].id > batch[2].id, "an id was handed out twice");
    }

    void redactionLeavesNoByteBehind_data() { addBackendRows(); }
    void redactionLeavesNoByteBehind()
    {
        // The body, its headers, the entry's data and the actions' texts leave every place they are kept
        // (the delivery, its duplicate copies, the projection, the search text) and the tables' files:
        // the dead rows' bytes too. The figures keep the amount. A retry stays redacted.
        FRESH_BACKEND(fresh);
        const auto store = fresh.open();
        QVERIFY(store);
        const QByteArray bodyMarker = "body-qzxjwvk-5c1e9d", headerMarker = "header-marker-a77b20",
                         dataMarker = "data-marker-e04f6c", payloadMarker = "payload-marker-9f3d";
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
        QVERIFY(commitAll(*store, batch));
        QCOMPARE(outcomes(batch), outcomeNames({Outcome::Accepted, Outcome::Accepted, Outcome::Duplicate}));
        RawSql raw(fresh);
        const QString addAction = QStringLiteral("INSERT INTO actions (delivery_id, kind, state, title, payload,"
                                                 " created_ms, next_attempt_ms) VALUES (?, ?, ?, 'alert', ?, 0, 0)");
        QCOMPARE(raw.exec(addAction, {batch[0].id, 1, 2, payloadMarker}), 1); // a dead letter: kept, emptied
        QCOMPARE(raw.exec(addAction, {batch[2].id, 2, 0, payloadMarker}), 1); // a pending forward: cancelled
        // Every byte of the database's files (on PostgreSQL: our relations, their TOAST and indexes, once
        // a checkpoint has written them out).
        auto files = [&] {
            QByteArray bytes;
            if (!fresh.isPostgres()) {
                for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
                    QFile file(fresh.location() + suffix);
                    if (file.open(QIODevice::ReadOnly))
                        bytes += file.readAll();
                }
                return bytes;
            }
            raw.exec(QStringLiteral("CHECKPOINT"));
            for (const QVariant &file : raw.column(QStringLiteral(
                     "SELECT pg_read_binary_file(pg_relation_filepath(oid)) FROM pg_class WHERE relkind IN"
                     " ('r', 't', 'i') AND relnamespace IN (current_schema()::regnamespace, 'pg_toast'::regnamespace)"
                     " AND pg_relation_filepath(oid) IS NOT NULL")))
                bytes += file.toByteArray();
            return bytes;
        };
        auto markersIn = [&](const QByteArray &bytes) {
            QStringList found;
            for (const QByteArray &m : {bodyMarker, headerMarker, dataMarker, payloadMarker}) {
                if (bytes.contains(m))
                    found.append(QString::fromLatin1(m));
            }
            return found;
        };
        QCOMPARE(markersIn(files()).size(), 4); // present before
        const qint64 sumBefore
            = store->entryTotals(EntryFilter {{QStringLiteral("/expenses")}}).value_or(EntryTotals()).sumCents;

        QVERIFY2(store->redactDeliveries({batch[0].id}), qPrintable(store->lastError()));
        QStringList left = markersIn(files());
        QVERIFY2(left.isEmpty(), qPrintable(QStringLiteral("still in the files: ") + left.join(u' ')));
        for (const Delivery &d : {store->delivery(batch[0].id).value(), store->delivery(batch[2].id).value()})
            QVERIFY2(d.redacted && d.body.isEmpty() && d.headers.isEmpty(), qPrintable(QString::number(d.id)));
        QVERIFY(!store->delivery(batch[1].id)->redacted);
        QCOMPARE(store->entryTotals(EntryFilter {{QStringLiteral("/expenses")}}).value_or(EntryTotals()).sumCents,
            sumBefore);
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM entries WHERE entry_id = 'secret' AND data IS NULL"))
                     .toInt(),
            1);
        QCOMPARE(
            raw.column(QStringLiteral("SELECT title FROM actions")), QList<QVariant> {QStringLiteral("[redacted]")});
        if (fresh.isPostgres()) {
            QCOMPARE(
                raw.value(QStringLiteral("SELECT count(*) FROM deliveries WHERE body_text LIKE '%qzxjwvk%'")).toInt(),
                0);
        } else {
            DeliveryFilter search;
            search.text = QString::fromLatin1(bodyMarker);
            QCOMPARE(store->countDeliveries(search).value(), 0);
        }
        // Peanuts retries it: counted, stored without the bytes.
        QList<Delivery> retry {delivery()};
        QVERIFY(commitAll(*store, retry));
        QCOMPARE(outcomes(retry), outcomeNames({Outcome::Duplicate}));
        const Delivery stored = store->delivery(retry[0].id).value();
        QVERIFY(stored.redacted && stored.body.isEmpty() && stored.headers.isEmpty());
        QCOMPARE(stored.bodySize, qint64(secret.size()));
        left = markersIn(files());
        QVERIFY2(left.isEmpty(), qPrintable(QStringLiteral("the retry wrote again: ") + left.join(u' ')));
        QCOMPARE(counterList(*store), expectedCounters({{Outcome::Accepted, 2}, {Outcome::Duplicate, 2}}));
        QVERIFY(store->checkProjection()->ok());
    }

    void projectionCheckPassesOnWhatTheStoreWrote_data() { addBackendRows(); }
    void projectionCheckPassesOnWhatTheStoreWrote()
    {
        FRESH_BACKEND(fresh);
        const auto store = fresh.open();
        QVERIFY(store);
        QVERIFY(!fillVariedHistory(*store).isEmpty());
        QCOMPARE(store->integrityCheck().value(), QStringList {QStringLiteral("ok")});
        const ProjectionCheck check = store->checkProjection().value();
        QVERIFY2(check.ok(), qPrintable(check.differences.join(u'\n')));
        QCOMPARE(check.entries, 5); // a, b (tombstone), c, e, f; the ignored d has none
        QCOMPARE(check.partial, 2); // e redacted, f deleted
        // The same on a read-only connection, as --check opens it.
        const auto reader = fresh.open(true);
        QVERIFY(reader);
        const ProjectionCheck again = reader->checkProjection().value();
        QVERIFY2(again.ok(), qPrintable(again.differences.join(u'\n')));
        QCOMPARE(again.entries, 5);
    }

    void projectionCheckFindsTampering_data() { addBackendRows(); }
    void projectionCheckFindsTampering()
    {
        // Each kind of tampering, one at a time on one history (the projection restored between them):
        // the check finds the one difference and names it.
        FRESH_BACKEND(fresh);
        const auto store = fresh.open();
        QVERIFY(store);
        const QList<Delivery> batch = fillVariedHistory(*store);
        QVERIFY(!batch.isEmpty());
        QVERIFY(store->checkProjection().value().ok());
        RawSql raw(fresh);
        QVERIFY(raw.exec(QStringLiteral("CREATE TABLE entries_kept AS SELECT * FROM entries")) >= 0);
        for (const Tamper &t : kTampers) {
            const QString sql = QString::fromLatin1(fresh.isPostgres() && *t.pgSql ? t.pgSql : t.sql);
            QCOMPARE(raw.exec(sql.contains(QLatin1String("%1")) ? sql.arg(batch[2].id) : sql), 1);
            const ProjectionCheck check = store->checkProjection().value();
            QVERIFY2(check.differenceCount == 1 && check.differences.size() == 1,
                qPrintable(QLatin1String(t.name) + u'\n' + check.differences.join(u'\n')));
            for (const QString &text : t.mentions)
                QVERIFY2(check.differences.first().contains(text),
                    qPrintable(text + QStringLiteral(" missing from: ") + check.differences.first()));
            QVERIFY(raw.exec(QStringLiteral("DELETE FROM entries")) >= 0);
            QVERIFY(raw.exec(QStringLiteral("INSERT INTO entries SELECT * FROM entries_kept")) > 0);
            QVERIFY2(store->checkProjection().value().ok(), t.name);
        }
    }

    void integrityCheckFindsDrift()
    {
        // PostgreSQL's own checks: the aggregates against a recount, the sequence ahead of every id.
        FreshBackend fresh(QStringLiteral("postgresql"));
        if (!fresh.unavailable().isEmpty())
            QSKIP(qPrintable(fresh.unavailable()));
        const auto store = fresh.open();
        QVERIFY(store);
        QVERIFY(!fillVariedHistory(*store).isEmpty());
        QCOMPARE(store->integrityCheck().value(), QStringList {QStringLiteral("ok")});
        RawSql raw(fresh);
        QVERIFY(raw.exec(QStringLiteral("UPDATE entry_totals SET sum_cents = sum_cents + 1 WHERE category = 'Travel'"))
            == 1);
        QVERIFY(raw.value(QStringLiteral("SELECT setval('deliveries_id_seq', 3)")).isValid());
        QCOMPARE(raw.exec(QStringLiteral("UPDATE entry_buckets SET count = count - 1 WHERE category = 'Travel'")), 1);
        const QStringList problems = store->integrityCheck().value();
        QCOMPARE(problems.size(), 3);
        QVERIFY2(problems[0].startsWith(QLatin1String("entry_totals: 1 row(s)")), qPrintable(problems[0]));
        QVERIFY2(problems[1].startsWith(QLatin1String("entry_buckets: 1 row(s)")), qPrintable(problems[1]));
        QVERIFY2(problems[2].startsWith(QLatin1String("deliveries_id_seq: ")), qPrintable(problems[2]));
    }

    void importTallies_data() { addBackendRows(); }
    void importTallies()
    {
        FRESH_BACKEND(fresh);
        const auto store = fresh.open();
        QVERIFY(store);
        const QByteArray here = body(QStringLiteral("i-here"), created(), 1);
        const QByteArray there = body(QStringLiteral("i-there"), created(), 1);
        QList<Delivery> live {verified(here)};
        QVERIFY(commitAll(*store, live));
        QVERIFY(store->redactDeliveries({live[0].id}));
        // From an export: a plain one, one redacted where it came from, and one whose bytes were
        // redacted here.
        Delivery redactedThere = verified(there, kReceivedMs - 1000);
        redactedThere.redacted = true;
        redactedThere.body.clear();
        QList<Delivery> batch {verified(body(QStringLiteral("i-plain"), created(), 1), kReceivedMs - 2000),
            redactedThere, verified(here, kReceivedMs - 3000)};
        ImportTally tally;
        QString error;
        QVERIFY2(store->importDeliveries(batch, &tally, &error), qPrintable(error));
        QCOMPARE((QList<qint64> {tally.imported, tally.alreadyPresent, tally.redactedHere}), (QList<qint64> {3, 0, 1}));
        QVERIFY(store->delivery(batch[2].id)->body.isEmpty());
        QCOMPARE(store->delivery(batch[0].id)->body, batch[0].body);
        // The same file again: all there already. A later copy of the bytes redacted there: redacted here.
        QList<Delivery> again = batch;
        QList<Delivery> copy {verified(there, kReceivedMs - 4000)};
        tally = ImportTally();
        QVERIFY2(store->importDeliveries(again, &tally, &error), qPrintable(error));
        QVERIFY2(store->importDeliveries(copy, &tally, &error), qPrintable(error));
        QCOMPARE((QList<qint64> {tally.imported, tally.alreadyPresent, tally.redactedHere}), (QList<qint64> {1, 3, 1}));
        QVERIFY(store->delivery(copy[0].id)->body.isEmpty());
        QCOMPARE(store->entry(QStringLiteral("i-plain"))->deliveryId, batch[0].id);
        QCOMPARE(counterList(*store), expectedCounters({{Outcome::Accepted, 1}})); // imports count in no counter
    }
};

QTEST_GUILESS_MAIN(TestBackendCheck)
#include "tst_backendcheck.moc"
