// The command line: QCommandLineParser into Options, with clear errors for bad values.
#include "config/options.h"

#include "config/settings.h"
#include "platform/logging.h"
#include "store/storefactory.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>
#include <QStandardPaths>

namespace peanuts {

QString defaultDatabasePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/peanuts.db");
}

QString defaultSettingsPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral("/settings.ini");
}

namespace {

// A team database's URL as given; a file's path made absolute.
QString databaseLocation(const QString &given)
{
    return isTeamDatabase(given) ? given : QDir::cleanPath(QDir::current().absoluteFilePath(given));
}

// Retention's options, kept apart from the others.
struct RetentionOptions
{
    QCommandLineOption keepDays {QStringLiteral("keep-days"),
        QCoreApplication::translate("Options",
            "Delete deliveries older than N days; the current entries and the delivery each was "
            "applied from are always kept (default 0: keep everything)."),
        QStringLiteral("N")};
    QCommandLineOption keepDeliveries {QStringLiteral("keep-deliveries"),
        QCoreApplication::translate(
            "Options", "Keep only the newest N deliveries, with the same exceptions (default 0: keep everything)."),
        QStringLiteral("N")};
    QCommandLineOption keepRejectedDays {QStringLiteral("keep-rejected-days"),
        QCoreApplication::translate("Options",
            "Delete rejected deliveries older than N days; they stay counted (default %1; 0: keep them "
            "as long as the other deliveries).")
            .arg(kDefaultKeepRejectedDays),
        QStringLiteral("N")};

