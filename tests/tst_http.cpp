// End to end over HTTP against an in-process receiver on port 0: the contract's checks and answers.
#include "receivercore.h"
#include "store/storeworker.h"
#include "testsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>
#include <thread>

#include <atomic>

using namespace testsupport;

namespace {

struct Reply
{
    int status = 0;
    QByteArray body;
    QByteArray retryAfter;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

} // namespace

class TestHttp : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    peanuts::ReceiverCore m_core;
    QNetworkAccessManager m_nam;
    int m_entry = 0;

    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_core.port()).arg(path));
    }

    Reply send(QNetworkReply *reply)
    {
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(10000);
        Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        r.retryAfter = reply->rawHeader("Retry-After");
        reply->deleteLater();
        return r;
    }

    Reply post(const QByteArray &body, const QByteArray &signatureHeader, const QByteArray &signature,
        const QString &path = QStringLiteral("/webhook"), const QByteArray &forwardedFor = QByteArray())
    {
        QNetworkRequest request(url(path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        if (!signatureHeader.isEmpty())
            request.setRawHeader(signatureHeader, signature);
        if (!forwardedFor.isEmpty())
            request.setRawHeader("X-Forwarded-For", forwardedFor);
        return send(m_nam.post(request, body));
    }

    Reply postSigned(const QByteArray &body) { return post(body, "X-Peanuts-Signature", sign(kSecret, body)); }

    Reply get(const QString &path, const QByteArray &token = kApiToken)
    {
        QNetworkRequest request(url(path));
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token);
        return send(m_nam.get(request));
    }

    QString nextEntry() { return QStringLiteral("http-%1").arg(++m_entry); }

    void restart(const peanuts::Options &options)
    {
        m_core.stop();
        QString error;
        QVERIFY2(m_core.start(options, &error), qPrintable(error));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_nam.setAutoDeleteReplies(false);
        QFile secrets(m_dir.filePath(QStringLiteral("secrets.txt")));
        QVERIFY(secrets.open(QIODevice::WriteOnly));
        secrets.write("old=rotated-out-secret\nnew=rotated-in-secret\n");
        secrets.close();
        peanuts::Options options = testOptions(m_dir.path());
        options.secretFile = secrets.fileName();
        options.limits.maxBodyBytes = 32 * 1024;
        restart(options);
    }

    void signature_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<int>("tamper"); // 0 none, 1 change a hex digit, 2 change the body after signing
        QTest::addColumn<int>("status");

        QTest::addRow("right") << QByteArray("X-Peanuts-Signature") << kSecret << 0 << 200;
        QTest::addRow("header in lower case") << QByteArray("x-peanuts-signature") << kSecret << 0 << 200;
        QTest::addRow("header in upper case") << QByteArray("X-PEANUTS-SIGNATURE") << kSecret << 0 << 200;
        QTest::addRow("rotated: old secret")
            << QByteArray("X-Peanuts-Signature") << QByteArray("rotated-out-secret") << 0 << 200;
        QTest::addRow("rotated: new secret")
            << QByteArray("X-Peanuts-Signature") << QByteArray("rotated-in-secret") << 0 << 200;
        QTest::addRow("wrong secret") << QByteArray("X-Peanuts-Signature") << QByteArray("not-the-secret") << 0 << 401;
        QTest::addRow("wrong digit") << QByteArray("X-Peanuts-Signature") << kSecret << 1 << 401;
        QTest::addRow("tampered body") << QByteArray("X-Peanuts-Signature") << kSecret << 2 << 401;
        QTest::addRow("missing header") << QByteArray() << kSecret << 0 << 401;
        QTest::addRow("empty header") << QByteArray("X-Peanuts-Signature") << QByteArray() << 0 << 401;
    }

    void signature()
    {
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, secret);
        QFETCH(int, tamper);
        QFETCH(int, status);
        QByteArray body = makeBody(nextEntry());
        QByteArray signature = secret.isEmpty() ? QByteArray("") : sign(secret, body);
        if (tamper == 1)
            signature[5] = signature[5] == 'a' ? 'b' : 'a';
        if (tamper == 2)
            body.replace("12.50", "99.50");
        const Reply reply = post(body, header, signature);
        QCOMPARE(reply.status, status);
        if (status == 200)
            QCOMPARE(reply.body, QByteArray("{\"processed\":true}"));
        else
            QVERIFY2(
                reply.json().value(QStringLiteral("error")).toString().contains(QStringLiteral("X-Peanuts-Signature"))
                    || reply.json().value(QStringLiteral("error")).toString().contains(QStringLiteral("secret")),
                reply.body.constData());
    }

    void signatureIsOverRawBytes()
    {
        // Same JSON, other bytes: a signature over a re-serialization must not pass.
        const QByteArray body = makeBody(nextEntry());
        const QByteArray pretty = QJsonDocument::fromJson(body).toJson(QJsonDocument::Indented);
        QCOMPARE(post(pretty, "X-Peanuts-Signature", sign(kSecret, body)).status, 401);
        QCOMPARE(post(pretty, "X-Peanuts-Signature", sign(kSecret, pretty)).status, 200);
    }

    void shape_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        const QByteArray ok = makeBody(QStringLiteral("shape"));
        QTest::addRow("not json") << QByteArray("{nope") << QStringLiteral("JSON");
        QTest::addRow("array") << QByteArray("[1,2]") << QStringLiteral("object");
        QTest::addRow("no event") << QByteArray(ok).replace("\"event\":\"entry.created\",", "")
                                  << QStringLiteral("event");
        QTest::addRow("event not string")
            << QByteArray(ok).replace("\"event\":\"entry.created\"", "\"event\":7") << QStringLiteral("event");
        QTest::addRow("no helper") << QByteArray(ok).replace("\"helper\":", "\"helpr\":") << QStringLiteral("helper");
        QTest::addRow("entry id not string")
            << QByteArray(ok).replace("\"id\":\"shape\"", "\"id\":12") << QStringLiteral("entry.id");
        QTest::addRow("bad timestamp") << QByteArray(ok).replace("2026-11-20T10:00:00Z\",\"helper",
            "yesterday\",\"helper") << QStringLiteral("timestamp");
        QTest::addRow("future timestamp")
            << QByteArray(ok).replace("2026-11-20T10:00:00Z\",\"helper", "2099-01-01T00:00:00Z\",\"helper")
            << QStringLiteral("timestamp");
    }

    void shape()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const Reply reply = postSigned(body);
        QCOMPARE(reply.status, 400);
        QVERIFY2(reply.json().value(QStringLiteral("error")).toString().contains(field), reply.body.constData());
    }

    void unknownEventIsStoredNotApplied()
    {
        const QString id = nextEntry();
        const Reply reply = postSigned(makeBody(id, QStringLiteral("entry.archived")));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.body, QByteArray("{\"processed\":false,\"ignored\":\"unknown event\"}"));
        std::optional<peanuts::EntryState> entry;
        bool read = false;
        m_core.store()->run([&](peanuts::Store &store) {
            entry = store.entry(id);
            read = true;
        });
        QTRY_VERIFY(read);
        QVERIFY(!entry);
    }

    void duplicateAndStale()
    {
        const QString id = nextEntry();
        const QByteArray newer = makeBody(id, QStringLiteral("entry.updated"), QStringLiteral("2026-11-20T12:00:00Z"));
        const QByteArray older = makeBody(id, QStringLiteral("entry.created"), QStringLiteral("2026-11-20T11:00:00Z"));
        QCOMPARE(postSigned(newer).body, QByteArray("{\"processed\":true}"));
        QCOMPARE(postSigned(newer).body, QByteArray("{\"processed\":true,\"duplicate\":true}"));
        QCOMPARE(postSigned(older).body, QByteArray("{\"processed\":true,\"stale\":true}"));
    }

    void webhookAliasAndMethods()
    {
        QCOMPARE(
            post(makeBody(nextEntry()), "X-Peanuts-Signature", QByteArray(), QStringLiteral("/api/peanuts")).status,
            401);
        const QByteArray body = makeBody(nextEntry());
        QCOMPARE(post(body, "X-Peanuts-Signature", sign(kSecret, body), QStringLiteral("/api/peanuts")).status, 200);
        QCOMPARE(get(QStringLiteral("/webhook")).status, 405);
        QCOMPARE(get(QStringLiteral("/nothing-here")).status, 404);
    }

    void oversizedBody()
    {
        const QByteArray body = makeBody(nextEntry(), QStringLiteral("entry.created"),
            QStringLiteral("2026-11-20T10:00:00Z"), '"' + QByteArray(40 * 1024, '1') + '"');
        QCOMPARE(postSigned(body).status, 413);
    }

    void answeredOnlyAfterCommit()
    {
        // The moment the 200 arrives, another connection to the file must already see the row.
        const QString id = nextEntry();
        QCOMPARE(postSigned(makeBody(id)).status, 200);
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open_v2(qPrintable(m_core.options().dbPath), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
        sqlite3_stmt *stmt = nullptr;
        QCOMPARE(sqlite3_prepare_v2(
                     db, "SELECT count(*) FROM deliveries WHERE entry_id = ?1 AND status = 200", -1, &stmt, nullptr),
            SQLITE_OK);
        const QByteArray idUtf8 = id.toUtf8();
        sqlite3_bind_text(stmt, 1, idUtf8.constData(), -1, SQLITE_TRANSIENT);
        QCOMPARE(sqlite3_step(stmt), SQLITE_ROW);
        QCOMPARE(sqlite3_column_int(stmt, 0), 1);
        sqlite3_finalize(stmt);
        sqlite3_close(db);
    }

    void storeFailureAnswers503()
    {
        // A writer holding the database makes the commit fail: no 200 may be sent for what is not stored.
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(qPrintable(m_core.options().dbPath), &db), SQLITE_OK);
        QCOMPARE(sqlite3_exec(db, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
        const QByteArray body = makeBody(nextEntry());
        const Reply refused = postSigned(body);
        QCOMPARE(refused.status, 503);
        QVERIFY(!refused.retryAfter.isEmpty());
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_close(db);
        // The same delivery, retried as Peanuts would, is then stored once.
        QCOMPARE(postSigned(body).body, QByteArray("{\"processed\":true}"));
    }

    void forwardedForIsKept()
    {
        const QString id = nextEntry();
        const QByteArray body = makeBody(id);
        QCOMPARE(
            post(body, "X-Peanuts-Signature", sign(kSecret, body), QStringLiteral("/webhook"), "203.0.113.7, 10.0.0.1")
                .status,
            200);
        std::optional<peanuts::Delivery> delivery;
        bool read = false;
        m_core.store()->run([&](peanuts::Store &store) {
            const auto entry = store.entry(id);
            if (entry)
                delivery = store.delivery(entry->deliveryId);
            read = true;
        });
        QTRY_VERIFY(read);
        QVERIFY(delivery);
        QCOMPARE(delivery->forwardedFor, QStringLiteral("203.0.113.7"));
        QCOMPARE(delivery->remoteAddress, QStringLiteral("127.0.0.1"));
        QCOMPARE(delivery->body, body);
        QVERIFY(delivery->headers.toLower().contains(
            QByteArray(QByteArray("x-peanuts-signature: ") + sign(kSecret, body))));
        QCOMPARE(delivery->secretLabel, QStringLiteral("env"));
    }

    void readApiNeedsToken()
    {
        QCOMPARE(get(QStringLiteral("/api/stats"), QByteArray()).status, 401);
        QCOMPARE(get(QStringLiteral("/api/stats"), "wrong-token").status, 401);
        QCOMPARE(get(QStringLiteral("/api/dashboard"), "test-tokenX").status, 401);
        const Reply health = get(QStringLiteral("/healthz"), QByteArray());
        QCOMPARE(health.status, 200);
        QCOMPARE(health.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    }

    void statsAndDashboard()
    {
        // A fresh database: figures over known entries only.
        QTemporaryDir dir;
        peanuts::Options options = testOptions(dir.path());
        restart(options);
        const QString at = earlierToday();
        const QString today = at.left(10);
        QCOMPARE(postSigned(
                     makeBody(QStringLiteral("a"), QStringLiteral("entry.created"), at, "0.1", QStringLiteral("Food")))
                     .status,
            200);
        QCOMPARE(postSigned(makeBody(QStringLiteral("b"), QStringLiteral("entry.created"), at, "\"2.675\"",
                                QStringLiteral("Travel")))
                     .status,
            200);
        QCOMPARE(postSigned(makeBody(QStringLiteral("c"), QStringLiteral("entry.created"), at, "5",
                                QStringLiteral("Food"), QStringLiteral("/tasks")))
                     .status,
            200);
        const Reply stats = get(QStringLiteral("/api/stats"));
        QCOMPARE(stats.status, 200);
        QCOMPARE(stats.body,
            QByteArray("{\"total_this_month\":2.78,\"count_by_category\":{\"Food\":1,\"Travel\":1},"
                       "\"average_amount\":1.39,\"count\":2,\"total\":2.78,\"time_zone\":\"UTC\"}"));
        const Reply dashboard = get(QStringLiteral("/api/dashboard?days=2"));
        QCOMPARE(dashboard.status, 200);
        const QString yesterday = QDate::fromString(today, Qt::ISODate).addDays(-1).toString(Qt::ISODate);
        QCOMPARE(QString::fromUtf8(dashboard.body),
            QStringLiteral("{\"daily_totals\":{\"%1\":0,\"%2\":2.78},\"total\":2.78}").arg(yesterday, today));
        QCOMPARE(get(QStringLiteral("/api/stats?from=2026-13-01")).status, 400);
        QCOMPARE(get(QStringLiteral("/api/dashboard?days=0")).status, 400);
        const Reply none = get(QStringLiteral("/api/stats?from=2000-01-01&to=2000-01-31"));
        QCOMPARE(none.json().value(QStringLiteral("count")).toInt(), 0);
        m_core.stop();
    }

    // A figures query still running when the receiver stops is answered before the connection goes,
    // and its answer never reaches a deleted frontend (issue 11, defect 6: the frontend was deleted
    // first, and the reader's thread then posted to it; ASan: heap-use-after-free).
    void stopAnswersFiguresQueryInFlight()
    {
        QTemporaryDir dir;
        restart(testOptions(dir.path()));
        QCOMPARE(postSigned(makeBody(nextEntry(), QStringLiteral("entry.created"), earlierToday())).status, 200);
        // The figures reader is held, as by a long query: the dashboard's job waits behind this one.
        QSemaphore holding, release;
        m_core.figuresReader()->run([&](peanuts::Store &) {
            holding.release();
            release.acquire();
        });
        QVERIFY(holding.tryAcquire(1, 5000));
        RawClient client(m_core.port());
        QVERIFY(client.isConnected());
        client.send("GET /api/dashboard?days=3660 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + kApiToken
            + "\r\n\r\n");
        QTest::qWait(300); // the frontend reads the request and queues its job on the figures reader
        // The query ends on its own while stop() runs on this thread.
        std::thread releaser([&] {
            QThread::msleep(500);
            release.release();
        });
        m_core.stop();
        releaser.join();
        const QList<HttpReply> replies = client.waitForReplies(1, 5000);
        QCOMPARE(replies.size(), 1);
        QCOMPARE(replies[0].status, 200);
        QVERIFY(replies[0].body.contains("daily_totals"));
    }

    // A refused delivery is answered at once and its row committed later, so stop() does not wait
    // for it: a drain still committing it when the receiver stops holds a copy of the frontend's
    // result sink, which must not post to a deleted frontend (issue 11, defect 6; before, valgrind
    // saw the invalid read in invokeMethodImpl).
    void stopWhileRefusedDeliveryCommits()
    {
        QTemporaryDir dir;
        restart(testOptions(dir.path()));
        // Another writer holds the database: the store's commit waits for it (up to its busy timeout).
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(qPrintable(m_core.options().dbPath), &db), SQLITE_OK);
        QCOMPARE(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
        const QByteArray body = makeBody(nextEntry());
        RawClient client(m_core.port());
        client.send(webhookRequest(body, "sha256=00"));
        QCOMPARE(client.waitForReplies(1).value(0).status, 401);
        QTest::qWait(300); // the store's thread took the refused row and waits in its commit
        std::thread releaser([db] {
            QThread::msleep(500);
            sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        });
        m_core.stop();
        releaser.join();
        sqlite3_close(db);
        QVERIFY(!m_core.isRunning());
    }

    void rejectedFloodIsBounded()
    {
        // Unsigned junk is counted, one by one, but only a bounded part of it is kept: at most 4 KiB of
        // a body, at most 256 KiB of rejected bodies and headers a minute, and none of it searchable.
        QTemporaryDir dir;
        peanuts::Options options = testOptions(dir.path());
        options.limits.maxBodyBytes = 128 * 1024;
        restart(options);
        const QByteArray marker = "rejected-only-marker-7f3a";
        QByteArray junk = "{\"note\":\"" + marker + "\",\"pad\":\"" + QByteArray(60 * 1000, 'x') + "\"}";
        for (int i = 0; i < 120; ++i)
            QCOMPARE(post(junk, QByteArray(), QByteArray()).status, 401);

        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open_v2(qPrintable(options.dbPath), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
        auto number = [db](const char *sql) {
            sqlite3_stmt *stmt = nullptr;
            qint64 value = -1;
            if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
                value = sqlite3_column_int64(stmt, 0);
            sqlite3_finalize(stmt);
            return value;
        };
        // Every one of them is counted.
        QTRY_COMPARE_WITH_TIMEOUT(number("SELECT count FROM counters WHERE outcome = 5"), qint64(120), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(
            number("SELECT sum(count) FROM minute_counters WHERE outcome = 5"), qint64(120), 5000);
        const qint64 rows = number("SELECT count(*) FROM deliveries");
        QVERIFY(rows > 0);
        const qint64 longestBody = number("SELECT max(length(body)) FROM deliveries");
        QVERIFY2(longestBody <= 4096, qPrintable(QStringLiteral("a rejected body kept %1 bytes").arg(longestBody)));
        QCOMPARE(number("SELECT min(body_size) FROM deliveries"), qint64(junk.size()));
        const qint64 perMinute = number("SELECT max(kept) FROM (SELECT sum(length(body) + length(headers)) AS kept"
                                        " FROM deliveries GROUP BY received_ms / 60000)");
        QVERIFY2(perMinute <= 256 * 1024,
            qPrintable(QStringLiteral("%1 bytes of rejected deliveries kept in one minute (%2 rows)")
                           .arg(perMinute)
                           .arg(rows)));

        // Not searchable: once the search index has caught up, the text found only in them finds nothing.
        QTRY_VERIFY_WITH_TIMEOUT(
            number("SELECT (SELECT value FROM meta WHERE key = 'fts_upto') >= (SELECT max(id) FROM deliveries)") == 1,
            10000);
        sqlite3_close(db);
        std::atomic<qint64> found {-2};
        m_core.reader()->run([&found, marker](peanuts::Store &store) {
            peanuts::DeliveryFilter filter;
            filter.text = QString::fromLatin1(marker);
            found = store.countDeliveries(filter).value_or(-1);
        });
        QTRY_VERIFY_WITH_TIMEOUT(found != -2, 5000);
        QCOMPARE(found.load(), qint64(0));
        m_core.stop();
    }

    void noSecretAnswers503()
    {
        QTemporaryDir dir;
        peanuts::Options options = testOptions(dir.path());
        qunsetenv("PEANUTS_SECRET");
        restart(options);
        const Reply reply = postSigned(makeBody(nextEntry()));
        QCOMPARE(reply.status, 503);
        QVERIFY(!reply.retryAfter.isEmpty());
        QVERIFY(reply.json().value(QStringLiteral("error")).toString().contains(QStringLiteral("secret")));
        m_core.stop();
    }
};

QTEST_GUILESS_MAIN(TestHttp)
#include "tst_http.moc"
