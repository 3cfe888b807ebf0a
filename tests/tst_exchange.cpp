// Export and import on both backends, a SQLite file and a team database on a real PostgreSQL server:
// HAR 1.2's required fields, CSV read back by Python's csv module, imported deliveries (no action, no
// rate, redaction kept), the export command's time bounds, and the import command beside a running
// receiver (refused on a file the receiver holds, written beside it on a team database). The round
// trip through a running receiver is tst_roundtrip; the commands' team database errors and concurrent
// imports are tst_teamexchange.
#include "backends.h"
#include "ingest/event.h"
#include "ingest/signature.h"
#include "receivercore.h"
#include "store/csvwriter.h"
#include "store/exporter.h"
#include "store/harwriter.h"
#include "store/importreader.h"
#include "testsupport.h"
#include "tools/exportimport.h"

#include <QBuffer>
#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace peanuts;
using namespace peanuts::test;
using namespace testsupport;

namespace {

constexpr qint64 kNowMs = 1'795'262'400'000; // 2026-11-21T12:00Z
// A verified, applied delivery of body, as the receiver would commit it.
Delivery accepted(const QByteArray &body, qint64 receivedMs)
{
    Delivery d = receivedDelivery(body, receivedMs);
    d.event = parseEvent(body, receivedMs + 60'000, 300'000).event;
    Q_ASSERT(d.event);
    d.outcome = Outcome::Accepted;
    d.status = 200;
    d.secretLabel = QStringLiteral("test");
    return d;
}

QByteArray entryBody(const QString &id, const QByteArray &data, const QString &command = QStringLiteral("/expenses"),
    const QString &event = QStringLiteral("entry.created"))
{
    return "{\"event\":\"" + event.toUtf8()
        + "\",\"timestamp\":\"2026-11-17T10:00:00Z\",\"helper\":{\"id\":\"h\","
          "\"name\":\"Helper, the \\\"first\\\"\",\"command\":\""
        + command.toUtf8() + "\"},\"entry\":{\"id\":\"" + id.toUtf8()
        + "\",\"created_at\":\"2026-11-17T09:00:00Z\",\"data\":" + data + "},\"user\":{\"id\":\"u\"}}";
}

qint64 rawNumber(const FreshBackend &fresh, const char *sql)
{
    RawSql raw(fresh);
    bool ok = false;
    const qint64 n = raw.value(QString::fromLatin1(sql)).toLongLong(&ok);
    return ok ? n : -1;
}

} // namespace