    void addTo(QCommandLineParser &parser) const { parser.addOptions({keepDays, keepDeliveries, keepRejectedDays}); }
};

void applyRetentionSettings(Options &o, const Settings &settings)
{
    if (!o.explicitlySet.contains(QLatin1String("keep-days")))
        o.retention.maxAgeDays = int(qBound(qint64(0), qint64(settings.keepDays()), qint64(kMaxKeepDays)));
    if (!o.explicitlySet.contains(QLatin1String("keep-deliveries")))
        o.retention.maxDeliveries = qBound(qint64(0), settings.keepDeliveries(), kMaxKeepDeliveries);
    if (!o.explicitlySet.contains(QLatin1String("keep-rejected-days")))
        o.retention.rejectedMaxAgeDays
            = int(qBound(qint64(0), qint64(settings.keepRejectedDays()), qint64(kMaxKeepDays)));
}

// QCommandLineParser names the program after the QCoreApplication's argv[0], or
// "<executable_name>" when there is none yet, as here: the command line is parsed before the
// application object exists. The usage line names the command as --version does instead. The line
// is looked for as Qt writes it, in the language of Qt's catalogue when one is installed.
QString helpText(const QCommandLineParser &parser)
{
    QString text = parser.helpText();
    const QString named
        = QCoreApplication::instance() ? QCoreApplication::arguments().value(0) : QStringLiteral("<executable_name>");
    const auto usage
        = [](const QString &name) { return QCoreApplication::translate("QCommandLineParser", "Usage: %1").arg(name); };
    const QString appName = QCoreApplication::applicationName();
    if (!appName.isEmpty() && text.startsWith(usage(named)))
        text.replace(0, usage(named).size(), usage(appName));
    return text;
}

// roff text: a backslash printed as such, a hyphen that starts an option name as a minus sign (so
// that it can be copied), and a line that would read as a request made plain.
QString roffEscaped(QString text)
{
    text.replace(u'\\', QLatin1String("\\e"));
    static const QRegularExpression optionDash(QStringLiteral("(?<![\\w])-"));
    text.replace(optionDash, QStringLiteral("\\-"));
    if (text.startsWith(u'.') || text.startsWith(u'\''))
        text.prepend(QLatin1String("\\&"));
    return text;
}

// The manual page, written from the parser's own help text so that it lists exactly what --help
// lists: the description's paragraphs, then one tagged paragraph per option. QCommandLineParser
// wraps each description in a column; its continuation lines are joined again here (after a
// hyphen inside a word, without a space). The builder's home folder in a default path reads "~".
QString manPage(const QCommandLineParser &parser)
{
    const QString text = helpText(parser);
    const QString optionsHeading = QStringLiteral("\nOptions:\n");
    const qsizetype optionsAt = text.indexOf(optionsHeading);
    const qsizetype usageEnd = text.indexOf(u'\n');
    const QString name = QCoreApplication::applicationName();
    const QString home = QDir::homePath();
    auto plain = [&](QString line) {
        if (!home.isEmpty() && home != QLatin1String("/"))
            line.replace(home + u'/', QStringLiteral("~/"));
        return roffEscaped(line);
    };

    QString page;
    page += QStringLiteral(".TH %1 1 \"\" \"%2 %3\" \"User Commands\"\n")
                .arg(name.toUpper(), name, QCoreApplication::applicationVersion());
    page += QStringLiteral(".SH NAME\n%1 \\- receive, verify, store and inspect signed Peanuts webhooks\n").arg(name);
    page += QStringLiteral(".SH SYNOPSIS\n.B %1\n[\\fIoptions\\fR]\n.br\n.B %1 send\n[\\fIoptions\\fR]\n").arg(name);
    page += QStringLiteral(".SH DESCRIPTION\n");
    const QString description = text.mid(usageEnd + 1, optionsAt - usageEnd - 1).trimmed();
    bool first = true;
    for (const QString &paragraph : description.split(QStringLiteral("\n\n"), Qt::SkipEmptyParts)) {
        if (!first)
            page += QStringLiteral(".PP\n");
        first = false;
        page += plain(paragraph.simplified()) + u'\n';
    }
    page += QStringLiteral(".SH OPTIONS\n");
    const QStringList lines = text.mid(optionsAt + optionsHeading.size()).split(u'\n');
    QString names, body;
    auto flush = [&] {
        if (names.isEmpty())
            return;
        page += QStringLiteral(".TP\n");
        // "-p, --port <N>": the names in bold, the value's name in italics.
        static const QRegularExpression value(QStringLiteral("<([^>]+)>"));
        QString tag = roffEscaped(names);
        tag.replace(value, QStringLiteral("\\fI\\1\\fB"));
        page += QStringLiteral("\\fB%1\\fR\n").arg(tag);
        page += plain(body.simplified()) + u'\n';
        names.clear();
        body.clear();
    };
    static const QRegularExpression optionLine(QStringLiteral("^  (-\\S.*?)(?:  +(\\S.*))?$"));
    qsizetype widest = 0; // the width QCommandLineParser wraps at: its longest line
    for (const QString &line : lines)
        widest = qMax(widest, line.size());
    bool joinsWithoutSpace = false;
    for (const QString &line : lines) {
        if (line.trimmed().isEmpty())
            continue;
        const QRegularExpressionMatch match = optionLine.match(line);
        if (match.hasMatch()) {
            flush();
            names = match.captured(1);
            body = match.captured(2);
        } else if (joinsWithoutSpace) {
            body += line.trimmed();
        } else {
            body += u' ' + line.trimmed();
        }
        // A word longer than the column is cut where the line is full, and its rest starts the next line.
        const QString lastChunk = match.hasMatch() ? match.captured(2) : line.trimmed();
        joinsWithoutSpace = (line.size() >= widest && !lastChunk.contains(u' '))
            || (lastChunk.endsWith(u'-') && lastChunk.size() > 1 && lastChunk.at(lastChunk.size() - 2).isLetter());
    }
    flush();
    page += QStringLiteral(".SH SEE ALSO\n\\fB%1 send \\-\\-help\\fR\n").arg(name);
    return page;
}

} // namespace

