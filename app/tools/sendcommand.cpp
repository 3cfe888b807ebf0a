// The command line of `send`: options into a mock delivery (or a file's bytes), a secret, a URL,
// then the sender, and its answers on standard output.
#include "tools/sendcommand.h"

#include "config/options.h"
#include "config/secrets.h"
#include "config/secretstore.h"
#include "config/settings.h"
#include "tools/deliverysender.h"
#include "tools/mockdelivery.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace peanuts {

namespace {

constexpr int kMaxCount = 10'000'000;

void printOut(const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stdout);
    std::fflush(stdout);
}

void printErr(const QString &text)
{
    std::fputs(QStringLiteral("peanuts-monitor send: %1\n").arg(text).toLocal8Bit().constData(), stderr);
}

int usageError(const QString &message)
{
    printErr(message);
    std::fputs("Try: peanuts-monitor send --help\n", stderr);
    return 2;
}

QString fixtureList(const QList<Fixture> &fixtures)
{
    qsizetype width = 0;
    for (const Fixture &f : fixtures)
        width = std::max(width, f.name.size());
    QString text;
    for (const Fixture &f : fixtures)
        text += f.name.leftJustified(width + 2) + f.description + u'\n';
    return text;
}

constexpr int kKeychainWaitMs = 10000;

// The window's stored secrets, as the window would load them: the 0600 file beside the settings when
// there is one (it is the newer copy), else the system keychain's entry when a desktop session offers
// one. Only read: with no file, SecretStore writes nothing while loading. *source says which it was.
QList<Secret> storedSecrets(const QString &settingsPath, QString *source, QString *error)
{
    const QString path = QFileInfo(settingsPath).absolutePath() + QStringLiteral("/secrets.json");
    const bool haveFile = QFileInfo::exists(path);
    if (!haveFile && qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        return {};
    SecretStore store(QStringLiteral("peanuts-monitor"), path);
    store.setKeychainEnabled(!haveFile);
    QList<Secret> secrets;
    QEventLoop loop;
    QObject::connect(&store, &SecretStore::loaded, &loop, [&](const QList<Secret> &loaded, const QString &loadError) {
        secrets = loaded;
        *error = haveFile ? loadError : QString(); // a keychain that does not answer is no usage error
        loop.quit();
    });
    // A keychain that never answers (a locked session, no one at the prompt) does not hold the command.
    QTimer::singleShot(kKeychainWaitMs, &loop, &QEventLoop::quit);
    store.load();
    loop.exec();
    *source = store.backend() == SecretStore::Backend::Keychain ? QStringLiteral("the system keychain") : path;
    return secrets;
}

} // namespace

SendSecret findSendSecret(const QString &secretText, const QString &secretFile, const QString &settingsPath)
{
    SendSecret found;
    if (!secretText.isEmpty()) {
        found.secret = Secret {QStringLiteral("--secret"), secretText.toUtf8()};
        found.source = QStringLiteral("--secret");
        return found;
    }
    if (!secretFile.isEmpty()) {
        const SecretFileResult file = loadSecretFile(secretFile);
        if (!file.error.isEmpty())
            found.error = file.error;
        else if (file.secrets.isEmpty())
            found.error = QStringLiteral("secret file %1 holds no secret").arg(secretFile);
        else {
            found.secret = file.secrets.constFirst();
            found.source = QStringLiteral("--secret-file %1").arg(secretFile);
        }
        return found;
    }
    const QList<Secret> environment = secretsFromEnvironment();
    if (!environment.isEmpty()) {
        found.secret = environment.constFirst();
        found.source = QStringLiteral("PEANUTS_SECRET");
        return found;
    }
    if (QFileInfo::exists(settingsPath)) {
        const Settings settings(settingsPath);
        const QList<Secret> fromSettings = settings.secrets();
        if (!fromSettings.isEmpty()) {
            found.secret = fromSettings.constFirst();
            found.source = QStringLiteral("settings %1").arg(settingsPath);
            return found;
        }
    }
    QString error, source;
    const QList<Secret> stored = storedSecrets(settingsPath, &source, &error);
    if (!stored.isEmpty()) {
        found.secret = stored.constFirst();
        found.source = source;
    } else {
        found.error = error;
    }
    return found;
}

