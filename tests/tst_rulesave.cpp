// Saving the rules never waits for the store. Pipeline::saveRules() answers a refusal and a save to the
// rules file before it returns; in team mode it stores the team's document on the writer's thread and
// answers later, on the caller's thread through its event loop, while the caller goes on: the rules are
// in force only once stored, a failed store leaves the old ones in force and says why, and a caller
// gone by then hears nothing. The settings' Actions page, with real widgets offscreen, says the rules
// are saving meanwhile (OK and Apply wait) and shows the store's refusal under the rules after; on a
// real team database (PostgreSQL), OK closes the dialog once the rules are saved.
#include "backends.h"
#include "config/secretstore.h"
#include "pipeline/notifier.h"
#include "pipeline/pipeline.h"
#include "pipelinepage.h"
#include "receivercore.h"
#include "settingsdialog.h"
#include "store/sqlitestore.h"
#include "store/storeworker.h"
#include "testsupport.h"

#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QMutex>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <chrono>
#include <memory>
#include <optional>
#include <thread>

using namespace peanuts;
using namespace testsupport;

namespace {

// How long a stalled store holds the writer: far longer than a call that does not wait for it takes.
constexpr int kStallMs = 1500;
constexpr qint64 kNoWaitMs = 500;

// What the team's database holds and how its next saves go, shared with the store's thread.
struct TeamDocument
{
    QMutex mutex;
    QByteArray document;
    QString failure; // non-empty: saves fail, with this as the store's error
    int saves = 0;
};

// A SQLite store that keeps the rules document the way a team database does.
class TeamRulesStore final : public SqliteStore
{
public:
    explicit TeamRulesStore(std::shared_ptr<TeamDocument> team)
        : m_team(std::move(team))
    {
    }
    std::optional<QByteArray> rulesDocument() override
    {
        QMutexLocker lock(&m_team->mutex);
        return m_team->document;
    }
    bool saveRulesDocument(const QByteArray &document, bool seedOnly) override
    {
        QMutexLocker lock(&m_team->mutex);
        ++m_team->saves;
        m_error = m_team->failure;
        if (!m_error.isEmpty())
            return false;
        if (!seedOnly || m_team->document.isEmpty())
            m_team->document = document;
        return true;
    }
    QString lastError() const override { return m_error.isEmpty() ? SqliteStore::lastError() : m_error; }

private:
    std::shared_ptr<TeamDocument> m_team;
    QString m_error;
};

// The big expense rule over value, also posting to postUrl when given.
RuleSet ruleSet(const QString &value, const QString &postUrl = QString())
{
    RuleSet rules = bigExpenseRule(value);
    if (!postUrl.isEmpty())
        rules.rules[0].actions.append(
            RuleAction {RuleActionType::Post, postUrl, QString(), QStringLiteral("{amount}")});
    return rules;
}

// Holds the writer's thread with a job of its own until released, or until kStallMs passed on a
// thread of its own: a caller that waited for the store would wait that long, and never hang.
class Stall
{
public:
    explicit Stall(StoreWorker *worker)
        : m_gate(std::make_shared<QSemaphore>())
    {
        worker->run([gate = m_gate](Store &) { gate->acquire(); });
        m_timer = std::thread([gate = m_gate] {
            std::this_thread::sleep_for(std::chrono::milliseconds(kStallMs));
            gate->release();
        });
    }
    ~Stall() { m_timer.join(); }
    Q_DISABLE_COPY_MOVE(Stall)

private:
    std::shared_ptr<QSemaphore> m_gate;
    std::thread m_timer;
};

// One answer of saveRules(), and the thread it came on.
struct Answer
{
    std::optional<QString> error;
    QThread *thread = nullptr;
    Pipeline::RulesSaved callback()
    {
        return [this](const QString &e) {
            error = e;
            thread = QThread::currentThread();
        };
    }
};

} // namespace

