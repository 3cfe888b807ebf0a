// `peanuts-monitor send`: signed mock deliveries from the command line (README: "Sending test
// deliveries"). Exit code 0 when every answer was 2xx, 1 otherwise, 2 on a usage error.
#pragma once

#include "ingest/signature.h"

#include <QString>
#include <QStringList>

namespace peanuts {

// Runs the command; argv[1] is "send". Creates its own QCoreApplication.
int runSendCommand(int argc, char *argv[]);

// Where the signing secret came from, for the command's output (the value is never printed).
struct SendSecret
{
    Secret secret; // empty key: none found
    QString
        source; // "--secret", "--secret-file FILE", "PEANUTS_SECRET", "settings FILE", a file, "the system keychain"
    QString error; // a source named but unusable (a bad --secret-file, a stored file unreadable)
};

// The secret `send` signs with: --secret (given here as secretText), else the first of --secret-file,
// else PEANUTS_SECRET, else the first secret in the settings file, else the first secret the window
// stored: secrets.json beside the settings when it is there, else the system keychain's entry when a
// desktop session (D-Bus) offers one. Nothing is written anywhere.
SendSecret findSendSecret(const QString &secretText, const QString &secretFile, const QString &settingsPath);

} // namespace peanuts
