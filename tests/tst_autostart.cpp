// "Start at login" on real files under a temporary XDG_CONFIG_HOME: the entry written, valid for
// desktop-file-validate and naming this binary; removed again; someone else's file left alone; a
// folder that cannot be written said in words; and the settings dialog's check box over all of it.
#include "config/secretstore.h"
#include "platform/autostart.h"
#include "receivercore.h"
#include "screenshot.h"
#include "settingsdialog.h"
#include "testsupport.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QProcess>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <unistd.h>

using namespace peanuts;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &contents)
{
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(contents), contents.size());
}

// The value of key in the file's lines, as written.
QString valueOf(const QByteArray &contents, const QByteArray &key)
{
    for (const QByteArray &line : contents.split('\n')) {
        if (line.startsWith(QByteArray(key + '=')))
            return QString::fromUtf8(line.mid(key.size() + 1));
    }
    return QString();
}

// desktop-file-validate's complaints about the file; empty when it passes.
QString validationProblems(const QString &path)
{
    QProcess validate;
    validate.start(QStringLiteral("desktop-file-validate"), {path});
    if (!validate.waitForFinished(20000))
        return QStringLiteral("desktop-file-validate did not finish");
    const QString output = QString::fromUtf8(validate.readAllStandardOutput() + validate.readAllStandardError());
    if (validate.exitStatus() != QProcess::NormalExit || validate.exitCode() != 0)
        return output.isEmpty() ? QStringLiteral("exit code %1").arg(validate.exitCode()) : output;
    // It exits 0 on hints too; an error or a warning is a failure here.
    return output.contains(QLatin1String("error:")) || output.contains(QLatin1String("warning:")) ? output : QString();
}

} // namespace

