// Custom responses through a real receiver on port 0: the status, body, delay and percentage
// answered; a delivery stored and applied whatever it was answered; refusals and failed commits never
// turned into anything else; Peanuts' retries grouped with their first attempt; simulated failures
// out of the failure alerts; the log's view of it all; the headless warning.
#include "deliverylogmodel.h"
#include "deliverylogrows.h"
#include "deliverylogview.h"
#include "faultvfs.h"
#include "inspector.h"
#include "markingtranslator.h"
#include "monitorprocess.h"
#include "receivercore.h"
#include "services/logservice.h"
#include "store/storeworker.h"
#include "testsupport.h"

#include <QCheckBox>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSignalSpy>
#include <QSplitter>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace peanuts;
using namespace testsupport;

namespace {

CustomResponses responses(std::initializer_list<const char *> specs)
{
    CustomResponses r;
    r.enabled = true;
    for (const char *spec : specs) {
        QString error;
        const auto rule = parseResponseSpec(QString::fromLatin1(spec), &error);
        if (!rule)
            qFatal("bad spec %s: %s", spec, qPrintable(error));
        r.rules.append(*rule);
    }
    return r;
}

HttpReply post(quint16 port, const QByteArray &request)
{
    RawClient client(port);
    client.send(request);
    return client.waitForReplies(1, 20000).value(0);
}

// The expense total /api/stats reports for this month.
double statsTotal(quint16 port)
{
    RawClient client(port);
    client.send("GET /api/stats HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + kApiToken + "\r\n\r\n");
    const HttpReply reply = client.waitForReplies(1).value(0);
    return QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("total_this_month")).toDouble(-1);
}

QByteArray thisMonthBody(
    const QString &id, const QByteArray &amount, const QString &command = QStringLiteral("/expenses"))
{
    return makeBody(id, QStringLiteral("entry.created"), earlierToday(), amount, QStringLiteral("Food"), command);
}

} // namespace

class ResponsesTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_runs = 0;

    Options options() { return testOptions(m_dir.filePath(QStringLiteral("run-%1").arg(++m_runs))); }

    // A run whose custom responses come from the command line (--respond): settings do not replace them.
    Options options(const CustomResponses &given)
    {
        Options o = options();
        o.responses = given;
        o.explicitlySet.append(QStringLiteral("respond"));
        return o;
    }

    static qint64 raw(const ReceiverCore &core, const QByteArray &sql)
    {
        return rawNumber(core.options().dbPath, sql.constData());
    }

