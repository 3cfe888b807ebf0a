// peanuts-monitor export and import: the payload log written out or read back without the receiver, on
// a SQLite file or a team database (--db postgresql://...), whether or not an instance runs on it.
// Export reads a file as a WAL reader; import refuses a file an instance holds. A team database has no
// such lock: import writes beside its receivers, and the database decides duplicates.
#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace peanuts {

// True when argv[1] names one of these commands.
bool isExchangeCommand(int argc, char *argv[]);
// Runs "export ..." or "import ..." (argv[1]); returns the process's exit code.
int runExchangeCommand(int argc, char *argv[]);

// The commands themselves, on the arguments after the command's name; messages go to the streams.
int runExport(const QStringList &arguments);
int runImport(const QStringList &arguments);

// "2026-03-01T10:00:00Z", "2026-03-01T10:00:00+01:00" or "2026-03-01" (midnight UTC) to UTC
// milliseconds; nullopt otherwise.
std::optional<qint64> parseTimeArgument(const QString &text);

} // namespace peanuts
