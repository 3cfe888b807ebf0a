// --check: reads a database through the store's own checks and says what it found.
#include "store/databasecheck.h"

#include "store/storefactory.h"

#include <QFileInfo>

namespace peanuts {

DatabaseCheck checkDatabaseFile(const QString &path)
{
    DatabaseCheck result;
    QString &report = result.report;
    const bool team = isTeamDatabase(path);
    report = QStringLiteral("database: %1\n").arg(databaseForDisplay(path));
    // A read-only open never creates the file, but says less clearly why it failed.
    if (!team && !QFileInfo::exists(path)) {
        report += QStringLiteral("result: FAILED (no such file)\n");
        return result;
    }
    const std::unique_ptr<Store> opened = makeStore(path);
    Store &store = *opened;
    QString error;
    if (!store.open(StoreConfig {path, Durability::Normal, true}, &error)) {
        report += QStringLiteral("result: FAILED (%1)\n").arg(error);
        return result;
    }

    const std::optional<QStringList> integrity = store.integrityCheck();
    const bool integrityOk = integrity && *integrity == QStringList {QStringLiteral("ok")};
    if (!integrity)
        report += QStringLiteral("integrity: cannot run the check: %1\n").arg(store.lastError());
    else if (integrityOk)
        report += QStringLiteral("integrity: ok\n");
    else
        report += QStringLiteral("integrity: %1 problem(s)\n  %2\n")
                      .arg(integrity->size())
                      .arg(integrity->join(QStringLiteral("\n  ")));

    const std::optional<ProjectionCheck> projection = store.checkProjection();
    const bool projectionOk = projection && projection->ok();
    if (!projection) {
        report += QStringLiteral("projection: cannot rebuild it: %1\n").arg(store.lastError());
    } else {
        report += QStringLiteral("projection: %1 entries, %2 rebuilt from the stored deliveries as kept")
                      .arg(projection->entries)
                      .arg(projection->entries - projection->differenceCount);
        if (projection->partial)
            report += QStringLiteral(" (%1 compared in part: their applied delivery was redacted or deleted)")
                          .arg(projection->partial);
        report += u'\n';
        if (!projectionOk) {
            report += QStringLiteral("projection: %1 entries differ from the rebuild\n  %2\n")
                          .arg(projection->differenceCount)
                          .arg(projection->differences.join(QStringLiteral("\n  ")));
            if (projection->differenceCount > projection->differences.size())
                report += QStringLiteral("  ...\n");
        }
    }
    result.ok = integrityOk && projectionOk;
    report += result.ok ? QStringLiteral("result: ok\n") : QStringLiteral("result: FAILED\n");
    return result;
}

} // namespace peanuts
