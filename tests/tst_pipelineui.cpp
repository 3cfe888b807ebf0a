// The window's side of the pipeline, with real widgets offscreen over an in-process receiver: the rules
// editor round-trips through the core (a refused edit shows its error and keeps the last good rules),
// the dead-letter list hands the selected ids to Retry and Discard, the status bar's count hides at
// zero, the Handler tab shows the handler's answer, the outgoing chart gets its points, the failure
// alert replaces the window's own rejected notification, and reprocess and resend reach the outbox.
// The last ones need the SQLite ActionStore; they skip (and say so) while it is not there.
#include "config/secretstore.h"
#include "deadletterview.h"
#include "deliverylogmodel.h"
#include "deliverylogview.h"
#include "inspector.h"
#include "inspector/handlertab.h"
#include "mainwindow.h"
#include "outgoingchart.h"
#include "pipeline/notifier.h"
#include "pipelinepage.h"
#include "receivercore.h"
#include "reprocessdialog.h"
#include "screenshot.h"
#include "services/actionservice.h"
#include "services/storecall.h"
#include "settingsdialog.h"
#include "testsupport.h"

#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace peanuts;
using namespace testsupport;

class TestPipelineUi : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ReceiverCore m_core;
    RecordingNotifier m_notifier;
    std::unique_ptr<SecretStore> m_secrets;

    static void setCell(QTableWidget *table, int row, int column, const QString &text)
    {
        QTableWidgetItem *item = table->item(row, column);
        QVERIFY(item);
        item->setText(text);
    }

    qint64 postAndFindId(const QByteArray &body)
    {
        return testsupport::postAndFindId(m_core.port(), m_core.store(), body);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_core.start(testOptions(m_dir.path()), &error), qPrintable(error));
        m_secrets = std::make_unique<SecretStore>(
            QStringLiteral("peanuts-monitor-test"), m_dir.filePath(QStringLiteral("secrets.json")));
        m_secrets->setKeychainEnabled(false);
    }

    void rulesEditorRoundTrip()
    {
        const QString error = saveRulesAndWait(m_core, bigExpenseRule());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        SettingsDialog dialog(&m_core, m_secrets.get());
        PipelinePage *page = dialog.pipelinePage();
        QVERIFY(page);
        QTableWidget *rules = page->rulesTable();
        QCOMPARE(rules->rowCount(), 1);
        QCOMPARE(rules->item(0, PipelinePage::Name)->text(), QStringLiteral("Big expense"));
        QCOMPARE(rules->item(0, PipelinePage::Operator)->text(), QStringLiteral(">"));
        QCOMPARE(rules->item(0, PipelinePage::Value)->text(), QStringLiteral("500"));

        setCell(rules, 0, PipelinePage::Name, QStringLiteral("Very big expense"));
        setCell(rules, 0, PipelinePage::Value, QStringLiteral("750"));
        setCell(rules, 0, PipelinePage::Events, QStringLiteral("entry.created"));
        QVERIFY2(dialog.apply(), qPrintable(dialog.lastError()));
        QVERIFY(!dialog.isSaving()); // the rules file answers at once
        const Rule saved = m_core.pipelineConfig()->rules.rules.value(0);
        QCOMPARE(saved.id, QStringLiteral("big-expense"));
        QCOMPARE(saved.name, QStringLiteral("Very big expense"));
        QCOMPARE(saved.condition.value, QStringLiteral("750"));
        QCOMPARE(saved.events, QStringList {QStringLiteral("entry.created")});
        // What the table does not show is kept: the notification's own title.
        QCOMPARE(saved.actions.size(), 1);
        QCOMPARE(saved.actions.at(0).title, QStringLiteral("Expense over 500"));

        // A refused edit: the error under the rules, the last good rules still in force.
        setCell(rules, 0, PipelinePage::PostUrl, QStringLiteral("file:///etc/passwd"));
        QVERIFY(!dialog.apply());
        QVERIFY(!page->rulesError()->isHidden());
        QVERIFY(page->rulesError()->text().contains(QStringLiteral("not saved")));
        QCOMPARE(m_core.pipelineConfig()->rules.rules.value(0), saved);

        // A day count that is not a number is refused before the core is asked.
        setCell(rules, 0, PipelinePage::PostUrl, QString());
        setCell(rules, 0, PipelinePage::Operator, QStringLiteral("due within days"));
        setCell(rules, 0, PipelinePage::Value, QStringLiteral("soon"));
        QVERIFY(!dialog.apply());
        QVERIFY(page->rulesError()->text().contains(QStringLiteral("number of days")));
        setCell(rules, 0, PipelinePage::Field, QStringLiteral("due_date"));
        setCell(rules, 0, PipelinePage::Value, QStringLiteral("2"));
        QVERIFY2(dialog.apply(), qPrintable(dialog.lastError()));
        QVERIFY(page->rulesError()->isHidden());
        QCOMPARE(m_core.pipelineConfig()->rules.rules.value(0).condition.op, ConditionOp::DueWithinDays);
        QCOMPARE(m_core.pipelineConfig()->rules.rules.value(0).condition.days, 2);
    }

    void forwardsAlertAndRetry()
    {
        SettingsDialog dialog(&m_core, m_secrets.get());
        PipelinePage *page = dialog.pipelinePage();
        ForwardTarget target;
        target.url = QStringLiteral("http://127.0.0.1:3000/hook");
        page->addForward(target);
        QTableWidget *forwards = page->forwardsTable();
        forwards->item(0, PipelinePage::Stale)->setCheckState(Qt::Checked);
        const QString secretUrl = QStringLiteral("https://hooks.slack.com/services/T000/B000/SECRETPART");
        page->alertUrlEdit()->setText(secretUrl);
        QCOMPARE(page->alertUrlEdit()->echoMode(), QLineEdit::Password);
        page->attempts()->setValue(3);
        QVERIFY2(dialog.apply(), qPrintable(dialog.lastError()));
        const auto config = m_core.pipelineConfig();
        QCOMPARE(config->forwards.size(), 1);
        QCOMPARE(config->forwards.at(0).url, target.url);
        QCOMPARE(config->forwards.at(0).outcomeMask, (1u << int(Outcome::Accepted)) | (1u << int(Outcome::Stale)));
        QCOMPARE(config->alertUrl, secretUrl);
        QCOMPARE(m_core.retryPolicy().maxAttempts, 3);
        // The secret is never shown again: only the redacted form.
        QVERIFY(page->alertUrlEdit()->text().isEmpty());
        QVERIFY(!page->alertCurrent()->text().contains(QStringLiteral("SECRETPART")));
        QVERIFY(page->alertCurrent()->text().contains(QStringLiteral("hooks.slack.com")));
        if (!qEnvironmentVariableIsEmpty("PEANUTS_SCREENSHOT_DIR")) {
            dialog.findChild<QTabWidget *>()->setCurrentWidget(page);
            dialog.resize(1100, 860);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            saveScreenshot(&dialog, QStringLiteral("settings-actions"));
        }

        // A forwarding secret typed here is saved and in force, and never shown again.
        QCOMPARE(page->forwardSecretEdit()->echoMode(), QLineEdit::Password);
        page->forwardSecretEdit()->setText(QStringLiteral("handler-secret"));
        QVERIFY2(dialog.apply(), qPrintable(dialog.lastError()));
        QCOMPARE(m_core.forwardSecretSource(), QStringLiteral("the forwarding secret saved here"));
        QVERIFY(page->forwardSecretEdit()->text().isEmpty());
        QVERIFY(page->forwardSecretSource()->text().contains(QStringLiteral("the forwarding secret saved here")));
        QVERIFY(!page->forwardSecretSource()->text().contains(QStringLiteral("handler-secret")));
        m_core.setStoredForwardSecret({});

        // A refused alert URL: said under the alert group, the old one in force.
        page->alertUrlEdit()->setText(QStringLiteral("file:///etc/passwd"));
        QVERIFY(!dialog.apply());
        QVERIFY(!page->alertError()->isHidden());
        QCOMPARE(m_core.pipelineConfig()->alertUrl, secretUrl);
    }

    void deadLetterViewRetryAndDiscard()
    {
        DeadLetterView view(nullptr);
        QList<OutboxAction> rows;
        for (qint64 id : {11, 12, 13}) {
            OutboxAction a;
            a.id = id;
            a.kind = id == 12 ? ActionKind::Post : ActionKind::Forward;
            a.state = ActionState::Dead;
            a.target = id == 12 ? QStringLiteral("https://hooks.slack.com/services/T000/B000/SECRETPART")
                                : QStringLiteral("http://127.0.0.1:3000/hook");
            a.attempts = 6;
            a.lastError = QStringLiteral("connection refused");
            a.deliveryId = id * 10;
            rows.append(a);
        }
        view.showRows(rows);
        QCOMPARE(view.table()->rowCount(), 3);
        QVERIFY(!view.table()->item(1, 2)->text().contains(QStringLiteral("SECRETPART")));
        QCOMPARE(view.table()->item(0, 6)->text(), QStringLiteral("connection refused"));
        QVERIFY(!view.retryButton()->isEnabled());

        QSignalSpy retry(&view, &DeadLetterView::retryRequested);
        QSignalSpy discard(&view, &DeadLetterView::discardRequested);
        view.table()->selectRow(0);
        view.table()->selectionModel()->select(
            view.table()->model()->index(2, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QVERIFY(view.retryButton()->isEnabled());
        QTest::mouseClick(view.retryButton(), Qt::LeftButton);
        QCOMPARE(retry.size(), 1);
        QCOMPARE(retry.at(0).at(0).value<QList<qint64>>(), (QList<qint64> {11, 13}));
        view.table()->selectRow(1);
        QTest::mouseClick(view.discardButton(), Qt::LeftButton);
        QCOMPARE(discard.size(), 1);
        QCOMPARE(discard.at(0).at(0).value<QList<qint64>>(), QList<qint64> {12});

        // The selection survives a refresh by id.
        view.showRows(rows.mid(1));
        QCOMPARE(view.selectedIds(), QList<qint64> {12});

        // Over the running core's service: it fetches (nothing dead in a fresh database).
        DeadLetterView live(m_core.actions());
        QSignalSpy shown(&live, &DeadLetterView::rowsShown);
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, 5000);
        QCOMPARE(shown.at(0).at(0).toInt(), 0);
    }

    void deadLetterCountHidesAtZero()
    {
        QWidget holder;
        DeadLetterButton &button = *new DeadLetterButton(nullptr, &holder);
        holder.show();
        QVERIFY(button.isHidden());
        // Nothing to show: no slow refresh either (issue 15, an idle window sleeps).
        QVERIFY(!button.slowRefreshArmed());
        button.setCounts(3, 1, 0);
        QVERIFY(!button.isHidden());
        QVERIFY(button.text().contains(QStringLiteral("3 dead letters")));
        QVERIFY(button.toolTip().contains(QStringLiteral("1 more")));
        QVERIFY(button.slowRefreshArmed()); // dead letters age out without a signal
        button.setCounts(0, 2, 0);
        QVERIFY(button.slowRefreshArmed());
        button.setCounts(0, 0, 0);
        QVERIFY(button.isHidden());
        QVERIFY(!button.slowRefreshArmed());
    }

    void handlerTabShowsTheAnswer()
    {
        HandlerTab tab;
        OutboxAction notify;
        notify.id = 1;
        notify.kind = ActionKind::Notify;
        notify.state = ActionState::Done;
        notify.payload = "600.50 on e-1";
        OutboxAction forward;
        forward.id = 2;
        forward.kind = ActionKind::Forward;
        forward.state = ActionState::Done;
        forward.target = QStringLiteral("http://127.0.0.1:3000/hook");
        forward.attempts = 2;
        forward.idempotencyKey = "key-abc-123";
        forward.lastError = QString();
        forward.answer.status = 201;
        forward.answer.headers = "content-type: text/plain\nx-handler: yes\n";
        forward.answer.body = "handled ok";
        forward.answer.bodySize = 10;
        forward.answer.atMs = QDateTime::currentMSecsSinceEpoch();
        forward.answer.durationMs = 42;
        tab.showActions({notify, forward});
        tab.resize(700, 500);
        tab.show();
        // The forward leads: its answer is what is shown first.
        QCOMPARE(tab.list()->count(), 2);
        QVERIFY(tab.list()->item(0)->text().startsWith(QStringLiteral("forward")));
        QVERIFY2(tab.statusText().contains(QStringLiteral("201")), qPrintable(tab.statusText()));
        QVERIFY(tab.statusText().contains(QStringLiteral("42 ms")));
        QVERIFY(tab.headersText().contains(QStringLiteral("x-handler: yes")));
        QCOMPARE(tab.bodyText(), QStringLiteral("handled ok"));
        QVERIFY(tab.detailsText().contains(QStringLiteral("key-abc-123")));
        QVERIFY(tab.detailsText().contains(QStringLiteral("attempts: 2")));
        saveScreenshot(&tab, QStringLiteral("inspector-handler"));

        // A body that is not UTF-8 is shown in hex.
        forward.answer.body = QByteArray("\xff\xfe\x00\x01", 4);
        tab.showActions({forward});
        QVERIFY2(tab.bodyText().contains(QStringLiteral("ff fe 00 01")), qPrintable(tab.bodyText()));
        // The notification: its rendered text.
        tab.showActions({notify});
        QVERIFY(tab.detailsText().contains(QStringLiteral("600.50 on e-1")));
        tab.showActions({});
        QCOMPARE(tab.actionCount(), 0);
    }

    void outgoingChartGetsThePoints()
    {
        OutgoingChart chart(nullptr);
        QVERIFY(!chart.hint().isEmpty());
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 minute = now - now % 60'000;
        const QList<OutgoingMinute> minutes {
            {minute - 120'000, 5, 1, 0}, {minute - 60'000, 0, 0, 2}, {minute, 7, 0, 0}};
        chart.showMinutes(minutes);
        QCOMPARE(chart.delivered()->count(), 3);
        QCOMPARE(chart.delivered()->at(2), QPointF(qreal(minute), 7));
        QCOMPARE(chart.retrying()->at(0).y(), 1.0);
        QCOMPARE(chart.dead()->at(1).y(), 2.0);
        QVERIFY(chart.hint().isEmpty());
        QVERIFY(chart.delivered()->isVisible());

        // Zeros filled in, the current minute last, rows outside the hour left out.
        const QList<OutgoingMinute> filled = fillOutgoingMinutes(
            {{minute - 3 * 60'000 + 5, 4, 0, 0}, {minute - 90 * 60'000, 9, 9, 9}, {minute, 1, 2, 3}}, 60, now);
        QCOMPARE(filled.size(), 60);
        QCOMPARE(filled.constLast().minuteStartMs, minute);
        QCOMPARE(filled.constLast().dead, qint64(3));
        QCOMPARE(filled.at(56).delivered, qint64(4));
        qint64 total = 0;
        for (const OutgoingMinute &m : filled)
            total += m.delivered + m.retrying + m.dead;
        QCOMPARE(total, qint64(4 + 1 + 2 + 3));
    }

    void reprocessDialogRunsTheCheckedHits()
    {
        ReprocessDialog dialog(nullptr, {1, 2}, 3);
        QVERIFY(dialog.statusText().contains(QStringLiteral("3 selected rows not loaded")));
        ReprocessHit a;
        a.deliveryId = 1;
        a.entryId = QStringLiteral("e-1");
        a.ruleId = QStringLiteral("big-expense");
        a.ruleName = QStringLiteral("Big expense");
        a.match.text = QStringLiteral("600.50 on e-1");
        ReprocessHit b = a;
        b.deliveryId = 2;
        b.entryId = QStringLiteral("e-2");
        dialog.showHits({a, b});
        QCOMPARE(dialog.hitList()->topLevelItemCount(), 2);
        QCOMPARE(dialog.hitList()->topLevelItem(0)->text(3), QStringLiteral("600.50 on e-1"));
        dialog.hitList()->topLevelItem(0)->setCheckState(0, Qt::Unchecked);
        QSignalSpy run(&dialog, &ReprocessDialog::runRequested);
        QTest::mouseClick(dialog.runButton(), Qt::LeftButton);
        QCOMPARE(run.size(), 1);
        const auto hits = run.at(0).at(0).value<QList<ReprocessHit>>();
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits.at(0).deliveryId, qint64(2));
        QVERIFY(!dialog.runButton()->isEnabled()); // once
    }

    void resendRefusesABadUrl()
    {
        bool answered = false;
        int added = -1;
        QString error;
        QObject receiver;
        m_core.actions()->resend(&receiver, {1}, QStringLiteral("file:///etc/passwd"), [&](int n, const QString &e) {
            answered = true;
            added = n;
            error = e;
        });
        QVERIFY(!answered); // answered later, never from inside the call
        QTRY_VERIFY(answered);
        QCOMPARE(added, 0);
        QVERIFY(!error.isEmpty());
    }

    void resendQueuesAndTheInspectorShowsTheHandlerTab()
    {
        const qint64 id = postAndFindId(makeBody(
            QStringLiteral("resend-1"), QStringLiteral("entry.created"), earlierToday(1), QByteArrayLiteral("12.50")));
        QVERIFY(id > 0);
        bool answered = false;
        int added = -1;
        QString error;
        QObject receiver;
        QSignalSpy changed(m_core.actions(), &ActionService::changed);
        m_core.actions()->resend(
            &receiver, {id}, QStringLiteral("http://127.0.0.1:9/hook"), [&](int n, const QString &e) {
                answered = true;
                added = n;
                error = e;
            });
        QTRY_VERIFY(answered);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(added, 1);
        QVERIFY(changed.size() >= 1);

        Inspector inspector(&m_core);
        inspector.resize(800, 600);
        inspector.show();
        QSignalSpy actions(&inspector, &Inspector::actionsShown);
        inspector.showDelivery(id);
        QTRY_VERIFY(!actions.isEmpty());
        QCOMPARE(actions.at(0).at(0).toLongLong(), id);
        QVERIFY(actions.at(0).at(1).toInt() >= 1);
        QCOMPARE(inspector.tabs()->indexOf(inspector.handlerTab()), 0);
        QVERIFY(inspector.tabs()->tabText(0).startsWith(QStringLiteral("Handler")));
    }

    void windowShowsTheCoreAlertNotItsOwn()
    {
        MainWindow window(&m_core, &m_notifier, m_secrets.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.deadLetterButton()->isHidden());
        QVERIFY(window.failureAlertLabel()->isHidden());

        // One refused delivery: the window raises no notification of its own any more.
        const qint64 before = window.log()->model()->rowCount();
        RawClient client(m_core.port());
        client.send(webhookRequest(makeBody(QStringLiteral("bad-1")), QByteArray(64, 'b')));
        QCOMPARE(client.waitForReplies(1).value(0).status, 401);
        QTRY_VERIFY(window.log()->model()->rowCount() > before);
        QTest::qWait(200);
        for (const RecordingNotifier::Shown &shown : m_notifier.shown())
            QVERIFY2(shown.title != QStringLiteral("Delivery rejected"), qPrintable(shown.title));

        Q_EMIT m_core.failureAlert(QStringLiteral("Rejected deliveries"),
            QStringLiteral("12 refused in a minute: the secret was rotated on one side only?"));
        QVERIFY(!window.failureAlertLabel()->isHidden());
        QVERIFY(window.failureAlertLabel()->text().contains(QStringLiteral("Rejected deliveries")));
        QVERIFY(window.failureAlertLabel()->toolTip().contains(QStringLiteral("rotated")));
        Q_EMIT m_core.failureAlertCleared();
        QVERIFY(window.failureAlertLabel()->isHidden());

        // A click on a notification still opens its delivery.
        QSignalSpy shown(window.inspector(), &Inspector::deliveryShown);
        const qint64 id = window.log()->model()->idAt(0);
        QVERIFY(id > 0);
        m_notifier.activate(id);
        QTRY_VERIFY(!shown.isEmpty());
        QCOMPARE(window.inspector()->currentId(), id);

        window.openDeadLetters();
        QVERIFY(window.deadLetterDialog());
        QVERIFY(window.deadLetterDialog()->isVisible());
    }

    void cleanupTestCase() { m_core.stop(); }
};

QTEST_MAIN(TestPipelineUi)
#include "tst_pipelineui.moc"