private Q_SLOTS:
    void cleanup() { faultvfs::setMode(faultvfs::Mode::None); }

    void specsAndJsonSayWhatIsWrong()
    {
        QString error;
        const auto rule = parseResponseSpec(
            QStringLiteral(
                "status=503,percent=30,delay=1500,event=entry.created,helper=/expenses,body={\"a\":1,\"b\":2}"),
            &error);
        QVERIFY2(rule, qPrintable(error));
        QCOMPARE(rule->status, 503);
        QCOMPARE(rule->percent, 30);
        QCOMPARE(rule->delayMs, 1500);
        QCOMPARE(rule->body, QByteArray("{\"a\":1,\"b\":2}")); // the rest of the spec, commas and all
        QCOMPARE(describe(*rule), QStringLiteral("503 to 30% of entry.created on /expenses, after 1.5 s"));
        for (const char *bad : {"status=99", "status=600", "percent=0", "percent=101", "delay=-1", "delay=60001",
                 "colour=red", "status=abc", "503"}) {
            error.clear();
            QVERIFY2(!parseResponseSpec(QString::fromLatin1(bad), &error), bad);
            QVERIFY2(!error.isEmpty(), bad);
        }
        // The settings' form round-trips, and a bad field is named by its path.
        const QList<CustomResponse> rules {*rule, CustomResponse {}};
        const auto back = customResponsesFromJson(customResponsesToJson(rules), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(*back, rules);
        QVERIFY(!customResponsesFromJson(QStringLiteral("[{\"status\":503},{\"status\":42}]"), &error));
        QVERIFY2(error.startsWith(QStringLiteral("[1].status:")), qPrintable(error));
        QVERIFY(!customResponsesFromJson(QStringLiteral("[{\"percent\":\"30\"}]"), &error));
        QVERIFY2(error.startsWith(QStringLiteral("[0].percent:")), qPrintable(error));
        // The first rule that matches decides; one that matches nothing leaves the usual answer.
        const CustomResponses set = responses({"status=202,event=entry.deleted", "status=503,helper=/tasks"});
        QCOMPARE(
            set.match(QStringLiteral("entry.deleted"), QStringLiteral("Tasks"), QStringLiteral("/tasks"))->status, 202);
        QCOMPARE(
            set.match(QStringLiteral("entry.created"), QStringLiteral("Tasks"), QStringLiteral("/tasks"))->status, 503);
        QCOMPARE(
            set.match(QStringLiteral("entry.created"), QStringLiteral("Expense Tracker"), QStringLiteral("/expenses")),
            nullptr);
        CustomResponses off = set;
        off.enabled = false;
        QCOMPARE(
            off.match(QStringLiteral("entry.deleted"), QStringLiteral("Tasks"), QStringLiteral("/tasks")), nullptr);
        QVERIFY(off.summary().isEmpty());
        QVERIFY(set.summary().contains(QLatin1String("202 to every entry.deleted")));
    }

    // A simulated 503 still stores and applies the delivery, says so in its row, and the other helper
    // gets the usual answer.
    // What the window shows goes through the translator (plural forms for counts); what is stored, sent
    // or logged does not: the outcome's API name, the refusal reason as stored, the headless warning.
    void windowTextsTranslatedStoredTextsNot()
    {
        using testsupport::MarkingTranslator;
        const QString &mark = MarkingTranslator::kMark;
        MarkingTranslator translator;
        CustomResponses on;
        on.enabled = true;
        CustomResponse rule;
        rule.status = 503;
        rule.percent = 30;
        on.rules = {rule};
        QCOMPARE(on.summary(TextLanguage::English),
            QStringLiteral(
                "Custom responses are on: 503 to 30% of deliveries. Deliveries are still stored and applied."));
        QCOMPARE(on.summary(),
            mark + QStringLiteral("Custom responses are on: ") + mark
                + QStringLiteral("503 to 30% of deliveries. Deliveries are still stored and applied."));

        QCOMPARE(QByteArray(outcomeName(Outcome::RejectedSignature)), QByteArray("rejected: signature"));
        DeliveryRow row;
        row.outcome = Outcome::Accepted;
        row.status = 503;
        row.simulated = true;
        row.retries = 2;
        QCOMPARE(deliveryRowData(row, DeliveryLogModel::ResultColumn, Qt::DisplayRole).toString(),
            mark + QStringLiteral("accepted · ") + mark + QStringLiteral("simulated 503 · ") + mark
                + QStringLiteral("2 retries"));
        QVERIFY(translator.askedFor(QStringLiteral("peanuts::DeliveryLogModel"), QStringLiteral("%n retries"), 2));

        DeliveryRow refused;
        refused.outcome = Outcome::RejectedSignature;
        refused.status = 401;
        refused.reason = QStringLiteral("signature matches no configured secret"); // as stored
        QCOMPARE(deliveryRowData(refused, DeliveryLogModel::ResultColumn, Qt::DisplayRole).toString(),
            mark + QStringLiteral("rejected 401: ") + mark + refused.reason);
    }

    void statusAndBodyStoredAndApplied()
    {
        Options o
            = options(responses({"status=503,helper=/expenses", "status=202,helper=/tasks,body={\"queued\":true}"}));
        ReceiverCore core;
        QString error;
        QVERIFY2(core.start(o, &error), qPrintable(error));
        const HttpReply failed = post(core.port(), signedRequest(thisMonthBody(QStringLiteral("x-1"), "40.00")));
        QCOMPARE(failed.status, 503);
        QVERIFY2(failed.body.contains("simulated failure"), failed.body.constData());
        QCOMPARE(statsTotal(core.port()), 40.0); // applied before the answer, as any answer
        const HttpReply custom
            = post(core.port(), signedRequest(thisMonthBody(QStringLiteral("t-1"), "1", QStringLiteral("/tasks"))));
        QCOMPARE(custom.status, 202);
        QCOMPARE(custom.body, QByteArray("{\"queued\":true}"));
        // Off: the usual answer again, from the next delivery on.
        CustomResponses off = core.customResponses();
        off.enabled = false;
        core.setCustomResponses(off);
        // In force from the next delivery on: the change is queued to the HTTP thread ahead of it.
        QCOMPARE(post(core.port(), signedRequest(thisMonthBody(QStringLiteral("x-2"), "2.00"))).status, 200);
        core.stop();
        QCOMPARE(raw(core, "SELECT count(*) FROM deliveries WHERE simulated = 1 AND status = 503 AND outcome = 0"), 1);
        QCOMPARE(raw(core, "SELECT count(*) FROM deliveries WHERE simulated = 1 AND status = 202"), 1);
        QCOMPARE(raw(core, "SELECT count(*) FROM deliveries WHERE simulated = 0 AND status = 200"), 1);
        QCOMPARE(raw(core, "SELECT count(*) FROM deliveries WHERE answer_ms IS NULL OR answer_ms < 0"), 0);
    }

    // A refusal keeps its status whatever the rules say, and so does a delivery that was not stored.
    void refusalsAndFailedCommitsAreNeverChanged()
    {
        Options o = options(responses({"status=200,body={\"ok\":true}"}));
        o.limits.maxBodyBytes = 4096;
        o.storeVfs = QString::fromLatin1(faultvfs::registerVfs());
        ReceiverCore core;
        QString error;
        QVERIFY2(core.start(o, &error), qPrintable(error));
        const QByteArray body = thisMonthBody(QStringLiteral("r-1"), "5.00");
        QCOMPARE(post(core.port(), webhookRequest(body, sign("wrong", body))).status, 401);
        QCOMPARE(post(core.port(), signedRequest("{\"not\":\"an event\"}")).status, 400);
        const QByteArray big(8000, 'x');
        QCOMPARE(post(core.port(), signedRequest(big)).status, 413);
        // Their rows are written after their answers: in before the disk fills.
        QTRY_COMPARE(raw(core, "SELECT count(*) FROM deliveries WHERE outcome >= 4 AND simulated = 0"), 3);
        faultvfs::setMode(faultvfs::Mode::DiskFull);
        const HttpReply notStored = post(core.port(), signedRequest(body));
        QCOMPARE(notStored.status, 503);
        QVERIFY(!notStored.body.contains("\"ok\""));
        faultvfs::setMode(faultvfs::Mode::None);
        QTRY_COMPARE_WITH_TIMEOUT(post(core.port(), signedRequest(body)).status, 200, 10000);
        core.stop();
        // Only the deliveries stored after the disk came back were answered by the rule (QTRY posts again
        // until one is); the refusals kept their own status and are not marked.
        QVERIFY(raw(core, "SELECT count(*) FROM deliveries WHERE simulated = 1 AND status = 200 AND outcome < 4") >= 1);
        QCOMPARE(raw(core, "SELECT count(*) FROM deliveries WHERE simulated = 1 AND outcome >= 4"), 0);
        QCOMPARE(raw(core, "SELECT count(*) FROM deliveries WHERE outcome >= 4"), 3);
    }

    // The delay runs after the commit; the row's answer time includes it; a stop answers at once.
    void delayAfterTheCommit()
    {
        Options o = options(responses({"status=200,delay=700,event=entry.created", "status=503,delay=30000"}));
        ReceiverCore core;
        QString error;
        QVERIFY2(core.start(o, &error), qPrintable(error));
        QElapsedTimer timer;
        timer.start();
        RawClient client(core.port());
        client.send(signedRequest(thisMonthBody(QStringLiteral("d-1"), "7.00")));
        // Stored and applied while the answer waits.
        QTRY_COMPARE_WITH_TIMEOUT(statsTotal(core.port()), 7.0, 5000);
        QVERIFY(client.received().isEmpty());
        const HttpReply reply = client.waitForReplies(1, 10000).value(0);
        QCOMPARE(reply.status, 200);
        QVERIFY2(timer.elapsed() >= 700, qPrintable(QString::number(timer.elapsed())));
        QTRY_VERIFY(raw(core, "SELECT answer_ms FROM deliveries WHERE entry_id = 'd-1'") >= 700);

        // 30 s asked for; stopping does not wait for it.
        RawClient slow(core.port());
        slow.send(signedRequest(makeBody(QStringLiteral("d-2"), QStringLiteral("entry.updated"), earlierToday())));
        QTRY_COMPARE(raw(core, "SELECT count(*) FROM deliveries WHERE entry_id = 'd-2'"), 1);
        timer.restart();
        core.stop();
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(slow.waitForReplies(1, 5000).value(0).status, 503);
    }

    // "503 to 30%": about 30% of 300 deliveries, all of them stored.
    void percentageOfDeliveries()
    {
        Options o = options(responses({"status=503,percent=30"}));
        ReceiverCore core;
        QString error;
        QVERIFY2(core.start(o, &error), qPrintable(error));
        RawClient client(core.port());
        QByteArray requests;
        constexpr int kCount = 300;
        for (int i = 0; i < kCount; ++i)
            requests += signedRequest(thisMonthBody(QStringLiteral("p-%1").arg(i), "1.00"));
        client.send(requests);
        const QList<HttpReply> replies = client.waitForReplies(kCount, 20000);
        QCOMPARE(replies.size(), kCount);
        int failed = 0;
        for (const HttpReply &r : replies) {
            QVERIFY(r.status == 200 || r.status == 503);
            failed += r.status == 503;
        }
        // Binomial(300, 0.3): mean 90, sigma 7.9; six sigmas either side.
        QVERIFY2(failed > 42 && failed < 138, qPrintable(QString::number(failed)));
        core.stop();
        QCOMPARE(raw(core, "SELECT count(*) FROM deliveries WHERE outcome = 0"), kCount);
        QCOMPARE(raw(core, "SELECT count(*) FROM deliveries WHERE status = 503 AND simulated = 1"), failed);
    }

    // Peanuts retries what got 503: the same bytes. Each retry names the first attempt; the log lists
    // them together, and the inspector's query finds all three from any of them.
    void retriesGroupWithTheirFirstAttempt()
    {
        Options o = options(responses({"status=503"}));
        ReceiverCore core;
        QString error;
        QVERIFY2(core.start(o, &error), qPrintable(error));
        const QByteArray body = thisMonthBody(QStringLiteral("g-1"), "9.99");
        QCOMPARE(post(core.port(), signedRequest(body)).status, 503);
        QCOMPARE(post(core.port(), signedRequest(thisMonthBody(QStringLiteral("g-2"), "1.00"))).status, 503);
        QCOMPARE(post(core.port(), signedRequest(body)).status, 503);
        CustomResponses off = core.customResponses();
        off.enabled = false;
        core.setCustomResponses(off);
        QCOMPARE(post(core.port(), signedRequest(body)).status, 200); // the retry that succeeds
        QCOMPARE(statsTotal(core.port()), 10.99); // applied once

        const auto attempts = [&](qint64 id) {
            return onStore(core.reader(), [id](Store &store) {
                return store.attempts(id);
            }).value_or(QList<DeliveryRow>());
        };
        const qint64 first = raw(core, "SELECT min(id) FROM deliveries WHERE entry_id = 'g-1'");
        const QList<DeliveryRow> all = attempts(first);
        QCOMPARE(all.size(), 3);
        QCOMPARE(all[0].id, first);
        QCOMPARE(all[0].retries, 2);
        QCOMPARE(all[0].firstAttempt, 0);
        QCOMPARE(all[1].firstAttempt, first);
        QCOMPARE(all[1].outcome, Outcome::Duplicate);
        QVERIFY(all[1].simulated);
        QCOMPARE(all[2].status, 200);
        QVERIFY(!all[2].simulated);
        QCOMPARE(attempts(all[2].id).size(), 3); // from a retry too
        QCOMPARE(attempts(raw(core, "SELECT id FROM deliveries WHERE entry_id = 'g-2'")).size(), 1);

        // The log: three rows (g-1 and its retries) become one that counts them; the inspector lists them.
        QSplitter window;
        auto *view = new DeliveryLogView(&core, &window);
        auto *inspector = new Inspector(&core, &window);
        window.addWidget(view);
        window.addWidget(inspector);
        DeliveryLogModel *model = view->model();
        QTRY_COMPARE(model->rowCount(), 2);
        QTRY_VERIFY(model->rowAt(1) != nullptr);
        const QString firstRow = model->index(1, DeliveryLogModel::ResultColumn).data().toString();
        QCOMPARE(firstRow, QStringLiteral("accepted · simulated 503 · 2 retries"));
        inspector->showDelivery(first);
        const QString listed
            = QStringLiteral("3 attempts: <b>#%1</b> 503 simulated → <a href='#%2'>#%2</a> 503 simulated"
                             " → <a href='#%3'>#%3</a> 200")
                  .arg(first)
                  .arg(all[1].id)
                  .arg(all[2].id);
        QTRY_VERIFY2(inspector->notesLabel()->text().contains(listed), qPrintable(inspector->notesLabel()->text()));
        QVERIFY(inspector->notesLabel()->text().contains(QLatin1String("answered 503 (simulated failure)")));
        if (const QString dir = qEnvironmentVariable("PEANUTS_SCREENSHOT_DIR"); !dir.isEmpty()) {
            window.resize(1500, 520);
            window.setSizes({800, 700});
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            view->table()->selectRow(1);
            QTest::qWait(300);
            QVERIFY(window.grab().save(QDir(dir).filePath(QStringLiteral("retries-together.png"))));
        }
        auto *together = view->findChild<QCheckBox *>();
        QVERIFY(together);
        together->setChecked(false);
        QTRY_COMPARE(model->rowCount(), 4);
        QTRY_VERIFY(model->rowAt(0) != nullptr);
        QCOMPARE(model->index(0, DeliveryLogModel::ResultColumn).data().toString(),
            QStringLiteral("duplicate · retry of #%1").arg(first));
        core.stop();
    }

    // Headless, the warning is at the start, in words; a bad --respond stops the start with its reason.
    void headlessWarnsAtStart()
    {
        Monitor monitor(m_dir.filePath(QStringLiteral("headless")),
            MonitorConfig {{QStringLiteral("--no-stream"), QStringLiteral("--respond"),
                QStringLiteral("status=503,percent=30,helper=/expenses")}});
        monitor.waitUntilListening();
        monitor.terminateAndWait();
        const QString err = QString::fromUtf8(monitor.standardError());
        QVERIFY2(err.contains(QLatin1String("Custom responses are on: 503 to 30% of deliveries on /expenses")),
            qPrintable(err));
        QVERIFY2(err.contains(QLatin1String("start without --respond")), qPrintable(err));

        Monitor bad(m_dir.filePath(QStringLiteral("bad")),
            MonitorConfig {{QStringLiteral("--respond"), QStringLiteral("status=503,percent=300")}});
        bad.waitForExit(2);
        const QString said = QString::fromUtf8(bad.standardOutput() + bad.standardError());
        QVERIFY2(said.contains(QLatin1String("--respond status=503,percent=300: percent: must be from 1 to 100")),
            qPrintable(said));
    }

    // A flood of simulated failures raises no failure alert; real refusals still do.
    void simulatedFailuresRaiseNoAlert()
    {
        Options o = options(responses({"status=500"}));
        o.pipeline.rejectAlertPerMinute = 5;
        o.explicitlySet.append(QStringLiteral("reject-alert-threshold"));
        ReceiverCore core;
        QSignalSpy alerts(&core, &ReceiverCore::failureAlert);
        QString error;
        QVERIFY2(core.start(o, &error), qPrintable(error));
        const qint64 intoMinute = QDateTime::currentMSecsSinceEpoch() % 60'000;
        if (intoMinute > 50'000) // one minute's window for both floods
            QTest::qWait(int(60'000 - intoMinute + 100));
        RawClient client(core.port());
        QByteArray requests;
        for (int i = 0; i < 20; ++i)
            requests += signedRequest(thisMonthBody(QStringLiteral("a-%1").arg(i), "1.00"));
        client.send(requests);
        const QList<HttpReply> replies = client.waitForReplies(20, 10000);
        QCOMPARE(replies.size(), 20);
        QCOMPARE(replies.constLast().status, 500);
        QTest::qWait(200);
        QCOMPARE(alerts.size(), 0);
        const QByteArray body = thisMonthBody(QStringLiteral("a-x"), "1.00");
        for (int i = 0; i < 5; ++i)
            QCOMPARE(post(core.port(), webhookRequest(body, sign("wrong", body))).status, 401);
        QTRY_COMPARE(alerts.size(), 1);
        QVERIFY2(alerts.constFirst().at(1).toString().contains(QLatin1String("5 ")),
            qPrintable(alerts.constFirst().at(1).toString()));
        core.stop();
    }
};

QTEST_MAIN(ResponsesTest)
#include "tst_responses.moc"
