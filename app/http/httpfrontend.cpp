// Routes, the ingest checks in their contract order, and answers written after the commit.
#include "http/httpfrontend.h"

#include "pipeline/pipeline.h"

#include "http/connection.h"
#include "http/httpguard.h"
#include "ingest/event.h"
#include "ingest/signature.h"
#include "platform/logging.h"
#include "stream/deliverystream.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <openssl/crypto.h>

namespace peanuts {

namespace {

// Of a rejected delivery, only the start of the body is kept: enough to see what was sent.
constexpr qsizetype kRejectedBodyKeep = 4 * 1024;

QByteArray errorJson(const QString &message)
{
    return QJsonDocument(QJsonObject {{QStringLiteral("error"), message}}).toJson(QJsonDocument::Compact);
}

bool isWebhookPath(QStringView path)
{
    return path == QLatin1String("/webhook") || path == QLatin1String("/api/peanuts");
}

QByteArray serializeHeaders(const QHttpServerRequest &request)
{
    QByteArray out;
    const auto headers = request.headers();
    for (const auto &header : headers)
        out += header.first + ": " + header.second + '\n';
    return out;
}

int statusOf(Outcome outcome)
{
    switch (outcome) {
    case Outcome::RejectedSize:
        return 413;
    case Outcome::RejectedSignature:
        return 401;
    case Outcome::RejectedShape:
        return 400;
    case Outcome::Unavailable:
        return 503;
    default:
        return 200;
    }
}

} // namespace

HttpFrontend::HttpFrontend(
    const FrontendConfig &config, SignatureVerifier *verifier, StoreWorker *store, StoreWorker *reader, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_config(config)
    , m_verifier(verifier)
    , m_store(store)
    , m_reader(reader)
{
    setApiToken(config.apiToken);
    // Results arrive on the store's thread; hand them to this object's thread. `this` outlives every
    // call: ReceiverCore::stop() joins the store's thread before it deletes the frontend (a drain may
    // have copied the sink before the destructor unhooks it).
    m_store->setResultSink([this](std::vector<IngestResult> &&results) {
        auto shared = std::make_shared<std::vector<IngestResult>>(std::move(results));
        QMetaObject::invokeMethod(
            this, [this, shared] { onCommitted(*shared); }, Qt::QueuedConnection);
    });
}

HttpFrontend::~HttpFrontend()
{
    m_store->setResultSink(nullptr);
}

void HttpFrontend::setApiToken(const QByteArray &token)
{
    QMutexLocker lock(&m_tokenMutex);
    m_apiTokenSha256 = token.isEmpty() ? QByteArray() : sha256(token);
}

quint16 HttpFrontend::listenOn(
    const QHostAddress &address, quint16 port, const ListenerSecurity &security, QString *error)
{
    if (const QString refusal = plainListenerRefusal(address, security); !refusal.isEmpty()) {
        if (error)
            *error = refusal;
        return 0;
    }
    // The new listener is opened before the old one closes, so that a port already taken leaves
    // the receiver where it was. Only the same port on another address needs the old one closed
    // first; it is reopened if the new one fails.
    HttpGuard *old = m_guard;
    const bool samePort = old && old->serverPort() == port;
    const QHostAddress oldAddress = old ? old->serverAddress() : QHostAddress();
    if (samePort)
        old->close();
    auto *guard = new HttpGuard(m_config.limits, security.tls, this);
    if (!guard->listen(address, port)) {
        if (error)
            *error = QStringLiteral("cannot listen on %1:%2: %3")
                         .arg(address.toString())
                         .arg(port)
                         .arg(guard->errorString());
        delete guard;
        if (samePort && !old->listen(oldAddress, port))
            Q_EMIT listenerFailed(
                QStringLiteral("the listener on port %1 could not be reopened: %2").arg(port).arg(old->errorString()));
        return 0;
    }
    stopListening();
    bind(guard);
    guard->attachServer(this);
    connect(guard, &HttpGuard::connectionRefused, this, &HttpFrontend::onRefused);
    connect(guard, &QTcpServer::acceptError, this, [this, guard](QAbstractSocket::SocketError) {
        qCWarning(lcHttp) << "accept failed:" << guard->errorString();
        Q_EMIT listenerFailed(guard->errorString());
    });
    m_guard = guard;
    qCInfo(lcHttp).noquote() << "listening on" << address.toString() + u':' + QString::number(guard->serverPort())
                             << (security.tls ? "(TLS)" : "(plain HTTP)");
    return guard->serverPort();
}

void HttpFrontend::stopListening()
{
    if (m_guard) {
        m_guard->close(); // open connections stay: their answers still go out
        m_guard = nullptr;
    }
}

bool HttpFrontend::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    Connection *connection = Connection::of(socket);
    if (!connection) // not accepted through the guard: cannot happen, but never answer out of order
        return false;
    const std::optional<quint64> taken = connection->takeTicket();
    if (!taken) // the limits layer did not read this request: the connection is gone, unanswered
        return true;
    const quint64 ticket = *taken;
    const QString path = request.url().path();
    const auto method = request.method();

    if (isWebhookPath(path)) {
        if (method == QHttpServerRequest::Method::Post)
            ingest(request, connection, ticket);
        else
            connection->answer(
                ticket, 405, errorJson(QStringLiteral("deliveries are POSTed")), QByteArrayLiteral("Allow: POST\r\n"));
        return true;
    }
    if (path == QLatin1String("/healthz")) {
        connection->answer(ticket, 200,
            QByteArrayLiteral("{\"status\":\"ok\",\"secrets_configured\":")
                + (m_verifier->hasSecrets() ? "true" : "false") + '}');
        return true;
    }
    if (path == QLatin1String("/api/stats") || path == QLatin1String("/api/dashboard")) {
        if (method != QHttpServerRequest::Method::Get)
            connection->answer(ticket, 405, errorJson(QStringLiteral("use GET")), QByteArrayLiteral("Allow: GET\r\n"));
        else if (!authorized(request))
            connection->answer(ticket, 401, errorJson(QStringLiteral("Authorization: Bearer <token> required")),
                QByteArrayLiteral("WWW-Authenticate: Bearer\r\n"));
        else
            serveFigures(request, path, connection, ticket);
        return true;
    }
    connection->answer(ticket, 404, errorJson(QStringLiteral("no such endpoint: %1").arg(path)));
    return true;
}

void HttpFrontend::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest answers everything; this only runs for sockets that bypassed the guard.
    Q_UNUSED(request);
    socket->disconnectFromHost();
}