class TestRuleSave : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_runs = 0;
    std::shared_ptr<TeamDocument> m_team;
    std::unique_ptr<StoreWorker> m_writer;
    RecordingNotifier m_notifier;
    std::unique_ptr<Pipeline> m_pipeline;

    // A running pipeline over a writer whose store keeps the team's rules; in force: ruleSet("500").
    void startPipeline(bool rulesInDatabase)
    {
        m_team = std::make_shared<TeamDocument>();
        StoreConfig config;
        config.path = m_dir.filePath(QStringLiteral("team-%1.db").arg(++m_runs));
        QString error;
        m_writer = std::make_unique<StoreWorker>(std::make_unique<TeamRulesStore>(m_team), config, &error);
        QVERIFY2(m_writer->isOpen(), qPrintable(error));
        m_pipeline = std::make_unique<Pipeline>();
        QVERIFY2(
            m_pipeline->useRulesDocument(serializeRules(ruleSet(QStringLiteral("500"))), &error), qPrintable(error));
        PipelineOptions options;
        options.rulesPath = m_dir.filePath(QStringLiteral("rules-%1.json").arg(m_runs));
        options.rulesInDatabase = rulesInDatabase;
        QVERIFY(m_pipeline->start(options, QTimeZone::utc(), m_writer.get(), &m_notifier, QByteArray(), nullptr));
    }

    RuleSet inForce() const { return m_pipeline->planner()->config()->rules; }
    int saves() const
    {
        QMutexLocker lock(&m_team->mutex);
        return m_team->saves;
    }

