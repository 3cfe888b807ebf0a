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

bool ReceiverCore::adoptTeamRules(QString *error)
{
    // The first instance brings its rules file; every instance then runs the team's document.
    //
    // Start-up waits for this one answer, as it waits for the store to open: nothing is served yet,
    // and no delivery may meet the file's rules once the team's exist. Nothing else waits for the
    // store: a save of the rules goes through askStore() (Pipeline::saveRules()).
    struct Answer
    {
        std::optional<QByteArray> document;
        QString failure;
    };
    std::promise<Answer> promise;
    std::future<Answer> future = promise.get_future();
    m_store->run([&promise, local = m_pipeline->rulesDocument()](Store &store) {
        Answer answer;
        if (store.saveRulesDocument(local, true))
            answer.document = store.rulesDocument();
        if (!answer.document)
            answer.failure = store.lastError();
        promise.set_value(answer);
    });
    const Answer answer = future.get();
    if (!answer.document) {
        *error = QStringLiteral("cannot read the team's rules from the database: %1").arg(answer.failure);
        return false;
    }
    if (!m_pipeline->useRulesDocument(*answer.document, error))
        return false;
    m_options.pipeline.rulesInDatabase = true; // saves go to the database too
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
