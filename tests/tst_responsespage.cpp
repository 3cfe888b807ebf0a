// The window's side of custom responses, with real widgets offscreen over an in-process receiver: the
// settings' Responses page edits, orders and removes rules, and applying puts them in force (signed
// deliveries posted over HTTP get their answers) and in the settings file, but not when --respond gave
// this run's; its editors cannot hold a value the core would refuse; every control has a name for
// screen readers; the main window's banner shows the summary while they are on, "Turn off" turns them
// off (the rules kept), and "Edit…" opens the settings on the Responses page.
// PEANUTS_SCREENSHOT_DIR=dir saves responses-page.png and responses-banner.png.
#include "config/secretstore.h"
#include "mainwindow.h"
#include "notifier.h"
#include "receivercore.h"
#include "responsebanner.h"
#include "responsespage.h"
#include "settingsdialog.h"
#include "testsupport.h"

#include <QAccessible>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace peanuts;
using namespace testsupport;

class TestResponsesPage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ReceiverCore m_core;
    RecordingNotifier m_notifier;
    std::unique_ptr<SecretStore> m_secrets;
    int m_entry = 0;

    QString settingsPath() const { return m_dir.filePath(QStringLiteral("settings.ini")); }

    // What the settings file says, read by a QSettings of its own.
    static CustomResponses saved(const QString &path)
    {
        QSettings file(path, QSettings::IniFormat);
        CustomResponses responses;
        responses.enabled = file.value(QStringLiteral("responses/enabled")).toBool();
        QString error;
        const auto rules = customResponsesFromJson(file.value(QStringLiteral("responses/rules")).toString(), &error);
        if (rules)
            responses.rules = *rules;
        else
            qWarning() << "unreadable rules in the settings file:" << error;
        return responses;
    }

    static CustomResponse rule(const QString &event, const QString &helper, int status, int percent, int delayMs,
        const QByteArray &body = QByteArray())
    {
        CustomResponse r;
        r.event = event;
        r.helper = helper;
        r.status = status;
        r.percent = percent;
        r.delayMs = delayMs;
        r.body = body;
        return r;
    }

    // Types into an editor as a user would: everything selected, then the keys.
    static void type(QWidget *editor, const QString &text)
    {
        if (auto *spin = qobject_cast<QAbstractSpinBox *>(editor))
            spin->selectAll();
        else if (auto *combo = qobject_cast<QComboBox *>(editor))
            combo->lineEdit()->selectAll();
        else if (auto *line = qobject_cast<QLineEdit *>(editor))
            line->selectAll();
        QTest::keyClicks(editor, text);
    }

    // A spin box's or combo box's own line edit, or a combo's popup: part of a control, not one.
    static bool insideEditor(QWidget *widget, QWidget *page)
    {
        for (QWidget *up = widget->parentWidget(); up && up != page; up = up->parentWidget())
            if (qobject_cast<QAbstractSpinBox *>(up) || qobject_cast<QComboBox *>(up))
                return true;
        return false;
    }

    HttpReply deliver(const QString &event, const QString &command = QStringLiteral("/expenses"))
    {
        ++m_entry;
        const QByteArray body = makeBody(QStringLiteral("resp-%1").arg(m_entry), event, earlierToday(m_entry),
            QByteArrayLiteral("12.50"), QStringLiteral("Food"), command);
        RawClient client(m_core.port());
        client.send(signedRequest(body));
        return client.waitForReplies(1).value(0);
    }

    void screenshot(QWidget *widget, const QString &name, const QRect &area = QRect())
    {
        const QString dir = qEnvironmentVariable("PEANUTS_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QTest::qWait(200);
        QVERIFY(widget->grab(area.isNull() ? QRect(QPoint(0, 0), QSize(-1, -1)) : area)
                    .save(QDir(dir).filePath(name + QStringLiteral(".png"))));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_core.start(testOptions(m_dir.path()), &error), qPrintable(error));
        QVERIFY(!m_core.customResponses().active());
        m_secrets = std::make_unique<SecretStore>(
            QStringLiteral("peanuts-monitor-test"), m_dir.filePath(QStringLiteral("secrets.json")));
        m_secrets->setKeychainEnabled(false);
    }

    void init()
    {
        m_core.setCustomResponses(CustomResponses());
        QCOMPARE(m_core.customResponses(), CustomResponses());
    }

    void editApplySaveAndAnswer()
    {
        SettingsDialog dialog(&m_core, m_secrets.get());
        ResponsesPage *page = dialog.responsesPage();
        QVERIFY(page);
        dialog.showResponsesPage();
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(page->isVisible());
        QVERIFY(!page->enabledBox()->isChecked());
        QCOMPARE(page->table()->rowCount(), 0);
        QVERIFY(page->notSavedNote()->isHidden());
        QVERIFY2(
            page->preview()->text().startsWith(QStringLiteral("In force: off")), qPrintable(page->preview()->text()));

        // Two rules, as a user enters them.
        QTest::mouseClick(page->addButton(), Qt::LeftButton);
        type(page->eventEdit(0), QStringLiteral("entry.created"));
        type(page->helperEdit(0), QStringLiteral("/expenses"));
        type(page->statusEdit(0), QStringLiteral("503"));
        type(page->percentEdit(0), QStringLiteral("30"));
        type(page->delayEdit(0), QStringLiteral("2000"));
        QTest::mouseClick(page->addButton(), Qt::LeftButton);
        QCOMPARE(page->table()->rowCount(), 2);
        type(page->statusEdit(1), QStringLiteral("202"));
        type(page->bodyEdit(1), QStringLiteral("{\"ok\":true}"));
        page->enabledBox()->click();
        const QList<CustomResponse> rules {
            rule(QStringLiteral("entry.created"), QStringLiteral("/expenses"), 503, 30, 2000),
            rule(QString(), QString(), 202, 100, 0, QByteArrayLiteral("{\"ok\":true}"))};
        QCOMPARE(page->edited(), (CustomResponses {true, rules}));
        QVERIFY2(
            page->preview()->text().startsWith(QStringLiteral("After Apply: Custom responses are on: 503 to 30% "
                                                              "of entry.created on /expenses, after 2 s; then 202")),
            qPrintable(page->preview()->text()));
        screenshot(&dialog, QStringLiteral("responses-page"));

        // Applying puts them in force and in the settings file.
        QVERIFY2(dialog.apply(), qPrintable(dialog.lastError()));
        QCOMPARE(m_core.customResponses(), (CustomResponses {true, rules}));
        QCOMPARE(saved(settingsPath()), (CustomResponses {true, rules}));
        QVERIFY(page->preview()->text().startsWith(QStringLiteral("In force: Custom responses are on")));
        // An update is not the first rule's: the second answers it, with its body; the delivery is stored.
        const HttpReply updated = deliver(QStringLiteral("entry.updated"));
        QCOMPARE(updated.status, 202);
        QCOMPARE(updated.body, QByteArrayLiteral("{\"ok\":true}"));

        // Move the second up: it comes first now, and takes the creations too; the page says the other
        // is never used.
        page->table()->selectRow(1);
        QVERIFY(!page->downButton()->isEnabled());
        QTest::mouseClick(page->upButton(), Qt::LeftButton);
        QCOMPARE(page->statusEdit(0)->value(), 202);
        QCOMPARE(page->eventEdit(1)->currentText(), QStringLiteral("entry.created"));
        QVERIFY2(page->preview()->text().contains(QStringLiteral("Rule 2 is never used: rule 1 comes first")),
            qPrintable(page->preview()->text()));
        QVERIFY(dialog.apply());
        QCOMPARE(m_core.customResponses().rules, (QList<CustomResponse> {rules[1], rules[0]}));
        QCOMPARE(saved(settingsPath()).rules, (QList<CustomResponse> {rules[1], rules[0]}));
        QCOMPARE(deliver(QStringLiteral("entry.created")).status, 202);

        // Remove the selected (the moved one): the 503 rule is left, at 100% it answers every creation.
        QCOMPARE(page->table()->selectionModel()->selectedRows().value(0).row(), 0);
        QTest::mouseClick(page->removeButton(), Qt::LeftButton);
        QCOMPARE(page->table()->rowCount(), 1);
        type(page->percentEdit(0), QStringLiteral("100"));
        type(page->delayEdit(0), QStringLiteral("0"));
        QVERIFY(dialog.apply());
        const CustomResponse left = rule(QStringLiteral("entry.created"), QStringLiteral("/expenses"), 503, 100, 0);
        QCOMPARE(m_core.customResponses(), (CustomResponses {true, {left}}));
        QCOMPARE(saved(settingsPath()), (CustomResponses {true, {left}}));
        const HttpReply created = deliver(QStringLiteral("entry.created"));
        QCOMPARE(created.status, 503);
        QVERIFY2(created.body.contains("simulated failure"), created.body.constData());
        QCOMPARE(deliver(QStringLiteral("entry.created"), QStringLiteral("/tasks")).status, 200);

        // Unchecked: the rule is kept, the receiver answers as usual.
        page->enabledBox()->click();
        QVERIFY(dialog.apply());
        QCOMPARE(m_core.customResponses(), (CustomResponses {false, {left}}));
        QCOMPARE(saved(settingsPath()), (CustomResponses {false, {left}}));
        QCOMPARE(deliver(QStringLiteral("entry.created")).status, 200);
    }

    void editorsHoldOnlyWhatTheCoreAccepts()
    {
        SettingsDialog dialog(&m_core, m_secrets.get());
        ResponsesPage *page = dialog.responsesPage();
        page->addRule();
        QSpinBox *status = page->statusEdit(0);
        QCOMPARE(status->value(), 503);
        for (const QString &typed : {QStringLiteral("99"), QStringLiteral("700"), QStringLiteral("1000")}) {
            type(status, typed);
            QTest::keyClick(status, Qt::Key_Return);
            QVERIFY2(status->value() >= 200 && status->value() <= 599, qPrintable(typed));
            QCOMPARE(status->text(), QString::number(status->value()));
        }
        QCOMPARE(status->value(), 503);
        type(page->percentEdit(0), QStringLiteral("0"));
        QTest::keyClick(page->percentEdit(0), Qt::Key_Return);
        QVERIFY(page->percentEdit(0)->value() >= 1);
        type(page->percentEdit(0), QStringLiteral("250"));
        QTest::keyClick(page->percentEdit(0), Qt::Key_Return);
        QVERIFY(page->percentEdit(0)->value() <= 100);
        type(page->delayEdit(0), QStringLiteral("90000"));
        QTest::keyClick(page->delayEdit(0), Qt::Key_Return);
        QVERIFY(page->delayEdit(0)->value() <= kMaxResponseDelayMs);
        // "any", in any case, or nothing: every event and helper.
        type(page->eventEdit(0), QStringLiteral("ANY"));
        page->helperEdit(0)->lineEdit()->clear();
        QCOMPARE(page->edited().rules.value(0).event, QString());
        QCOMPARE(page->edited().rules.value(0).helper, QString());
        // An event Peanuts does not send is allowed, with a word about it.
        type(page->eventEdit(0), QStringLiteral("entry.archived"));
        QVERIFY2(page->preview()->text().contains(QStringLiteral("“entry.archived” matches only")),
            qPrintable(page->preview()->text()));

        QVERIFY(dialog.apply());
        const CustomResponse applied = m_core.customResponses().rules.value(0);
        QCOMPARE(applied.status, 503);
        QVERIFY(applied.percent >= 1 && applied.percent <= 100);
        QVERIFY(applied.delayMs >= 0 && applied.delayMs <= kMaxResponseDelayMs);
        // What the page puts in force reads back from the settings as it was.
        QCOMPARE(saved(settingsPath()).rules, m_core.customResponses().rules);
    }

    void everyControlHasAName()
    {
        SettingsDialog dialog(&m_core, m_secrets.get());
        ResponsesPage *page = dialog.responsesPage();
        page->addRule();
        page->addRule();
        int named = 0;
        for (QWidget *widget : page->findChildren<QWidget *>()) {
            if (widget->focusPolicy() == Qt::NoFocus || insideEditor(widget, page))
                continue;
            QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
            QVERIFY(accessible);
            const QString name = accessible->text(QAccessible::Name);
            QVERIFY2(!name.trimmed().isEmpty(), widget->metaObject()->className());
            ++named;
        }
        QVERIFY2(named >= 18, qPrintable(QString::number(named))); // switch, table, 4 buttons, 2 × 6 editors
        QCOMPARE(QAccessible::queryAccessibleInterface(page->statusEdit(1))->text(QAccessible::Name),
            QStringLiteral("Rule 2 status"));
        // Moving a rule renames nothing wrongly: names follow the rows.
        page->table()->selectRow(1);
        page->moveSelected(-1);
        QCOMPARE(page->bodyEdit(0)->accessibleName(), QStringLiteral("Rule 1 body"));
    }

    void followsTheCoreUntilEdited()
    {
        SettingsDialog dialog(&m_core, m_secrets.get());
        ResponsesPage *page = dialog.responsesPage();
        dialog.showResponsesPage();
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        // Changed elsewhere (the banner's "Turn off") while the page is untouched: it shows the new ones,
        // a body of several lines as it is.
        const CustomResponses two {true,
            {rule(QStringLiteral("entry.created"), QString(), 500, 100, 0),
                rule(QStringLiteral("entry.updated"), QString(), 429, 50, 1000,
                    QByteArrayLiteral("{\n  \"error\": \"slow down\"\n}"))}};
        m_core.setCustomResponses(two);
        QCOMPARE(page->edited(), two);
        QVERIFY(page->preview()->text().startsWith(QStringLiteral("In force: Custom responses are on: 500")));

        // Working in a row's editor selects its row, for Remove and Move.
        dialog.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        page->percentEdit(1)->setFocus();
        QTRY_COMPARE(page->table()->selectionModel()->selectedRows().value(0).row(), 1);
        QVERIFY(page->upButton()->isEnabled());
        QVERIFY(!page->downButton()->isEnabled());

        // Edited here, then changed elsewhere: the edit is kept, and applying it wins.
        type(page->statusEdit(0), QStringLiteral("502"));
        CustomResponses off = two;
        off.enabled = false;
        m_core.setCustomResponses(off);
        QCOMPARE(page->statusEdit(0)->value(), 502);
        QVERIFY(page->enabledBox()->isChecked());
        QVERIFY(dialog.apply());
        QCOMPARE(m_core.customResponses().rules.value(0).status, 502);
        QVERIFY(m_core.customResponses().enabled);
    }

    void respondRunIsNotSaved()
    {
        QTemporaryDir dir;
        Options options = testOptions(dir.path());
        options.responses = CustomResponses {true, {rule(QString(), QString(), 500, 100, 0)}};
        options.explicitlySet.append(QStringLiteral("respond"));
        ReceiverCore core;
        QString error;
        QVERIFY2(core.start(options, &error), qPrintable(error));
        SettingsDialog dialog(&core, m_secrets.get());
        ResponsesPage *page = dialog.responsesPage();
        QVERIFY(!page->notSavedNote()->isHidden());
        QVERIFY(page->notSavedNote()->text().contains(QStringLiteral("not saved")));
        QVERIFY(page->enabledBox()->isChecked());
        QCOMPARE(page->statusEdit(0)->value(), 500);
        type(page->statusEdit(0), QStringLiteral("429"));
        QVERIFY(dialog.apply());
        QCOMPARE(core.customResponses().rules.value(0).status, 429);
        QCOMPARE(saved(dir.filePath(QStringLiteral("settings.ini"))), CustomResponses());
    }

    void bannerFollowsTheResponses()
    {
        MainWindow window(&m_core, &m_notifier, m_secrets.get());
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ResponseBanner *banner = window.responseBanner();
        QVERIFY(banner);
        QVERIFY(banner->isHidden());

        const CustomResponses on {true,
            {rule(QStringLiteral("entry.created"), QStringLiteral("/expenses"), 503, 30, 2000),
                rule(QStringLiteral("entry.deleted"), QString(), 410, 100, 0)}};
        m_core.setCustomResponses(on);
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->summaryLabel()->text(), on.summary());
        QVERIFY(banner->summaryLabel()->text().contains(QStringLiteral("503 to 30% of entry.created on /expenses")));
        QVERIFY(banner->y() < window.centralWidget()->findChild<QTabWidget *>()->y()); // above the tabs
        screenshot(&window, QStringLiteral("responses-banner"), QRect(0, 0, window.width(), 330));

        // On with no rules is not active: no banner.
        m_core.setCustomResponses(CustomResponses {true, {}});
        QVERIFY(banner->isHidden());
        m_core.setCustomResponses(on);
        QVERIFY(banner->isVisible());

        // "Edit…" opens the settings on the Responses page.
        bool sawResponses = false;
        bool closed = false;
        QTimer::singleShot(0, this, [&] {
            for (QWidget *top : QApplication::topLevelWidgets()) {
                auto *dialog = qobject_cast<SettingsDialog *>(top);
                if (!dialog || !dialog->isVisible())
                    continue;
                sawResponses = dialog->isModal()
                    && dialog->findChild<QTabWidget *>()->currentWidget() == dialog->responsesPage();
                dialog->reject();
                closed = true;
            }
        });
        QTest::mouseClick(banner->editButton(), Qt::LeftButton);
        QVERIFY(closed);
        QVERIFY(sawResponses);

        // "Turn off": off, the rules kept (in force and in the file), the banner gone; HTTP answers as usual.
        QTest::mouseClick(banner->turnOffButton(), Qt::LeftButton);
        QCOMPARE(m_core.customResponses(), (CustomResponses {false, on.rules}));
        QCOMPARE(saved(settingsPath()), (CustomResponses {false, on.rules}));
        QVERIFY(banner->isHidden());
        QCOMPARE(deliver(QStringLiteral("entry.deleted")).status, 200);
    }
};

QTEST_MAIN(TestResponsesPage)
#include "tst_responsespage.moc"