int runSendCommand(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // The core's own log lines are for a running receiver: a SecretStore read here would say where the
    // window keeps its secrets, which is no news to this command. Its errors reach the user below.
    QLoggingCategory::setFilterRules(QStringLiteral("peanuts.app.warning=false\npeanuts.app.info=false"));
    QStringList arguments = app.arguments();
    arguments.removeAt(1); // "send"

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Sends signed mock deliveries, in the Peanuts guide's shape, to a receiver (by default this computer's "
        "Peanuts Monitor, as its settings say), and prints each answer.\n\nWithout --fixture or --file, the "
        "fixture for --event and --helper is sent. --set values that are valid JSON (a number as written, true, "
        "false, null, \"a string\", [...], {...}) are that JSON; anything else is a string. Exit code 0 when every "
        "answer was 2xx, 1 otherwise, 2 on a usage error."));
    const QCommandLineOption help(
        {QStringLiteral("h"), QStringLiteral("help")}, QCoreApplication::translate("SendCommand", "Show this help."));
    const QCommandLineOption url(QStringLiteral("url"),
        QCoreApplication::translate("SendCommand",
            "Where to post (default: http://127.0.0.1:PORT/webhook, with the port and address in the "
            "settings, else %1).")
            .arg(kDefaultPort),
        QStringLiteral("URL"));
    const QCommandLineOption secret(QStringLiteral("secret"),
        QCoreApplication::translate("SendCommand",
            "The secret to sign with. Every user of this computer can read it in the process list: "
            "prefer --secret-file or PEANUTS_SECRET."),
        QStringLiteral("S"));
    const QCommandLineOption secretFile(QStringLiteral("secret-file"),
        QCoreApplication::translate("SendCommand",
            "File of label=secret lines; the first one signs (default: PEANUTS_SECRET, else the settings' "
            "first secret, else the first one the window stored)."),
        QStringLiteral("FILE"));
    const QCommandLineOption settings(QStringLiteral("settings"),
        QCoreApplication::translate("SendCommand", "The receiver's settings file (default %1).")
            .arg(defaultSettingsPath()),
        QStringLiteral("FILE"));
    const QCommandLineOption event(QStringLiteral("event"),
        QCoreApplication::translate(
            "SendCommand", "entry.created, entry.updated or entry.deleted (default: the fixture's; entry.created)."),
        QStringLiteral("EVENT"));
    const QCommandLineOption helper(QStringLiteral("helper"),
        QCoreApplication::translate("SendCommand", "The helper's command (default: the fixture's; /expenses)."),
        QStringLiteral("COMMAND"));
    const QCommandLineOption set(QStringLiteral("set"),
        QCoreApplication::translate(
            "SendCommand", "Sets a field of entry.data; dotted for nested ones (meta.source=cli). Repeatable."),
        QStringLiteral("KEY=VALUE"));
    const QCommandLineOption entryId(QStringLiteral("entry-id"),
        QCoreApplication::translate("SendCommand",
            "The entry's id (default: the fixture's with a suffix of this run; with --count, -1, -2, ... "
            "follow)."),
        QStringLiteral("ID"));
    const QCommandLineOption file(QStringLiteral("file"),
        QCoreApplication::translate("SendCommand", "Send this file's bytes as the body, signed as they are."),
        QStringLiteral("FILE"));
    const QCommandLineOption fixture(QStringLiteral("fixture"),
        QCoreApplication::translate("SendCommand", "The fixture to send (see --list)."), QStringLiteral("NAME"));
    const QCommandLineOption list(
        QStringLiteral("list"), QCoreApplication::translate("SendCommand", "List the fixtures and exit."));
    const QCommandLineOption count(QStringLiteral("count"),
        QCoreApplication::translate("SendCommand", "Send N deliveries, each an entry of its own, and print a summary."),
        QStringLiteral("N"));
    const QCommandLineOption rate(QStringLiteral("rate"),
        QCoreApplication::translate(
            "SendCommand", "With --count: R deliveries a second (default: as fast as answers come)."),
        QStringLiteral("R"));
    const QCommandLineOption concurrency(QStringLiteral("concurrency"),
        QCoreApplication::translate("SendCommand", "With --count: most requests in flight at once (default 32)."),
        QStringLiteral("N"));
    parser.addOptions({help, url, secret, secretFile, settings, event, helper, set, entryId, file, fixture, list, count,
        rate, concurrency});

    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        const qsizetype usageEnd = text.indexOf(u'\n');
        text.replace(0, usageEnd,
            QCoreApplication::translate("QCommandLineParser", "Usage: %1")
                .arg(QStringLiteral("peanuts-monitor send ")
                    + QCoreApplication::translate("QCommandLineParser", "[options]")));
        printOut(text);
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("unexpected argument: %1").arg(parser.positionalArguments().constFirst()));
    const QList<Fixture> fixtures = builtInFixtures();
    if (parser.isSet(list)) {
        printOut(fixtureList(fixtures));
        return 0;
    }

    // Numbers.
    int sendCount = 1;
    if (parser.isSet(count)) {
        bool ok = false;
        sendCount = parser.value(count).toInt(&ok);
        if (!ok || sendCount < 1 || sendCount > kMaxCount)
            return usageError(QStringLiteral("--count must be a whole number from 1 to %1, not \"%2\"")
                                  .arg(kMaxCount)
                                  .arg(parser.value(count)));
    }
    double perSecond = 0;
    if (parser.isSet(rate)) {
        bool ok = false;
        perSecond = parser.value(rate).toDouble(&ok);
        if (!ok || !(perSecond > 0) || perSecond > 1e6)
            return usageError(QStringLiteral("--rate must be a number of deliveries a second above 0, not \"%1\"")
                                  .arg(parser.value(rate)));
        if (!parser.isSet(count))
            return usageError(QStringLiteral("--rate needs --count N"));
    }
    int inFlight = 32;
    if (parser.isSet(concurrency)) {
        bool ok = false;
        inFlight = parser.value(concurrency).toInt(&ok);
        if (!ok || inFlight < 1 || inFlight > 1024)
            return usageError(QStringLiteral("--concurrency must be a whole number from 1 to 1024, not \"%1\"")
                                  .arg(parser.value(concurrency)));
    }
    if (parser.isSet(secret) && parser.isSet(secretFile))
        return usageError(QStringLiteral("--secret and --secret-file cannot be used together"));
    if (parser.isSet(secret) && parser.value(secret).isEmpty())
        return usageError(QStringLiteral("--secret is empty"));

    // The body: a file's bytes, or a fixture with the overrides.
    QByteArray fileBody;
    const Fixture *chosen = nullptr;
    BodyOverrides overrides;
    if (parser.isSet(file)) {
        for (const QCommandLineOption *other : {&fixture, &set, &event, &helper, &entryId, &count}) {
            if (parser.isSet(*other))
                return usageError(QStringLiteral("--file sends the file as it is; it cannot be used with --%1")
                                      .arg(other->names().constFirst()));
        }
        QFile in(parser.value(file));
        if (!in.open(QIODevice::ReadOnly))
            return usageError(QStringLiteral("cannot read %1: %2").arg(parser.value(file), in.errorString()));
        fileBody = in.readAll();
    } else {
        if (parser.isSet(fixture)) {
            chosen = findFixture(fixtures, parser.value(fixture));
            if (!chosen)
                return usageError(QStringLiteral("no fixture named \"%1\"; these exist:\n%2")
                                      .arg(parser.value(fixture), fixtureList(fixtures)));
            overrides.event = parser.value(event);
            overrides.helper = parser.value(helper);
        } else {
            const QString eventName = parser.isSet(event) ? parser.value(event) : QStringLiteral("entry.created");
            const QString helperName = parser.isSet(helper) ? parser.value(helper) : QStringLiteral("/expenses");
            chosen = fixtureFor(fixtures, eventName, helperName);
            if (!chosen)
                return usageError(QStringLiteral("no fixture for the event \"%1\": name one with --fixture "
                                                 "(see --list), or use entry.created, entry.updated or entry.deleted")
                                      .arg(eventName));
            if (chosen->helper != helperName)
                overrides.helper = helperName;
        }
        for (const QString &assignment : parser.values(set)) {
            QString key, value;
            if (!splitAssignment(assignment, &key, &value))
                return usageError(QStringLiteral("--set needs KEY=VALUE, not \"%1\"").arg(assignment));
            overrides.data.append({key, jsonValueFromText(value)});
        }
    }

    // Where to, and the secret.
    const QString settingsPath = parser.isSet(settings)
        ? QDir::cleanPath(QDir::current().absoluteFilePath(parser.value(settings)))
        : defaultSettingsPath();
    QUrl target;
    if (parser.isSet(url)) {
        target = QUrl(parser.value(url), QUrl::StrictMode);
        if (!target.isValid() || (target.scheme() != QLatin1String("http") && target.scheme() != QLatin1String("https"))
            || target.host().isEmpty())
            return usageError(
                QStringLiteral("--url must be an http:// or https:// URL, not \"%1\"").arg(parser.value(url)));
    } else {
        QHostAddress bind = QHostAddress::LocalHost;
        quint16 port = kDefaultPort;
        if (QFileInfo::exists(settingsPath)) {
            const Settings stored(settingsPath);
            if (stored.port() != 0)
                port = stored.port();
            QHostAddress address;
            if (!stored.bindAddress().isEmpty() && address.setAddress(stored.bindAddress()))
                bind = address;
        }
        target = localWebhookUrl(bind, port);
    }
    if (parser.isSet(secret))
        printErr(QStringLiteral("warning: a secret given with --secret can be read by every user of this computer "
                                "in the process list; prefer --secret-file FILE or PEANUTS_SECRET"));
    const SendSecret signing = findSendSecret(parser.value(secret), parser.value(secretFile), settingsPath);
    if (!signing.error.isEmpty())
        return usageError(signing.error);
    if (signing.secret.key.isEmpty())
        return usageError(QStringLiteral("no secret to sign with: pass --secret-file FILE, set PEANUTS_SECRET, or add "
                                         "one in the window's settings (%1)")
                              .arg(settingsPath));

    // Every delivery is built when its turn comes; the first one now, so that a bad --set is a usage
    // error before anything is sent.
    const QString suffix = runSuffix(QDateTime::currentDateTimeUtc());
    const QString explicitId = parser.value(entryId);
    QString buildError;
    auto make = [&](int index) {
        OutgoingDelivery delivery;
        if (chosen) {
            const BuiltBody built = buildMockBody(*chosen, overrides,
                mockEntryId(explicitId, *chosen, suffix, index, sendCount), QDateTime::currentDateTimeUtc());
            delivery.body = built.body;
            if (!built.error.isEmpty())
                buildError = built.error;
        } else {
            delivery.body = fileBody;
        }
        delivery.signature = hmacSha256Hex(signing.secret.key, delivery.body);
        return delivery;
    };
    const OutgoingDelivery first = make(0);
    if (!buildError.isEmpty())
        return usageError(buildError);

    QString what = chosen ? QStringLiteral("fixture %1, entry %2")
                                .arg(chosen->name, mockEntryId(explicitId, *chosen, suffix, 0, sendCount))
                          : QStringLiteral("file %1").arg(parser.value(file));
    if (sendCount > 1)
        what = QStringLiteral("%1 deliveries of fixture %2, entries %3 to %4")
                   .arg(sendCount)
                   .arg(chosen->name, mockEntryId(explicitId, *chosen, suffix, 0, sendCount),
                       mockEntryId(explicitId, *chosen, suffix, sendCount - 1, sendCount));
    printOut(QStringLiteral("POST %1 (%2; signed with \"%3\" from %4)\n")
                 .arg(target.toString(), what, signing.secret.label, signing.source));

    DeliverySender sender(target);
    sender.setRate(perSecond);
    sender.setConcurrency(inFlight);
    SendTally tally;
    QObject::connect(&sender, &DeliverySender::answered, &sender, [&](int, const SendResult &result) {
        tally.add(result);
        if (sendCount > 1)
            return;
        if (result.status)
            printOut(QStringLiteral("HTTP %1 in %2 ms\n%3\n")
                         .arg(result.status)
                         .arg(result.latencyUs / 1000.0, 0, 'f', 1)
                         .arg(QString::fromUtf8(result.answer)));
        else
            printOut(QStringLiteral("no answer: %1\n").arg(result.error));
    });
    QObject::connect(&sender, &DeliverySender::finished, &app, &QCoreApplication::quit);
    sender.start(sendCount, [&](int index) { return index == 0 ? first : make(index); });
    app.exec();
    if (sendCount > 1)
        printOut(tally.summary(sender.elapsedMs()));
    return tally.allSucceeded() ? 0 : 1;
}

} // namespace peanuts
