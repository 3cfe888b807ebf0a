// The dispatcher's tests share this: the outbox as a model of rows with ActionStore::dueActions'
// semantics, the actions they queue, and a fixture that makes a dispatcher over it on a manual clock.
#pragma once

#include "pipeline/dispatcher.h"

#include <QHash>
#include <QMutex>
#include <algorithm>
#include <limits>
#include <memory>
#include <set>

namespace dispatchtest {

using namespace peanuts;

// The outbox as a list of rows, with ActionStore::dueActions' semantics: pending and due, at most
// perTarget per target, oldest due first, the excluded ids left out. Answers come queued, on the
// caller's thread, as the writer's do.
struct ModelRows
{
    mutable QMutex mutex;
    QList<OutboxAction> rows; // row i has id i + 1
    std::set<std::pair<qint64, qint64>> pending; // (nextAttemptMs, id) of the pending rows
    QList<ActionResult> log; // every recorded result, in order
    int claims = 0;
    qint64 nextId = 1;
    // Claims see rows up to this id only: the rest reach the dispatcher by offer() alone.
    qint64 claimableUpTo = std::numeric_limits<qint64>::max();

    QList<OutboxAction> rowsFrom(qint64 firstId) const // as offer() hands them over
    {
        QMutexLocker lock(&mutex);
        return rows.mid(firstId - 1);
    }
    // Results recorded per id, for "each exactly once".
    QHash<qint64, int> resultCounts() const
    {
        QMutexLocker lock(&mutex);
        QHash<qint64, int> counts;
        for (const ActionResult &r : log)
            ++counts[r.id];
        return counts;
    }

    OutboxAction row(qint64 id) const
    {
        QMutexLocker lock(&mutex);
        for (const OutboxAction &r : rows) {
            if (r.id == id)
                return r;
        }
        return {};
    }
    QList<ActionResult> resultsOf(qint64 id) const
    {
        QMutexLocker lock(&mutex);
        QList<ActionResult> out;
        for (const ActionResult &r : log) {
            if (r.id == id)
                out.append(r);
        }
        return out;
    }
    int countIn(ActionState state) const
    {
        QMutexLocker lock(&mutex);
        return int(
            std::count_if(rows.begin(), rows.end(), [state](const OutboxAction &r) { return r.state == state; }));
    }
    qint64 add(OutboxAction action, qint64 nowMs)
    {
        QMutexLocker lock(&mutex);
        action.id = nextId++;
        action.state = ActionState::Pending;
        action.createdMs = nowMs;
        action.nextAttemptMs = nowMs;
        if (action.idempotencyKey.isEmpty())
            action.idempotencyKey = "key-" + QByteArray::number(action.id);
        rows.append(action);
        pending.insert({action.nextAttemptMs, action.id});
        return action.id;
    }
};

class ModelOutbox final : public Outbox
{
public:
    explicit ModelOutbox(std::shared_ptr<ModelRows> rows)
        : m(std::move(rows))
    {
    }
    void claimDue(qint64 nowMs, int perTarget, const QSet<qint64> &excluding, QObject *context, Due done) override
    {
        QList<OutboxAction> due;
        std::optional<qint64> next;
        {
            QMutexLocker lock(&m->mutex);
            ++m->claims;
            // The pending rows in due order, as the store's index has them: the model stays cheap
            // beside what it measures (it runs on the dispatcher's thread).
            if (!m->pending.empty())
                next = m->pending.begin()->first;
            QHash<QString, int> counts;
            for (const auto &[dueMs, id] : m->pending) {
                if (dueMs > nowMs)
                    break;
                const OutboxAction &r = m->rows[id - 1];
                if (id <= m->claimableUpTo && !excluding.contains(id) && ++counts[r.target] <= perTarget)
                    due.append(r);
            }
        }
        QMetaObject::invokeMethod(
            context, [done = std::move(done), due, next] { done(due, next); }, Qt::QueuedConnection);
    }
    void record(const QList<ActionResult> &results, QObject *context, std::function<void(bool)> done) override
    {
        {
            QMutexLocker lock(&m->mutex);
            for (const ActionResult &result : results) {
                if (result.id >= 1 && result.id <= m->rows.size()) { // ids are row numbers from 1
                    OutboxAction &r = m->rows[result.id - 1];
                    if (r.state == ActionState::Pending)
                        m->pending.erase({r.nextAttemptMs, r.id});
                    if (result.state == ActionState::Pending)
                        m->pending.insert({result.nextAttemptMs, r.id});
                    r.state = result.state;
                    r.attempts = result.attempts;
                    r.nextAttemptMs = result.nextAttemptMs;
                    r.lastError = result.error;
                    r.answer = result.answer;
                }
                m->log.append(result);
            }
        }
        QMetaObject::invokeMethod(
            context, [done = std::move(done)] { done(true); }, Qt::QueuedConnection);
    }

private:
    std::shared_ptr<ModelRows> m;
};

inline OutboxAction post(const QString &url, const QByteArray &payload = QByteArrayLiteral("{\"text\":\"hi\"}"))
{
    OutboxAction a;
    a.kind = ActionKind::Post;
    a.target = url;
    a.payload = payload;
    return a;
}

inline const QByteArray kForwardSecret = QByteArrayLiteral("forward-secret");

inline OutboxAction forward(const QString &url, const QByteArray &body, const QByteArray &headers)
{
    OutboxAction a;
    a.kind = ActionKind::Forward;
    a.target = url;
    a.deliveryId = 7;
    a.body = body;
    a.headers = headers;
    return a;
}

inline OutboxAction notification(const QString &title, const QByteArray &text = {})
{
    OutboxAction a;
    a.kind = ActionKind::Notify;
    a.title = title;
    a.payload = text;
    return a;
}

// A dispatcher over a fresh model (reset() before each test), on a manual clock unless asked otherwise.
class DispatchFixture
{
protected:
    std::shared_ptr<ModelRows> m_rows;
    std::unique_ptr<ManualClock> m_clock;

    void reset()
    {
        m_rows = std::make_shared<ModelRows>();
        m_clock = std::make_unique<ManualClock>();
    }
    std::unique_ptr<Dispatcher> make(DispatchConfig config = {}, Notifier *notifier = nullptr, bool manual = true)
    {
        if (config.forwardSecret.isEmpty())
            config.forwardSecret = kForwardSecret;
        auto dispatcher = std::make_unique<Dispatcher>(std::make_unique<ModelOutbox>(m_rows), notifier, config,
            manual ? static_cast<Clock *>(m_clock.get()) : &Clock::system());
        dispatcher->setRandomSource([] { return 0.5; });
        return dispatcher;
    }
    qint64 add(const OutboxAction &a) { return m_rows->add(a, m_clock->nowMs()); }
    ActionState state(qint64 id) const { return m_rows->row(id).state; }
    int attempts(qint64 id) const { return m_rows->row(id).attempts; }
};

} // namespace dispatchtest
