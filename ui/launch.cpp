// The whole program behind main(): parse the command line, then run the receiver headless or under the window.
#include "launch.h"

#include "config/options.h"
#include "config/secretstore.h"
#include "config/settings.h"
#include "corruptdatabasedialog.h"
#include "mainwindow.h"
#include "notifier.h"
#include "platform/logging.h"
#include "platform/singleinstance.h"
#include "platform/translations.h"
#include "platform/unixsignals.h"
#include "receivercore.h"
#include "startup.h"
#include "tools/exportimport.h"
#include "tools/sendcommand.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFileInfo>

#include <cstdio>
#include <memory>

namespace peanuts {

int runMonitor(int argc, char *argv[], const WindowHook &onWindowShown)
{
    QCoreApplication::setApplicationName(QStringLiteral("peanuts-monitor"));
    QCoreApplication::setOrganizationName(QStringLiteral("Peanuts"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PEANUTS_VERSION));
    // Subcommands, before the receiver's own command line.
    if (argc > 1 && qstrcmp(argv[1], "send") == 0)
        return runSendCommand(argc, argv);
    if (isExchangeCommand(argc, argv)) // export, import
        return runExchangeCommand(argc, argv);

    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    const CommandLine commandLine = parseCommandLine(arguments);
    if (commandLine.exit) {
        // --help, --version and errors in the user's language: translators need an application object,
        // and which one the run needs is only known once the command line is read, so it is read again
        // under a plain one. The manual page stays English: the build installs it, and its writer looks
        // for the parser's English headings.
        QString output = commandLine.output;
        if (!arguments.contains(QStringLiteral("--help-man"))) {
            QCoreApplication app(argc, argv);
            installTranslations(QLocale::system());
            output = parseCommandLine(arguments).output;
        }
        std::fputs(qPrintable(output), commandLine.exitCode ? stderr : stdout);
        return commandLine.exitCode;
    }
    if (commandLine.options.check) {
        const DatabaseCheck check = checkDatabase(commandLine.options);
        std::fputs(qPrintable(check.report), stdout);
        return check.ok ? 0 : 1;
    }
    Options options = commandLine.options;
    if (!options.headless && qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        std::fputs("peanuts-monitor: no display found, running headless\n", stderr);
        options.headless = true;
    }

    if (!options.headless && (options.stream == StreamSetting::On || options.printJson)) {
        std::fprintf(stderr, "peanuts-monitor: %s needs --headless (the window shows deliveries itself)\n",
            options.printJson ? "--print-json" : "--stream");
        return 2;
    }

    std::unique_ptr<QCoreApplication> app;
    if (options.headless)
        app = std::make_unique<QCoreApplication>(argc, argv);
    else
        app = std::make_unique<QApplication>(argc, argv);
    // Before the first window or dialog (the corrupt database question below) is made.
    const QStringList translations = installTranslations(QLocale::system());
    if (!translations.isEmpty())
        qCInfo(lcApp).noquote() << "translations:" << translations.join(QStringLiteral(", "));

    // A second window on the same database brings the first forward instead. A viewer of a team
    // database is a window of its own beside the one that receives there.
    const QString dbPath = options.dbPath.isEmpty() ? defaultDatabasePath() : options.dbPath;
    SingleInstance instance(
        SingleInstance::keyForDatabase(options.viewer ? dbPath + QStringLiteral("#viewer") : dbPath));
    if (!options.headless && instance.notifyRunning()) {
        std::fputs("peanuts-monitor: already running on this database; brought its window forward\n", stderr);
        return 0;
    }

    ReceiverCore core;
    // The window's desktop alerts (rules, failures) come from the core's pipeline through this one;
    // a headless run logs them instead.
    std::unique_ptr<DBusNotifier> notifier;
    if (!options.headless) {
        notifier = std::make_unique<DBusNotifier>();
        core.setNotifier(notifier.get());
    }
    // Installed before the receiver starts: a signal during start-up waits in the self-pipe and is
    // handled once the event loop runs, instead of killing the process mid-start.
    UnixSignals signalWatcher;
    QObject::connect(&signalWatcher, &UnixSignals::terminationRequested, app.get(), [&](int signal) {
        qCInfo(lcApp) << "signal" << signal << "- finishing the requests in flight";
        // Only the event loop ends here: the window goes first and the receiver stops after it (below),
        // so no view reads through a receiver that is already gone.
        app->quit();
    });
    // An unusable database file is moved aside only when the user agrees (or passed --move-corrupt-aside).
    QString error, movedAside;
    const ConfirmMoveAside confirm = [&](const QString &path, const QString &reason) {
        return options.moveCorruptAside || (!options.headless && CorruptDatabaseDialog::ask(path, reason));
    };
    if (!startReceiver(core, options, confirm, &error, &movedAside)) {
        std::fprintf(stderr, "peanuts-monitor: %s\n", qPrintable(error));
        return 1;
    }
    if (core.isViewing())
        std::fprintf(stderr, "peanuts-monitor: viewing %s; this instance receives nothing\n",
            qPrintable(core.databaseForDisplay()));
    else
        std::fprintf(stderr, "peanuts-monitor: listening on %s://%s:%u/webhook  (expose it with: ngrok http %s%u)\n",
            core.servesTls() ? "https" : "http", qPrintable(core.options().bindAddress.toString()), core.port(),
            core.servesTls() ? "https://localhost:" : "", core.port());

    // Secrets kept by the window (system keychain, or a 0600 file where there is none) join those
    // from the environment and --secret-file once they have loaded.
    const QString settingsDir = QFileInfo(core.settings()->path()).absolutePath();
    SecretStore secrets(QStringLiteral("peanuts-monitor"), settingsDir + QStringLiteral("/secrets.json"));
    if (options.headless)
        secrets.setKeychainEnabled(false);
    QObject::connect(&secrets, &SecretStore::loaded, &core, [&](const QList<Secret> &stored, const QString &loadError) {
        if (!loadError.isEmpty())
            qCWarning(lcApp).noquote() << "stored secrets:" << loadError;
        core.setStoredSecrets(stored);
    });
    secrets.load();

    std::unique_ptr<MainWindow> window;
    if (!options.headless) {
        // The "Notifications" setting silences them, from now on and whenever it changes.
        auto followSetting
            = [&core, notifier = notifier.get()] { notifier->setEnabled(core.settings()->notificationsEnabled()); };
        followSetting();
        QObject::connect(core.settings(), &Settings::changed, notifier.get(), followSetting);
        window = std::make_unique<MainWindow>(&core, notifier.get(), &secrets);
        if (instance.listen())
            QObject::connect(&instance, &SingleInstance::activationRequested, window.get(), &MainWindow::bringToFront);
        window->show();
        if (onWindowShown)
            onWindowShown(window.get());
        if (!movedAside.isEmpty())
            CorruptDatabaseDialog::showMovedAside(window.get(), movedAside);
    }
    const int rc = app->exec();
    window.reset();
    core.stop();
    return rc;
}

} // namespace peanuts
