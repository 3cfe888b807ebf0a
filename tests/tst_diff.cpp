// Comparing two deliveries: the core's diff (headers by name, JSON key by key, text by line), the model
// under QAbstractItemModelTester, and the dialog opened from the log over a real receiver.
// PEANUTS_SCREENSHOT_DIR=dir saves the dialog as diff-dialog.png.
#include "config/secretstore.h"
#include "deliverylogmodel.h"
#include "deliverylogview.h"
#include "diffdialog.h"
#include "diffmodel.h"
#include "inspect/deliverydiff.h"
#include "mainwindow.h"
#include "notifier.h"
#include "palette.h"
#include "receivercore.h"
#include "services/logservice.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace peanuts;
using namespace testsupport;

namespace {

using Kind = JsonChange::Kind;

Delivery withBody(const QByteArray &body, const QByteArray &headers = "content-type: application/json\n")
{
    Delivery d = receivedDelivery(body, 1'700'000'000'000);
    d.headers = headers;
    return d;
}

// The rows as "kind path: left | right", to compare whole lists at once.
QStringList rows(const QList<JsonChange> &changes)
{
    QStringList out;
    for (const JsonChange &c : changes)
        out.append(QStringLiteral("%1 %2: %3 | %4").arg(DiffModel::kindName(c.kind), c.path, c.before, c.after));
    return out;
}

QStringList strings(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *s : list)
        out.append(QString::fromUtf8(s));
    return out;
}

JsonChange change(Kind kind, const char *path, const QString &before, const QString &after)
{
    return {kind, QString::fromUtf8(path), before, after};
}

} // namespace

class TestDiff : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ReceiverCore m_core;

    qint64 post(const QByteArray &request, int status)
    {
        RawClient client(m_core.port());
        client.send(request);
        const HttpReply reply = client.waitForReplies(1, 10000).value(0);
        return reply.status == status ? 1 : 0;
    }

