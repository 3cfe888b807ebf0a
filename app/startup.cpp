// Start-up steps over ReceiverCore and the store's file helpers.
#include "startup.h"

#include "config/settings.h"
#include "platform/logging.h"
#include "receivercore.h"
#include "store/corruptdatabase.h"

namespace peanuts {

bool startReceiver(
    ReceiverCore &core, const Options &options, const ConfirmMoveAside &confirm, QString *error, QString *notice)
{
    if (core.start(options, error))
        return true;
    if (!core.storeOpenFailed())
        return false;
    const QString path = core.options().dbPath;
    QString reason;
    if (!isUnusableDatabase(path, &reason) || !confirm || !confirm(path, reason))
        return false;
    const MovedAside moved = moveDatabaseAside(path);
    if (!moved.ok) {
        if (error)
            *error = QStringLiteral("%1 is not a usable database (%2), and moving it aside failed: %3")
                         .arg(path, reason, moved.error);
        return false;
    }
    const QString message = QStringLiteral("%1 was not a usable database (%2). It was moved to %3; a new database "
                                           "was started in its place.")
                                .arg(path, reason, moved.to.constFirst());
    qCWarning(lcApp).noquote() << message;
    if (notice)
        *notice = message;
    return core.start(options, error);
}

DatabaseCheck checkDatabase(const Options &given)
{
    Options options = given;
    if (options.dbPath.isEmpty()) {
        const Settings settings(options.settingsPath.isEmpty() ? defaultSettingsPath() : options.settingsPath);
        applySettings(options, settings);
    }
    const QString path = options.dbPath.isEmpty() ? defaultDatabasePath() : options.dbPath;
    return checkDatabaseFile(path);
}

} // namespace peanuts
