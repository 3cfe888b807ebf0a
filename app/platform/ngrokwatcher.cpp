// Polls the ngrok agent's local API and reports the public URL of the tunnel that forwards to our port,
// so that the window can show the webhook address to paste into Peanuts, or the command to run.
#include "platform/ngrokwatcher.h"

#include "platform/logging.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTimer>

#include <algorithm>

namespace peanuts {

namespace {

constexpr int kRequestTimeoutMs = 1500;

// Whether the host part of an ngrok `addr` is this machine. A tunnel to another host's port 8787 does not
// reach us, and saying "tunnel ready" for it would send the user's webhooks elsewhere.
bool isThisMachine(const QString &host)
{
    if (host.isEmpty() || host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0
        || host.startsWith(QLatin1String("localhost."), Qt::CaseInsensitive))
        return true;
    const QHostAddress address(host);
    if (address.isNull()) {
        // A name other than localhost: only our own host name is known to be us without a DNS lookup.
        const QString local = QHostInfo::localHostName();
        return !local.isEmpty()
            && (host.compare(local, Qt::CaseInsensitive) == 0
                || host.startsWith(local + QLatin1Char('.'), Qt::CaseInsensitive));
    }
    if (address.isLoopback() || address == QHostAddress::AnyIPv4 || address == QHostAddress::AnyIPv6)
        return true;
    const QList<QHostAddress> own = QNetworkInterface::allAddresses();
    return std::any_of(own.cbegin(), own.cend(), [&](const QHostAddress &mine) { return mine.isEqual(address); });
}

// Whether an ngrok `config.addr` points at port on this machine. The agent reports the address as the
// user wrote it, normalised or not depending on its version: "http://localhost:8787", "localhost:8787",
// "127.0.0.1:8787", "8787", "[::1]:8787", "https://localhost" (the scheme's port).
bool addrPointsAt(const QString &addr, quint16 port)
{
    QString rest = addr.trimmed();
    QString scheme;
    const qsizetype schemeEnd = rest.indexOf(QLatin1String("://"));
    if (schemeEnd >= 0) {
        scheme = rest.left(schemeEnd).toLower();
        rest = rest.mid(schemeEnd + 3);
    }
    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    if (slash >= 0)
        rest = rest.left(slash);

    QString host;
    QString portText;
    if (rest.startsWith(QLatin1Char('['))) {
        const qsizetype close = rest.indexOf(QLatin1Char(']'));
        if (close < 0)
            return false;
        host = rest.mid(1, close - 1);
        const QString after = rest.mid(close + 1);
        if (after.startsWith(QLatin1Char(':')))
            portText = after.mid(1);
        else if (!after.isEmpty())
            return false;
    } else if (const qsizetype colon = rest.lastIndexOf(QLatin1Char(':')); colon >= 0) {
        if (rest.indexOf(QLatin1Char(':')) != colon)
            return false; // a bare IPv6 address without brackets: there is no telling its port apart
        host = rest.left(colon);
        portText = rest.mid(colon + 1);
    } else if (schemeEnd < 0 && !rest.isEmpty()
        && std::all_of(rest.cbegin(), rest.cend(), [](QChar c) { return c.isDigit(); })) {
        portText = rest; // "ngrok http 8787"
    } else {
        host = rest;
    }

    int addrPort = 0;
    if (!portText.isEmpty()) {
        bool ok = false;
        addrPort = portText.toInt(&ok);
        if (!ok)
            return false;
    } else if (scheme == QLatin1String("http")) {
        addrPort = 80;
    } else if (scheme == QLatin1String("https")) {
        addrPort = 443;
    } else {
        return false;
    }
    return addrPort == port && port != 0 && isThisMachine(host);
}

} // namespace

QUrl pickTunnel(const QByteArray &apiAnswer, quint16 port, bool *validJson)
{
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(apiAnswer, &error);
    const QJsonValue tunnelsValue
        = document.isObject() ? document.object().value(QLatin1String("tunnels")) : QJsonValue();
    const bool valid = error.error == QJsonParseError::NoError && tunnelsValue.isArray();
    if (validJson)
        *validJson = valid;
    if (!valid)
        return {};

    QUrl best;
    const QJsonArray tunnels = tunnelsValue.toArray();
    for (const QJsonValue &value : tunnels) {
        const QJsonObject tunnel = value.toObject();
        const QString addr = tunnel.value(QLatin1String("config")).toObject().value(QLatin1String("addr")).toString();
        if (!addrPointsAt(addr, port))
            continue;
        const QUrl url(tunnel.value(QLatin1String("public_url")).toString(), QUrl::StrictMode);
        // A tcp:// or tls:// tunnel to the same port is no webhook address.
        const QString scheme = url.scheme();
        if (!url.isValid() || url.host().isEmpty()
            || (scheme != QLatin1String("https") && scheme != QLatin1String("http")))
            continue;
        // ngrok v2 opened an http and an https tunnel for one `ngrok http`: Peanuts wants the https one.
        if (best.isEmpty() || (scheme == QLatin1String("https") && best.scheme() != QLatin1String("https")))
            best = url;
    }
    return best;
}

NgrokWatcher::NgrokWatcher(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_timer(new QTimer(this))
{
    // The agent's API is local: a proxy from the environment would answer for it, or not at all.
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &NgrokWatcher::checkNow);
}

void NgrokWatcher::setApiUrl(const QUrl &url)
{
    m_apiUrl = url;
}

void NgrokWatcher::setPort(quint16 port)
{
    if (port == m_port)
        return;
    m_port = port;
    // A new port makes the last answer meaningless: ask again at once rather than at the next tick.
    if (m_running) {
        m_currentMs = m_intervalMs;
        checkNow();
    }
}

void NgrokWatcher::setInterval(int ms)
{
    m_intervalMs = ms;
    m_currentMs = ms;
    if (m_timer->isActive())
        m_timer->start(ms);
}

void NgrokWatcher::setMaxInterval(int ms)
{
    m_maxIntervalMs = ms;
}

void NgrokWatcher::start()
{
    m_running = true;
    m_currentMs = m_intervalMs;
    checkNow();
}

void NgrokWatcher::stop()
{
    m_running = false;
    m_timer->stop();
}

void NgrokWatcher::scheduleNext(bool changed)
{
    // The next check: soon after a change, then later and later while the answers stay the same.
    m_currentMs = changed ? m_intervalMs : qMin(qMax(m_intervalMs, m_maxIntervalMs), 2 * m_currentMs);
    if (m_running)
        m_timer->start(m_currentMs);
}

QString NgrokWatcher::suggestedCommand() const
{
    return QStringLiteral("ngrok http %1").arg(m_port);
}

void NgrokWatcher::checkNow()
{
    // One request at a time: an agent slower than the interval must not pile requests up.
    if (m_inFlight || m_port == 0)
        return;
    m_inFlight = true;
    QNetworkRequest request(m_apiUrl);
    request.setTransferTimeout(kRequestTimeoutMs);
    QNetworkReply *reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        m_inFlight = false;

        State state = State::NoAgent;
        QUrl url;
        bool foreignAnswer = false;
        if (reply->error() == QNetworkReply::NoError) {
            bool valid = false;
            url = pickTunnel(reply->readAll(), m_port, &valid);
            // Something that is not ngrok answers on the API address: as far as tunnels go, there is no agent.
            foreignAnswer = !valid;
            state = !valid ? State::NoAgent : url.isEmpty() ? State::NoTunnel : State::Tunnel;
        }
        const bool same = state == m_state && url == m_publicUrl;
        scheduleNext(!same);
        if (same)
            return; // logged and signalled once per transition, not every poll

        if (foreignAnswer)
            qCWarning(lcApp).noquote() << "the answer on" << m_apiUrl.toString()
                                       << "is not the ngrok agent's: is something else using its port?";
        else if (m_state == State::Tunnel && state != State::Tunnel)
            qCWarning(lcApp).noquote() << "the ngrok tunnel" << m_publicUrl.toString() << "went away";
        if (state == State::Tunnel)
            qCInfo(lcApp).noquote() << "ngrok tunnel" << url.toString() << "forwards to port" << m_port;
        else if (state == State::NoAgent && reply->error() != QNetworkReply::NoError)
            qCDebug(lcApp).noquote() << "no ngrok agent on" << m_apiUrl.toString() << "-" << reply->errorString();

        m_state = state;
        m_publicUrl = url;
        Q_EMIT changed(state, url);
    });
}

} // namespace peanuts
