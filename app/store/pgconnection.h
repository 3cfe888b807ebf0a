// Placeholder of the connection layer (replaced by the full one): a postgresql:// URL and a QPSQL connection.
#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QString>
#include <optional>

namespace peanuts {

struct PgLocation
{
    QString user, password, host;
    int port = 5432;
    QString database;
    QHash<QString, QString> params;
};

bool isPgUrl(const QString &url);
std::optional<PgLocation> parsePgUrl(const QString &url, QString *error);
bool openPgDatabase(const PgLocation &location, const QString &connectionName, QSqlDatabase *db, QString *error);
QString redactedPgUrl(const PgLocation &location);

} // namespace peanuts
