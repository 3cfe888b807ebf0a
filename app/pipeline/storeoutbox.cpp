// The production Outbox: the writer's ActionStore, each call a job on the writer's thread whose answer
// comes back on the dispatcher's thread (askStore()).
#include "pipeline/dispatcher.h"

#include "platform/logging.h"
#include "services/storecall.h"
#include "store/store.h"
#include "store/storeworker.h"

#include <memory>
#include <utility>

namespace peanuts {

namespace {

class StoreOutbox final : public Outbox
{
public:
    explicit StoreOutbox(StoreWorker *writer)
        : m_writer(writer)
    {
    }

    void claimDue(qint64 nowMs, int perTarget, const QSet<qint64> &excluding, QObject *context, Due done) override
    {
        using Answer = std::pair<std::optional<QList<OutboxAction>>, std::optional<qint64>>;
        if (!m_writer) { // no store: nothing is due (answered all the same, so the dispatcher goes on)
            QMetaObject::invokeMethod(
                context, [done = std::move(done)] { done({}, std::nullopt); }, Qt::QueuedConnection);
            return;
        }
        askStore(
            m_writer, context,
            [nowMs, perTarget, excluding](Store &store) {
                Answer answer;
                answer.first = store.dueActions(nowMs, perTarget, excluding);
                answer.second = store.nextDueMs();
                return answer;
            },
            [done = std::move(done), warned = m_warned](Answer answer) {
                if (!answer.first && !std::exchange(*warned, true)) // once per run of failures
                    qCWarning(lcPipeline) << "cannot read the due outgoing actions";
                else if (answer.first)
                    *warned = false;
                done(answer.first.value_or(QList<OutboxAction>()), answer.second);
            });
    }

    void record(const QList<ActionResult> &results, QObject *context, std::function<void(bool ok)> done) override
    {
        if (!m_writer) {
            QMetaObject::invokeMethod(
                context, [done = std::move(done)] { done(false); }, Qt::QueuedConnection);
            return;
        }
        askStore(
            m_writer, context, [results](Store &store) { return store.recordResults(results); },
            [done = std::move(done)](bool ok) { done(ok); });
    }

private:
    StoreWorker *m_writer;
    std::shared_ptr<bool> m_warned = std::make_shared<bool>(false); // touched on the dispatcher's thread only
};

} // namespace

std::unique_ptr<Outbox> makeStoreOutbox(StoreWorker *writer)
{
    return std::make_unique<StoreOutbox>(writer);
}

} // namespace peanuts