class TestExchange : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void harHasWhatHar12Requires_data() { addBackendRows(); }
    void harHasWhatHar12Requires()
    {
        FRESH_BACKEND(fresh);
        const auto opened = fresh.open();
        QVERIFY(opened);
        Store &store = *opened;
        QList<Delivery> batch {accepted(makeBody(QStringLiteral("h-1")), kNowMs)};
        // A refusal whose body is not UTF-8.
        Delivery binary = receivedDelivery(QByteArray("\xff\xfe{\x00\x01 not json", 14), kNowMs + 1);
        binary.outcome = Outcome::RejectedShape;
        binary.status = 400;
        binary.reason = QStringLiteral("not JSON");
        batch.append(binary);
        QVERIFY(commitBatch(store, batch));

        QBuffer out;
        QVERIFY(out.open(QIODevice::WriteOnly));
        QString error;
        QCOMPARE(exportHar(store, ExportSelection {}, out, &error), 2);
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(out.data(), &parseError);
        QVERIFY2(!parseError.error, qPrintable(parseError.errorString()));

        // HAR 1.2: the fields it marks required, with their types.
        const QJsonObject log = doc.object().value(QLatin1String("log")).toObject();
        QCOMPARE(log.value(QLatin1String("version")).toString(), QStringLiteral("1.2"));
        const QJsonObject creator = log.value(QLatin1String("creator")).toObject();
        QVERIFY(creator.value(QLatin1String("name")).isString());
        QVERIFY(creator.value(QLatin1String("version")).isString());
        const QJsonArray entries = log.value(QLatin1String("entries")).toArray();
        QCOMPARE(entries.size(), 2);
        auto requireAll = [](const QJsonObject &o, const QList<std::pair<const char *, QJsonValue::Type>> &fields,
                              const char *where) {
            for (const auto &[name, type] : fields) {
                const QString message = QStringLiteral("%1.%2").arg(QLatin1String(where), QLatin1String(name));
                if (o.value(QLatin1String(name)).type() != type)
                    return message;
            }
            return QString();
        };
        using T = QJsonValue::Type;
        for (const QJsonValue &value : entries) {
            const QJsonObject e = value.toObject();
            QString missing = requireAll(e,
                {{"startedDateTime", T::String}, {"time", T::Double}, {"request", T::Object}, {"response", T::Object},
                    {"cache", T::Object}, {"timings", T::Object}},
                "entry");
            QVERIFY2(missing.isEmpty(), qPrintable(missing));
            QVERIFY(QDateTime::fromString(e.value(QLatin1String("startedDateTime")).toString(), Qt::ISODateWithMs)
                        .isValid());
            const QJsonObject request = e.value(QLatin1String("request")).toObject();
            missing = requireAll(request,
                {{"method", T::String}, {"url", T::String}, {"httpVersion", T::String}, {"cookies", T::Array},
                    {"headers", T::Array}, {"queryString", T::Array}, {"headersSize", T::Double},
                    {"bodySize", T::Double}, {"postData", T::Object}},
                "request");
            QVERIFY2(missing.isEmpty(), qPrintable(missing));
            for (const QJsonValue &h : request.value(QLatin1String("headers")).toArray()) {
                QVERIFY(h.toObject().value(QLatin1String("name")).isString());
                QVERIFY(h.toObject().value(QLatin1String("value")).isString());
            }
            const QJsonObject postData = request.value(QLatin1String("postData")).toObject();
            missing = requireAll(postData, {{"mimeType", T::String}, {"text", T::String}}, "postData");
            QVERIFY2(missing.isEmpty(), qPrintable(missing));
            const QJsonObject response = e.value(QLatin1String("response")).toObject();
            missing = requireAll(response,
                {{"status", T::Double}, {"statusText", T::String}, {"httpVersion", T::String}, {"cookies", T::Array},
                    {"headers", T::Array}, {"content", T::Object}, {"redirectURL", T::String},
                    {"headersSize", T::Double}, {"bodySize", T::Double}},
                "response");
            QVERIFY2(missing.isEmpty(), qPrintable(missing));
            missing = requireAll(response.value(QLatin1String("content")).toObject(),
                {{"size", T::Double}, {"mimeType", T::String}}, "content");
            QVERIFY2(missing.isEmpty(), qPrintable(missing));
            const QJsonObject timings = e.value(QLatin1String("timings")).toObject();
            missing
                = requireAll(timings, {{"send", T::Double}, {"wait", T::Double}, {"receive", T::Double}}, "timings");
            QVERIFY2(missing.isEmpty(), qPrintable(missing));
            // time is the sum of the timings that are not -1.
            double sum = 0;
            for (const char *t : {"blocked", "dns", "connect", "send", "wait", "receive"})
                if (timings.contains(QLatin1String(t)) && timings.value(QLatin1String(t)).toDouble() != -1)
                    sum += timings.value(QLatin1String(t)).toDouble();
            QCOMPARE(e.value(QLatin1String("time")).toDouble(), sum);
        }
        // Oldest first; our answer's status; the body exact, in _bodyBase64 when it is not UTF-8.
        const QJsonObject first = entries[0].toObject(), second = entries[1].toObject();
        QCOMPARE(first.value(QLatin1String("response")).toObject().value(QLatin1String("status")).toInt(), 200);
        QCOMPARE(first.value(QLatin1String("response")).toObject().value(QLatin1String("statusText")).toString(),
            QStringLiteral("OK"));
        const QJsonObject firstPost
            = first.value(QLatin1String("request")).toObject().value(QLatin1String("postData")).toObject();
        QCOMPARE(firstPost.value(QLatin1String("text")).toString().toUtf8(), makeBody(QStringLiteral("h-1")));
        QVERIFY(!firstPost.contains(QLatin1String("_bodyBase64")));
        QCOMPARE(firstPost.value(QLatin1String("mimeType")).toString(), QStringLiteral("application/json"));
        QCOMPARE(second.value(QLatin1String("response")).toObject().value(QLatin1String("status")).toInt(), 400);
        const QJsonObject secondPost
            = second.value(QLatin1String("request")).toObject().value(QLatin1String("postData")).toObject();
        QCOMPARE(
            QByteArray::fromBase64(secondPost.value(QLatin1String("_bodyBase64")).toString().toLatin1()), binary.body);
        QCOMPARE(second.value(QLatin1String("request")).toObject().value(QLatin1String("bodySize")).toInt(), 14);
    }

    void csvReadBackByPython_data() { addBackendRows(); }
    void csvReadBackByPython()
    {
        FRESH_BACKEND(fresh);
        const auto opened = fresh.open();
        QVERIFY(opened);
        Store &store = *opened;
        QTemporaryDir dir;
        QList<Delivery> batch {
            accepted(entryBody(QStringLiteral("c-1"),
                         R"({"amount":1234.5,"category":"Food, drinks","description":"say \"cheese\"\nand, smile",)"
                         R"("vendor":"Café Ünïcødé 東京","tags":["a","b"],"paid":true})"),
                kNowMs),
            accepted(
                entryBody(QStringLiteral("c-2"),
                    R"({"amount":"0.10","category":"Travel","description":"plain","id":"data's own id","memo":"first line\nsecond line","note":null})"),
                kNowMs + 1),
            accepted(
                entryBody(QStringLiteral("c-3"), R"({"amount":"about ten","description":"no category"})"), kNowMs + 2),
            // Deleted entries are not current: not in the CSV.
            accepted(entryBody(QStringLiteral("c-4"), R"({"amount":1})"), kNowMs + 3),
            accepted(
                entryBody(QStringLiteral("c-4"), R"({})", QStringLiteral("/expenses"), QStringLiteral("entry.deleted")),
                kNowMs + 4),
        };
        batch[4].event->timestampMs += 1000;
        QVERIFY(commitBatch(store, batch));

        const QString csvPath = dir.filePath(QStringLiteral("entries.csv"));
        QFile out(csvPath);
        QVERIFY(out.open(QIODevice::WriteOnly));
        QString error;
        QCOMPARE(exportEntriesCsv(
                     store, std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max(), out, &error),
            3);
        out.close();

        // Python's csv module reads it back; the rows come back as JSON.
        QProcess python;
        python.start(QStringLiteral("python3"),
            {QStringLiteral("-c"),
                QStringLiteral("import csv, json, sys\n"
                               "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
                               "    print(json.dumps(list(csv.reader(f, strict=True))))\n"),
                csvPath});
        QVERIFY(python.waitForFinished(30'000));
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
        const QJsonArray rows = QJsonDocument::fromJson(python.readAllStandardOutput()).array();
        QCOMPARE(rows.size(), 4);
        auto row = [&](int i) {
            QStringList list;
            for (const QJsonValue &v : rows[i].toArray())
                list.append(v.toString());
            return list;
        };
        const QStringList header {QStringLiteral("id"), QStringLiteral("helper"), QStringLiteral("helper_name"),
            QStringLiteral("created_at"), QStringLiteral("amount"), QStringLiteral("category"),
            QStringLiteral("description"), QStringLiteral("paid"), QStringLiteral("tags"), QStringLiteral("vendor"),
            QStringLiteral("data.id"), QStringLiteral("memo"), QStringLiteral("note")};
        QCOMPARE(row(0), header); // data keys in order of first appearance (the store keeps data's keys sorted)
        const QString helper = QStringLiteral("Helper, the \"first\"");
        const QString created = QStringLiteral("2026-11-17T09:00:00.000Z");
        QStringList c1 = row(1);
        c1[3] = QDateTime::fromString(c1[3], Qt::ISODateWithMs).toUTC().toString(Qt::ISODateWithMs);
        QCOMPARE(c1,
            QStringList({QStringLiteral("c-1"), QStringLiteral("/expenses"), helper, created, QStringLiteral("1234.5"),
                QStringLiteral("Food, drinks"), QStringLiteral("say \"cheese\"\nand, smile"), QStringLiteral("true"),
                QStringLiteral("[\"a\",\"b\"]"), QStringLiteral("Café Ünïcødé 東京"), QString(), QString(),
                QString()}));
        QStringList c2 = row(2);
        c2[3] = QString();
        QCOMPARE(c2,
            QStringList({QStringLiteral("c-2"), QStringLiteral("/expenses"), helper, QString(), QStringLiteral("0.1"),
                QStringLiteral("Travel"), QStringLiteral("plain"), QString(), QString(), QString(),
                QStringLiteral("data's own id"), QStringLiteral("first line\nsecond line"), QString()}));
        // An amount that is not a number stays as written.
        QCOMPARE(
            row(3).mid(4, 3), QStringList({QStringLiteral("about ten"), QString(), QStringLiteral("no category")}));
    }

    void importedFireNothingCountNowhereAndStayRedacted_data() { addBackendRows(); }
    void importedFireNothingCountNowhereAndStayRedacted()
    {
        FRESH_BACKEND(source);
        const FreshBackend target(backend);
        QTemporaryDir dir;
        const QByteArray expense = entryBody(QStringLiteral("i-1"), R"({"amount":900,"description":"big"})");
        const QByteArray secret = entryBody(QStringLiteral("i-2"), R"({"amount":5,"description":"secret"})");
        const QByteArray task
            = entryBody(QStringLiteral("i-3"), R"({"title":"t","due_date":"2026-11-18"})", QStringLiteral("/tasks"));
        const QByteArray redactedOnlyThere = entryBody(QStringLiteral("i-4"), R"({"amount":7,"description":"gone"})");
        QByteArray exported;
        {
            const auto opened = source.open();
            QVERIFY(opened);
            Store &store = *opened;
            QList<Delivery> batch {accepted(expense, kNowMs), accepted(secret, kNowMs + 1), accepted(task, kNowMs + 2),
                accepted(redactedOnlyThere, kNowMs + 3)};
            QVERIFY(commitBatch(store, batch));
            QVERIFY(store.redactDeliveries({batch[1].id}));
            QBuffer out(&exported);
            QVERIFY(out.open(QIODevice::WriteOnly));
            QString error;
            QCOMPARE(exportJsonLines(store, DeliveryFilter {}, out, &error), 4);
        }
        const QString file = dir.filePath(QStringLiteral("export.jsonl"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(exported);
        }
        const auto opened = target.open();
        QVERIFY(opened);
        Store &store = *opened;
        // The target had redacted i-4's body before: an import does not bring it back.
        {
            QList<Delivery> before {accepted(redactedOnlyThere, kNowMs - 10)};
            QVERIFY(commitBatch(store, before));
            QVERIFY(store.redactDeliveries({before[0].id}));
        }
        const qint64 countersBefore = rawNumber(target, "SELECT coalesce(sum(count), 0) FROM counters");
        const qint64 minutesBefore = rawNumber(target, "SELECT coalesce(sum(count), 0) FROM minute_counters");
        ImportReader reader;
        QString error;
        QVERIFY2(reader.open({file}, &error), qPrintable(error));
        QCOMPARE(reader.count(), 4);
        auto batch = reader.next(100, &error);
        QVERIFY(batch);
        ImportTally tally;
        QVERIFY2(store.importDeliveries(*batch, &tally, &error), qPrintable(error));
        QCOMPARE(tally.imported, 4);
        QCOMPARE(tally.redactedHere, 1);

        // Applied as received ones are: the entries are there, the big expense and the due task too.
        QVERIFY(store.entry(QStringLiteral("i-1")).has_value());
        QCOMPARE(store.entry(QStringLiteral("i-1"))->amountCents, 90000);
        QCOMPARE(store.entry(QStringLiteral("i-2"))->amountCents, 500);
        // No action at import, none for a due-date check (it reads currentEntries), no count, no rate.
        QCOMPARE(rawNumber(target, "SELECT count(*) FROM actions"), 0);
        QCOMPARE(rawNumber(target, "SELECT count(*) FROM deliveries WHERE imported"), 4);
        const auto current = store.currentEntries(QString());
        QVERIFY(current);
        // i-4's live delivery was applied first (the import's copy of it changes nothing): only it is a candidate.
        QCOMPARE(current->size(), 1);
        QCOMPARE(current->first().entryId, QStringLiteral("i-4"));
        QCOMPARE(rawNumber(target, "SELECT coalesce(sum(count), 0) FROM counters"), countersBefore);
        QCOMPARE(rawNumber(target, "SELECT coalesce(sum(count), 0) FROM minute_counters"), minutesBefore);
        const auto minutes = store.minuteCounts(kNowMs - 3'600'000, kNowMs + 3'600'000);
        QVERIFY(minutes);
        qint64 inRates = 0;
        for (const MinuteCounts &m : *minutes)
            for (qint64 c : m.counts)
                inRates += c;
        QCOMPARE(inRates, 1); // the live one only

        // Redacted there stays redacted here, with what the projection needs; redacted here stays so.
        for (const Delivery &d : std::as_const(*batch)) {
            const auto stored = store.delivery(d.id);
            QVERIFY(stored);
            QVERIFY(stored->imported);
            const QString id = stored->event->entryId;
            const bool shouldBeRedacted = id == QLatin1String("i-2") || id == QLatin1String("i-4");
            QCOMPARE(stored->redacted, shouldBeRedacted);
            QCOMPARE(stored->body.isEmpty(), shouldBeRedacted);
            // i-4's bytes were applied here already: on a team database the unique index makes the
            // imported copy their duplicate (one applied copy of an entry's bytes); a file keeps it as recorded.
            const bool copyOfApplied = target.isPostgres() && id == QLatin1String("i-4");
            QCOMPARE(stored->outcome, copyOfApplied ? Outcome::Duplicate : Outcome::Accepted);
        }
        QCOMPARE(store.entry(QStringLiteral("i-2"))->createdMs,
            QDateTime::fromString(QStringLiteral("2026-11-17T09:00:00Z"), Qt::ISODate).toMSecsSinceEpoch());
        QCOMPARE(rawNumber(target, "SELECT count(*) FROM redacted_bodies"), 2);
        QCOMPARE(rawNumber(target, "SELECT count(*) FROM entries WHERE entry_id = 'i-2' AND data IS NULL"), 1);

        // The same file again: nothing new.
        QVERIFY(reader.open({file}, &error));
        batch = reader.next(100, &error);
        ImportTally again;
        QVERIFY(store.importDeliveries(*batch, &again, &error));
        QCOMPARE(again.imported, 0);
        QCOMPARE(again.alreadyPresent, 4);

        // A live delivery is a due-date candidate; an imported one is not.
        QList<Delivery> live {accepted(
            entryBody(QStringLiteral("i-5"), R"({"title":"live","due_date":"2026-11-18"})", QStringLiteral("/tasks")),
            kNowMs + 10)};
        QVERIFY(commitBatch(store, live));
        const auto afterLive = store.currentEntries(QString());
        QCOMPARE(afterLive->size(), 2);
        QCOMPARE(afterLive->last().entryId, QStringLiteral("i-5"));
    }

    void badRecordsAreRefusedWhole()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("bad.jsonl"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QByteArray body = makeBody(QStringLiteral("b-1"));
        Delivery good = accepted(body, kNowMs);
        f.write(deliveryJson(good) + '\n');
        QJsonObject bad = QJsonDocument::fromJson(deliveryJson(good)).object();
        bad.insert(QStringLiteral("body_sha256"), QString(64, QLatin1Char('0')));
        f.write(QJsonDocument(bad).toJson(QJsonDocument::Compact) + '\n');
        f.close();
        ImportReader reader;
        QString error;
        QVERIFY(!reader.open({file}, &error));
        QVERIFY2(error.contains(QStringLiteral("bad.jsonl:2")) && error.contains(QStringLiteral("body_sha256")),
            qPrintable(error));
    }

    void foreignHarIsRefused()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("other.har"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        // (No raw string here: moc loses its way in one that begins with a quote.)
        f.write("{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"x\",\"version\":\"1\"},\"entries\":["
                "{\"startedDateTime\":\"2026-11-17T10:00:00Z\",\"time\":1,\"request\":{\"method\":\"POST\"}}]}}");
        f.close();
        ImportReader reader;
        QString error;
        QVERIFY(!reader.open({file}, &error));
        QVERIFY2(
            error.contains(QStringLiteral("entry 1")) && error.contains(QStringLiteral("_peanuts")), qPrintable(error));
    }

    void exportCommandTakesTimeBounds_data() { addBackendRows(); }
    void exportCommandTakesTimeBounds()
    {
        QCOMPARE(parseTimeArgument(QStringLiteral("2026-11-21")), kNowMs - 12 * 3'600'000);
        QCOMPARE(parseTimeArgument(QStringLiteral("2026-11-21T13:00:00+01:00")), kNowMs);
        QVERIFY(!parseTimeArgument(QStringLiteral("yesterday")));
        FRESH_BACKEND(fresh);
        const QString db = fresh.location();
        {
            const auto store = fresh.open();
            QVERIFY(store);
            QList<Delivery> batch;
            for (int i = 0; i < 3; ++i)
                batch.append(accepted(makeBody(QStringLiteral("t-%1").arg(i)), kNowMs + i * 3'600'000));
            QVERIFY(commitBatch(*store, batch));
        }
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("out.jsonl"));
        QCOMPARE(runExport({QStringLiteral("--format"), QStringLiteral("jsonl"), QStringLiteral("--db"), db,
                     QStringLiteral("--since"), QStringLiteral("2026-11-21T13:00:00Z"), QStringLiteral("--until"),
                     QStringLiteral("2026-11-21T14:00:00Z"), QStringLiteral("--out"), out}),
            0);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 1);
        QVERIFY(lines[0].contains("\"entry_id\":\"t-1\""));
        QCOMPARE(runExport({QStringLiteral("--format"), QStringLiteral("xml"), QStringLiteral("--db"), db}), 1);
        QCOMPARE(
            runExport({QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--db"),
                fresh.isPostgres() ? db + QStringLiteral("_missing") : dir.filePath(QStringLiteral("missing.db"))}),
            1);
    }

    // A file takes one writer: the import is refused while a receiver holds the file's lock, and runs
    // once it stopped. A team database takes several: the import is written beside the receiver, and
    // no lock file is made for its URL.
    void importBesideARunningReceiver_data() { addBackendRows(); }
    void importBesideARunningReceiver()
    {
        FRESH_BACKEND(fresh);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("one.jsonl"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(deliveryJson(accepted(makeBody(QStringLiteral("r-1")), kNowMs)) + '\n');
        }
        Options options = testOptions(dir.filePath(QStringLiteral("receiver")));
        options.dbPath = fresh.location();
        const QString location = options.dbPath;
        ReceiverCore core;
        QString error;
        QVERIFY2(core.start(options, &error), qPrintable(error));
        const auto count = [&](const char *sql) { return rawNumber(fresh, sql); };
        const qint64 before = count("SELECT count(*) FROM deliveries");
        QProcess import;
        import.setWorkingDirectory(dir.path());
        import.start(
            QStringLiteral(PEANUTS_BINARY), {QStringLiteral("import"), QStringLiteral("--db"), location, file});
        QVERIFY(import.waitForFinished(30'000));
        if (fresh.isPostgres()) {
            QVERIFY2(import.exitCode() == 0, import.readAllStandardError().constData());
            QCOMPARE(count("SELECT count(*) FROM deliveries WHERE imported"), 1);
            QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
                (QStringList {QStringLiteral("one.jsonl"), QStringLiteral("receiver")}));
            core.stop();
            return;
        }
        const QString message = QString::fromUtf8(import.readAllStandardError());
        QCOMPARE(import.exitCode(), 1);
        QVERIFY2(
            message.contains(QStringLiteral("running Peanuts Monitor (pid %1)").arg(QCoreApplication::applicationPid()))
                && message.contains(QStringLiteral("Nothing was imported")),
            qPrintable(message));
        QCOMPARE(count("SELECT count(*) FROM deliveries"), before);

        // Once it stopped, the same command imports.
        core.stop();
        import.start(
            QStringLiteral(PEANUTS_BINARY), {QStringLiteral("import"), QStringLiteral("--db"), location, file});
        QVERIFY(import.waitForFinished(30'000));
        QVERIFY2(import.exitCode() == 0, import.readAllStandardError().constData());
        QCOMPARE(count("SELECT count(*) FROM deliveries WHERE imported"), 1);
    }
};

QTEST_GUILESS_MAIN(TestExchange)
#include "tst_exchange.moc"