bool HttpFrontend::authorized(const QHttpServerRequest &request) const
{
    const QByteArray header = request.value(QByteArrayLiteral("authorization")).trimmed();
    if (!header.startsWith("Bearer "))
        return false;
    const QByteArray offered = sha256(header.mid(7).trimmed());
    QMutexLocker lock(&m_tokenMutex);
    // Digests of equal length, compared in constant time: neither the token nor its length leaks.
    return m_apiTokenSha256.size() == 32 && CRYPTO_memcmp(offered.constData(), m_apiTokenSha256.constData(), 32) == 0;
}

void HttpFrontend::ingest(const QHttpServerRequest &request, Connection *connection, quint64 ticket)
{
    Delivery d;
    d.receivedMs = QDateTime::currentMSecsSinceEpoch();
    const QHostAddress peer = request.remoteAddress();
    d.remoteAddress = peer.toString();
    if (peer.isLoopback()) {
        // Through a local tunnel (ngrok), the real client is named by the tunnel.
        const QByteArray forwarded = request.value(QByteArrayLiteral("x-forwarded-for"));
        if (!forwarded.isEmpty())
            d.forwardedFor = QString::fromLatin1(forwarded.split(',').constFirst().trimmed());
    }
    d.method = QByteArrayLiteral("POST");
    d.path = request.url().path().toUtf8();
    d.headers = serializeHeaders(request);
    d.body = request.body();
    d.bodySize = d.body.size();
    d.bodySha256 = sha256(d.body);
    if (m_config.resends)
        d.resentFrom = m_config.resends->take(d.bodySha256, d.receivedMs);

    auto refuse = [&](Outcome outcome, const QString &reason, const QByteArray &extraHeaders = QByteArray()) {
        d.outcome = outcome;
        d.status = statusOf(outcome);
        d.reason = reason;
        d.answerMs = int(qMax(qint64(0), QDateTime::currentMSecsSinceEpoch() - d.receivedMs));
        if (m_config.pipeline)
            m_config.pipeline->noteRejected(outcome, d.receivedMs);
        connection->answer(ticket, d.status, errorJson(reason), extraHeaders);
        if (m_config.stream)
            m_config.stream->deliver(d, d.status, true);
        recordRejected(std::move(d));
    };

    // 1. Size (the guard refuses oversized bodies before they are read; this is the last word).
    if (d.bodySize > m_config.limits.maxBodyBytes)
        return refuse(Outcome::RejectedSize,
            QStringLiteral("body exceeds the limit of %1 bytes").arg(m_config.limits.maxBodyBytes));
    // 2. Signature, over the raw bytes exactly as received.
    const SignatureCheck check = m_verifier->verify(d.body, request.value(QByteArrayLiteral("x-peanuts-signature")));
    if (check.verdict == SignatureVerdict::NoSecret) {
        qCWarning(lcIngest) << "delivery refused with 503: no secret is configured (set PEANUTS_SECRET,"
                               " --secret-file, or a secret in settings)";
        return refuse(Outcome::Unavailable,
            QString::fromLatin1(
                QT_TRANSLATE_NOOP("Reason", "no webhook secret is configured on this receiver yet; retry later")),
            QByteArrayLiteral("Retry-After: 30\r\n"));
    }
    if (check.verdict != SignatureVerdict::Valid)
        return refuse(Outcome::RejectedSignature, QString::fromLatin1(signatureVerdictText(check.verdict)));
    d.secretLabel = check.matchedLabel;
    // 3. Shape.
    ParseResult parsed = parseEvent(d.body, d.receivedMs, m_config.futureSkewMs);
    if (!parsed.event)
        return refuse(Outcome::RejectedShape, parsed.error);
    d.event = std::move(parsed.event);
    if (d.event->kind == EventKind::Unknown) {
        d.outcome = Outcome::Ignored;
        d.reason = QString::fromLatin1(QT_TRANSLATE_NOOP("Reason", "unknown event"));
    }
    // Planned before the answer and written with the delivery in its transaction (the outbox): the
    // store keeps those whose outcomes match the final one.
    if (m_config.pipeline)
        d.actions = m_config.pipeline->planner()->plan(*d.event, d.receivedMs);

    // The answer waits for the commit, a custom one too: it changes what is said, never what is stored.
    Waiting waiting;
    waiting.connection = connection;
    waiting.ticket = ticket;
    if (const CustomResponse *custom
        = m_config.responses.match(d.event->event, d.event->helperName, d.event->helperCommand);
        custom && int(QRandomGenerator::global()->bounded(100)) < custom->percent) {
        waiting.custom = true;
        waiting.status = custom->status;
        waiting.delayMs = custom->delayMs;
        waiting.body = custom->body;
        if (waiting.body.isEmpty() && custom->isFailure())
            waiting.body = errorJson(QStringLiteral("simulated failure: a custom response set in Peanuts Monitor "
                                                    "(the delivery was stored and applied)"));
        d.simulated = true;
        d.status = custom->status;
        d.answerDelayMs = custom->delayMs;
    }
    const quint64 token = m_nextToken++;
    m_waiting.insert(token, waiting);
    ++m_inFlight;
    m_store->submit(token, std::move(d));
}

