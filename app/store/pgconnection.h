// The PostgreSQL backend's connection layer: the --db URL, where its password comes from, and opening a
// QPSQL connection whose errors name the server but never the password.
#pragma once

#include <QHash>
#include <QString>

#include <optional>

class QSqlDatabase;

namespace peanuts {

// Where a PostgreSQL database is, as libpq understands a postgresql:// URL.
struct PgLocation
{
    QString user;
    QString password; // empty: libpq looks in PGPASSWORD, then PGPASSFILE or ~/.pgpass
    QString host; // a name or an address; a path is a unix socket directory; empty: libpq's default socket
    int port = 5432;
    QString database;
    // The URL's other query parameters, libpq connection keywords (sslmode, connect_timeout, ...).
    QHash<QString, QString> params;

    friend bool operator==(const PgLocation &a, const PgLocation &b)
    {
        return a.user == b.user && a.password == b.password && a.host == b.host && a.port == b.port
            && a.database == b.database && a.params == b.params;
    }
};

// True when text starts as a PostgreSQL URL does (postgresql:// or postgres://), so that --db can tell
// it from a file name.
bool isPgUrl(const QString &text);

// postgresql://user:password@host:port/database?keyword=value&..., also postgres://, percent-decoded,
// with [::1] for IPv6 addresses and host, port, user, password, dbname also accepted as parameters.
// What the URL leaves out is defaulted as libpq does: the user from PGUSER or the system user, the host
// from PGHOST (or libpq's socket), the port from PGPORT or 5432, the database from PGDATABASE or the
// user's name. nullopt with *error (naming what is wrong, never the password) for anything else.
std::optional<PgLocation> parsePgUrl(const QString &url, QString *error);

// The location as a URL for logs and the window: the password, if any, shown as ***.
QString redactedPgUrl(const PgLocation &location);

// The keychain entry a password for location is stored under: service kPgKeychainService, key
// user@host:port/database.
inline constexpr auto kPgKeychainService = "peanuts-monitor-postgresql";
QString pgKeychainKey(const PgLocation &location);
// The password stored in the keychain for location, read synchronously (a local event loop, at most
// timeoutMs); nullopt with *error when there is none or no keychain answered. For a location whose URL
// has no password; headless runs leave the keychain alone.
std::optional<QString> pgKeychainPassword(const PgLocation &location, int timeoutMs, QString *error);
// The keychain's password for a team database whose URL names none, when PGPASSWORD does not give one
// either; empty otherwise, and when the keychain holds none or does not answer within timeoutMs.
QString pgKeychainPasswordFor(const QString &url, int timeoutMs);

// What openPgDatabase() sets unless the URL's parameters say otherwise.
inline constexpr int kPgConnectTimeoutSeconds = 10;
inline constexpr auto kPgApplicationName = "peanuts-monitor";

// Adds a QPSQL connection named connectionName for location and opens it, in the calling thread (the
// connection belongs to it). On failure, *error names user@host:port/database and what the server or
// libpq said, never the password, and the connection is removed again.
bool openPgDatabase(const PgLocation &location, const QString &connectionName, QSqlDatabase *db, QString *error);

} // namespace peanuts