class TestAutostart : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_config;
    bool m_validator = false;

    QString entry() const { return m_config + QStringLiteral("/autostart/peanuts-monitor.desktop"); }
    static QString app() { return QCoreApplication::applicationFilePath(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // A home of its own, so that the dialog's hint reads as it would for a user: "~/.config/autostart".
        qputenv("HOME", QFile::encodeName(m_dir.path()));
        m_config = m_dir.filePath(QStringLiteral(".config"));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_config));
        // CI installs desktop-file-utils; elsewhere the checks below that need it say so and skip.
        m_validator = !QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate")).isEmpty();
    }

    void init()
    {
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_config));
        QFile(m_config + QStringLiteral("/autostart"))
            .setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QDir(m_config + QStringLiteral("/autostart")).removeRecursively();
        QFile::remove(m_config + QStringLiteral("/autostart")); // the "file in the way" case
    }

    void pathFollowsXdgConfigHome()
    {
        const QString elsewhere = m_dir.filePath(QStringLiteral("elsewhere"));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(elsewhere));
        QCOMPARE(Autostart::entryPath(), elsewhere + QStringLiteral("/autostart/peanuts-monitor.desktop"));
        const QString underHome = m_dir.path() + QStringLiteral("/.config/autostart/peanuts-monitor.desktop");
        qputenv("XDG_CONFIG_HOME", "relative/is/ignored");
        QCOMPARE(Autostart::entryPath(), underHome);
        qunsetenv("XDG_CONFIG_HOME");
        QCOMPARE(Autostart::entryPath(), underHome);
    }

    void enableWritesAValidEntry()
    {
        const Autostart autostart;
        QVERIFY(!autostart.isEnabled());
        QString error;
        QVERIFY2(autostart.setEnabled(true, &error), qPrintable(error));
        QVERIFY(error.isEmpty());
        QVERIFY(autostart.isEnabled());
        const QByteArray text = readFile(entry());
        QVERIFY(text.contains("\n[Desktop Entry]\n"));
        QCOMPARE(valueOf(text, "Type"), QStringLiteral("Application"));
        QCOMPARE(valueOf(text, "Name"), QStringLiteral("Peanuts Monitor"));
        QCOMPARE(valueOf(text, "Icon"), QStringLiteral("peanuts-monitor"));
        QCOMPARE(valueOf(text, "X-GNOME-Autostart-enabled"), QStringLiteral("true"));
        // The build directory's path has no character that needs escaping: the quotes around it are all.
        QVERIFY(QFileInfo(app()).isAbsolute());
        QCOMPARE(valueOf(text, "Exec"), u'"' + app() + u'"');
        QCOMPARE(Autostart::execProgram(valueOf(text, "Exec")), app());
        // Written whole, through a temporary file: nothing else is left in the folder.
        QCOMPARE(QDir(m_config + QStringLiteral("/autostart")).entryList(QDir::Files | QDir::Hidden),
            QStringList {QStringLiteral("peanuts-monitor.desktop")});
        if (!m_validator)
            QSKIP("desktop-file-validate is not installed (desktop-file-utils)");
        const QString problems = validationProblems(entry());
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }

    // Paths that need the specification's quoting and escaping: written as expected, valid, and read
    // back to the same path.
    void execQuoting_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("exec");
        QTest::addRow("space") << QStringLiteral("/opt/My Apps/peanuts-monitor")
                               << QStringLiteral("\"/opt/My Apps/peanuts-monitor\"");
        QTest::addRow("dollar, backtick, quote")
            << QStringLiteral("/opt/$HOME/`x`/\"q\"/peanuts-monitor")
            << QStringLiteral("\"/opt/\\\\$HOME/\\\\`x\\\\`/\\\\\"q\\\\\"/peanuts-monitor\"");
        QTest::addRow("backslash") << QStringLiteral("/opt/a\\b/peanuts-monitor")
                                   << QStringLiteral("\"/opt/a\\\\\\\\b/peanuts-monitor\"");
        QTest::addRow("tab") << QStringLiteral("/opt/a\tb/peanuts-monitor")
                             << QStringLiteral("\"/opt/a\\tb/peanuts-monitor\"");
        QTest::addRow("percent") << QStringLiteral("/opt/100%/peanuts-monitor")
                                 << QStringLiteral("\"/opt/100%%/peanuts-monitor\"");
        QTest::addRow("reserved") << QStringLiteral("/opt/a;b&c|d(e)~f#g*h?i<j>'k/peanuts-monitor")
                                  << QStringLiteral("\"/opt/a;b&c|d(e)~f#g*h?i<j>'k/peanuts-monitor\"");
    }

    void execQuoting()
    {
        QFETCH(QString, program);
        QFETCH(QString, exec);
        QCOMPARE(Autostart::execArgument(program), exec);
        QCOMPARE(Autostart::execProgram(exec), program);
        const Autostart autostart(program);
        QString error;
        QVERIFY2(autostart.setEnabled(true, &error), qPrintable(error));
        QCOMPARE(valueOf(readFile(entry()), "Exec"), exec);
        QVERIFY(autostart.isEnabled());
        if (!m_validator)
            QSKIP("desktop-file-validate is not installed (desktop-file-utils)");
        const QString problems = validationProblems(entry());
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }

    void disableRemovesIt()
    {
        const Autostart autostart;
        QString error;
        QVERIFY2(autostart.setEnabled(true, &error), qPrintable(error));
        QVERIFY(QFile::exists(entry()));
        QVERIFY2(autostart.setEnabled(false, &error), qPrintable(error));
        QVERIFY(!QFile::exists(entry()));
        QVERIFY(!autostart.isEnabled());
        QVERIFY2(autostart.setEnabled(false, &error), qPrintable(error)); // nothing there: nothing to do
        QVERIFY(error.isEmpty());
    }

    // What another tool may have left: a switched-off entry, a copy of the installed desktop file, and
    // a file under our name that starts something else.
    void entriesWrittenElsewhere_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<bool>("enabled");
        QTest::addColumn<bool>("ours");
        const QByteArray program = QFile::encodeName(QFileInfo(app()).fileName());
        QTest::addRow("hidden") << QByteArray(
            "[Desktop Entry]\nType=Application\nName=P\nExec=" + program + "\nHidden=true\n")
                                << false << true;
        QTest::addRow("gnome switch off") << QByteArray(
            "[Desktop Entry]\nType=Application\nName=P\nExec=" + program + " --x\nX-GNOME-Autostart-enabled=false\n")
                                          << false << true;
        QTest::addRow("copy of the installed file")
            << QByteArray("[Desktop Entry]\nType=Application\nName=Peanuts Monitor\nExec=" + program
                   + "\nIcon=peanuts-monitor\n[Desktop Action x]\nExec=other\nHidden=true\n")
            << true << true;
        QTest::addRow("another program") << QByteArray("[Desktop Entry]\nType=Application\nName=F\nExec=firefox\n")
                                         << false << false;
    }

    void entriesWrittenElsewhere()
    {
        QFETCH(QByteArray, contents);
        QFETCH(bool, enabled);
        QFETCH(bool, ours);
        writeFile(entry(), contents);
        const Autostart autostart;
        QCOMPARE(autostart.isEnabled(), enabled);
        QString error;
        if (ours) {
            QVERIFY2(autostart.setEnabled(true, &error), qPrintable(error));
            QVERIFY(autostart.isEnabled());
            QVERIFY2(autostart.setEnabled(false, &error), qPrintable(error));
            QVERIFY(!QFile::exists(entry()));
            return;
        }
        // Someone else's: left as it is, either way, and enabling says why it cannot.
        QVERIFY2(autostart.setEnabled(false, &error), qPrintable(error));
        QCOMPARE(readFile(entry()), contents);
        QVERIFY(!autostart.setEnabled(true, &error));
        QVERIFY2(error.contains(QStringLiteral("starts firefox instead of Peanuts Monitor")), qPrintable(error));
        QCOMPARE(readFile(entry()), contents);
    }

    void unwritableFolder()
    {
        // A file where the folder should be: refused for root too.
        writeFile(m_config + QStringLiteral("/autostart"), "not a folder");
        const Autostart autostart;
        QString error;
        QVERIFY(!autostart.setEnabled(true, &error));
        QVERIFY2(error.contains(QStringLiteral("Cannot create the autostart folder"))
                && error.contains(QStringLiteral("is a file")),
            qPrintable(error));
        QVERIFY(!autostart.isEnabled());
        QVERIFY(QFile::remove(m_config + QStringLiteral("/autostart")));

        if (geteuid() == 0)
            QSKIP("root writes into read-only folders: the read-only cases need another user");
        QVERIFY2(autostart.setEnabled(true, &error), qPrintable(error));
        const QString folder = m_config + QStringLiteral("/autostart");
        QVERIFY(QFile(folder).setPermissions(QFile::ReadOwner | QFile::ExeOwner));
        error.clear();
        QVERIFY(!autostart.setEnabled(false, &error));
        QVERIFY2(error.startsWith(QStringLiteral("Cannot remove ")), qPrintable(error));
        QVERIFY(QFile::exists(entry()));
        QVERIFY(QFile(folder).setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QVERIFY(autostart.setEnabled(false, &error));
        QVERIFY(QFile(folder).setPermissions(QFile::ReadOwner | QFile::ExeOwner));
        QVERIFY(!autostart.setEnabled(true, &error));
        QVERIFY2(error.startsWith(QStringLiteral("Cannot write ")), qPrintable(error));
    }

    // The real dialog over a running receiver: the check box shows the file's state, and applying it
    // writes or removes the file; an error stays in the dialog until an apply succeeds.
    void settingsDialog()
    {
        QTemporaryDir data;
        QVERIFY(data.isValid());
        ReceiverCore core;
        QString error;
        QVERIFY2(core.start(testsupport::testOptions(data.path()), &error), qPrintable(error));
        SecretStore secrets(QStringLiteral("peanuts-monitor-test"), data.filePath(QStringLiteral("secrets.json")));
        secrets.setKeychainEnabled(false);

        {
            SettingsDialog dialog(&core, &secrets);
            auto *box = dialog.findChild<QCheckBox *>(QStringLiteral("startAtLogin"));
            QVERIFY(box);
            QVERIFY(!box->isChecked());
            const QList<QLabel *> labels = box->parentWidget()->findChildren<QLabel *>();
            QVERIFY(std::any_of(labels.begin(), labels.end(), [](const QLabel *label) {
                return label->text().contains(QStringLiteral("with an entry in ~/.config/autostart."));
            }));
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            auto *tabs = dialog.findChild<QTabWidget *>();
            tabs->setCurrentWidget(box->parentWidget());
            QVERIFY(box->isVisible());
            QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(8, box->height() / 2));
            QVERIFY(box->isChecked());
            QVERIFY(!QFile::exists(entry())); // only applying writes
            QVERIFY2(dialog.apply(), qPrintable(dialog.lastError()));
            QCOMPARE(Autostart::execProgram(valueOf(readFile(entry()), "Exec")), app());
            saveScreenshot(&dialog, QStringLiteral("settings-start-at-login"));
        }
        {
            SettingsDialog dialog(&core, &secrets);
            auto *box = dialog.findChild<QCheckBox *>(QStringLiteral("startAtLogin"));
            QVERIFY(box->isChecked()); // read from the file
            box->setChecked(false);
            QVERIFY2(dialog.apply(), qPrintable(dialog.lastError()));
            QVERIFY(!QFile::exists(entry()));

            // The folder cannot be made: the dialog says so, and applies it once it can.
            QVERIFY(QDir(m_config + QStringLiteral("/autostart")).removeRecursively());
            writeFile(m_config + QStringLiteral("/autostart"), "not a folder");
            box->setChecked(true);
            QVERIFY(!dialog.apply());
            auto *label = dialog.findChild<QLabel *>(QStringLiteral("error"));
            QVERIFY(label);
            QVERIFY2(label->text().startsWith(QStringLiteral("Start at login was not changed: Cannot create the "
                                                             "autostart folder")),
                qPrintable(label->text()));
            QCOMPARE(label->text(), dialog.lastError());
            QVERIFY(QFile::remove(m_config + QStringLiteral("/autostart")));
            QVERIFY2(dialog.apply(), qPrintable(dialog.lastError()));
            QVERIFY(dialog.lastError().isEmpty());
            QVERIFY(Autostart().isEnabled());
        }
        core.stop();
    }
};

QTEST_MAIN(TestAutostart)
#include "tst_autostart.moc"
