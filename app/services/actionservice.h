// What the window reads and changes of the pipeline: the dead letters (retry, discard), the counts the
// status bar shows, the actions of one delivery (the inspector's "Handler" tab), the outgoing rates,
// and reprocess and resend from the log. Jobs run on the writer's thread (askStore()); answers come
// back on the caller's thread.
#pragma once

#include "pipeline/action.h"
#include "pipeline/rules.h"

#include <QHash>
#include <QObject>
#include <functional>

namespace peanuts {

class ActionPlanner;
class Dispatcher;
class StoreWorker;

// A rule that would fire for a delivery, as a reprocess finds it.
struct ReprocessHit
{
    qint64 deliveryId = 0;
    QString entryId;
    QString ruleId;
    QString ruleName;
    RuleMatch match;
    QList<PlannedAction> actions;
};

// Outgoing attempts as the store counts them (zeros left out) over the `minutes` minutes that end
// with nowMs's minute, zeros filled in, the current minute last.
QList<OutgoingMinute> fillOutgoingMinutes(const QList<OutgoingMinute> &rows, int minutes, qint64 nowMs);

class ActionService : public QObject
{
    Q_OBJECT
public:
    explicit ActionService(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ActionService)

    // The core sets these while it runs (null when stopped).
    void attach(StoreWorker *writer, ActionPlanner *planner, Dispatcher *dispatcher);
    bool isAvailable() const { return m_writer != nullptr; }

    void deadLetters(QObject *receiver, int limit, std::function<void(QList<OutboxAction>)> done) const;
    void retryDeadLetters(QObject *receiver, const QList<qint64> &ids, std::function<void(int)> done) const;
    void discardDeadLetters(QObject *receiver, const QList<qint64> &ids, std::function<void(int)> done) const;
    void counts(QObject *receiver, std::function<void(QHash<QString, ActionCounts>)> done) const;
    void actionsOfDelivery(QObject *receiver, qint64 deliveryId, std::function<void(QList<OutboxAction>)> done) const;
    // Outgoing attempts per minute over the last `minutes` minutes, the current one last, zeros included.
    void outgoingMinutes(QObject *receiver, int minutes, std::function<void(QList<OutgoingMinute>)> done) const;

    // Reprocess, step 1: the rules evaluated again against the deliveries' bodies (the projection is
    // not touched); step 2: the actions of the hits the user keeps go to the outbox.
    void reprocess(
        QObject *receiver, const QList<qint64> &deliveryIds, std::function<void(QList<ReprocessHit>)> done) const;
    void runActions(QObject *receiver, const QList<ReprocessHit> &hits, std::function<void(int added)> done) const;
    // Posts the deliveries byte for byte, re-signed with the forwarding secret, to url (with retries).
    // done(added, error): error says why nothing was queued (a refused URL).
    void resend(QObject *receiver, const QList<qint64> &deliveryIds, const QString &url,
        std::function<void(int, QString)> done) const;

Q_SIGNALS:
    // The dispatcher recorded results, or the dead letters changed: counts may have moved.
    void changed();

private:
    void afterChange() const; // wakes the dispatcher and says changed()

    StoreWorker *m_writer = nullptr;
    ActionPlanner *m_planner = nullptr;
    Dispatcher *m_dispatcher = nullptr;
};

} // namespace peanuts