private Q_SLOTS:
    void cleanup()
    {
        m_pipeline.reset();
        m_writer.reset();
    }

    // (1) The caller goes on while the store is busy; the answer comes later, on its thread, only
    // through its event loop, and only then are the rules in force.
    void teamSaveDoesNotWaitForTheStore()
    {
        startPipeline(true);
        QSignalSpy changed(m_pipeline.get(), &Pipeline::changed);
        const RuleSet edited = ruleSet(QStringLiteral("750"));
        Answer answer;
        QObject caller;
        QElapsedTimer clock;
        {
            Stall stall(m_writer.get());
            clock.start();
            m_pipeline->saveRules(edited, &caller, answer.callback());
            const qint64 took = clock.elapsed();
            QVERIFY2(took < kNoWaitMs, qPrintable(QStringLiteral("saveRules() took %1 ms").arg(took)));
            QVERIFY(!answer.error);
            QCOMPARE(inForce(), ruleSet(QStringLiteral("500"))); // not yet saved, not yet in force
        } // the stall has ended: the store saves and answers
        // Stored, but the answer waits for this thread's event loop (not run while this waits).
        QElapsedTimer waited;
        waited.start();
        while (saves() < 1 && waited.elapsed() < 10'000)
            QThread::msleep(10);
        QCOMPARE(saves(), 1);
        QThread::msleep(100);
        QVERIFY(!answer.error);
        QTRY_VERIFY(answer.error.has_value());
        QVERIFY2(answer.error->isEmpty(), qPrintable(*answer.error));
        QCOMPARE(answer.thread, QThread::currentThread());
        QCOMPARE(inForce(), edited);
        QCOMPARE(changed.size(), 1);
        QMutexLocker lock(&m_team->mutex);
        QString error;
        QCOMPARE(parseRules(m_team->document, &error).value_or(RuleSet()), edited);
    }

    // (2) The store refuses: the old rules stay in force, and the caller hears why.
    void failedTeamSaveKeepsTheOldRules()
    {
        startPipeline(true);
        {
            QMutexLocker lock(&m_team->mutex);
            m_team->failure = QStringLiteral("server closed the connection unexpectedly");
        }
        QSignalSpy changed(m_pipeline.get(), &Pipeline::changed);
        Answer answer;
        QObject caller;
        m_pipeline->saveRules(ruleSet(QStringLiteral("750")), &caller, answer.callback());
        QVERIFY(!answer.error); // from the database: never before saveRules() returns
        QTRY_VERIFY(answer.error.has_value());
        QVERIFY2(answer.error->contains(QStringLiteral("not saved in the team database")), qPrintable(*answer.error));
        QVERIFY2(answer.error->contains(QStringLiteral("server closed the connection unexpectedly")),
            qPrintable(*answer.error));
        QCOMPARE(inForce(), ruleSet(QStringLiteral("500")));
        QCOMPARE(changed.size(), 0);
        QMutexLocker lock(&m_team->mutex);
        QCOMPARE(m_team->saves, 1);
        QVERIFY(m_team->document.isEmpty());
    }

    // A refusal is answered before saveRules() returns, and the store is not asked.
    void refusalAnswersAtOnce()
    {
        startPipeline(true);
        Answer answer;
        m_pipeline->saveRules(
            ruleSet(QStringLiteral("750"), QStringLiteral("file:///etc/passwd")), this, answer.callback());
        QVERIFY(answer.error.has_value());
        QVERIFY2(answer.error->startsWith(QStringLiteral("$.rules[0].actions[1].url: ")), qPrintable(*answer.error));
        QCOMPARE(inForce(), ruleSet(QStringLiteral("500")));
        QTest::qWait(100);
        QMutexLocker lock(&m_team->mutex);
        QCOMPARE(m_team->saves, 0);

        // Stopped: nothing to store through, said at once.
        lock.unlock();
        m_pipeline->stop();
        answer = Answer();
        m_pipeline->saveRules(ruleSet(QStringLiteral("750")), this, answer.callback());
        QCOMPARE(answer.error.value_or(QString()), QStringLiteral("the receiver is not running"));
    }

    // The file: saved and in force before saveRules() returns, through the same answer.
    void fileSaveAnswersAtOnce()
    {
        startPipeline(false);
        const RuleSet edited = ruleSet(QStringLiteral("750"));
        Answer answer;
        m_pipeline->saveRules(edited, this, answer.callback());
        QVERIFY(answer.error.has_value());
        QVERIFY2(answer.error->isEmpty(), qPrintable(*answer.error));
        QCOMPARE(inForce(), edited);
        QString error;
        QCOMPARE(loadRulesFile(m_pipeline->options().rulesPath, &error).value_or(RuleSet()), edited);
        QMutexLocker lock(&m_team->mutex);
        QCOMPARE(m_team->saves, 0);
    }

    // The caller is gone when the answer comes: it hears nothing, and the saved rules are in force.
    void answerToACallerGoneIsDropped()
    {
        startPipeline(true);
        const RuleSet edited = ruleSet(QStringLiteral("750"));
        bool answered = false;
        {
            Stall stall(m_writer.get());
            auto caller = std::make_unique<QObject>();
            m_pipeline->saveRules(edited, caller.get(), [&answered](const QString &) { answered = true; });
        }
        QTRY_COMPARE(inForce(), edited);
        QTest::qWait(100);
        QVERIFY(!answered);
    }

    // (3) The Actions page: saving while the store is busy (OK and Apply wait, the rules group says so),
    // then the store's refusal under the rules, the dialog open on it, the old rules in force. The
    // core's SQLite store keeps no rules document: told to keep them in the database, it refuses.
    void pageShowsTheStoresRefusal()
    {
        QTemporaryDir dir;
        Options options = testOptions(dir.path());
        options.pipeline.rulesInDatabase = true;
        ReceiverCore core;
        QString error;
        QVERIFY2(core.start(options, &error), qPrintable(error));
        SecretStore secrets(QStringLiteral("peanuts-monitor-test"), dir.filePath(QStringLiteral("secrets.json")));
        secrets.setKeychainEnabled(false);
        const RuleSet before = core.pipelineConfig()->rules;
        QVERIFY(!before.rules.isEmpty());

        SettingsDialog dialog(&core, &secrets);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        PipelinePage *page = dialog.pipelinePage();
        page->rulesTable()->item(0, PipelinePage::Name)->setText(QStringLiteral("Renamed"));
        auto *buttons = dialog.findChild<QDialogButtonBox *>();
        QVERIFY(buttons);
        QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
        QPushButton *apply = buttons->button(QDialogButtonBox::Apply);
        QSignalSpy finished(&dialog, &QDialog::finished);
        {
            Stall stall(core.store());
            QElapsedTimer clock;
            clock.start();
            QTest::mouseClick(ok, Qt::LeftButton);
            const qint64 took = clock.elapsed();
            QVERIFY2(took < kNoWaitMs, qPrintable(QStringLiteral("OK took %1 ms").arg(took)));
            QVERIFY(dialog.isSaving());
            QVERIFY(page->isSaving());
            QVERIFY(!page->rulesSaving()->isHidden());
            QVERIFY(!page->rulesBox()->isEnabled());
            QVERIFY(!ok->isEnabled());
            QVERIFY(!apply->isEnabled());
            QVERIFY(page->rulesError()->isHidden());
            QVERIFY(dialog.isVisible());
        }
        QTRY_VERIFY(!page->isSaving());
        QVERIFY(!page->rulesError()->isHidden());
        QVERIFY2(page->rulesError()->text().startsWith(QStringLiteral("Rules not saved: ")),
            qPrintable(page->rulesError()->text()));
        QVERIFY(page->rulesError()->text().contains(QStringLiteral("team database")));
        QVERIFY(page->rulesSaving()->isHidden());
        QVERIFY(page->rulesBox()->isEnabled());
        QVERIFY(ok->isEnabled());
        QVERIFY(apply->isEnabled());
        // Open on the error, as with a refusal: OK closed nothing.
        QCOMPARE(dialog.lastError(), page->rulesError()->text());
        QVERIFY(dialog.isVisible());
        QCOMPARE(finished.size(), 0);
        QCOMPARE(core.pipelineConfig()->rules, before);
        // The table keeps the edit, to try again.
        QCOMPARE(page->rulesTable()->item(0, PipelinePage::Name)->text(), QStringLiteral("Renamed"));
        core.stop();
    }

    // On a real team database: OK waits for the answer, then closes the dialog; the rules are the
    // team's document and in force.
    void dialogClosesOnceTheTeamSaved_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }
    void dialogClosesOnceTheTeamSaved()
    {
        FRESH_BACKEND(fresh);
        QTemporaryDir dir;
        Options options = testOptions(dir.path());
        options.dbPath = fresh.location();
        ReceiverCore core;
        QString error;
        QVERIFY2(core.start(options, &error), qPrintable(error));
        SecretStore secrets(QStringLiteral("peanuts-monitor-test"), dir.filePath(QStringLiteral("secrets.json")));
        secrets.setKeychainEnabled(false);

        SettingsDialog dialog(&core, &secrets);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        PipelinePage *page = dialog.pipelinePage();
        page->rulesTable()->item(0, PipelinePage::Name)->setText(QStringLiteral("Renamed"));
        QSignalSpy finished(&dialog, &QDialog::finished);
        {
            Stall stall(core.store());
            QElapsedTimer clock;
            clock.start();
            QTest::mouseClick(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
            QVERIFY2(clock.elapsed() < kNoWaitMs, qPrintable(QStringLiteral("OK took %1 ms").arg(clock.elapsed())));
            QVERIFY(dialog.isSaving());
            QVERIFY(dialog.isVisible());
            QCOMPARE(finished.size(), 0);
        }
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10'000);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(page->rulesError()->isHidden());
        QCOMPARE(core.pipelineConfig()->rules.rules.value(0).name, QStringLiteral("Renamed"));
        const std::optional<QByteArray> stored = onStore(core.reader(), [](Store &s) { return s.rulesDocument(); });
        QVERIFY(stored);
        QCOMPARE(parseRules(*stored, &error).value_or(RuleSet()).rules.value(0).name, QStringLiteral("Renamed"));
        core.stop();
    }
};

QTEST_MAIN(TestRuleSave)
#include "tst_rulesave.moc"
