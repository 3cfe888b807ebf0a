// peanuts-monitor: parse the command line, then run the receiver headless or under the window.
#include "benchprobe.h"
#include "corruptdatabase.h"
#include "corruptdatabasedialog.h"
#include "databasecheck.h"
#include "logging.h"
#include "mainwindow.h"
#include "notifier.h"
#include "options.h"
#include "receivercore.h"
#include "secretstore.h"
#include "settings.h"
#include "singleinstance.h"
#include "unixsignals.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFileInfo>

#include <cstdio>
#include <memory>

int main(int argc, char *argv[])
{
    QCoreApplication::setApplicationName(QStringLiteral("peanuts-monitor"));
    QCoreApplication::setOrganizationName(QStringLiteral("Peanuts"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PEANUTS_VERSION));

    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    const peanuts::CommandLine commandLine = peanuts::parseCommandLine(arguments);
    if (commandLine.exit) {
        std::fputs(qPrintable(commandLine.output), commandLine.exitCode ? stderr : stdout);
        return commandLine.exitCode;
    }
    if (commandLine.options.check) {
        const peanuts::DatabaseCheck check = peanuts::checkDatabase(commandLine.options);
        std::fputs(qPrintable(check.report), stdout);
        return check.ok ? 0 : 1;
    }
    peanuts::Options options = commandLine.options;
    if (!options.headless && qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        std::fputs("peanuts-monitor: no display found, running headless\n", stderr);
        options.headless = true;
    }

    std::unique_ptr<QCoreApplication> app;
    if (options.headless)
        app = std::make_unique<QCoreApplication>(argc, argv);
    else
        app = std::make_unique<QApplication>(argc, argv);

    // A second window on the same database brings the first forward instead.
    const QString dbPath = options.dbPath.isEmpty() ? peanuts::defaultDatabasePath() : options.dbPath;
    peanuts::SingleInstance instance(peanuts::SingleInstance::keyForDatabase(dbPath));
    if (!options.headless && instance.notifyRunning()) {
        std::fputs("peanuts-monitor: already running on this database; brought its window forward\n", stderr);
        return 0;
    }

    peanuts::ReceiverCore core;
    // Installed before the receiver starts: a signal during start-up waits in the self-pipe and is
    // handled once the event loop runs, instead of killing the process mid-start.
    peanuts::UnixSignals signalWatcher;
    QObject::connect(&signalWatcher, &peanuts::UnixSignals::terminationRequested, app.get(), [&](int signal) {
        qCInfo(lcApp) << "signal" << signal << "- finishing the requests in flight";
        // Only the event loop ends here: the window goes first and the receiver stops after it (below),
        // so no view reads through a receiver that is already gone.
        app->quit();
    });
    // An unusable database file is moved aside only when the user agrees (or passed --move-corrupt-aside).
    QString error, movedAside;
    const peanuts::ConfirmMoveAside confirm = [&](const QString &path, const QString &reason) {
        return options.moveCorruptAside || (!options.headless && peanuts::CorruptDatabaseDialog::ask(path, reason));
    };
    if (!peanuts::startReceiver(core, options, confirm, &error, &movedAside)) {
        std::fprintf(stderr, "peanuts-monitor: %s\n", qPrintable(error));
        return 1;
    }
    std::fprintf(stderr, "peanuts-monitor: listening on http://%s:%u/webhook  (expose it with: ngrok http %u)\n",
        qPrintable(core.options().bindAddress.toString()), core.port(), core.port());

    // Secrets kept by the window (system keychain, or a 0600 file where there is none) join those
    // from the environment and --secret-file once they have loaded.
    const QString settingsDir = QFileInfo(core.settings()->path()).absolutePath();
    peanuts::SecretStore secrets(QStringLiteral("peanuts-monitor"), settingsDir + QStringLiteral("/secrets.json"));
    if (options.headless)
        secrets.setKeychainEnabled(false);
    QObject::connect(&secrets, &peanuts::SecretStore::loaded, &core,
        [&](const QList<peanuts::Secret> &stored, const QString &loadError) {
            if (!loadError.isEmpty())
                qCWarning(lcApp).noquote() << "stored secrets:" << loadError;
            core.setStoredSecrets(stored);
        });
    secrets.load();

    std::unique_ptr<peanuts::DBusNotifier> notifier;
    std::unique_ptr<peanuts::MainWindow> window;
    if (!options.headless) {
        notifier = std::make_unique<peanuts::DBusNotifier>();
        window = std::make_unique<peanuts::MainWindow>(&core, notifier.get(), &secrets);
        if (instance.listen())
            QObject::connect(&instance, &peanuts::SingleInstance::activationRequested, window.get(),
                &peanuts::MainWindow::bringToFront);
        window->show();
        peanuts::attachBenchProbe(window.get()); // PEANUTS_BENCH_PROBE=FILE only
        if (!movedAside.isEmpty())
            peanuts::CorruptDatabaseDialog::showMovedAside(window.get(), movedAside);
    }
    const int rc = app->exec();
    window.reset();
    core.stop();
    return rc;
}
