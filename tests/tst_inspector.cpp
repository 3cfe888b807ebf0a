// The inspector over an in-process receiver, offscreen: exact bytes, headers, signature verdict, entry history,
// no secret anywhere, a curl replay that works. PEANUTS_SCREENSHOT_DIR=dir also saves every tab as PNGs.
#include "hexview.h"
#include "inspector.h"
#include "jsontreemodel.h"
#include "receivercore.h"
#include "store/storeworker.h"
#include "testsupport.h"
#include "json/jsondiff.h"
#include "json/jsontext.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QTextEdit>
#include <QTreeView>
#include <QTreeWidget>

#include <atomic>
#include <functional>

using namespace testsupport;
using peanuts::BytesView;
using peanuts::Inspector;
using peanuts::JsonTreeModel;

namespace {

enum Tab { PrettyTab, TreeTab, RawTab, HeadersTab, SignatureTab, HistoryTab };

// Every text a user could see or copy from a widget tree: labels, buttons, tooltips, text views, and
// every index of every item model (display, tooltip and the tree's copy and path roles).
QStringList visibleTexts(QWidget *root)
{
    QStringList texts;
    std::function<void(const QAbstractItemModel *, const QModelIndex &)> walkModel;
    walkModel = [&](const QAbstractItemModel *model, const QModelIndex &parent) {
        for (int row = 0; row < model->rowCount(parent); ++row) {
            for (int column = 0; column < model->columnCount(parent); ++column) {
                const QModelIndex index = model->index(row, column, parent);
                for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(JsonTreeModel::KeyPathRole),
                         int(JsonTreeModel::CopyValueRole)})
                    texts << model->data(index, role).toString();
            }
            walkModel(model, model->index(row, 0, parent));
        }
    };
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *widget : std::as_const(widgets)) {
        texts << widget->toolTip();
        if (auto *label = qobject_cast<QLabel *>(widget))
            texts << label->text();
        if (auto *button = qobject_cast<QAbstractButton *>(widget))
            texts << button->text();
        if (auto *plain = qobject_cast<QPlainTextEdit *>(widget))
            texts << plain->toPlainText();
        if (auto *edit = qobject_cast<QTextEdit *>(widget))
            texts << edit->toPlainText();
        if (auto *tabs = qobject_cast<QTabWidget *>(widget)) {
            for (int i = 0; i < tabs->count(); ++i)
                texts << tabs->tabText(i) << tabs->tabToolTip(i);
        }
        if (auto *view = qobject_cast<QAbstractItemView *>(widget); view && view->model())
            walkModel(view->model(), QModelIndex());
    }
    return texts;
}

// The first line of a hex dump, written out independently of hexDump().
QString expectedHexLine(const QByteArray &bytes, qsizetype offset)
{
    const QByteArray row = bytes.mid(offset, 16);
    QByteArray hex = row.left(8).toHex(' ');
    if (row.size() > 8)
        hex += "  " + row.mid(8).toHex(' ');
    QByteArray ascii;
    for (char c : row)
        ascii += (uchar(c) >= 0x20 && uchar(c) < 0x7f) ? c : '.';
    return QStringLiteral("%1  %2  |%3|")
        .arg(offset, 8, 16, QLatin1Char('0'))
        .arg(QString::fromLatin1(hex).leftJustified(48, u' '), QString::fromLatin1(ascii));
}

} // namespace

