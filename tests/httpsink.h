// A raw HTTP/1.1 sink on a loopback port (port 0) for the dispatcher's tests: every request is
// recorded as it came, every answer is scripted: a status, headers and body, a hang, or a
// connection closed in the middle of the answer.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <functional>

class QTcpServer;
class QTcpSocket;

namespace testsupport {

struct SinkRequest
{
    QByteArray method;
    QByteArray path;
    QList<QPair<QByteArray, QByteArray>> headers; // names lowercased, in order
    QByteArray body;
    QByteArray header(const QByteArray &lowerName) const;
    bool hasHeader(const QByteArray &lowerName) const;
};

struct SinkAnswer
{
    enum class Mode {
        Answer,
        Hang, // reads the request, never answers
        CloseMidAnswer, // sends the head and part of the body, then closes
    };
    Mode mode = Mode::Answer;
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body = QByteArrayLiteral("ok");
};

class HttpSink : public QObject
{
    Q_OBJECT
public:
    // index: the request's number at this sink, from 0.
    using Script = std::function<SinkAnswer(const SinkRequest &request, int index)>;
    explicit HttpSink(Script script = {}, QObject *parent = nullptr);
    ~HttpSink() override;

    bool listen(); // 127.0.0.1, a free port
    quint16 port() const;
    QString url(const QString &path = QStringLiteral("/hook")) const;
    const QList<SinkRequest> &requests() const { return m_requests; }
    int count() const { return int(m_requests.size()); }

    // Scripts for the usual cases.
    static Script failing(int times, int status = 500); // fails `times`, then answers 200
    static Script always(SinkAnswer answer);

Q_SIGNALS:
    void received();

private:
    void onReadable(QTcpSocket *socket);

    Script m_script;
    QTcpServer *m_server;
    QList<SinkRequest> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace testsupport
