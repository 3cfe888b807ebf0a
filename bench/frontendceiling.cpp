// The receiver's own HTTP path over a store that writes nothing: QHttpServer behind the connection
// guard, HMAC verification, JSON validation, and the hand-off to the store's thread and back, as in
// the app, but no SQLite write (each delivery is answered as if committed). Its rate is the most any
// storage design could reach on this HTTP layer; bench/ingest.sh runs it beside the app. Never a
// receiver to use: it acknowledges what it does not store.
//
//   PEANUTS_SECRET=... peanuts-frontend-ceiling PORT DIR   (DIR gets an empty database)
#include "config/secrets.h"
#include "http/httpfrontend.h"
#include "ingest/signature.h"
#include "store/sqlitestore.h"
#include "store/storeworker.h"

#include <QCoreApplication>
#include <QDir>
#include <QThread>

#include <cstdio>

namespace {

class NoWriteStore final : public peanuts::SqliteStore
{
public:
    bool commit(QList<peanuts::Delivery> &batch, QString *) override
    {
        for (peanuts::Delivery &d : batch)
            if (d.keepRow)
                d.id = ++m_lastId;
        return true;
    }

private:
    qint64 m_lastId = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    bool portOk = false;
    const quint16 port = args.size() == 3 ? args[1].toUShort(&portOk) : 0;
    if (!portOk) {
        std::fprintf(stderr, "usage: PEANUTS_SECRET=... peanuts-frontend-ceiling PORT DIR\n");
        return 2;
    }
    using namespace peanuts;
    QString error;
    StoreConfig config;
    config.path = QDir(args[2]).filePath(QStringLiteral("ceiling.db"));
    StoreWorker store(std::make_unique<NoWriteStore>(), config, &error);
    config.readOnly = true;
    StoreWorker reader(std::make_unique<SqliteStore>(), config, &error);
    if (!store.isOpen() || !reader.isOpen()) {
        std::fprintf(stderr, "peanuts-frontend-ceiling: %s\n", qPrintable(error));
        return 1;
    }
    SignatureVerifier verifier;
    verifier.setSecrets(secretsFromEnvironment());

    // As in ReceiverCore: the frontend on a thread of its own.
    QThread httpThread;
    httpThread.setObjectName(QStringLiteral("http"));
    auto *frontend = new HttpFrontend(FrontendConfig {}, &verifier, &store, &reader);
    frontend->moveToThread(&httpThread);
    httpThread.start();
    quint16 bound = 0;
    QMetaObject::invokeMethod(
        frontend,
        [&] { bound = frontend->listenOn(QHostAddress::LocalHost, port, peanuts::ListenerSecurity(), &error); },
        Qt::BlockingQueuedConnection);
    if (bound == 0) {
        std::fprintf(stderr, "peanuts-frontend-ceiling: %s\n", qPrintable(error));
        return 1;
    }
    return app.exec(); // ended by a signal; the benchmark needs no orderly shutdown
}
