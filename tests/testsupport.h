// Shared test helpers: signing, temporary databases, and a raw HTTP/1.1 client over QTcpSocket.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

// SQL that takes the deliveries table back to before schema 8 (imports) and schema 10 (answers and
// retries), for the tests that migrate from an older schema.
#define PEANUTS_DELIVERIES_BEFORE_SCHEMA_8                                                                             \
    "ALTER TABLE deliveries DROP COLUMN imported; DROP INDEX deliveries_first_attempt;"                                \
    " ALTER TABLE deliveries DROP COLUMN simulated; ALTER TABLE deliveries DROP COLUMN answer_ms;"                     \
    " ALTER TABLE deliveries DROP COLUMN first_attempt;"

namespace testsupport {

// Lowercase hex HMAC-SHA256, computed independently of the code under test (QMessageAuthenticationCode).
QByteArray sign(const QByteArray &secret, const QByteArray &body);

// An ISO timestamp (UTC) of today that is not in the future, plus `second` seconds: ten minutes ago,
// or midnight while the day is younger. (Fixed hours of today were refused as future timestamps in
// the first hours after midnight.)
QString earlierToday(int second = 0);

// A compact webhook body in the Peanuts guide's shape.
QByteArray makeBody(const QString &entryId, const QString &event = QStringLiteral("entry.created"),
    const QString &timestamp = QStringLiteral("2026-11-20T10:00:00Z"),
    const QByteArray &amountJson = QByteArrayLiteral("12.50"), const QString &category = QStringLiteral("Food"),
    const QString &command = QStringLiteral("/expenses"), const QString &createdAt = QString());

struct HttpReply
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers; // names lowercased
    QByteArray body;
    QByteArray header(const QByteArray &lowerName) const;
};

// Parses as many complete HTTP/1.1 responses as `data` holds (Content-Length framed).
QList<HttpReply> parseReplies(const QByteArray &data);

} // namespace testsupport

#include "config/options.h"
#include "ingest/delivery.h"
#include "store/pgconnection.h"
#include "store/store.h"
#include "store/storeworker.h"

#include <QSslConfiguration>
#include <QTcpSocket>
#include <future>
#include <memory>
#include <optional>

namespace peanuts {
class ReceiverCore;
struct RuleSet;
} // namespace peanuts