private Q_SLOTS:
    void headersByName()
    {
        const QList<JsonChange> diff = diffHeaderLines(
            "Host: a\nContent-Type: application/json\nX-Peanuts-Signature: sha256=aa\nX-Old: 1\nAccept: */*\nAccept: "
            "text/plain\n",
            "host: a\ncontent-type: application/json; charset=utf-8\nX-Peanuts-Signature: sha256=bb\nAccept: "
            "*/*\nX-New: 2\n");
        QCOMPARE(rows(diff),
            strings({"same host: a | a", "changed content-type: application/json | application/json; charset=utf-8",
                "changed X-Peanuts-Signature: sha256=aa | sha256=bb", "same Accept: */* | */*", "added X-New:  | 2",
                "removed X-Old: 1 | ", "removed Accept #2: text/plain | "}));
    }

    void jsonKeyByKey()
    {
        const Delivery left = withBody(
            R"({"event":"entry.created","entry":{"id":"e-1","data":{"amount":12.50,"category":"Food","tags":["a","b"]}}})");
        const Delivery right = withBody(R"({"event":"entry.updated","entry":{"id":"e-1","data":{"amount":12.5,)"
                                        R"("tags":["a","c","d"],"note":"x"}}})");
        const DeliveryDiff diff = diffDeliveries(left, right);
        QVERIFY(diff.bodyAsJson);
        QVERIFY2(diff.bodyNote.isEmpty(), qPrintable(diff.bodyNote));
        // Numbers compare as written (12.50 is not 12.5 to a sender's eyes); arrays element by element;
        // in the right's order, then what only the left had.
        QCOMPARE(rows(diff.body),
            strings({"changed event: \"entry.created\" | \"entry.updated\"", "same entry.id: \"e-1\" | \"e-1\"",
                "changed entry.data.amount: 12.50 | 12.5", "same entry.data.tags[0]: \"a\" | \"a\"",
                "changed entry.data.tags[1]: \"b\" | \"c\"", "added entry.data.tags[2]:  | \"d\"",
                "added entry.data.note:  | \"x\"", "removed entry.data.category: \"Food\" | "}));
        QCOMPARE(rows(diff.headers), strings({"same content-type: application/json | application/json"}));
    }

    void textLineByLine()
    {
        Delivery left = withBody("not json\nline two\n");
        left.outcome = Outcome::RejectedShape;
        Delivery right = withBody("{\"a\":1}");
        right.redacted = false;
        DeliveryDiff diff = diffDeliveries(left, right);
        QVERIFY(!diff.bodyAsJson);
        QCOMPARE(diff.bodyNote, QStringLiteral("The left body is not JSON; compared line by line"));
        QCOMPARE(rows(diff.body),
            strings({"changed line 1: not json | {\"a\":1}", "removed line 2: line two | ", "removed line 3:  | "}));

        Delivery redacted = withBody(QByteArray());
        redacted.redacted = true;
        redacted.bodySize = 40;
        diff = diffDeliveries(redacted, right);
        QCOMPARE(diff.bodyNote, QStringLiteral("The left body was redacted; compared line by line"));
        QCOMPARE(rows(diff.body), strings({"added line 1:  | {\"a\":1}"}));

        Delivery cut = withBody("{\"a\":");
        cut.bodySize = 5000;
        diff = diffDeliveries(right, cut);
        QVERIFY2(diff.bodyNote.startsWith(QStringLiteral("The right body was kept only in part (5 of 5000 bytes)")),
            qPrintable(diff.bodyNote));
    }

    void model()
    {
        DiffModel model(QStringLiteral("Key"));
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString one = QStringLiteral("1");
        const QList<JsonChange> changes {change(Kind::Same, "a", one, one),
            change(Kind::Changed, "b", one, QStringLiteral("2")),
            change(Kind::Added, "c", QString(), QStringLiteral("3")),
            change(Kind::Removed, "d", QStringLiteral("4"), QString()),
            change(Kind::Same, "", QString(500, u'x'), QString(500, u'x'))};
        model.setChanges(changes);
        // The unchanged rows are hidden by default, counted all the same.
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.totalCount(), 5);
        QCOMPARE(model.count(Kind::Same), 2);
        QCOMPARE(model.columnCount(), int(DiffModel::ColumnCount));
        QCOMPARE(model.headerData(DiffModel::PathColumn, Qt::Horizontal).toString(), QStringLiteral("Key"));
        QCOMPARE(model.index(0, DiffModel::PathColumn).data().toString(), QStringLiteral("b"));
        QCOMPARE(model.index(0, DiffModel::LeftColumn).data().toString(), QStringLiteral("1"));
        QCOMPARE(model.index(0, DiffModel::RightColumn).data().toString(), QStringLiteral("2"));
        QCOMPARE(model.index(0, DiffModel::ChangeColumn).data().toString(), QStringLiteral("changed"));
        QCOMPARE(model.index(1, DiffModel::ChangeColumn).data().toString(), QStringLiteral("added"));
        QCOMPARE(model.index(2, DiffModel::ChangeColumn).data().toString(), QStringLiteral("removed"));
        QCOMPARE(model.index(2, 0).data(DiffModel::KindRole).toInt(), int(Kind::Removed));

        // Colours from the palette: the kind's tone on the changed side and the Change column, a tint
        // behind the row; a removed value struck out.
        QPalette light;
        light.setColor(QPalette::Base, Qt::white);
        light.setColor(QPalette::Text, Qt::black);
        model.setPalette(light);
        QCOMPARE(model.index(1, DiffModel::RightColumn).data(Qt::ForegroundRole).value<QColor>(),
            diffText(Kind::Added, light));
        QCOMPARE(diffText(Kind::Added, light), QColor(toneText(OutcomeTone::Good, light)));
        QCOMPARE(model.index(2, DiffModel::LeftColumn).data(Qt::ForegroundRole).value<QColor>(),
            QColor(toneText(OutcomeTone::Bad, light)));
        QCOMPARE(model.index(0, DiffModel::ChangeColumn).data(Qt::ForegroundRole).value<QColor>(),
            QColor(toneText(OutcomeTone::Warning, light)));
        QVERIFY(model.index(2, DiffModel::LeftColumn).data(Qt::FontRole).value<QFont>().strikeOut());
        QVERIFY(model.index(0, DiffModel::PathColumn).data(Qt::BackgroundRole).value<QColor>().isValid());

        model.setShowSame(true);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(0, DiffModel::ChangeColumn).data().toString(), QStringLiteral("same"));
        QVERIFY(!model.index(0, DiffModel::PathColumn).data(Qt::BackgroundRole).isValid());
        QCOMPARE(model.index(0, DiffModel::RightColumn).data(Qt::ForegroundRole).value<QColor>(), QColor(Qt::black));
        // The whole body as one value, and long values cut in the cell but whole in the tooltip.
        QCOMPARE(model.index(4, DiffModel::PathColumn).data().toString(), QStringLiteral("(the whole body)"));
        QCOMPARE(model.index(4, DiffModel::LeftColumn).data().toString().size(), DiffModel::kMaxCell + 1);
        QCOMPARE(model.index(4, DiffModel::LeftColumn).data(Qt::ToolTipRole).toString().size(), 500);
        model.setShowSame(false);
        QCOMPARE(model.rowCount(), 3);
        model.setChanges({});
        QCOMPARE(model.rowCount(), 0);
    }

    void dialogFromTheLog()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_core.start(testOptions(m_dir.path()), &error), qPrintable(error));
        const QString ts = earlierToday();
        const QByteArray first = makeBody(QStringLiteral("diff-1"), QStringLiteral("entry.created"), ts,
            QByteArrayLiteral("12.50"), QStringLiteral("Food"));
        const QByteArray second
            = makeBody(QStringLiteral("diff-1"), QStringLiteral("entry.updated"), earlierToday(1),
                QByteArrayLiteral("14.00"), QStringLiteral("Groceries"))
                  .replace(",\"description\":\"test\"", ",\"description\":\"test\",\"shop\":\"Aldi\"");
        QVERIFY(post(signedRequest(first), 200));
        QVERIFY(post(signedRequest(second, "X-Retry: 1\r\n"), 200));

        // Through the window: the log's action opens the dialog.
        SecretStore secrets(QStringLiteral("peanuts-monitor-test"), m_dir.filePath(QStringLiteral("secrets.json")));
        secrets.setKeychainEnabled(false);
        RecordingNotifier notifier;
        MainWindow window(&m_core, &notifier, &secrets);
        window.resize(1200, 700);
        window.show();
        DeliveryLogView &view = *window.log();
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 2, 10000);
        auto *compare = view.findChild<QAction *>(QStringLiteral("compareAction"));
        QVERIFY(compare);
        QTRY_VERIFY(view.model()->idAt(1) != 0);
        view.selectRows(0, 0);
        QVERIFY(!compare->isEnabled()); // one row
        view.selectRows(0, 1);
        QVERIFY(compare->isEnabled());
        QSignalSpy requested(&view, &DeliveryLogView::compareRequested);
        compare->trigger();
        QCOMPARE(requested.size(), 1);
        const QList<qint64> ids = view.selectedIds();
        QCOMPARE(ids.size(), 2);
        QVERIFY(ids[0] > ids[1]); // newest first, as the log shows them
        auto *opened = window.findChild<DiffDialog *>(QStringLiteral("diffDialog"));
        QVERIFY(opened);
        QVERIFY(opened->isVisible());
        QVERIFY(opened->testAttribute(Qt::WA_DeleteOnClose));
        QTRY_COMPARE_WITH_TIMEOUT(opened->bodyModel()->totalCount() > 0, true, 10000);
        // Given newest first, the dialog still puts the older delivery on the left.
        QVERIFY2(opened->sideText(true).startsWith(QStringLiteral("Left: #%1").arg(ids[1])),
            qPrintable(opened->sideText(true)));
        opened->close();
        QTRY_VERIFY(!window.findChild<DiffDialog *>(QStringLiteral("diffDialog")));

        DiffDialog dialog(m_core.log(), ids[0], ids[1]);
        QSignalSpy ready(&dialog, &DiffDialog::ready);
        dialog.show();
        QVERIFY(ready.wait(10000));
        QVERIFY2(dialog.sideText(true).startsWith(QStringLiteral("Left: #%1").arg(ids[1])),
            qPrintable(dialog.sideText(true)));
        QVERIFY(dialog.sideText(true).contains(QStringLiteral("entry.created")));
        QVERIFY(dialog.sideText(false).contains(QStringLiteral("entry.updated")));
        QStringList shown;
        for (int row = 0; row < dialog.bodyModel()->rowCount(); ++row)
            shown.append(QStringLiteral("%1 %2").arg(
                dialog.bodyModel()->changeAt(row).path, DiffModel::kindName(dialog.bodyModel()->changeAt(row).kind)));
        QCOMPARE(shown,
            strings({"event changed", "timestamp changed", "entry.created_at changed", "entry.data.amount changed",
                "entry.data.category changed", "entry.data.shop added"}));
        // Headers: the signature differs, the retry header is new.
        bool signature = false, retry = false;
        for (int row = 0; row < dialog.headerModel()->rowCount(); ++row) {
            const JsonChange &c = dialog.headerModel()->changeAt(row);
            signature |= c.path.compare(QLatin1String("x-peanuts-signature"), Qt::CaseInsensitive) == 0
                && c.kind == Kind::Changed;
            retry |= c.path.compare(QLatin1String("x-retry"), Qt::CaseInsensitive) == 0 && c.kind == Kind::Added
                && c.after == QLatin1String("1");
        }
        QVERIFY(signature);
        QVERIFY(retry);
        QVERIFY2(dialog.summaryText().contains(QStringLiteral("Body: 5 changed, 1 added, 0 removed")),
            qPrintable(dialog.summaryText()));
        // The check box shows the unchanged rows in both tables.
        const int before = dialog.bodyModel()->rowCount();
        dialog.showSameBox()->setChecked(true);
        QCOMPARE(dialog.bodyModel()->rowCount(), before + dialog.bodyModel()->count(Kind::Same));
        QVERIFY(dialog.headerModel()->showSame());
        QCOMPARE(dialog.bodyTable()->model()->rowCount(), dialog.bodyModel()->rowCount());

        const QString dir = qEnvironmentVariable("PEANUTS_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            dialog.showSameBox()->setChecked(false);
            dialog.resize(1100, 640);
            QTest::qWait(100);
            QVERIFY(dialog.grab().save(QDir(dir).filePath(QStringLiteral("diff-dialog.png"))));
        }

        // A delivery that is gone: said so.
        DiffDialog missing(m_core.log(), ids[0], 999'999);
        QSignalSpy missingReady(&missing, &DiffDialog::ready);
        QVERIFY(missingReady.wait(10000));
        QCOMPARE(missing.summaryText(), QStringLiteral("Delivery #999999 is no longer in the database."));
        QCOMPARE(missing.bodyModel()->rowCount(), 0);
    }
};

QTEST_MAIN(TestDiff)
#include "tst_diff.moc"