class TestInspector : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    peanuts::ReceiverCore m_core;
    std::unique_ptr<Inspector> m_inspector;
    qint64 m_validId = 0;
    QByteArray m_validBody;

    BytesView *raw() const { return qobject_cast<BytesView *>(m_inspector->tabs()->widget(RawTab)); }
    QPlainTextEdit *pretty() const { return m_inspector->tabs()->widget(PrettyTab)->findChild<QPlainTextEdit *>(); }
    QTreeView *tree() const { return qobject_cast<QTreeView *>(m_inspector->tabs()->widget(TreeTab)); }
    QTableWidget *headers() const { return qobject_cast<QTableWidget *>(m_inspector->tabs()->widget(HeadersTab)); }
    QTreeWidget *history() const { return m_inspector->tabs()->widget(HistoryTab)->findChild<QTreeWidget *>(); }
    // The Signature tab as a user reads it: rich text made plain, non-breaking spaces as spaces.
    QString signatureText() const
    {
        const QList<QLabel *> labels = m_inspector->tabs()->widget(SignatureTab)->findChildren<QLabel *>();
        QString text;
        for (QLabel *label : labels) {
            QTextDocument document;
            document.setHtml(label->text());
            text += document.toPlainText().replace(QChar(QChar::Nbsp), u' ') + u'\n';
        }
        return text;
    }

    // Runs job on the reader's thread and waits for it. The state is shared: after a timeout the job may
    // still run, and must not write into a stack frame that is gone.
    template<typename T> std::optional<T> read(std::function<T(peanuts::Store &)> job)
    {
        struct State
        {
            std::optional<T> result;
            std::atomic<bool> done = false;
        };
        auto state = std::make_shared<State>();
        m_core.reader()->run([state, job](peanuts::Store &store) {
            state->result = job(store);
            state->done = true;
        });
        if (!QTest::qWaitFor([&] { return state->done.load(); }, 10'000))
            return std::nullopt;
        return state->result;
    }

    qint64 newestId()
    {
        return read<qint64>([](peanuts::Store &store) {
            const auto rows = store.deliveriesBefore(peanuts::DeliveryFilter(), std::numeric_limits<qint64>::max(), 1);
            return rows && !rows->isEmpty() ? rows->constFirst().id : qint64(0);
        }).value_or(-1);
    }

    // Posts a raw request, checks the status, and waits for the delivery's row (rejected ones are
    // committed after their answer). Returns its id, or 0.
    qint64 post(const QByteArray &request, int expectedStatus, QByteArray *answer = nullptr)
    {
        const qint64 before = newestId();
        RawClient client(m_core.port());
        client.send(request);
        const HttpReply reply = client.waitForReplies(1).value(0);
        if (answer)
            *answer = reply.body;
        if (reply.status != expectedStatus) {
            qWarning() << "status" << reply.status << reply.body;
            return 0;
        }
        qint64 id = 0;
        if (!QTest::qWaitFor([&] { return (id = newestId()) > before; }, 10'000))
            qWarning() << "no new row after" << before;
        return id > before ? id : 0;
    }

    bool show(qint64 id)
    {
        QSignalSpy shown(m_inspector.get(), &Inspector::deliveryShown);
        m_inspector->showDelivery(id);
        return QTest::qWaitFor([&] { return !shown.isEmpty() && shown.last().at(0).toLongLong() == id; }, 10'000);
    }

    void verifyNoSecretShown()
    {
        for (const QString &text : visibleTexts(m_inspector.get()))
            QVERIFY2(!text.contains(QString::fromLatin1(kSecret)), qPrintable(text.left(200)));
        QVERIFY(!m_inspector->curlCommand().contains(QString::fromLatin1(kSecret)));
    }

    // Runs the copied curl command in bash, with the secret in the environment only.
    QString replay(const QString &command, bool withSecret = true, int *exitCode = nullptr)
    {
        QProcess bash;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (withSecret)
            env.insert(QStringLiteral("PEANUTS_SECRET"), QString::fromLatin1(kSecret));
        else
            env.remove(QStringLiteral("PEANUTS_SECRET"));
        bash.setProcessEnvironment(env);
        bash.setProcessChannelMode(QProcess::MergedChannels);
        bash.start(QStringLiteral("bash"), {QStringLiteral("-c"), command});
        // Keep the event loop turning: the receiver lives on this thread's core but answers on its own.
        if (!QTest::qWaitFor([&] { return bash.state() == QProcess::NotRunning; }, 20'000)) {
            bash.kill();
            bash.waitForFinished();
        }
        if (exitCode)
            *exitCode = bash.exitCode();
        return QString::fromUtf8(bash.readAll());
    }

    void screenshots(const char *name)
    {
        const QString dir = qEnvironmentVariable("PEANUTS_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        const int current = m_inspector->tabs()->currentIndex();
        for (int tab = 0; tab < m_inspector->tabs()->count(); ++tab) {
            m_inspector->tabs()->setCurrentIndex(tab);
            QTest::qWait(50);
            QVERIFY(m_inspector->grab().save(
                QDir(dir).filePath(QStringLiteral("inspector-%1-%2.png").arg(QString::fromLatin1(name)).arg(tab))));
        }
        m_inspector->tabs()->setCurrentIndex(current);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_core.start(testOptions(m_dir.path()), &error), qPrintable(error));
        m_inspector = std::make_unique<Inspector>(&m_core);
        m_inspector->resize(1000, 640);
        m_inspector->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_inspector.get()));
        m_inspector->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_inspector.get())); // widget shortcuts need an active window
        QVERIFY(m_inspector->curlCommand().isEmpty());
    }

    void validDelivery()
    {
        auto *model = qobject_cast<JsonTreeModel *>(tree()->model());
        QVERIFY(model);
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);

        m_validBody = makeBody(QStringLiteral("insp-valid"));
        QByteArray answer;
        m_validId = post(signedRequest(m_validBody), 200, &answer);
        QVERIFY(m_validId > 0);
        QCOMPARE(answer, QByteArray("{\"processed\":true}"));
        QVERIFY(show(m_validId));
        QCOMPARE(m_inspector->currentId(), m_validId);

        // Raw: exactly the bytes, as text, with size and SHA-256.
        QCOMPARE(raw()->mode(), BytesView::Mode::Text);
        QVERIFY(!raw()->isFilling());
        QCOMPARE(raw()->toPlainText(), QString::fromUtf8(m_validBody));
        QCOMPARE(raw()->unfoldedText(), QString::fromUtf8(m_validBody));
        QVERIFY(raw()->infoText().contains(QString::number(m_validBody.size())));
        QVERIFY(raw()->infoText().contains(
            QString::fromLatin1(QCryptographicHash::hash(m_validBody, QCryptographicHash::Sha256).toHex())));

        // Pretty JSON keeps members in order and numbers as written (12.50, not 12.5).
        const QString text = pretty()->toPlainText();
        QVERIFY2(
            text.startsWith(QStringLiteral("{\n  \"event\": \"entry.created\",\n  \"timestamp\": ")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("\"amount\": 12.50,")));

        // Tree: entry.data.amount, copied with Ctrl+C and by key path.
        const QModelIndex entry = model->match(model->index(0, 0), Qt::DisplayRole, QStringLiteral("entry")).value(0);
        QVERIFY(entry.isValid());
        const QModelIndex data
            = model->match(model->index(0, 0, entry), Qt::DisplayRole, QStringLiteral("data")).value(0);
        const QModelIndex amount
            = model->match(model->index(0, 0, data), Qt::DisplayRole, QStringLiteral("amount")).value(0);
        QVERIFY(amount.isValid());
        QCOMPARE(model->keyPath(amount), QStringLiteral("entry.data.amount"));
        QCOMPARE(model->data(amount.siblingAtColumn(JsonTreeModel::ValueColumn)).toString(), QStringLiteral("12.50"));
        QCOMPARE(model->data(amount.siblingAtColumn(JsonTreeModel::TypeColumn)).toString(), QStringLiteral("number"));
        tree()->setFocus();
        tree()->setCurrentIndex(amount);
        QGuiApplication::clipboard()->clear();
        QTest::keySequence(tree(), QKeySequence::Copy);
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("12.50"));
        const QModelIndex category
            = model->match(model->index(0, 0, data), Qt::DisplayRole, QStringLiteral("category")).value(0);
        tree()->selectionModel()->select(
            category, QItemSelectionModel::Select | QItemSelectionModel::Rows); // two rows, copied in order
        QTest::keySequence(tree(), QKeySequence::Copy);
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("12.50\nFood"));
        QCOMPARE(model->copyValue(data),
            QStringLiteral("{\"amount\":12.50,\"category\":\"Food\",\"description\":\"test\"}"));

        // Headers: as received, plus where it came from.
        QTableWidget *table = headers();
        bool signatureRow = false, methodRow = false;
        for (int row = 0; row < table->rowCount(); ++row) {
            const QString name = table->item(row, 0) ? table->item(row, 0)->text() : QString();
            const QString value = table->item(row, 1) ? table->item(row, 1)->text() : QString();
            if (name.compare(QStringLiteral("x-peanuts-signature"), Qt::CaseInsensitive) == 0) {
                signatureRow = true;
                QCOMPARE(value, QString::fromLatin1(sign(kSecret, m_validBody)));
            }
            if (name == QStringLiteral("Method"))
                methodRow = value == QStringLiteral("POST");
            if (name == QStringLiteral("Path"))
                QCOMPARE(value, QStringLiteral("/webhook"));
            if (name == QStringLiteral("Remote address"))
                QCOMPARE(value, QStringLiteral("127.0.0.1"));
        }
        QVERIFY(signatureRow);
        QVERIFY(methodRow);

        // Signature: received, expected for "env", the verdict.
        const QString signature = signatureText();
        QVERIFY(signature.contains(QString::fromLatin1(sign(kSecret, m_validBody))));
        QVERIFY(signature.contains(QStringLiteral("secret 'env'")));
        QVERIFY(signature.contains(QStringLiteral("Accepted: matches secret 'env'")));
        QVERIFY(signature.contains(QStringLiteral("✓")));
        verifyNoSecretShown();

        // Copy JSON gives the pretty text.
        m_inspector->copyJson();
        QCOMPARE(QGuiApplication::clipboard()->text(), text);
        screenshots("valid");
    }

    void curlReplaysExactly()
    {
        QVERIFY(show(m_validId));
        m_inspector->copyAsCurl();
        const QString command = QGuiApplication::clipboard()->text();
        QCOMPARE(command, m_inspector->curlCommand());
        QVERIFY(command.contains(QStringLiteral("openssl dgst -sha256 -hmac \"$PEANUTS_SECRET\"")));
        QVERIFY(command.contains(QStringLiteral("http://127.0.0.1:%1/webhook").arg(m_core.port())));
        QVERIFY(!command.contains(QString::fromLatin1(kSecret)));
        QVERIFY(!command.contains(QString::fromLatin1(sign(kSecret, m_validBody)))); // signed at replay time only
        // The same bytes again: a duplicate, which proves both the bytes and the signature exact.
        const qint64 before = newestId();
        const QString output = replay(command);
        QVERIFY2(output.contains(QStringLiteral("{\"processed\":true,\"duplicate\":true}")), qPrintable(output));
        QVERIFY2(output.contains(QStringLiteral("HTTP 200")), qPrintable(output));
        QTRY_VERIFY(newestId() > before);
        // Without a secret the command refuses to send anything.
        int exitCode = 0;
        const qint64 last = newestId();
        const QString refused = replay(command, false, &exitCode);
        QCOMPARE(exitCode, 1);
        QVERIFY2(refused.contains(QStringLiteral("PEANUTS_SECRET")), qPrintable(refused));
        QTest::qWait(200);
        QCOMPARE(newestId(), last);
    }

    void badSignature()
    {
        const QByteArray body = makeBody(QStringLiteral("insp-bad"));
        const qint64 id = post(webhookRequest(body, QByteArray(64, 'b')), 401);
        QVERIFY(id > 0);
        QVERIFY(show(id));
        const QString expected = QString::fromLatin1(sign(kSecret, body));
        const QString signature = signatureText();
        QVERIFY2(signature.contains(QStringLiteral("Rejected 401: signature matches no configured secret")),
            qPrintable(signature));
        QVERIFY(signature.contains(expected));
        QVERIFY(signature.contains(QStringLiteral("secret 'env'")));
        QVERIFY(signature.contains(QString(64, u'b')));
        QVERIFY(signature.contains(QStringLiteral("✗")));
        verifyNoSecretShown();
        // The expected value appears on the Signature tab only.
        QWidget *signaturePage = m_inspector->tabs()->widget(SignatureTab);
        for (int tab = 0; tab < m_inspector->tabs()->count(); ++tab) {
            if (tab == SignatureTab)
                continue;
            for (const QString &text : visibleTexts(m_inspector->tabs()->widget(tab)))
                QVERIFY2(!text.contains(expected), qPrintable(text.left(200)));
        }
        QVERIFY(signaturePage);
        QCOMPARE(raw()->toPlainText(), QString::fromUtf8(body));
        screenshots("bad-signature");

        // Without any signature header.
        const qint64 missing = post(webhookRequest(body, QByteArray()), 401);
        QVERIFY(missing > 0);
        QVERIFY(show(missing));
        QVERIFY2(signatureText().contains(QStringLiteral("No signature header")), qPrintable(signatureText()));
        QVERIFY(signatureText().contains(expected));
    }

    void nonUtf8Body()
    {
        // Correctly signed, but not UTF-8: the receiver answers 400 and keeps the bytes.
        QByteArray body = makeBody(QStringLiteral("insp-binary"));
        body.replace("\"test\"", "\"caf\xe9\xff\x01\"");
        const qint64 id = post(signedRequest(body), 400);
        QVERIFY(id > 0);
        QVERIFY(show(id));

        QCOMPARE(raw()->mode(), BytesView::Mode::Hex);
        const QStringList lines = raw()->toPlainText().split(u'\n');
        QCOMPARE(lines.size(), (body.size() + 15) / 16);
        for (qsizetype offset = 0; offset < body.size(); offset += 16)
            QCOMPARE(lines.value(offset / 16), expectedHexLine(body, offset));
        QVERIFY(raw()->toPlainText().contains(QStringLiteral("e9 ff 01")));
        QVERIFY(raw()->infoText().contains(QStringLiteral("Not valid UTF-8")));
        // The toggle shows it as text too, undecodable bytes marked.
        raw()->setMode(BytesView::Mode::Text);
        QVERIFY(raw()->toPlainText().contains(QChar(QChar::ReplacementCharacter)));
        QVERIFY(raw()->toPlainText().contains(QChar(0x2401))); // ␁ for the \x01 byte
        raw()->setMode(BytesView::Mode::Hex);

        QVERIFY(pretty()->parentWidget()->findChild<QLabel *>()->text().startsWith(QStringLiteral("Not JSON")));
        const QString signature = signatureText();
        QVERIFY2(signature.contains(QStringLiteral("Signature valid (matches secret 'env'), but rejected 400")),
            qPrintable(signature));
        QVERIFY(signature.contains(QString::fromLatin1(sign(kSecret, body))));
        verifyNoSecretShown();
        m_inspector->tabs()->setCurrentIndex(RawTab);
        screenshots("binary");
        m_inspector->tabs()->setCurrentIndex(PrettyTab);

        // The replay sends the very same bytes: the new row's body equals the original.
        const QString output = replay(m_inspector->curlCommand());
        QVERIFY2(output.contains(QStringLiteral("HTTP 400")), qPrintable(output));
        QTRY_VERIFY(newestId() > id);
        const auto replayed = read<QByteArray>([id](peanuts::Store &store) {
            const auto rows = store.deliveriesBefore(peanuts::DeliveryFilter(), std::numeric_limits<qint64>::max(), 1);
            const auto d = rows && !rows->isEmpty() ? store.delivery(rows->constFirst().id) : std::nullopt;
            return d && d->id > id ? d->body : QByteArray();
        });
        QVERIFY(replayed);
        QCOMPARE(*replayed, body);
    }

    void entryHistory()
    {
        const QString entry = QStringLiteral("insp-history");
        const QList<QByteArray> bodies {
            makeBody(entry, QStringLiteral("entry.created"), QStringLiteral("2026-11-20T10:00:00Z"), "12.50"),
            makeBody(entry, QStringLiteral("entry.updated"), QStringLiteral("2026-11-20T11:00:00Z"), "20.00"),
            makeBody(entry, QStringLiteral("entry.updated"), QStringLiteral("2026-11-20T12:00:00Z"), "31.25",
                QStringLiteral("Travel")),
        };
        QList<qint64> ids;
        for (const QByteArray &body : bodies) {
            ids << post(signedRequest(body), 200);
            QVERIFY(ids.last() > 0);
        }
        QVERIFY(show(ids.last()));
        QTreeWidget *list = history();
        QCOMPARE(list->topLevelItemCount(), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(list->topLevelItem(i)->data(0, Qt::UserRole).toLongLong(), ids[i]);
        QCOMPARE(list->topLevelItem(0)->text(2), QStringLiteral("entry.created"));
        QCOMPARE(list->topLevelItem(1)->text(2), QStringLiteral("entry.updated"));
        QCOMPARE(list->topLevelItem(1)->text(4), QStringLiteral("2026-11-20T11:00:00.000Z"));
        QCOMPARE(list->topLevelItem(1)->text(5), QStringLiteral("amount: 12.50 → 20.00"));
        QTreeWidgetItem *third = list->topLevelItem(2);
        QStringList changes;
        for (int i = 0; i < third->childCount(); ++i)
            changes << third->child(i)->text(0);
        QCOMPARE(changes,
            QStringList({QStringLiteral("amount: 20.00 → 31.25"), QStringLiteral("category: \"Food\" → \"Travel\"")}));
        QCOMPARE(list->currentItem(), third);
        QVERIFY(m_inspector->tabs()->tabText(HistoryTab).contains(QStringLiteral("(3)")));
        m_inspector->tabs()->setCurrentIndex(HistoryTab);
        screenshots("history");
        m_inspector->tabs()->setCurrentIndex(PrettyTab);

        // Activating an older version shows it.
        QSignalSpy shown(m_inspector.get(), &Inspector::deliveryShown);
        Q_EMIT list->itemActivated(list->topLevelItem(0), 0);
        QTRY_VERIFY(!shown.isEmpty());
        QCOMPARE(shown.last().at(0).toLongLong(), ids[0]);
        QCOMPARE(m_inspector->currentId(), ids[0]);
        QCOMPARE(raw()->toPlainText(), QString::fromUtf8(bodies[0]));
        QCOMPARE(history()->currentItem(), history()->topLevelItem(0));
    }

    void newerRequestWins()
    {
        // Two requests in a row: only the second is shown, whatever the reader answers first.
        const qint64 first = m_validId;
        const qint64 second = newestId();
        QVERIFY(first != second);
        QSignalSpy shown(m_inspector.get(), &Inspector::deliveryShown);
        m_inspector->showDelivery(first);
        m_inspector->showDelivery(second);
        QTRY_VERIFY(!shown.isEmpty());
        QTest::qWait(200);
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown.at(0).at(0).toLongLong(), second);
        QCOMPARE(m_inspector->currentId(), second);
        // And 0 clears.
        m_inspector->showDelivery(0);
        QCOMPARE(m_inspector->currentId(), 0);
        QVERIFY(raw()->toPlainText().isEmpty());
        QVERIFY(m_inspector->curlCommand().isEmpty());
    }

    void truncatedRejectedBody()
    {
        // Rejected bodies are stored truncated to 4 KiB: nothing can be recomputed or replayed.
        const QByteArray body = makeBody(QStringLiteral("insp-big-bad"), QStringLiteral("entry.created"),
            QStringLiteral("2026-11-20T10:00:00Z"), "1", QString(70 * 1024, u'x'));
        const qint64 id = post(webhookRequest(body, QByteArray(64, 'c')), 401);
        QVERIFY(id > 0);
        QVERIFY(show(id));
        QVERIFY2(signatureText().contains(QStringLiteral("cannot be recomputed")), qPrintable(signatureText()));
        QVERIFY(!signatureText().contains(QString::fromLatin1(sign(kSecret, body))));
        QVERIFY(raw()->infoText().contains(QStringLiteral("Only the first")));
        QVERIFY(raw()->infoText().contains(QLocale().toString(body.size())));
        QTRY_VERIFY(!raw()->isFilling());
        QCOMPARE(raw()->unfoldedText(), QString::fromUtf8(body.left(4 * 1024)));
        QVERIFY(m_inspector->curlCommand().isEmpty());
    }

    void redactedDelivery()
    {
        const qint64 id = post(signedRequest(makeBody(QStringLiteral("insp-redact"))), 200);
        QVERIFY(id > 0);
        auto done = std::make_shared<std::atomic<bool>>(false);
        m_core.store()->run([done, id](peanuts::Store &store) {
            store.redactDeliveries({id});
            *done = true;
        });
        QTRY_VERIFY(done->load());
        QVERIFY(show(id));
        QVERIFY(raw()->infoText().contains(QStringLiteral("redacted")));
        QVERIFY(raw()->toPlainText().isEmpty());
        QVERIFY(pretty()->parentWidget()->findChild<QLabel *>()->text().contains(QStringLiteral("redacted")));
        QVERIFY(signatureText().contains(QStringLiteral("redacted")));
        QVERIFY(m_inspector->curlCommand().isEmpty());
    }

    void megabyteBody()
    {
        // Near the 1 MiB limit, on one line: shown in slices, never all at once.
        const QByteArray body = makeBody(QStringLiteral("insp-huge"), QStringLiteral("entry.created"),
            QStringLiteral("2026-11-20T10:00:00Z"), "3", QString(1000 * 1000, u'y'));
        const qint64 id = post(signedRequest(body), 200);
        QVERIFY(id > 0);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(show(id));
        const qint64 showMs = timer.restart();
        QTRY_VERIFY_WITH_TIMEOUT(!raw()->isFilling(), 30'000);
        const qint64 fillMs = timer.restart();
        QCOMPARE(raw()->unfoldedText(), QString::fromUtf8(body)); // folded for display, exact when read back
        QVERIFY(raw()->blockCount() > 200);
        raw()->setMode(BytesView::Mode::Hex);
        const qint64 toggleMs = timer.restart();
        QTRY_VERIFY_WITH_TIMEOUT(!raw()->isFilling(), 30'000);
        QCOMPARE(raw()->blockCount(), int((body.size() + 15) / 16));
        QCOMPARE(raw()->document()->lastBlock().text(), expectedHexLine(body, (body.size() - 1) / 16 * 16));
        qInfo("1 MB body: shown after %lld ms, text filled in %lld ms more; hex toggle returned in %lld ms", showMs,
            fillMs, toggleMs);
        QVERIFY2(toggleMs < 1000, "the hex toggle blocked the GUI thread");
        raw()->setMode(BytesView::Mode::Text);
    }

    void jsonModelAndPrinter()
    {
        const QByteArray json
            = "{ \"z\": 1.50, \"a\": [ 1, {\"k-1\": null}, [] ], \"e\": {}, \"s\": \"\\u00e9\\n\\ud83d\\ude00\","
              " \"dup\": 1, \"dup\": 2, \"t\": true }";
        const peanuts::JsonParse parsed = peanuts::parseJsonTree(json);
        QVERIFY(parsed.tree);
        JsonTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTree(parsed.tree);
        QCOMPARE(model.rowCount(), 7); // both "dup" members, in order
        QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("z"));
        QCOMPARE(model.data(model.index(0, 1)).toString(), QStringLiteral("1.50"));
        const QModelIndex array = model.index(1, 0);
        QCOMPARE(model.rowCount(array), 3);
        const QModelIndex element = model.index(1, 0, array);
        QCOMPARE(model.keyPath(model.index(0, 0, element)), QStringLiteral("a[1][\"k-1\"]"));
        QCOMPARE(model.copyValue(model.index(3, 0)), QStringLiteral("é\n😀"));
        QCOMPARE(model.copyValue(array), QStringLiteral("[ 1, {\"k-1\": null}, [] ]"));
        model.setTree(nullptr);
        QCOMPARE(model.rowCount(), 0);

        QCOMPARE(peanuts::prettyJson(json),
            QByteArray("{\n  \"z\": 1.50,\n  \"a\": [\n    1,\n    {\n      \"k-1\": null\n    },\n    []\n  ],\n"
                       "  \"e\": {},\n  \"s\": \"\\u00e9\\n\\ud83d\\ude00\",\n  \"dup\": 1,\n  \"dup\": 2,\n"
                       "  \"t\": true\n}"));
        QVERIFY(!peanuts::parseJsonTree("{\"a\":").tree);
        QVERIFY(!peanuts::parseJsonTree("{\"a\":\"\xff\"}").tree);

        const peanuts::JsonParse newer = peanuts::parseJsonTree("{\"z\":1.5,\"a\":[1,{\"k-1\":null},[]],\"n\":0}");
        const auto changes
            = peanuts::diffJson(parsed.tree.get(), parsed.tree->top.get(), newer.tree.get(), newer.tree->top.get());
        QStringList described;
        for (const auto &c : changes)
            described << QString::number(int(c.kind)) + u' ' + c.path + u' ' + c.before + u' ' + c.after;
        QCOMPARE(described,
            QStringList({QStringLiteral("2 z 1.50 1.5"), QStringLiteral("0 n  0"), QStringLiteral("1 e {} "),
                QStringLiteral("1 s \"\\u00e9\\n\\ud83d\\ude00\" "), QStringLiteral("1 dup 2 "),
                QStringLiteral("1 t true ")}));
    }

    void darkPalette()
    {
        // The same views in a dark palette, for the screenshots (and: nothing breaks on the change).
        if (qEnvironmentVariable("PEANUTS_SCREENSHOT_DIR").isEmpty())
            QSKIP("screenshots only");
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
        dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
        dark.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        dark.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
        QApplication::setPalette(dark);
        QVERIFY(show(m_validId));
        screenshots("dark");
    }
};

QTEST_MAIN(TestInspector)
#include "tst_inspector.moc"
