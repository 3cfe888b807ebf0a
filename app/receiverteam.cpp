// The core's team side: a receiver takes the team database's rules at start and follows them; a
// viewer watches the team's commits and receives nothing.
#include "receivercore.h"

#include "pipeline/pipeline.h"
#include "pipeline/teamnotifications.h"
#include "platform/logging.h"
#include "store/pglive.h"
#include "store/storeworker.h"

#include <QPointer>

#include <future>

namespace peanuts {

namespace {

// Runs job on the store's thread and waits for it: at start, and for the rare saves of the team's rules.
template<typename Result> Result onStoreThread(StoreWorker *worker, std::function<Result(Store &)> job)
{
    std::promise<Result> done;
    std::future<Result> result = done.get_future();
    worker->run([&](Store &store) { done.set_value(job(store)); });
    return result.get();
}

} // namespace

bool ReceiverCore::adoptTeamRules(QString *error)
{
    // The first instance brings its rules file; every instance then runs the team's document.
    const QByteArray local = m_pipeline->rulesDocument();
    QString failure;
    const std::optional<QByteArray> document
        = onStoreThread<std::optional<QByteArray>>(m_store.get(), [&](Store &store) -> std::optional<QByteArray> {
              if (!store.saveRulesDocument(local, true)) {
                  failure = store.lastError();
                  return std::nullopt;
              }
              std::optional<QByteArray> stored = store.rulesDocument();
              if (!stored)
                  failure = store.lastError();
              return stored;
          });
    if (!document) {
        *error = QStringLiteral("cannot read the team's rules from the database: %1").arg(failure);
        return false;
    }
    if (!m_pipeline->useRulesDocument(*document, error))
        return false;
    m_pipeline->setRulesSaver([store = m_store.get()](const QByteArray &doc, QString *saveError) {
        QString reason;
        const bool saved = onStoreThread<bool>(store, [&](Store &s) {
            const bool ok = s.saveRulesDocument(doc, false);
            if (!ok)
                reason = s.lastError();
            return ok;
        });
        if (!saved)
            *saveError = QStringLiteral("the rules were not saved in the team database: %1").arg(reason);
        return saved;
    });
    // A rule saved by any instance is in force in every one: each follows the document.
    m_store->run([pipeline = QPointer<Pipeline>(m_pipeline.get())](Store &store) {
        store.watchRules([&store, pipeline] {
            const std::optional<QByteArray> document = store.rulesDocument();
            if (!document || document->isEmpty())
                return;
            QMetaObject::invokeMethod(pipeline, [pipeline, doc = *document] {
                QString refused;
                if (pipeline && !pipeline->useRulesDocument(doc, &refused))
                    qCWarning(lcApp).noquote() << refused;
            });
        });
    });
    qCInfo(lcApp) << "the pipeline's rules come from the team database";
    return true;
}

bool ReceiverCore::startViewing(QString *error)
{
    Q_UNUSED(error)
    m_feed = new TeamFeed(m_options.dbPath);
    m_feed->moveToThread(&m_feedThread);
    connect(&m_feedThread, &QThread::finished, m_feed, &QObject::deleteLater);
    connect(m_feed, &TeamFeed::connectionChanged, this, &ReceiverCore::teamConnectionChanged);
    attachBatches();
    // The team's notifications, read with the deliveries that bring them.
    m_teamNotifications = std::make_unique<TeamNotifications>(m_reader.get(), notifier());
    connect(
        m_feed, &TeamFeed::committed, m_teamNotifications.get(), &TeamNotifications::committed, Qt::QueuedConnection);
    m_feedThread.setObjectName(QStringLiteral("team feed"));
    m_feedThread.start();
    QMetaObject::invokeMethod(m_feed, &TeamFeed::start, Qt::QueuedConnection);
    qCInfo(lcApp).noquote() << "viewing the team database; this instance receives nothing";
    return true;
}

} // namespace peanuts
