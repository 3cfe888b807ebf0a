#include "httpsink.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

namespace testsupport {

QByteArray SinkRequest::header(const QByteArray &lowerName) const
{
    for (const auto &[name, value] : headers) {
        if (name == lowerName)
            return value;
    }
    return {};
}

bool SinkRequest::hasHeader(const QByteArray &lowerName) const
{
    for (const auto &pair : headers) {
        if (pair.first == lowerName)
            return true;
    }
    return false;
}

HttpSink::HttpSink(Script script, QObject *parent)
    : QObject(parent)
    , m_script(script ? std::move(script) : always(SinkAnswer()))
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server->nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
            connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                m_buffers.remove(socket);
                socket->deleteLater();
            });
        }
    });
}

HttpSink::~HttpSink() = default;

bool HttpSink::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 HttpSink::port() const
{
    return m_server->serverPort();
}

QString HttpSink::url(const QString &path) const
{
    return QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(path);
}

HttpSink::Script HttpSink::failing(int times, int status)
{
    return [times, status](const SinkRequest &, int index) {
        SinkAnswer answer;
        if (index < times) {
            answer.status = status;
            answer.body = "not yet";
        }
        return answer;
    };
}

HttpSink::Script HttpSink::always(SinkAnswer answer)
{
    return [answer](const SinkRequest &, int) { return answer; };
}

void HttpSink::onReadable(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buffer.first(end).split('\n');
        SinkRequest request;
        const QList<QByteArray> start = lines.value(0).trimmed().split(' ');
        request.method = start.value(0);
        request.path = start.value(1);
        qsizetype length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray &line = lines[i];
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            // The value as sent, but for the leading space and the line's CR.
            QByteArray value = line.sliced(colon + 1);
            if (value.endsWith('\r'))
                value.chop(1);
            if (value.startsWith(' '))
                value.remove(0, 1);
            request.headers.append({line.first(colon).toLower(), value});
            if (line.first(colon).toLower() == "content-length")
                length = value.trimmed().toLongLong();
        }
        if (buffer.size() < end + 4 + length)
            return; // the body is still coming
        request.body = buffer.sliced(end + 4, length);
        buffer.remove(0, end + 4 + length);
        const int index = int(m_requests.size());
        m_requests.append(request);
        const SinkAnswer answer = m_script(request, index);
        Q_EMIT received();
        if (answer.mode == SinkAnswer::Mode::Hang) {
            disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
            return;
        }
        QByteArray head
            = "HTTP/1.1 " + QByteArray::number(answer.status) + (answer.status < 400 ? " OK" : " Failed") + "\r\n";
        for (const auto &[name, value] : answer.headers)
            head += name + ": " + value + "\r\n";
        if (answer.mode == SinkAnswer::Mode::CloseMidAnswer) {
            head += "Content-Length: " + QByteArray::number(answer.body.size() + 1000) + "\r\n\r\n";
            socket->write(head + answer.body);
            socket->flush();
            socket->disconnectFromHost();
            return;
        }
        head += "Content-Length: " + QByteArray::number(answer.body.size()) + "\r\n\r\n";
        socket->write(head + answer.body);
    }
}

} // namespace testsupport
