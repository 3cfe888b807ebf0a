// The one way a view reaches the store: run a job on a store's thread and hand its result back on the
// caller's thread, or drop it when the caller is gone by then.
//
// The answer is posted to a small mailbox object that lives on the caller's thread and lives until
// the answer arrived (or the job was dropped unrun, when the store stopped first). There the receiver
// is checked through a QPointer, on its own thread, so a view deleted meanwhile is never touched.
// (QFuture::then(context, ...) is not used: in Qt 6.4 it asserts when the context goes first.)
#pragma once

#include "store/storeworker.h"

#include <QAtomicInt>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <memory>
#include <type_traits>
#include <utility>

namespace peanuts {

namespace detail {

// The object an answer is posted to, on the caller's thread. Counted, so that tests can see every
// one go (answered, or dropped unrun).
class MailboxObject : public QObject
{
public:
    MailboxObject() { s_alive.fetchAndAddRelaxed(1); }
    ~MailboxObject() override { s_alive.fetchAndAddRelaxed(-1); }
    Q_DISABLE_COPY_MOVE(MailboxObject)
    static int alive() { return s_alive.loadRelaxed(); }

private:
    static inline QAtomicInt s_alive {0};
};

// Owns the mailbox until the answer is posted; deletes it (on its thread) when the job never ran.
class Mailbox
{
public:
    Mailbox()
        : m_object(new MailboxObject)
    {
    }
    ~Mailbox()
    {
        if (m_object)
            m_object->deleteLater();
    }
    Mailbox(const Mailbox &) = delete;
    Mailbox &operator=(const Mailbox &) = delete;

    // Posts fn to the caller's thread; the mailbox is deleted there after fn ran.
    template<typename Fn> void post(Fn &&fn)
    {
        QObject *object = std::exchange(m_object, nullptr);
        QMetaObject::invokeMethod(
            object,
            [object, fn = std::forward<Fn>(fn)]() mutable {
                fn();
                delete object;
            },
            Qt::QueuedConnection);
    }

private:
    QObject *m_object;
};

} // namespace detail

// Runs job(Store &) on worker's thread, after what was queued there before, then calls done(result)
// on the thread that called askStore(), if receiver still exists then. job must not touch receiver.
// Call it from a thread with an event loop. With no worker (the receiver is stopped) nothing runs.
template<typename Job, typename Done> void askStore(StoreWorker *worker, QObject *receiver, Job job, Done done)
{
    if (!worker)
        return;
    using Result = std::invoke_result_t<Job &, Store &>;
    auto mailbox = std::make_shared<detail::Mailbox>();
    worker->run([mailbox, guard = QPointer<QObject>(receiver), job = std::move(job), done = std::move(done)](
                    Store &store) mutable {
        if (!guard) // already gone: skip the work (checked again where it matters, on its thread)
            return;
        Result result = job(store);
        mailbox->post([guard, done = std::move(done), result = std::move(result)]() mutable {
            if (guard)
                done(std::move(result));
        });
    });
}

} // namespace peanuts
