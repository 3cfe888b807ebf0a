// askStore(): the job runs on the store's thread, the answer on the caller's thread, and nothing
// reaches a receiver that is gone (checked under ASan too), however the worker ends.
#include "services/storecall.h"
#include "store/sqlitestore.h"
#include "testsupport.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using peanuts::askStore;
using peanuts::Store;
using peanuts::StoreWorker;
using peanuts::detail::MailboxObject;

class TestStoreCall : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_serial = 0;

    std::unique_ptr<StoreWorker> openWorker()
    {
        peanuts::StoreConfig config;
        config.path = m_dir.filePath(QStringLiteral("storecall-%1.sqlite").arg(++m_serial));
        QString error;
        auto worker = std::make_unique<StoreWorker>(std::make_unique<peanuts::SqliteStore>(), config, &error);
        if (!worker->isOpen())
            qWarning() << "cannot open:" << error;
        return worker;
    }

private Q_SLOTS:
    void init() { QCOMPARE(MailboxObject::alive(), 0); }

    void answersOnTheCallersThread()
    {
        auto worker = openWorker();
        QVERIFY(worker->isOpen());
        QObject receiver;
        QThread *jobThread = nullptr;
        QThread *doneThread = nullptr;
        qint64 answer = -1;
        askStore(
            worker.get(), &receiver,
            [&jobThread](Store &store) {
                jobThread = QThread::currentThread();
                return store.deliveryCount().value_or(-2);
            },
            [&](qint64 count) {
                doneThread = QThread::currentThread();
                answer = count;
            });
        QTRY_VERIFY(doneThread != nullptr);
        QCOMPARE(answer, 0);
        QVERIFY(jobThread && jobThread != QThread::currentThread());
        QCOMPARE(jobThread->objectName(), QStringLiteral("store"));
        QCOMPARE(doneThread, QThread::currentThread());
        QTRY_COMPARE(MailboxObject::alive(), 0);

        // Asked from another thread with its own event loop: answered there, not on the GUI thread.
        QThread other;
        other.start();
        QObject elsewhere;
        elsewhere.moveToThread(&other);
        std::atomic<QThread *> answeredOn {nullptr};
        QMetaObject::invokeMethod(&elsewhere, [&] {
            askStore(
                worker.get(), &elsewhere, [](Store &) { return 1; },
                [&](int) { answeredOn = QThread::currentThread(); });
        });
        QTRY_VERIFY(answeredOn.load() != nullptr);
        QCOMPARE(answeredOn.load(), &other);
        other.quit();
        other.wait();
        elsewhere.moveToThread(QThread::currentThread());
        QTRY_COMPARE(MailboxObject::alive(), 0);
    }

    void receiverDeletedWhileTheJobRuns()
    {
        auto worker = openWorker();
        QSemaphore started, release;
        bool called = false;
        auto *receiver = new QObject;
        askStore(
            worker.get(), receiver,
            [&](Store &) {
                started.release();
                release.acquire();
                return QByteArray(1 << 20, 'x'); // an answer that ASan would see leak
            },
            [&](const QByteArray &) { called = true; });
        // A job queued behind it for a receiver already gone is not even run.
        bool secondRan = false;
        auto *gone = new QObject;
        askStore(
            worker.get(), gone,
            [&](Store &) {
                secondRan = true;
                return 0;
            },
            [&](int) { called = true; });
        delete gone;
        QVERIFY(started.tryAcquire(1, 5000));
        delete receiver;
        release.release();
        // A last job, so that the ones before it are surely done and answered.
        QObject witness;
        bool witnessed = false;
        askStore(
            worker.get(), &witness, [](Store &) { return 0; }, [&](int) { witnessed = true; });
        QTRY_VERIFY(witnessed);
        QTest::qWait(20);
        QVERIFY(!called);
        QVERIFY(!secondRan);
        QTRY_COMPARE(MailboxObject::alive(), 0);
    }

    void workerDestroyedWithJobsQueued()
    {
        QObject receiver;
        int answered = 0;
        {
            // Jobs queued behind a slow one when the worker goes: shutdown runs them, and their
            // answers still arrive.
            auto worker = openWorker();
            QSemaphore started;
            askStore(
                worker.get(), &receiver,
                [&](Store &) {
                    started.release();
                    QThread::msleep(50);
                    return 0;
                },
                [&](int) { ++answered; });
            for (int i = 0; i < 100; ++i)
                askStore(
                    worker.get(), &receiver, [](Store &store) { return store.deliveryCount().value_or(0); },
                    [&](qint64) { ++answered; });
            QVERIFY(started.tryAcquire(1, 5000));
            worker.reset();
        }
        QTRY_COMPARE(answered, 101);
        QTRY_COMPARE(MailboxObject::alive(), 0);

        {
            // Jobs asked of a worker that has stopped never run: their mailboxes go, unanswered.
            auto worker = openWorker();
            worker->shutdown();
            bool ran = false;
            for (int i = 0; i < 100; ++i)
                askStore(
                    worker.get(), &receiver,
                    [&ran](Store &) {
                        ran = true;
                        return QByteArray(4096, 'y');
                    },
                    [&](const QByteArray &) { ++answered; });
            QCOMPARE(MailboxObject::alive(), 100);
            worker.reset();
            QTRY_COMPARE(MailboxObject::alive(), 0);
            QVERIFY(!ran);
        }
        QCOMPARE(answered, 101);

        // No worker at all (the receiver is stopped): nothing runs, nothing is left behind.
        askStore(
            static_cast<StoreWorker *>(nullptr), &receiver, [](Store &) { return 0; }, [&](int) { ++answered; });
        QCOMPARE(MailboxObject::alive(), 0);
        QTest::qWait(10);
        QCOMPARE(answered, 101);
    }
};

QTEST_GUILESS_MAIN(TestStoreCall)
#include "tst_storecall.moc"
