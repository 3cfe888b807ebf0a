// Every control a screen reader can land on has a name: the main window with its tabs, and each
// dialog, walked widget by widget through Qt's accessibility interfaces (a buddy label counts, as it
// does for the screen reader). The log's filter boxes, which used to be read as their current text
// ("Any") alone, have labels.
#include "config/secretstore.h"
#include "deadletterview.h"
#include "deliverylogview.h"
#include "diffdialog.h"
#include "editresenddialog.h"
#include "mainwindow.h"
#include "notifier.h"
#include "receivercore.h"
#include "senddialog.h"
#include "settingsdialog.h"
#include "shortcutsdialog.h"
#include "testsupport.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSet>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>
#include <QToolBar>

using namespace peanuts;
using namespace testsupport;

namespace {

// A widget the keyboard or a screen reader can land on and act with.
bool interactive(const QWidget *w)
{
    if (w->focusPolicy() == Qt::NoFocus && !qobject_cast<const QAbstractButton *>(w))
        return false;
    return qobject_cast<const QAbstractButton *>(w) || qobject_cast<const QComboBox *>(w)
        || qobject_cast<const QLineEdit *>(w) || qobject_cast<const QAbstractSpinBox *>(w)
        || qobject_cast<const QAbstractItemView *>(w) || qobject_cast<const QPlainTextEdit *>(w)
        || qobject_cast<const QTextEdit *>(w) || qobject_cast<const QAbstractSlider *>(w);
}

QString describe(const QWidget *w)
{
    QStringList path;
    for (const QObject *o = w; o; o = o->parent())
        path.prepend(QString::fromLatin1(o->metaObject()->className())
            + (o->objectName().isEmpty() ? QString() : u'#' + o->objectName()));
    return path.join(u'/');
}

// The text of the label a screen reader announces with w (a QLabel whose buddy it is); empty if none.
QString labelOf(QWidget *w)
{
    QAccessibleInterface *a = QAccessible::queryAccessibleInterface(w);
    if (!a)
        return QString();
    const auto relations = a->relations(QAccessible::Label);
    for (const auto &[other, relation] : relations) {
        if (other && !other->text(QAccessible::Name).isEmpty())
            return other->text(QAccessible::Name).remove(u'&');
    }
    return QString();
}

// The interactive widgets under top that a screen reader would read without a name; a combo box's
// current text and a line edit's contents are not names (they are values).
QStringList unnamed(QWidget *top)
{
    QStringList found;
    const auto widgets = top->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (!interactive(w) || qobject_cast<QLineEdit *>(w->parent()) || qobject_cast<QComboBox *>(w->parent())
            || qobject_cast<QAbstractSpinBox *>(w->parent()))
            continue; // the line edit inside a combo box or a spin box: the box is what is read
        if (!w->isVisibleTo(top))
            continue;
        if (qobject_cast<QAbstractItemView *>(w->parentWidget())
            || (w->parentWidget() && qobject_cast<QAbstractItemView *>(w->parentWidget()->parentWidget())))
            continue; // a view's own parts (its corner button, its scroll bars): the view is what is read
        QAccessibleInterface *a = QAccessible::queryAccessibleInterface(w);
        const QString name = a ? a->text(QAccessible::Name).trimmed() : QString();
        const QString value = a ? a->text(QAccessible::Value).trimmed() : QString();
        // On Linux a combo box's name is its value; what it is comes from the label it is the buddy of.
        const bool valueAsName = !name.isEmpty() && name == value && w->accessibleName().isEmpty();
        if ((name.isEmpty() || valueAsName) && labelOf(w).isEmpty())
            found << describe(w) + QStringLiteral(" (name \"%1\")").arg(name);
    }
    return found;
}

} // namespace

