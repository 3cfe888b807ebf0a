// The translation path end to end: the German catalogue the build compiled, installed by the app's own
// loader (app/platform/translations.h), shows in real widgets; Qt's own catalogue comes with it; the C
// locale and English load only the English plural forms; the install's share folder wins over the folder beside the
// binary; the binary's --help follows LANGUAGE while --help-man stays English.
#include "chartspanel.h"
#include "deliverylogmodel.h"
#include "deliverylogview.h"
#include "inspector.h"
#include "monitorprocess.h"
#include "platform/translations.h"
#include "receivercore.h"
#include "testsupport.h"

#include <QChart>
#include <QChartView>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLibraryInfo>
#include <QProcess>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace testsupport;

namespace {

// Where the build put the compiled catalogues (translations/CMakeLists.txt): beside the binary.
const QString kBuiltDir = QStringLiteral(PEANUTS_QM_DIR);

QStringList tabTexts(const QWidget &widget)
{
    QStringList texts;
    const QTabWidget *tabs = widget.findChild<QTabWidget *>();
    for (int i = 0; tabs && i < tabs->count(); ++i)
        texts.append(tabs->tabText(i));
    return texts;
}

QStringList labelTexts(const QWidget &widget)
{
    QStringList texts;
    for (const QLabel *label : widget.findChildren<QLabel *>())
        texts.append(label->text());
    return texts;
}

QStringList chartTitles(const QWidget &widget)
{
    QStringList titles;
    for (const QChartView *view : widget.findChildren<QChartView *>())
        titles.append(view->chart()->title());
    return titles;
}

QString runBinary(const QStringList &arguments, const QString &language, const QString &home)
{
    QProcess process;
    QProcessEnvironment env = isolatedEnvironment(home);
    env.remove(QStringLiteral("LC_ALL"));
    env.remove(QStringLiteral("LC_MESSAGES"));
    env.insert(QStringLiteral("LANGUAGE"), language);
    process.setProcessEnvironment(env);
    process.start(binary(), arguments);
    if (!process.waitForFinished(30000))
        return QStringLiteral("(did not finish)");
    return QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    peanuts::ReceiverCore m_core;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFile::exists(kBuiltDir + QStringLiteral("/peanuts-monitor_de.qm")), qPrintable(kBuiltDir));
        QString error;
        QVERIFY2(m_core.start(testOptions(m_dir.path()), &error), qPrintable(error));
    }

    void cleanup() { peanuts::installTranslations(QLocale::c(), {kBuiltDir}); }

    // The most specific name first, down to the language alone; Qt also lists the script ("de_Latn_DE").
    void candidates_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("territorial");
        QTest::addColumn<QString>("language");
        QTest::addRow("de_DE") << "de_DE"
                               << "de_DE"
                               << "de";
        QTest::addRow("de_AT") << "de_AT"
                               << "de_AT"
                               << "de";
        QTest::addRow("fr_CA") << "fr_CA"
                               << "fr_CA"
                               << "fr";
        QTest::addRow("C") << "C" << QString() << QString();
        QTest::addRow("en_US") << "en_US" << QString() << QString();
    }

    void candidates()
    {
        QFETCH(QString, locale);
        QFETCH(QString, territorial);
        QFETCH(QString, language);
        const QStringList candidates = peanuts::translationCandidates(QLocale(locale));
        if (language.isEmpty()) {
            QCOMPARE(candidates, QStringList());
            return;
        }
        QVERIFY2(candidates.contains(territorial), qPrintable(candidates.join(u' ')));
        QCOMPARE(candidates.constLast(), language);
        QVERIFY(candidates.indexOf(territorial) < candidates.indexOf(language));
        QCOMPARE(QStringList(candidates).removeDuplicates(), 0);
    }

    // The install's share folder, then beside the binary.
    void directories()
    {
        QCOMPARE(peanuts::translationDirectories(QStringLiteral("/opt/pm/bin")),
            (QStringList {QStringLiteral("/opt/pm/share/peanuts-monitor/translations"),
                QStringLiteral("/opt/pm/bin/translations")}));
    }

    void shareFolderFirst()
    {
        QTemporaryDir root;
        const QString share = root.filePath(QStringLiteral("share/peanuts-monitor/translations"));
        const QString beside = root.filePath(QStringLiteral("bin/translations"));
        QVERIFY(QDir().mkpath(share) && QDir().mkpath(beside));
        const QString built = kBuiltDir + QStringLiteral("/peanuts-monitor_de.qm");
        QVERIFY(QFile::copy(built, share + QStringLiteral("/peanuts-monitor_de.qm")));
        QVERIFY(QFile::copy(built, beside + QStringLiteral("/peanuts-monitor_de.qm")));
        const QStringList dirs = peanuts::translationDirectories(root.filePath(QStringLiteral("bin")));

        QStringList loaded = peanuts::installTranslations(QLocale(QStringLiteral("de_DE")), dirs);
        QVERIFY(!loaded.isEmpty());
        QCOMPARE(loaded.constFirst(), share + QStringLiteral("/peanuts-monitor_de.qm"));

        // A catalogue for Austrian German comes with Qt's German one.
        QVERIFY(QFile::copy(built, share + QStringLiteral("/peanuts-monitor_de_AT.qm")));
        loaded = peanuts::installTranslations(QLocale(QStringLiteral("de_AT")), dirs);
        QCOMPARE(loaded.size(), 2);
        QCOMPARE(loaded.constFirst(), share + QStringLiteral("/peanuts-monitor_de_AT.qm"));
        QVERIFY(loaded.constLast().endsWith(QStringLiteral("/qtbase_de.qm")));

        QVERIFY(QFile::remove(share + QStringLiteral("/peanuts-monitor_de.qm")));
        loaded = peanuts::installTranslations(QLocale(QStringLiteral("de_DE")), dirs);
        QVERIFY(!loaded.isEmpty());
        QCOMPARE(loaded.constFirst(), beside + QStringLiteral("/peanuts-monitor_de.qm"));
    }

    // Qt's catalogue is declared (installer/deps.sh: qt6-translations-l10n), so its absence fails here
    // rather than skipping: a machine set up by deps.sh has it, and without it standard buttons would
    // stay English beside German text.
    void germanWindow()
    {
        const QStringList loaded = peanuts::installTranslations(QLocale(QStringLiteral("de_DE")), {kBuiltDir});
        QCOMPARE(loaded.size(), 2);
        QCOMPARE(loaded.at(0), kBuiltDir + QStringLiteral("/peanuts-monitor_de.qm"));
        QVERIFY2(loaded.at(1).endsWith(QStringLiteral("/qtbase_de.qm")),
            qPrintable(QStringLiteral("Qt's German catalogue is missing from %1 (qt6-translations-l10n)")
                           .arg(QLibraryInfo::path(QLibraryInfo::TranslationsPath))));

        peanuts::Inspector inspector(&m_core);
        QVERIFY2(tabTexts(inspector).contains(QStringLiteral("Formatiertes JSON")),
            qPrintable(tabTexts(inspector).join(u'|')));
        QVERIFY(tabTexts(inspector).contains(QStringLiteral("Signatur")));

        peanuts::DeliveryLogView log(&m_core);
        QVERIFY2(labelTexts(log).contains(QStringLiteral("&Ereignis")), qPrintable(labelTexts(log).join(u'|')));

        peanuts::ChartsPanel charts(&m_core);
        QVERIFY2(labelTexts(charts).contains(QStringLiteral("Summe diesen Monat")),
            qPrintable(labelTexts(charts).join(u'|')));
        QVERIFY2(chartTitles(charts).contains(QStringLiteral("Tagessummen, letzte 30 Tage")),
            qPrintable(chartTitles(charts).join(u'|')));

        // Qt's own strings, from qtbase_de.
        QDialogButtonBox buttons(QDialogButtonBox::Cancel);
        QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Abbrechen"));
    }

    // The C locale, English (the sources' language) and a language not shipped load only the English
    // plural forms: what is built then is English, with "1 retry" where %n alone would say "1 retries".
    void englishLoadsOnlyItsPluralForms()
    {
        const QStringList englishOnly {kBuiltDir + QStringLiteral("/peanuts-monitor_en.qm")};
        QVERIFY(!peanuts::installTranslations(QLocale(QStringLiteral("de_DE")), {kBuiltDir}).isEmpty());
        QCOMPARE(peanuts::installTranslations(QLocale::c(), {kBuiltDir}), englishOnly);
        QCOMPARE(peanuts::installTranslations(QLocale(QStringLiteral("fr_FR")), {kBuiltDir}), englishOnly);
        QCOMPARE(peanuts::installTranslations(QLocale(QStringLiteral("en_GB")), {kBuiltDir}), englishOnly);
        peanuts::Inspector inspector(&m_core);
        QVERIFY(tabTexts(inspector).contains(QStringLiteral("Pretty JSON")));
        QDialogButtonBox buttons(QDialogButtonBox::Cancel);
        QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Cancel"));
        QCOMPARE(peanuts::DeliveryLogModel::tr("%n retries", nullptr, 1), QStringLiteral("1 retry"));
        QCOMPARE(peanuts::DeliveryLogModel::tr("%n retries", nullptr, 2), QStringLiteral("2 retries"));
    }

    // The binary itself: LANGUAGE picks the catalogue found beside it in the build tree; the manual page's
    // source stays English whatever the language.
    void binaryFollowsLanguage()
    {
        const QString german = runBinary({QStringLiteral("--help")}, QStringLiteral("de"), m_dir.path());
        QVERIFY2(german.contains(QStringLiteral("\nOptionen:\n")), qPrintable(german.left(400)));
        // The usage line names the command, not the path it was run by, in German too.
        QVERIFY2(german.startsWith(QStringLiteral("Aufruf: peanuts-monitor [Optionen]")), qPrintable(german.left(400)));
        const QString english = runBinary({QStringLiteral("--help")}, QStringLiteral("en"), m_dir.path());
        QVERIFY2(english.contains(QStringLiteral("\nOptions:\n")), qPrintable(english.left(400)));
        const QString man = runBinary({QStringLiteral("--help-man")}, QStringLiteral("de"), m_dir.path());
        QVERIFY2(man.contains(QStringLiteral(".SH OPTIONS")) && man.contains(QStringLiteral("Run the receiver")),
            qPrintable(man.left(400)));
        QVERIFY(!man.contains(QStringLiteral("Optionen")));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
