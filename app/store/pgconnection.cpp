#include "store/pgconnection.h"

#include <QSqlError>
#include <QUrl>

namespace peanuts {

bool isPgUrl(const QString &url)
{
    return url.startsWith(QLatin1String("postgresql://")) || url.startsWith(QLatin1String("postgres://"));
}

std::optional<PgLocation> parsePgUrl(const QString &url, QString *error)
{
    const QUrl u(url);
    if (!isPgUrl(url) || !u.isValid()) {
        *error = QStringLiteral("not a postgresql:// URL");
        return std::nullopt;
    }
    PgLocation l;
    l.user = u.userName();
    l.password = u.password();
    l.host = u.host();
    l.port = u.port(5432);
    l.database = u.path().mid(1);
    return l;
}

bool openPgDatabase(const PgLocation &l, const QString &name, QSqlDatabase *db, QString *error)
{
    *db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db->setHostName(l.host);
    db->setPort(l.port);
    db->setUserName(l.user);
    db->setPassword(l.password);
    db->setDatabaseName(l.database);
    if (!db->open()) {
        *error = db->lastError().text();
        return false;
    }
    return true;
}

QString redactedPgUrl(const PgLocation &l)
{
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(l.user, l.host).arg(l.port).arg(l.database);
}

} // namespace peanuts
