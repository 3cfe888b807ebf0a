// The export and import commands: argument parsing, the database (a SQLite file or a team database on
// PostgreSQL, through the store factory), a file's lock, and the runs over the store.
#include "tools/exportimport.h"

#include "config/options.h"
#include "config/settings.h"
#include "store/exporter.h"
#include "store/importreader.h"
#include "store/pgconnection.h"
#include "store/storefactory.h"

#include <QCoreApplication>
#include <QDate>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QLoggingCategory>
#include <QTimeZone>
#include <cstdio>
#include <memory>

namespace peanuts {

namespace {

int failWith(const QString &message)
{
    std::fputs(qPrintable(QStringLiteral("peanuts-monitor: %1\n").arg(message)), stderr);
    return 1;
}

const char kExportUsage[] = "usage: peanuts-monitor export --format jsonl|har|csv [--db PATH|URL] [--since T]"
                            " [--until T] [--out FILE]\n";
const char kImportUsage[] = "usage: peanuts-monitor import [--db PATH|URL] FILE...\n";

// "--name value" and "--name=value"; the rest are positional.
struct Arguments
{
    QHash<QString, QString> named;
    QStringList positional;
    QString error;
};

Arguments splitArguments(const QStringList &arguments, const QStringList &names)
{
    Arguments a;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments[i];
        if (!arg.startsWith(QLatin1String("--"))) {
            a.positional.append(arg);
            continue;
        }
        const qsizetype eq = arg.indexOf(QLatin1Char('='));
        const QString name = arg.mid(2, eq < 0 ? -1 : eq - 2);
        if (!names.contains(name)) {
            a.error = QStringLiteral("unknown option --%1").arg(name); // (its value may hold a password)
            return a;
        }
        if (eq >= 0) {
            a.named.insert(name, arg.mid(eq + 1));
        } else if (i + 1 < arguments.size()) {
            a.named.insert(name, arguments[++i]);
        } else {
            a.error = QStringLiteral("%1 needs a value").arg(arg);
            return a;
        }
    }
    return a;
}

// --db, else the database of a normal start: the settings' (store/database), else the default file.
QString databaseLocation(const Arguments &a)
{
    if (a.named.contains(QStringLiteral("db")))
        return a.named.value(QStringLiteral("db"));
    Options options;
    if (const QString settingsPath = defaultSettingsPath(); QFileInfo::exists(settingsPath))
        applySettings(options, Settings(settingsPath)); // (which would create the file when absent)
    return options.dbPath.isEmpty() ? defaultDatabasePath() : options.dbPath;
}

// The store of location, opened. A team database's password comes from its URL, else PGPASSWORD, else
// the keychain where a desktop session offers one (the window keeps it there), else libpq's PGPASSFILE
// or ~/.pgpass. Errors name a team database without its password (pgconnection.h).
std::unique_ptr<Store> openStore(const QString &location, bool readOnly, QString *error)
{
    StoreConfig config;
    config.path = location;
    config.readOnly = readOnly;
    if (isTeamDatabase(location) && !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        config.password = pgKeychainPasswordFor(location, 3000);
    std::unique_ptr<Store> store = makeStore(location);
    if (!store->open(config, error))
        return nullptr;
    return store;
}

} // namespace

std::optional<qint64> parseTimeArgument(const QString &text)
{
    if (const auto ms = parseIsoTimestamp(text))
        return ms;
    const QDate day = QDate::fromString(text, Qt::ISODate);
    if (day.isValid() && text.size() == 10)
        return day.startOfDay(QTimeZone::utc()).toMSecsSinceEpoch();
    return std::nullopt;
}

bool isExchangeCommand(int argc, char *argv[])
{
    return argc > 1 && (qstrcmp(argv[1], "export") == 0 || qstrcmp(argv[1], "import") == 0);
}

int runExchangeCommand(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // The store's notes (migrations, opening) are not what these commands report.
    QLoggingCategory::setFilterRules(QStringLiteral("peanuts.*.info=false"));
    QStringList arguments = app.arguments().mid(2);
    return qstrcmp(argv[1], "export") == 0 ? runExport(arguments) : runImport(arguments);
}

int runExport(const QStringList &arguments)
{
    const Arguments a = splitArguments(arguments,
        {QStringLiteral("format"), QStringLiteral("db"), QStringLiteral("since"), QStringLiteral("until"),
            QStringLiteral("out")});
    if (!a.error.isEmpty() || !a.positional.isEmpty())
        return failWith(
            (a.error.isEmpty() ? QStringLiteral("unexpected argument %1").arg(databaseForDisplay(a.positional.first()))
                               : a.error)
            + QStringLiteral("\n") + QLatin1String(kExportUsage));
    const auto format = exportFormatFromName(a.named.value(QStringLiteral("format")));
    if (!format)
        return failWith(QStringLiteral("--format must be jsonl, har or csv\n") + QLatin1String(kExportUsage));
    ExportSelection selection;
    for (const char *bound : {"since", "until"}) {
        const QString name = QLatin1String(bound);
        if (!a.named.contains(name))
            continue;
        const auto ms = parseTimeArgument(a.named.value(name));
        if (!ms)
            return failWith(QStringLiteral("--%1 %2 is not a date (2026-03-01) or an ISO-8601 date-time with a zone")
                                .arg(name, a.named.value(name)));
        (name == QLatin1String("since") ? selection.filter.fromMs : selection.filter.toMs) = *ms;
    }
    const QString location = databaseLocation(a);
    const bool team = isTeamDatabase(location);
    if (!team && !QFileInfo::exists(location))
        return failWith(QStringLiteral("there is no database at %1").arg(location));

    // A reader beside running instances: of a file, as a WAL reader that never takes the writer's lock;
    // of a team database, as one more read-only session.
    QString error;
    const std::unique_ptr<Store> store = openStore(location, true, &error);
    if (!store)
        return failWith(QStringLiteral("cannot export: %1").arg(error)
            + (team ? QString()
                    : QStringLiteral(" (a database of an older version is migrated when peanuts-monitor next "
                                     "starts on it)")));
    QFile out;
    const QString outPath = a.named.value(QStringLiteral("out"));
    const bool opened = outPath.isEmpty() || outPath == QLatin1String("-")
        ? out.open(stdout, QIODevice::WriteOnly)
        : (out.setFileName(outPath), out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    if (!opened)
        return failWith(QStringLiteral("cannot write %1: %2").arg(outPath, out.errorString()));
    const qint64 written = exportDeliveries(*store, *format, selection, out, &error);
    if (written < 0 || !out.flush())
        return failWith(QStringLiteral("export failed: %1").arg(error.isEmpty() ? out.errorString() : error));
    std::fputs(
        qPrintable(QStringLiteral("exported %1 %2%3\n")
                       .arg(written)
                       .arg(*format == ExportFormat::Csv ? QStringLiteral("entries") : QStringLiteral("deliveries"),
                           outPath.isEmpty() ? QString() : QStringLiteral(" to ") + outPath)),
        stderr);
    return 0;
}

int runImport(const QStringList &arguments)
{
    const Arguments a = splitArguments(arguments, {QStringLiteral("db")});
    if (!a.error.isEmpty() || a.positional.isEmpty())
        return failWith((a.error.isEmpty() ? QStringLiteral("no file to import") : a.error) + QStringLiteral("\n")
            + QLatin1String(kImportUsage));
    const QString location = databaseLocation(a);

    // A file's lock, the receiver's own (ReceiverCore::start): a running instance holds it for as long
    // as it runs, and an instance starting meanwhile waits for this import. A team database has no
    // such lock: it takes several instances and imports at once, and keeps them apart itself (a
    // unique index decides duplicates, store/pgstore.h).
    std::unique_ptr<QLockFile> lock;
    if (!isTeamDatabase(location)) {
        lock = std::make_unique<QLockFile>(location + QStringLiteral(".lock"));
        lock->setStaleLockTime(0);
        if (!lock->tryLock(0)) {
            qint64 pid = 0;
            QString host, appName;
            lock->getLockInfo(&pid, &host, &appName);
            return failWith(QStringLiteral("a running Peanuts Monitor (pid %1) holds %2: import from its window "
                                           "(File ▸ Import deliveries…) or stop it first. Nothing was imported.")
                                .arg(pid)
                                .arg(location));
        }
    }

    QString error;
    ImportReader reader;
    if (!reader.open(a.positional, &error))
        return failWith(QStringLiteral("%1. Nothing was imported.").arg(error));

    const std::unique_ptr<Store> store = openStore(location, false, &error);
    if (!store)
        return failWith(QStringLiteral("cannot import: %1. Nothing was imported.").arg(error));
    ImportTally tally;
    while (!reader.atEnd()) {
        auto batch = reader.next(500, &error);
        if (!batch || !store->importDeliveries(*batch, &tally, &error))
            return failWith(
                QStringLiteral("import stopped after %1 of %2 deliveries: %3. Those are kept; importing the "
                               "same files again skips them.")
                    .arg(tally.imported + tally.alreadyPresent)
                    .arg(reader.count())
                    .arg(error));
    }
    while (store->catchUp(2000) > 0) { } // the search index, before the receiver next starts
    std::fputs(qPrintable(QStringLiteral("imported %1 deliveries into %2 (%3 already there, %4 written without the "
                                         "body, redacted in this database)\n")
                              .arg(tally.imported)
                              .arg(databaseForDisplay(location))
                              .arg(tally.alreadyPresent)
                              .arg(tally.redactedHere)),
        stdout);
    return 0;
}

} // namespace peanuts