void HttpFrontend::recordRejected(Delivery &&delivery)
{
    // Every rejection is counted; rows, and the bytes of their bodies and headers, are capped per
    // minute so that a flood cannot fill the disk.
    const qint64 minute = delivery.receivedMs / 60'000;
    if (minute != m_rejectedWindowStartMs) {
        m_rejectedWindowStartMs = minute;
        m_rejectedInWindow = 0;
        m_rejectedBytesInWindow = 0;
    }
    if (delivery.body.size() > kRejectedBodyKeep)
        delivery.body.truncate(kRejectedBodyKeep);
    const qint64 bytes = delivery.body.size() + delivery.headers.size();
    delivery.keepRow = m_rejectedInWindow < m_config.rejectedRowsPerMinute
        && m_rejectedBytesInWindow + bytes <= m_config.rejectedBytesPerMinute;
    if (delivery.keepRow) {
        ++m_rejectedInWindow;
        m_rejectedBytesInWindow += bytes;
    } else {
        delivery.body.clear(); // counted only
        delivery.headers.clear();
    }
    m_store->submit(0, std::move(delivery));
}

void HttpFrontend::onCommitted(std::vector<IngestResult> &results)
{
    for (IngestResult &result : results) {
        if (result.token == 0)
            continue;
        const Waiting waiting = m_waiting.take(result.token);
        if (m_config.stream) // told even when the client hung up: the delivery was received all the same
            m_config.stream->deliver(
                result.delivery, result.committed ? result.delivery.status : 503, result.committed);
        if (!waiting.connection) { // the client hung up while its delivery was being committed
            --m_inFlight;
            continue;
        }
        if (!result.committed) { // a custom response never hides a delivery that was not stored
            --m_inFlight;
            waiting.connection->answer(waiting.ticket, 503,
                errorJson(QStringLiteral("the delivery could not be stored (%1); retry later").arg(result.error)),
                QByteArrayLiteral("Retry-After: 5\r\n"));
            continue;
        }
        if (waiting.custom) {
            // Still in flight until it is answered; stop() answers it at once (answerDelayedNow).
            const quint64 id = m_nextDelayed++;
            m_delayed.insert(id,
                Delayed {waiting.connection, waiting.ticket, waiting.status,
                    waiting.body.isEmpty() ? usualBody(result.delivery.outcome) : waiting.body});
            if (waiting.delayMs > 0 && !m_stopping)
                QTimer::singleShot(waiting.delayMs, this, [this, id] { answerDelayed(id); });
            else
                answerDelayed(id);
            continue;
        }
        --m_inFlight;
        waiting.connection->answer(waiting.ticket, waiting.status, usualBody(result.delivery.outcome));
    }
}