namespace testsupport {

// A delivery as the HTTP front end hands it over before any check has decided its outcome: a POST
// to /webhook from 127.0.0.1 with a JSON content type, carrying body.
peanuts::Delivery receivedDelivery(const QByteArray &body, qint64 receivedMs);

// Commits batch on store, as the writer would, and returns the summary the writer emits for it;
// nullopt when the commit failed.
std::optional<peanuts::BatchSummary> commitBatch(peanuts::Store &store, QList<peanuts::Delivery> &batch);

// Options for an in-process receiver on a free loopback port, keeping its files in dir, with the
// secret "test-secret" (label "test") and the API token "test-token" given through the environment.
peanuts::Options testOptions(const QString &dir);
inline const QByteArray kSecret = QByteArrayLiteral("test-secret");
inline const QByteArray kApiToken = QByteArrayLiteral("test-token");

// fn(store) run on worker's thread; waits for it and returns what it returned.
template<typename Fn> auto onStore(peanuts::StoreWorker *worker, Fn fn)
{
    using Result = decltype(fn(std::declval<peanuts::Store &>()));
    auto promise = std::make_shared<std::promise<Result>>();
    std::future<Result> future = promise->get_future();
    worker->run([promise, fn](peanuts::Store &store) mutable { promise->set_value(fn(store)); });
    return future.get();
}

// One rule, "Big expense" (id big-expense): a notification titled "Expense over ABOVE" when the amount
// of a /expenses entry is over above.
peanuts::RuleSet bigExpenseRule(const QString &above = QStringLiteral("500"));

// Saves rules through core (ReceiverCore::saveRules) and waits for the answer, the event loop running:
// the error, empty when saved and in force; a sentence saying so when none came within 10 s.
QString saveRulesAndWait(peanuts::ReceiverCore &core, const peanuts::RuleSet &rules);

// The newest stored delivery's id, read on worker's thread; 0 when there is none.
qint64 newestDeliveryId(peanuts::StoreWorker *worker);
// Posts body, signed with kSecret, to the receiver on port; the id it was stored under (the newest in
// writer), or 0 when it was not answered 200.
qint64 postAndFindId(quint16 port, peanuts::StoreWorker *writer, const QByteArray &body);

// A signed POST /webhook request, as raw bytes.
QByteArray webhookRequest(const QByteArray &body, const QByteArray &signature,
    const QByteArray &extraHeaders = QByteArray(), const QByteArray &path = "/webhook");
inline QByteArray signedRequest(const QByteArray &body, const QByteArray &extraHeaders = QByteArray())
{
    return webhookRequest(body, sign(kSecret, body), extraHeaders);
}

// One number from a query on a connection of its own to the database file, independent of the code
// under test (-1 when the query gives none).
qint64 rawNumber(const QString &path, const char *sql);

// What can be read from fd now, without waiting (it is made non-blocking).
QByteArray drain(int fd);

// A raw client socket: write bytes, then wait for replies or for the server to close.
class RawClient
{
public:
    explicit RawClient(quint16 port);
    // Over TLS to 127.0.0.1, verifying the server against tls (its CA certificates); returns once the
    // handshake is done or has failed (encrypted() tells which).
    RawClient(quint16 port, const QSslConfiguration &tls, int handshakeTimeoutMs = 5000);
    bool encrypted() const;
    bool isConnected() const;
    void send(const QByteArray &bytes);
    // Reads until `count` complete replies arrived, the peer closed, or timeoutMs passed.
    QList<HttpReply> waitForReplies(int count, int timeoutMs = 5000);
    // Waits until the server closes the connection; false on timeout.
    bool waitForClose(int timeoutMs);
    QByteArray received() const { return m_received; }
    QTcpSocket &socket() { return *m_socket; }

private:
    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_received;
};

// PostgreSQL: the throwaway cluster that the CTest fixture "pg" starts (tests/pg/pgcluster.sh) for the
// tests registered with peanuts_add_test(... PG), which get PEANUTS_TEST_PG_DIR.

// The cluster's URL (postgresql://peanuts:PW@127.0.0.1:PORT/peanuts); empty when no cluster runs.
QString testPgUrl();
// REQUIRE_PG=1 (CI): a PostgreSQL test without a cluster fails instead of skipping.
bool pgRequired();

// A fresh, uniquely named database on the cluster for one test case, dropped (with any connection still
// open to it) when this goes out of scope, so that tests never share state. It has pg_trgm.
class PgTestDatabase
{
public:
    PgTestDatabase();
    ~PgTestDatabase();
    Q_DISABLE_COPY_MOVE(PgTestDatabase)

    bool isValid() const { return !m_name.isEmpty(); }
    QString error() const { return m_error; }
    QString name() const { return m_name; }
    peanuts::PgLocation location() const { return m_location; }
    QString url() const; // with the password

private:
    peanuts::PgLocation m_location;
    QString m_name;
    QString m_error;
};

} // namespace testsupport

// Skips the test function when no PostgreSQL cluster runs, or fails it when REQUIRE_PG=1, so that a green
// run under REQUIRE_PG=1 means PostgreSQL really ran.
#define PEANUTS_SKIP_WITHOUT_PG()                                                                                      \
    do {                                                                                                               \
        if (testsupport::testPgUrl().isEmpty()) {                                                                      \
            if (testsupport::pgRequired())                                                                             \
                QFAIL(                                                                                                 \
                    "REQUIRE_PG=1, but no PostgreSQL test cluster runs (PEANUTS_TEST_PG_DIR, tests/pg/pgcluster.sh)"); \
            QSKIP("no PostgreSQL test cluster (install postgresql-15; the CTest fixture pg starts one)");              \
        }                                                                                                              \
    } while (false)

// PEANUTS_SKIP_WITHOUT_PG(), then a fresh database named var for this test function.
#define PEANUTS_PG_TEST_DATABASE(var)                                                                                  \
    PEANUTS_SKIP_WITHOUT_PG();                                                                                         \
    testsupport::PgTestDatabase var;                                                                                   \
    QVERIFY2(var.isValid(), qPrintable(var.error()))
