// The database's files on disk, measured in one place for the store and the settings.
#include "store/databasefiles.h"

#include <QFileInfo>

namespace peanuts {

DatabaseFileSizes databaseFileSizes(const QString &path)
{
    DatabaseFileSizes sizes;
    if (path.isEmpty())
        return sizes;
    sizes.file = QFileInfo(path).size();
    sizes.wal = QFileInfo(path + QStringLiteral("-wal")).size();
    return sizes;
}

} // namespace peanuts
