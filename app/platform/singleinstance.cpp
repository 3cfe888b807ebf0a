// One running window per user and database: a local socket named after the database, on which the first
// instance listens and through which later launches ask it to come forward.
#include "platform/singleinstance.h"

#include "platform/logging.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QTimer>

#include <unistd.h>

namespace peanuts {

namespace {

constexpr int kProbeTimeoutMs = 500;
constexpr int kClientTimeoutMs = 5000; // a client that says nothing for this long is dropped
constexpr qsizetype kMaxLine = 256;

// The absolute path with symbolic links resolved as far as the path exists, so that the database file
// gets the same key before it is created and after (and through any link to it).
QString canonicalPath(const QString &path)
{
    const QString absolute = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    QString head = absolute;
    QStringList tail;
    for (;;) {
        const QFileInfo info(head);
        if (info.exists()) {
            const QString canonical = info.canonicalFilePath();
            if (canonical.isEmpty())
                break;
            return tail.isEmpty() ? canonical : QDir(canonical).filePath(tail.join(QLatin1Char('/')));
        }
        const qsizetype slash = head.lastIndexOf(QLatin1Char('/'));
        if (slash < 0 || head == QLatin1String("/"))
            break;
        tail.prepend(head.mid(slash + 1));
        head = slash == 0 ? QStringLiteral("/") : head.left(slash);
    }
    return absolute;
}

// Where the socket lives. A bare key goes into the user's runtime directory (mode 0700, so no other user
// can take the name first); without one, Qt puts it in the temporary directory. A key that is already a
// path is used as it is.
QString socketName(const QString &key)
{
    if (key.contains(QLatin1Char('/')))
        return key;
    const QString runtimeDir = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtimeDir.isEmpty() && QFileInfo(runtimeDir).isDir())
        return QDir(runtimeDir).filePath(key);
    return key;
}

} // namespace

SingleInstance::SingleInstance(const QString &key, QObject *parent)
    : QObject(parent)
    , m_name(socketName(key))
{
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::keyForDatabase(const QString &dbPath)
{
    // The user id keeps two users of one machine (and one shared database file) apart.
    const QByteArray material = canonicalPath(dbPath).toUtf8() + '\0' + QByteArray::number(::getuid());
    const QByteArray hash = QCryptographicHash::hash(material, QCryptographicHash::Sha256);
    return QStringLiteral("peanuts-monitor-") + QString::fromLatin1(hash.toHex().left(16));
}

bool SingleInstance::notifyRunning(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    const auto remaining = [&deadline] { return int(qMax<qint64>(0, deadline.remainingTime())); };

    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (!socket.waitForConnected(remaining()))
        return false;
    socket.write("activate\n");
    socket.waitForBytesWritten(remaining());
    // Connecting only proves that the socket is there: the answer proves that someone acted on it.
    while (!socket.canReadLine()) {
        if (deadline.hasExpired() || !socket.waitForReadyRead(remaining()))
            return false;
    }
    return socket.readLine().trimmed() == "ok";
}

bool SingleInstance::listen()
{
    if (m_server)
        return m_server->isListening();

    // Taking the name over is only right when nobody listens on it; QLocalServer would replace a live
    // instance's socket (with access options it renames its own over it), leaving that one unreachable.
    {
        QLocalSocket probe;
        probe.connectToServer(m_name);
        if (probe.waitForConnected(kProbeTimeoutMs)) {
            qCInfo(lcApp).noquote() << "another instance already listens on" << m_name;
            return false;
        }
    }

    auto *server = new QLocalServer(this);
    // In the shared temporary directory, the socket's own mode is all that keeps other users out.
    if (!m_name.contains(QLatin1Char('/')))
        server->setSocketOptions(QLocalServer::UserAccessOption);
    bool listening = server->listen(m_name);
    if (!listening && server->serverError() == QAbstractSocket::AddressInUseError) {
        // A socket file left by an instance that crashed: nobody answered the probe above.
        QLocalServer::removeServer(m_name);
        listening = server->listen(m_name);
    }
    if (!listening) {
        qCWarning(lcApp).noquote() << "cannot listen on" << m_name << "-" << server->errorString();
        delete server;
        return false;
    }
    m_server = server;

    connect(server, &QLocalServer::newConnection, this, [this, server] {
        while (QLocalSocket *client = server->nextPendingConnection()) {
            connect(client, &QLocalSocket::disconnected, client, &QObject::deleteLater);
            QTimer::singleShot(kClientTimeoutMs, client, [client] { client->abort(); });
            const auto serve = [this, client] {
                if (!client->canReadLine()) {
                    if (client->bytesAvailable() > kMaxLine)
                        client->abort();
                    return;
                }
                const bool activate = client->readLine(kMaxLine).trimmed() == "activate";
                if (activate)
                    client->write("ok\n");
                client->disconnectFromServer(); // after what was written is sent
                if (activate)
                    Q_EMIT activationRequested();
            };
            connect(client, &QLocalSocket::readyRead, this, serve);
            serve(); // in case the line came with the connection
        }
    });
    return true;
}

} // namespace peanuts
