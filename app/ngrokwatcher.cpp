// Polls the ngrok agent's local API and reports the tunnel that forwards to our port.
#include "ngrokwatcher.h"

#include "logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace peanuts {

namespace {

// The port an ngrok `config.addr` points at: "http://localhost:8787", "127.0.0.1:8787", "8787", "[::1]:8787".
int portOfAddr(const QString &addr)
{
    QString rest = addr.trimmed();
    const qsizetype scheme = rest.indexOf(QLatin1String("://"));
    if (scheme >= 0)
        rest = rest.mid(scheme + 3);
    const qsizetype slash = rest.indexOf(u'/');
    if (slash >= 0)
        rest = rest.left(slash);
    const qsizetype colon = rest.lastIndexOf(u':');
    bool ok = false;
    const int port = (colon >= 0 ? rest.mid(colon + 1) : rest).toInt(&ok);
    if (ok)
        return port;
    // "http://localhost" without a port means the scheme's default.
    return addr.startsWith(QLatin1String("https://")) ? 443 : addr.startsWith(QLatin1String("http://")) ? 80 : -1;
}

} // namespace

QUrl pickTunnel(const QByteArray &apiAnswer, quint16 port, bool *validJson)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(apiAnswer, &error);
    const bool valid = error.error == QJsonParseError::NoError && document.isObject()
        && document.object().value(QLatin1String("tunnels")).isArray();
    if (validJson)
        *validJson = valid;
    if (!valid)
        return {};
    QUrl best;
    const QJsonArray tunnels = document.object().value(QLatin1String("tunnels")).toArray();
    for (const QJsonValue &value : tunnels) {
        const QJsonObject tunnel = value.toObject();
        const QString addr = tunnel.value(QLatin1String("config")).toObject().value(QLatin1String("addr")).toString();
        if (portOfAddr(addr) != port)
            continue;
        const QUrl url(tunnel.value(QLatin1String("public_url")).toString());
        if (!url.isValid() || url.host().isEmpty())
            continue;
        if (best.isEmpty() || (url.scheme() == QLatin1String("https") && best.scheme() != QLatin1String("https")))
            best = url;
    }
    return best;
}

NgrokWatcher::NgrokWatcher(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(3000);
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
    checkNow();
}

void NgrokWatcher::setInterval(int ms)
{
    m_timer->setInterval(ms);
}

void NgrokWatcher::start()
{
    m_timer->start();
    checkNow();
}

void NgrokWatcher::stop()
{
    m_timer->stop();
}

QString NgrokWatcher::suggestedCommand() const
{
    return QStringLiteral("ngrok http %1").arg(m_port);
}

void NgrokWatcher::checkNow()
{
    if (m_inFlight || m_port == 0)
        return;
    m_inFlight = true;
    QNetworkRequest request(m_apiUrl);
    request.setTransferTimeout(1500);
    QNetworkReply *reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        m_inFlight = false;
        State state = State::NoAgent;
        QUrl url;
        if (reply->error() == QNetworkReply::NoError) {
            bool valid = false;
            url = pickTunnel(reply->readAll(), m_port, &valid);
            if (!valid)
                qCWarning(lcApp) << "something other than ngrok answers on" << m_apiUrl.toString();
            state = !valid ? State::NoAgent : url.isEmpty() ? State::NoTunnel : State::Tunnel;
        }
        if (state == m_state && url == m_publicUrl)
            return;
        if (m_state == State::Tunnel && state != State::Tunnel)
            qCWarning(lcApp).noquote() << "the ngrok tunnel" << m_publicUrl.toString() << "went away";
        m_state = state;
        m_publicUrl = url;
        Q_EMIT changed(state, url);
    });
}

} // namespace peanuts
