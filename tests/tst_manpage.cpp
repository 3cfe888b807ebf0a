// The manual page (--help-man) is written from the same parser as --help: it lists every option
// --help lists, with the same description, and groff renders it without a warning.
#include "config/options.h"

#include <QCoreApplication>
#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using namespace peanuts;

namespace {

QString run(const QString &option)
{
    const CommandLine commandLine = parseCommandLine({QStringLiteral("peanuts-monitor"), option});
    if (!commandLine.exit || commandLine.exitCode != 0)
        return QString();
    return commandLine.output;
}

// The page's text with roff's escapes for a hyphen and a backslash read back.
QString unescaped(QString page)
{
    page.replace(QLatin1String("\\-"), QLatin1String("-"));
    page.replace(QLatin1String("\\e"), QLatin1String("\\"));
    return page;
}

} // namespace

class TestManPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // As runMonitor names it: the default paths in the page are the real ones.
        QCoreApplication::setApplicationName(QStringLiteral("peanuts-monitor"));
        QCoreApplication::setOrganizationName(QStringLiteral("Peanuts"));
        QCoreApplication::setApplicationVersion(QStringLiteral(PEANUTS_VERSION));
    }

    void headerAndSections()
    {
        const QString page = run(QStringLiteral("--help-man"));
        QVERIFY2(page.startsWith(QStringLiteral(".TH PEANUTS-MONITOR 1 \"\" \"peanuts-monitor %1\"")
                                     .arg(QStringLiteral(PEANUTS_VERSION))),
            qPrintable(page.left(200)));
        for (const char *section :
            {".SH NAME\npeanuts-monitor \\- ", ".SH SYNOPSIS\n", ".SH DESCRIPTION\n", ".SH OPTIONS\n"})
            QVERIFY2(page.contains(QLatin1String(section)), section);
        // The description's paragraphs, each on one line.
        QVERIFY(
            page.contains(QStringLiteral("\nPeanuts Monitor receives signed Peanuts webhooks, verifies them, stores "
                                         "them in a local SQLite file and shows them live.\n.PP\n")));
        // The builder's home folder does not end up in the page.
        QVERIFY(!page.contains(QDir::homePath() + u'/'));
        // Hidden from --help, where it would only confuse.
        QVERIFY(!run(QStringLiteral("--help")).contains(QLatin1String("help-man")));
    }

    // Every option of --help is a tagged paragraph of the page, with its whole description.
    void everyOptionOfHelp()
    {
        const QString help = run(QStringLiteral("--help"));
        const QString page = run(QStringLiteral("--help-man"));
        const QString text = unescaped(page);
        static const QRegularExpression optionLine(QStringLiteral("^  (-\\S.*?)(?:  +(\\S.*))?$"));
        int options = 0;
        for (const QString &line : help.split(u'\n')) {
            const QRegularExpressionMatch match = optionLine.match(line);
            if (!match.hasMatch())
                continue;
            ++options;
            QString tag = match.captured(1);
            tag.replace(QRegularExpression(QStringLiteral("<([^>]+)>")), QStringLiteral("\\fI\\1\\fB"));
            QVERIFY2(text.contains(QStringLiteral(".TP\n\\fB%1\\fR\n").arg(tag)), qPrintable(tag));
        }
        QVERIFY2(options >= 40, qPrintable(QString::number(options)));
        QCOMPARE(page.count(QLatin1String("\n.TP\n")), options);
        // A description wrapped in --help, joined again (after "keep-" without a space), and the last option.
        QVERIFY(text.contains(QStringLiteral("\nClose idle keep-alive connections after S seconds (default 30).\n")));
        QVERIFY(text.contains(QStringLiteral("\\fB--move-corrupt-aside\\fR\nWhen the database file is not a usable "
                                             "database, rename it (and its -wal and -shm) to NAME.corrupt-TIME")));
        // A default path longer than the column, which --help cuts inside the word, whole again.
        QString settingsPath = defaultSettingsPath();
        settingsPath.replace(QDir::homePath() + u'/', QStringLiteral("~/"));
        QVERIFY2(text.contains(QStringLiteral("Settings file (default %1).\n").arg(settingsPath)), qPrintable(text));
        const QString lastTag = help.split(u'\n', Qt::SkipEmptyParts).filter(optionLine).constLast();
        QVERIFY2(text.contains(optionLine.match(lastTag).captured(1).section(u' ', 0, 0)), qPrintable(lastTag));
        // Option names are minus signs for roff; hyphens inside words stay hyphens.
        QVERIFY(page.contains(QLatin1String("\\fB\\-\\-idle-timeout \\fIS\\fB\\fR\n")));
        QVERIFY(page.contains(QLatin1String("keep-alive")));
    }

    // groff, with all warnings on, has nothing to say about the page.
    void groffRendersWithoutWarnings()
    {
        const QString groff = QStandardPaths::findExecutable(QStringLiteral("groff"));
        if (groff.isEmpty())
            QSKIP("groff (groff-base) is not installed");
        QProcess process;
        process.start(
            groff, {QStringLiteral("-man"), QStringLiteral("-Tutf8"), QStringLiteral("-ww"), QStringLiteral("-z")});
        QVERIFY(process.waitForStarted());
        process.write(run(QStringLiteral("--help-man")).toUtf8());
        process.closeWriteChannel();
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(process.readAllStandardError()), QString());
    }
};

QTEST_GUILESS_MAIN(TestManPage)
#include "tst_manpage.moc"