CommandLine parseCommandLine(const QStringList &arguments)
{
    CommandLine result;
    Options &o = result.options;
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("Options",
        "Peanuts Monitor receives signed Peanuts webhooks, verifies them, stores them in a local SQLite file "
        "and shows them live.\n\nSecrets: PEANUTS_SECRET in the environment, --secret-file, or settings. "
        "API token: PEANUTS_API_TOKEN, or generated on first run and kept in settings.\n\n"
        "peanuts-monitor send [options]: posts signed mock deliveries to a receiver (see send --help)."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    // Hidden: the manual page, written from this parser (the build makes peanuts-monitor.1 with it).
    QCommandLineOption helpMan(
        QStringLiteral("help-man"), QCoreApplication::translate("Options", "Print the manual page (roff) and exit."));
    helpMan.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(helpMan);
    const QCommandLineOption headless(
        QStringLiteral("headless"), QCoreApplication::translate("Options", "Run the receiver without a window."));
    const QCommandLineOption check(QStringLiteral("check"),
        QCoreApplication::translate("Options",
            "Check the database and exit: SQLite's integrity check, and the entries rebuilt from the "
            "stored deliveries compared with those kept. Exit code 0 when both pass, 1 otherwise. "
            "Safe while a receiver runs on the same database."));
    const QCommandLineOption port(QStringLiteral("port"),
        QCoreApplication::translate("Options", "Port to listen on (default %1; 0 picks a free one).").arg(kDefaultPort),
        QStringLiteral("N"));
    const QCommandLineOption bind(QStringLiteral("bind"),
        QCoreApplication::translate("Options", "Address to listen on (default 127.0.0.1)."), QStringLiteral("ADDR"));
    const QCommandLineOption db(QStringLiteral("db"),
        QCoreApplication::translate("Options",
            "SQLite database file (default %1), or a team database on PostgreSQL: "
            "postgresql://user@host:port/dbname (the password from PGPASSFILE, ~/.pgpass or the keychain).")
            .arg(defaultDatabasePath()),
        QStringLiteral("PATH|URL"));
    const QCommandLineOption viewer(QStringLiteral("viewer"),
        QCoreApplication::translate("Options",
            "Watch a team database (--db postgresql://...) without receiving: the log, the charts and the "
            "notifications follow what the team's receiver stores."));
    parser.addOption(viewer);
    const QCommandLineOption settings(QStringLiteral("settings"),
        QCoreApplication::translate("Options", "Settings file (default %1).").arg(defaultSettingsPath()),
        QStringLiteral("FILE"));
    const QCommandLineOption secretFile(QStringLiteral("secret-file"),
        QCoreApplication::translate("Options", "File of label=secret lines; any of them verifies a delivery."),
        QStringLiteral("FILE"));
    const QCommandLineOption maxBody(QStringLiteral("max-body"),
        QCoreApplication::translate("Options", "Largest body accepted, in bytes (default 1048576)."),
        QStringLiteral("BYTES"));
    const QCommandLineOption idleTimeout(QStringLiteral("idle-timeout"),
        QCoreApplication::translate("Options", "Close idle keep-alive connections after S seconds (default 30)."),
        QStringLiteral("S"));
    const QCommandLineOption requestTimeout(QStringLiteral("request-timeout"),
        QCoreApplication::translate(
            "Options", "Close a connection whose request has not fully arrived within S seconds (default 10)."),
        QStringLiteral("S"));
    const QCommandLineOption maxConnections(QStringLiteral("max-connections"),
        QCoreApplication::translate("Options", "Most connections open at once (default 512)."), QStringLiteral("N"));
    const QCommandLineOption futureSkew(QStringLiteral("max-future-skew"),
        QCoreApplication::translate("Options", "Refuse event timestamps more than S seconds ahead (default 300)."),
        QStringLiteral("S"));
    const QCommandLineOption rejectedRows(QStringLiteral("rejected-per-minute"),
        QCoreApplication::translate(
            "Options", "Most rejected deliveries stored per minute; all are counted (default 60)."),
        QStringLiteral("N"));
    const QCommandLineOption durability(QStringLiteral("durability"),
        QCoreApplication::translate(
            "Options", "normal: survives an app crash (default); full: also survives a power loss, slower."),
        QStringLiteral("MODE"));
    const QCommandLineOption expenseCommands(QStringLiteral("expense-commands"),
        QCoreApplication::translate(
            "Options", "Comma-separated helper commands counted as expenses (default /expenses)."),
        QStringLiteral("LIST"));
    const QCommandLineOption timeZone(QStringLiteral("time-zone"),
        QCoreApplication::translate(
            "Options", "IANA zone for days and months (default: the system zone, TZ honoured)."),
        QStringLiteral("ZONE"));
    const QCommandLineOption portFile(QStringLiteral("port-file"),
        QCoreApplication::translate("Options", "Write the port actually bound to FILE (useful with --port 0)."),
        QStringLiteral("FILE"));
    parser.addOptions({headless, check, port, bind, db, settings, secretFile, maxBody, idleTimeout, requestTimeout,
        maxConnections, futureSkew, rejectedRows, durability, expenseCommands, timeZone, portFile});
    const RetentionOptions retention;
    retention.addTo(parser);
    const QCommandLineOption maxDbSize(QStringLiteral("max-db-size"),
        QCoreApplication::translate("Options",
            "Largest size of the database in MB (1 MB = 1048576 bytes); when it is reached, deliveries "
            "get 503 with Retry-After until space is freed (default 0: no limit)."),
        QStringLiteral("MB"));
    const QCommandLineOption moveCorruptAside(QStringLiteral("move-corrupt-aside"),
        QCoreApplication::translate("Options",
            "When the database file is not a usable database, rename it (and its -wal and -shm) to "
            "NAME.corrupt-TIME and start with a new one, instead of refusing to start."));
    parser.addOptions({maxDbSize, moveCorruptAside});
    const QCommandLineOption stream(QStringLiteral("stream"),
        QCoreApplication::translate("Options",
            "Headless: print one line per delivery on standard output (time, result, event, helper, "
            "entry, amount, status). On by default when standard output is a terminal and systemd "
            "does not run the receiver."));
    const QCommandLineOption noStream(QStringLiteral("no-stream"),
        QCoreApplication::translate("Options", "Headless: print no line per delivery, even on a terminal."));
    const QCommandLineOption printJson(QStringLiteral("print-json"),
        QCoreApplication::translate("Options",
            "Headless: stream each verified delivery's body as one line of JSON instead (implies "
            "--stream)."));
    parser.addOptions({stream, noStream, printJson});
    const QCommandLineOption respond(QStringLiteral("respond"),
        QCoreApplication::translate("Options",
            "Answer verified deliveries with a custom response, to test a sender's retries; they are "
            "still stored and applied. SPEC is status=503,percent=30,delay=2000,event=entry.created,"
            "helper=/expenses,body=TEXT (all optional; body last). Repeat it: the first that matches "
            "a delivery decides. Refusals (400, 401, 413) are never changed."),
        QStringLiteral("SPEC"));
    parser.addOption(respond);
    const QCommandLineOption tlsCert(QStringLiteral("tls-cert"),
        QCoreApplication::translate("Options",
            "Serve TLS (HTTPS) with this PEM certificate: the server's certificate, then its chain. Needs "
            "--tls-key."),
        QStringLiteral("PATH"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"),
        QCoreApplication::translate("Options", "The PEM private key of --tls-cert, without a passphrase."),
        QStringLiteral("PATH"));
    const QCommandLineOption allowPlainHttp(QStringLiteral("allow-plain-http"),
        QCoreApplication::translate("Options",
            "Listen beyond this computer (--bind other than 127.0.0.1 or ::1) without TLS, as behind a proxy "
            "that encrypts; refused otherwise."));
    parser.addOptions({tlsCert, tlsKey, allowPlainHttp});
    const PipelineCommandLine pipeline;
    pipeline.addTo(parser);

    auto fail = [&](const QString &message) {
        result.exit = true;
        result.exitCode = 2;
        result.output = message + u'\n' + QCoreApplication::translate("Options", "Try --help.") + u'\n';
        return result;
    };
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(help)) {
        result.exit = true;
        result.output = helpText(parser);
        return result;
    }
    if (parser.isSet(helpMan)) {
        result.exit = true;
        result.output = manPage(parser);
        return result;
    }
    if (parser.isSet(version)) {
        result.exit = true;
        result.output = QCoreApplication::applicationName() + u' ' + QCoreApplication::applicationVersion() + u'\n';
        return result;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(QCoreApplication::translate("Options", "unexpected argument: %1")
                        .arg(parser.positionalArguments().constFirst()));

    // Parses a whole number option within [min, max]; false after reporting.
    QString error;
    auto number = [&](const QCommandLineOption &option, qint64 min, qint64 max, auto &target) {
        return readNumberOption(parser, option, min, max, target, o.explicitlySet, &error);
    };
    qint64 idleS = o.limits.idleTimeoutMs / 1000, requestS = o.limits.requestTimeoutMs / 1000;
    if (!number(port, 0, 65535, o.port) || !number(maxBody, 1, qint64(1) << 40, o.limits.maxBodyBytes)
        || !number(idleTimeout, 1, 86400, idleS) || !number(requestTimeout, 1, 86400, requestS)
        || !number(maxConnections, 1, 1000000, o.limits.maxConnections)
        || !number(futureSkew, 0, 10 * 365 * 86400, o.futureSkewSeconds)
        || !number(rejectedRows, 0, 1000000, o.rejectedRowsPerMinute))
        return fail(error);
    if (!number(retention.keepDays, 0, kMaxKeepDays, o.retention.maxAgeDays)
        || !number(retention.keepDeliveries, 0, kMaxKeepDeliveries, o.retention.maxDeliveries)
        || !number(retention.keepRejectedDays, 0, kMaxKeepDays, o.retention.rejectedMaxAgeDays))
        return fail(error);
    qint64 maxDbSizeMb = 0;
    if (!number(maxDbSize, 0, kMaxDatabaseSizeMb, maxDbSizeMb))
        return fail(error);
    o.maxDbSizeBytes = maxDbSizeMb * kBytesPerMb;
    o.moveCorruptAside = parser.isSet(moveCorruptAside);
    o.limits.idleTimeoutMs = int(idleS * 1000);
    o.limits.requestTimeoutMs = int(requestS * 1000);

    for (const QString &spec : parser.values(respond)) {
        const std::optional<CustomResponse> rule = parseResponseSpec(spec, &error);
        if (!rule)
            return fail(QCoreApplication::translate("Options", "--respond %1: %2").arg(spec, error));
        o.responses.enabled = true;
        o.responses.rules.append(*rule);
        if (!o.explicitlySet.contains(QLatin1String("respond")))
            o.explicitlySet.append(QStringLiteral("respond"));
    }

    error = pipeline.parse(parser, o.pipeline, o.explicitlySet);
    if (!error.isEmpty())
        return fail(error);

    o.headless = parser.isSet(headless);
    o.printJson = parser.isSet(printJson);
    if (parser.isSet(noStream) && (parser.isSet(stream) || o.printJson))
        return fail(QCoreApplication::translate("Options", "--no-stream cannot be combined with %1")
                        .arg(o.printJson ? QStringLiteral("--print-json") : QStringLiteral("--stream")));
    if (parser.isSet(noStream))
        o.stream = StreamSetting::Off;
    else if (parser.isSet(stream) || o.printJson)
        o.stream = StreamSetting::On;
    o.check = parser.isSet(check);
    if (parser.isSet(bind)) {
        if (!o.bindAddress.setAddress(parser.value(bind)))
            return fail(QCoreApplication::translate("Options", "--bind needs an IP address, not \"%1\"")
                            .arg(parser.value(bind)));
        o.explicitlySet.append(QStringLiteral("bind"));
    }
    if (parser.isSet(db)) {
        o.dbPath = databaseLocation(parser.value(db));
        o.explicitlySet.append(QStringLiteral("db"));
    }
    if (parser.isSet(viewer)) {
        o.viewer = true;
        o.explicitlySet.append(QStringLiteral("viewer"));
    }
    if (parser.isSet(settings))
        o.settingsPath = QDir::cleanPath(QDir::current().absoluteFilePath(parser.value(settings)));
    if (parser.isSet(secretFile))
        o.secretFile = parser.value(secretFile);
    if (parser.isSet(portFile))
        o.portFile = parser.value(portFile);
    for (const auto &[option, target] : {std::pair {&tlsCert, &o.tlsCert}, std::pair {&tlsKey, &o.tlsKey}}) {
        if (!parser.isSet(*option))
            continue;
        *target = QDir::cleanPath(QDir::current().absoluteFilePath(parser.value(*option)));
        o.explicitlySet.append(option->names().constFirst());
    }
    if (parser.isSet(allowPlainHttp)) {
        o.allowPlainHttp = true;
        o.explicitlySet.append(QStringLiteral("allow-plain-http"));
    }
    if (parser.isSet(durability)) {
        const QString mode = parser.value(durability);
        if (mode == QLatin1String("normal"))
            o.durability = Durability::Normal;
        else if (mode == QLatin1String("full"))
            o.durability = Durability::Full;
        else
            return fail(
                QCoreApplication::translate("Options", "--durability must be normal or full, not \"%1\"").arg(mode));
        o.explicitlySet.append(QStringLiteral("durability"));
    }
    if (parser.isSet(expenseCommands)) {
        o.figures.expenseCommands = parser.value(expenseCommands).split(u',', Qt::SkipEmptyParts);
        for (QString &c : o.figures.expenseCommands)
            c = c.trimmed();
        o.explicitlySet.append(QStringLiteral("expense-commands"));
    }
    if (parser.isSet(timeZone)) {
        const QTimeZone zone(parser.value(timeZone).toUtf8());
        if (!zone.isValid())
            return fail(
                QCoreApplication::translate("Options", "--time-zone: unknown zone \"%1\"").arg(parser.value(timeZone)));
        o.figures.zone = zone;
        o.explicitlySet.append(QStringLiteral("time-zone"));
    }
    return result;
}

void applySettings(Options &o, const Settings &settings)
{
    // Names as parseCommandLine records them in explicitlySet (the long option names).
    auto unset = [&](const char *name) { return !o.explicitlySet.contains(QLatin1String(name)); };
    if (unset("port") && settings.port() != 0)
        o.port = settings.port();
    if (unset("bind") && !settings.bindAddress().isEmpty()) {
        QHostAddress address;
        if (address.setAddress(settings.bindAddress()))
            o.bindAddress = address;
        else
            qCWarning(lcApp).noquote() << QStringLiteral("settings name an invalid bind address \"%1\"; using %2")
                                              .arg(settings.bindAddress(), o.bindAddress.toString());
    }
    if (unset("tls-cert") && !settings.tlsCert().isEmpty())
        o.tlsCert = QDir::cleanPath(QDir::current().absoluteFilePath(settings.tlsCert()));
    if (unset("tls-key") && !settings.tlsKey().isEmpty())
        o.tlsKey = QDir::cleanPath(QDir::current().absoluteFilePath(settings.tlsKey()));
    if (unset("allow-plain-http")) {
        // A file saved before plain HTTP beyond loopback needed allowing has no allow_plain_http key:
        // the settings dialog writes that key, true or false, whenever it saves the address, a
        // certificate, a key or the allowance. So a file whose saved address is beyond loopback and
        // that lacks the key predates the rule, and keeps working, with a warning, until TLS or the
        // allowance is set. The address must come from the file: one given with --bind is new.
        if (settings.contains(Settings::Key::AllowPlainHttp)) {
            o.allowPlainHttp = settings.value(Settings::Key::AllowPlainHttp).toBool();
        } else {
            QHostAddress saved;
            o.plainHttpFromOldSettings
                = unset("bind") && saved.setAddress(settings.bindAddress()) && !saved.isLoopback();
        }
    }
    if (unset("expense-commands") && !settings.expenseCommands().isEmpty())
        o.figures.expenseCommands = settings.expenseCommands();
    if (unset("time-zone") && !settings.timeZone().isEmpty()) {
        const QTimeZone zone(settings.timeZone().toUtf8());
        if (zone.isValid())
            o.figures.zone = zone;
        else
            qCWarning(lcApp).noquote() << QStringLiteral("settings name an unknown time zone \"%1\"; using %2")
                                              .arg(settings.timeZone(), QString::fromUtf8(o.figures.zone.id()));
    }
    if (unset("durability") && !settings.durability().isEmpty()) {
        if (settings.durability() == QLatin1String("full"))
            o.durability = Durability::Full;
        else if (settings.durability() == QLatin1String("normal"))
            o.durability = Durability::Normal;
        else
            qCWarning(lcApp).noquote() << QStringLiteral("settings name an unknown durability \"%1\"; using %2")
                                              .arg(settings.durability(),
                                                  o.durability == Durability::Full ? QStringLiteral("full")
                                                                                   : QStringLiteral("normal"));
    }
    if (unset("max-body") && settings.maxBodyBytes() > 0)
        o.limits.maxBodyBytes = settings.maxBodyBytes();
    if (unset("max-db-size") && settings.maxDatabaseSizeMb() > 0)
        o.maxDbSizeBytes = settings.maxDatabaseSizeMb() * kBytesPerMb;
    if (unset("db") && !settings.databasePath().isEmpty())
        o.dbPath = databaseLocation(settings.databasePath());
    // The first-run panel's "connect to a team database" (the settings dialog's Storage page).
    if (unset("viewer") && settings.value(Settings::Key::Viewer).toBool() && isTeamDatabase(o.dbPath))
        o.viewer = true;
    if (unset("respond")) {
        QString error;
        const auto rules = customResponsesFromJson(settings.value(Settings::Key::CustomResponses).toString(), &error);
        if (rules) {
            o.responses.rules = *rules;
            o.responses.enabled = settings.value(Settings::Key::CustomResponsesOn).toBool();
        } else {
            qCWarning(lcApp).noquote()
                << QStringLiteral("settings hold unusable custom responses (%1): none are used").arg(error);
        }
    }
    applyRetentionSettings(o, settings);
    applyPipelineSettings(
        o.pipeline, o.explicitlySet, settings, o.settingsPath.isEmpty() ? defaultSettingsPath() : o.settingsPath);
}

} // namespace peanuts