void HttpFrontend::answerDelayed(quint64 id)
{
    const auto it = m_delayed.constFind(id);
    if (it == m_delayed.cend())
        return; // answered already by answerDelayedNow()
    const Delayed delayed = *it;
    m_delayed.erase(it);
    --m_inFlight;
    if (delayed.connection) // the client may have hung up while it waited
        delayed.connection->answer(delayed.ticket, delayed.status, delayed.body);
}

void HttpFrontend::answerDelayedNow()
{
    m_stopping = true;
    const QList<quint64> ids = m_delayed.keys();
    for (const quint64 id : ids)
        answerDelayed(id);
}

QByteArray HttpFrontend::usualBody(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Duplicate:
        return QByteArrayLiteral("{\"processed\":true,\"duplicate\":true}");
    case Outcome::Stale:
        return QByteArrayLiteral("{\"processed\":true,\"stale\":true}");
    case Outcome::Ignored:
        return QByteArrayLiteral("{\"processed\":false,\"ignored\":\"unknown event\"}");
    default:
        return QByteArrayLiteral("{\"processed\":true}");
    }
}

void HttpFrontend::serveFigures(
    const QHttpServerRequest &request, const QString &path, Connection *connection, quint64 ticket)
{
    const QUrlQuery query = request.query();
    const bool stats = path == QLatin1String("/api/stats");
    QDate from, to;
    int days = 30;
    if (stats) {
        for (const auto &[key, target] :
            {std::pair {QStringLiteral("from"), &from}, std::pair {QStringLiteral("to"), &to}}) {
            if (!query.hasQueryItem(key))
                continue;
            *target = QDate::fromString(query.queryItemValue(key), Qt::ISODate);
            if (!target->isValid())
                return connection->answer(
                    ticket, 400, errorJson(QStringLiteral("%1 must be a date YYYY-MM-DD").arg(key)));
        }
    } else if (query.hasQueryItem(QStringLiteral("days"))) {
        bool ok = false;
        days = query.queryItemValue(QStringLiteral("days")).toInt(&ok);
        if (!ok || days < 1 || days > 3660)
            return connection->answer(
                ticket, 400, errorJson(QStringLiteral("days must be a whole number from 1 to 3660")));
    }
    // Read on the figures reader's thread; answer back here, in order. `this` outlives the job:
    // ReceiverCore::stop() joins the reader's thread before it deletes the frontend.
    QPointer<Connection> target(connection);
    const FiguresConfig config = m_config.figures;
    m_reader->run([this, target, ticket, config, stats, from, to, days](Store &store) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QByteArray body;
        bool ok = false;
        if (stats) {
            if (const auto s = computeStats(store, config, now, from, to)) {
                body = statsJson(*s);
                ok = true;
            }
        } else if (const auto d = computeDashboard(store, config, now, days)) {
            body = dashboardJson(*d);
            ok = true;
        }
        if (!ok)
            body = errorJson(QStringLiteral("the store could not be read: %1").arg(store.lastError()));
        QMetaObject::invokeMethod(
            this,
            [target, ticket, ok, body] {
                if (target)
                    target->answer(
                        ticket, ok ? 200 : 503, body, ok ? QByteArray() : QByteArrayLiteral("Retry-After: 5\r\n"));
            },
            Qt::QueuedConnection);
    });
}

void HttpFrontend::onRefused(const QHostAddress &peer, int status, const QByteArray &head, const QString &reason)
{
    // Refused before QHttpServer saw the whole request: keep a row when it was meant as a delivery.
    const QList<QByteArray> requestLine = head.left(head.indexOf('\n')).trimmed().split(' ');
    if (requestLine.size() < 2 || requestLine[0] != "POST")
        return;
    const QString path = QUrl(QString::fromLatin1(requestLine[1])).path();
    if (!isWebhookPath(path))
        return;
    Delivery d;
    d.receivedMs = QDateTime::currentMSecsSinceEpoch();
    d.remoteAddress = peer.toString();
    d.method = requestLine[0];
    d.path = path.toUtf8();
    d.headers = head.mid(head.indexOf('\n') + 1).replace("\r\n", "\n").trimmed() + '\n';
    d.outcome = status == 413 ? Outcome::RejectedSize : Outcome::RejectedShape;
    d.status = status;
    d.reason = reason;
    d.answerMs = 0; // answered as soon as the limits saw the request break them
    recordRejected(std::move(d));
}

} // namespace peanuts