class TestAccessibility : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ReceiverCore m_core;
    RecordingNotifier m_notifier;
    std::unique_ptr<SecretStore> m_secrets;

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

    void mainWindowEveryTab()
    {
        MainWindow window(&m_core, &m_notifier, m_secrets.get());
        window.resize(1300, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // The log's filter boxes say what they filter, not their value ("Any").
        QStringList filterNames;
        const auto boxes = window.log()->findChildren<QComboBox *>();
        for (QComboBox *box : boxes)
            filterNames << labelOf(box);
        QCOMPARE(filterNames,
            (QStringList {
                QStringLiteral("Event"), QStringLiteral("Result"), QStringLiteral("Helper"), QStringLiteral("When")}));
        QStringList missing;
        const auto tabs = window.findChildren<QTabWidget *>();
        for (QTabWidget *tabWidget : tabs) {
            for (int i = 0; i < tabWidget->count(); ++i) {
                tabWidget->setCurrentIndex(i);
                QTest::qWait(20);
                missing += unnamed(&window);
            }
        }
        missing.removeDuplicates();
        for (const QString &m : std::as_const(missing))
            qWarning().noquote() << "no accessible name:" << m;
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("%1 controls without a name").arg(missing.size())));
    }

    void dialogs()
    {
        const qint64 first = postAndFindId(m_core.port(), m_core.store(), makeBody(QStringLiteral("a11y-1")));
        const qint64 second = postAndFindId(m_core.port(), m_core.store(), makeBody(QStringLiteral("a11y-2")));
        QVERIFY(first > 0 && second > 0);
        SettingsDialog settings(&m_core, m_secrets.get());
        // A form row's label names the control, not the row that holds it beside the restart note.
        QCOMPARE(labelOf(settings.findChild<QComboBox *>(QStringLiteral("zone"))), QStringLiteral("Time zone:"));
        QCOMPARE(labelOf(settings.findChild<QComboBox *>(QStringLiteral("durability"))), QStringLiteral("Durability:"));
        SendDialog send(&m_core);
        DiffDialog diff(m_core.log(), first, second);
        EditResendDialog resend(&m_core, first, makeBody(QStringLiteral("a11y-1")));
        DeadLetterDialog deadLetters(m_core.actions());
        QStringList missing;
        for (QDialog *dialog : std::initializer_list<QDialog *> {&settings, &send, &diff, &resend, &deadLetters}) {
            dialog->show();
            QVERIFY(QTest::qWaitForWindowExposed(dialog));
            const auto tabs = dialog->findChildren<QTabWidget *>();
            for (QTabWidget *tabWidget : tabs) {
                for (int i = 0; i < tabWidget->count(); ++i) {
                    tabWidget->setCurrentIndex(i);
                    missing += unnamed(dialog);
                }
            }
            missing += unnamed(dialog);
            dialog->hide();
        }
        missing.removeDuplicates();
        for (const QString &m : std::as_const(missing))
            qWarning().noquote() << "no accessible name:" << m;
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("%1 controls without a name").arg(missing.size())));
    }

    // Every toolbar action has a key; none takes a key the platform gives something else (Ctrl+P is
    // Print); the shortcuts dialog lists them all, read from the actions.
    void shortcutsFollowConventionsAndAreListed()
    {
        MainWindow window(&m_core, &m_notifier, m_secrets.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const auto toolbars = window.findChildren<QToolBar *>();
        QVERIFY(!toolbars.isEmpty());
        for (QAction *action : toolbars.constFirst()->actions()) {
            if (action->isSeparator())
                continue;
            const bool viaMenu = action->menu() && !action->menu()->actions().isEmpty();
            QVERIFY2(!action->shortcut().isEmpty() || viaMenu, qPrintable(action->text()));
        }
        QSet<QString> keys; // of the window's own shortcuts: one action each, or the key is ambiguous
        QSet<QString> pairs; // key and what it does, as the dialog lists them
        const auto actions = window.findChildren<QAction *>();
        for (const QAction *action : actions) {
            if (action->shortcut().isEmpty())
                continue;
            const QString key = action->shortcut().toString();
            pairs.insert(key + u'\t' + QString(action->text()).remove(u'&'));
            if (action->shortcutContext() != Qt::WidgetShortcut) {
                QVERIFY2(!keys.contains(key), qPrintable(QStringLiteral("%1 is taken twice").arg(key)));
                keys.insert(key);
            }
            // A standard key only for what it stands for (a Copy action may take Ctrl+C).
            for (const auto &[standard, meaning] :
                {std::pair {QKeySequence::Print, "Print"}, std::pair {QKeySequence::Quit, "Quit"},
                    std::pair {QKeySequence::Close, "Close"}, std::pair {QKeySequence::New, "New"},
                    std::pair {QKeySequence::Undo, "Undo"}, std::pair {QKeySequence::Redo, "Redo"},
                    std::pair {QKeySequence::Copy, "Copy"}, std::pair {QKeySequence::Paste, "Paste"},
                    std::pair {QKeySequence::Cut, "Cut"}, std::pair {QKeySequence::Refresh, "Refresh"}}) {
                QVERIFY2(!QKeySequence::keyBindings(standard).contains(action->shortcut())
                        || action->text().contains(QLatin1String(meaning), Qt::CaseInsensitive),
                    qPrintable(QStringLiteral("%1 (%2) takes the key of %3")
                                   .arg(action->text(), key, QLatin1String(meaning))));
            }
        }
        QVERIFY(keys.contains(QKeySequence(Qt::Key_F8).toString())); // pause, no longer Ctrl+P
        QAction *open = window.findChild<QAction *>(QStringLiteral("shortcutsAction"));
        QVERIFY(open);
        open->trigger();
        ShortcutsDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<ShortcutsDialog *>()) != nullptr);
        QCOMPARE(dialog->table()->rowCount(), pairs.size() + 2); // and Alt+letter, select all
        QList<QString> listed;
        for (int row = 0; row < dialog->table()->rowCount(); ++row)
            listed << dialog->table()->item(row, 0)->text();
        QVERIFY(listed.contains(QKeySequence(Qt::Key_F8).toString(QKeySequence::NativeText)));
        QVERIFY(unnamed(dialog).isEmpty());
        dialog->close();
    }

    // The check itself: a line edit with no label and no name is found; a buddy label names it.
    void theCheckFindsAnUnnamedControl()
    {
        QWidget form;
        auto *edit = new QLineEdit(&form);
        QCOMPARE(unnamed(&form).size(), 1);
        auto *label = new QLabel(QStringLiteral("&Port:"), &form);
        label->setBuddy(edit);
        QVERIFY2(unnamed(&form).isEmpty(), qPrintable(unnamed(&form).join(u'\n')));
        auto *box = new QComboBox(&form);
        box->addItem(QStringLiteral("Any"));
        QCOMPARE(unnamed(&form).size(), 1); // its value is not its name
        auto *boxLabel = new QLabel(QStringLiteral("Result"), &form);
        boxLabel->setBuddy(box);
        QVERIFY(unnamed(&form).isEmpty());
    }
};

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
