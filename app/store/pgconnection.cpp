// Parses postgresql:// URLs as libpq does and opens QPSQL connections. The password is passed to libpq
// only when the URL (or the keychain) has one: otherwise libpq reads PGPASSWORD and the password file
// itself, with its own rules (host:port:database:user:password lines, * wildcards, \ escapes, a file
// readable by group or others ignored), which are not repeated here.
#include "store/pgconnection.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QHostAddress>
#include <QSqlDatabase>
#include <QSqlError>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <qt6keychain/keychain.h>

#include <pwd.h>
#include <unistd.h>

namespace peanuts {

class PgConnection
{
    Q_DECLARE_TR_FUNCTIONS(PgConnection)
};

namespace {

// libpq keywords the URL may carry besides host, port, user, password and dbname. A keyword outside
// this list is refused, as libpq refuses an unknown one, rather than silently ignored.
const QStringList &knownKeywords()
{
    static const QStringList keywords = {QStringLiteral("application_name"), QStringLiteral("channel_binding"),
        QStringLiteral("connect_timeout"), QStringLiteral("gssencmode"), QStringLiteral("keepalives"),
        QStringLiteral("keepalives_count"), QStringLiteral("keepalives_idle"), QStringLiteral("keepalives_interval"),
        QStringLiteral("options"), QStringLiteral("sslcert"), QStringLiteral("sslcompression"),
        QStringLiteral("sslcrl"), QStringLiteral("sslcrldir"), QStringLiteral("sslkey"), QStringLiteral("sslmode"),
        QStringLiteral("sslpassword"), QStringLiteral("sslrootcert"), QStringLiteral("sslsni"),
        QStringLiteral("target_session_attrs"), QStringLiteral("tcp_user_timeout")};
    return keywords;
}

const QStringList &sslModes()
{
    static const QStringList modes = {QStringLiteral("disable"), QStringLiteral("allow"), QStringLiteral("prefer"),
        QStringLiteral("require"), QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    return modes;
}

bool isHex(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

// Percent-decodes one part of the URL (UTF-8 underneath). what names the part in the error; the part
// itself is not quoted, since it may be the password.
std::optional<QString> decode(const QString &part, const QString &what, QString *error)
{
    for (qsizetype i = 0; i < part.size(); ++i) {
        if (part.at(i) != u'%')
            continue;
        if (i + 2 >= part.size() || !isHex(part.at(i + 1)) || !isHex(part.at(i + 2))) {
            *error = PgConnection::tr("The %1 in the database URL has a '%' not followed by two hex digits.").arg(what);
            return std::nullopt;
        }
        if (part.at(i + 1) == u'0' && part.at(i + 2) == u'0') {
            *error = PgConnection::tr("The %1 in the database URL holds a NUL byte (%00).").arg(what);
            return std::nullopt;
        }
    }
    return QString::fromUtf8(QByteArray::fromPercentEncoding(part.toUtf8()));
}

QString systemUserName()
{
    if (const passwd *entry = ::getpwuid(::geteuid()); entry && entry->pw_name)
        return QString::fromLocal8Bit(entry->pw_name);
    return qEnvironmentVariable("USER");
}

bool parsePort(const QString &text, int *port)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 1 || value > 65535 || text.startsWith(u'+'))
        return false;
    *port = value;
    return true;
}

// Splits "host", "host:port", "[v6]" or "[v6]:port" (still percent-encoded).
bool splitHostPort(const QString &hostPort, QString *host, QString *port, QString *error)
{
    if (hostPort.startsWith(u'[')) {
        const qsizetype close = hostPort.indexOf(u']');
        if (close < 0) {
            *error = PgConnection::tr("The database URL has a '[' without its ']' around an IPv6 address.");
            return false;
        }
        *host = hostPort.mid(1, close - 1);
        const QString rest = hostPort.mid(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(u':')) {
            *error = PgConnection::tr("The database URL has '%1' after the IPv6 address; expected ':port'.").arg(rest);
            return false;
        }
        *port = rest.mid(1);
        QHostAddress address;
        if (!address.setAddress(*host) || address.protocol() != QAbstractSocket::IPv6Protocol) {
            *error = PgConnection::tr("'%1' in the database URL is not an IPv6 address.").arg(*host);
            return false;
        }
        return true;
    }
    const qsizetype colon = hostPort.lastIndexOf(u':');
    *host = colon < 0 ? hostPort : hostPort.left(colon);
    *port = colon < 0 ? QString() : hostPort.mid(colon + 1);
    if (host->contains(u':')) {
        *error = PgConnection::tr("The database URL's host has a ':'; write an IPv6 address in brackets, as [::1].");
        return false;
    }
    return true;
}

// Quotes a value for a libpq connection string: 'value' with \ and ' escaped.
QString conninfoValue(const QString &value)
{
    QString quoted = value;
    quoted.replace(u'\\', QStringLiteral("\\\\")).replace(u'\'', QStringLiteral("\\'"));
    return u'\'' + quoted + u'\'';
}

QString encoded(const QString &part)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(part));
}

// user@host:port/database: how errors name a server, with no password.
QString where(const PgLocation &location)
{
    const QString host = location.host.isEmpty() ? QStringLiteral("(local socket)") : location.host;
    return QStringLiteral("%1@%2:%3/%4").arg(location.user, host).arg(location.port).arg(location.database);
}

} // namespace

bool isPgUrl(const QString &text)
{
    const QString trimmed = text.trimmed();
    return trimmed.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive)
        || trimmed.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
}

std::optional<PgLocation> parsePgUrl(const QString &url, QString *error)
{
    QString ignored;
    if (!error)
        error = &ignored;
    const QString text = url.trimmed();
    if (!isPgUrl(text)) {
        *error = PgConnection::tr("A database URL starts with postgresql:// or postgres://.");
        return std::nullopt;
    }
    QString rest = text.mid(text.indexOf(QLatin1String("://")) + 3);

    QString query;
    if (const qsizetype mark = rest.indexOf(u'?'); mark >= 0) {
        query = rest.mid(mark + 1);
        rest.truncate(mark);
    }
    QString path;
    bool hasPath = false;
    if (const qsizetype slash = rest.indexOf(u'/'); slash >= 0) {
        path = rest.mid(slash + 1);
        hasPath = true;
        rest.truncate(slash);
    }
    // The authority: [user[:password]@]host[:port]. A password holding '@' should encode it as %40;
    // the last '@' is taken, since a host never holds one.
    PgLocation location;
    QString hostPort = rest;
    if (const qsizetype at = rest.lastIndexOf(u'@'); at >= 0) {
        const QString userInfo = rest.left(at);
        hostPort = rest.mid(at + 1);
        const qsizetype colon = userInfo.indexOf(u':');
        const auto user = decode(colon < 0 ? userInfo : userInfo.left(colon), PgConnection::tr("user name"), error);
        if (!user)
            return std::nullopt;
        location.user = *user;
        if (colon >= 0) {
            const auto password = decode(userInfo.mid(colon + 1), PgConnection::tr("password"), error);
            if (!password)
                return std::nullopt;
            location.password = *password;
        }
    }
    if (hostPort.contains(u',')) {
        *error = PgConnection::tr("The database URL names several hosts; give exactly one.");
        return std::nullopt;
    }
    QString rawHost;
    QString rawPort;
    if (!splitHostPort(hostPort, &rawHost, &rawPort, error))
        return std::nullopt;
    const auto host = decode(rawHost, PgConnection::tr("host"), error);
    if (!host)
        return std::nullopt;
    location.host = *host;
    QString port = rawPort;
    if (hasPath) {
        const auto database = decode(path, PgConnection::tr("database name"), error);
        if (!database)
            return std::nullopt;
        location.database = *database;
    }

    if (!query.isEmpty()) {
        for (const QString &pair : query.split(u'&')) {
            const qsizetype equals = pair.indexOf(u'=');
            if (pair.isEmpty() || equals <= 0) {
                *error = PgConnection::tr("The database URL's parameters are keyword=value pairs joined by &.");
                return std::nullopt;
            }
            const auto keyword = decode(pair.left(equals), PgConnection::tr("parameter name"), error);
            if (!keyword)
                return std::nullopt;
            const bool secret = *keyword == QLatin1String("password") || *keyword == QLatin1String("sslpassword");
            const auto value = decode(pair.mid(equals + 1),
                secret ? PgConnection::tr("password") : PgConnection::tr("value of %1").arg(*keyword), error);
            if (!value)
                return std::nullopt;
            if (*keyword == QLatin1String("host")) {
                location.host = *value;
            } else if (*keyword == QLatin1String("port")) {
                port = *value;
            } else if (*keyword == QLatin1String("user")) {
                location.user = *value;
            } else if (*keyword == QLatin1String("password")) {
                location.password = *value;
            } else if (*keyword == QLatin1String("dbname")) {
                location.database = *value;
            } else if (*keyword == QLatin1String("ssl") && *value == QLatin1String("true")) {
                location.params.insert(QStringLiteral("sslmode"), QStringLiteral("require")); // as libpq does
            } else if (knownKeywords().contains(*keyword)) {
                // QPSQL joins its connect options with ';', so a value cannot hold one.
                if (value->contains(u';')) {
                    *error = PgConnection::tr("The value of %1 in the database URL holds a ';', which Qt's "
                                              "PostgreSQL driver cannot pass on.")
                                 .arg(*keyword);
                    return std::nullopt;
                }
                location.params.insert(*keyword, *value);
            } else {
                *error = PgConnection::tr("The database URL has the parameter '%1', which is not one of libpq's: "
                                          "host, port, user, password, dbname, %2.")
                             .arg(*keyword, knownKeywords().join(QLatin1String(", ")));
                return std::nullopt;
            }
        }
    }
    if (const QString mode = location.params.value(QStringLiteral("sslmode"));
        !mode.isEmpty() && !sslModes().contains(mode)) {
        *error = PgConnection::tr("sslmode=%1 in the database URL is not one of %2.")
                     .arg(mode, sslModes().join(QLatin1String(", ")));
        return std::nullopt;
    }
    if (const QString timeout = location.params.value(QStringLiteral("connect_timeout")); !timeout.isEmpty()) {
        bool ok = false;
        if (timeout.toInt(&ok) < 0 || !ok) {
            *error
                = PgConnection::tr("connect_timeout=%1 in the database URL is not a number of seconds.").arg(timeout);
            return std::nullopt;
        }
    }

    // libpq's defaults, in libpq's order: environment, then built in.
    if (location.user.isEmpty())
        location.user = qEnvironmentVariable("PGUSER", systemUserName());
    if (location.host.isEmpty())
        location.host = qEnvironmentVariable("PGHOST");
    if (port.isEmpty())
        port = qEnvironmentVariable("PGPORT", QStringLiteral("5432"));
    if (!parsePort(port, &location.port)) {
        *error = PgConnection::tr("The port '%1' in the database URL is not a number from 1 to 65535.").arg(port);
        return std::nullopt;
    }
    if (location.database.isEmpty())
        location.database = qEnvironmentVariable("PGDATABASE", location.user);
    if (location.user.isEmpty()) {
        *error = PgConnection::tr("The database URL names no user, and the system user is unknown.");
        return std::nullopt;
    }
    return location;
}

QString redactedPgUrl(const PgLocation &location)
{
    QString url = QStringLiteral("postgresql://") + encoded(location.user);
    if (!location.password.isEmpty())
        url += QStringLiteral(":***");
    url += u'@';
    if (location.host.contains(u':'))
        url += u'[' + location.host + u']';
    else
        url += encoded(location.host);
    url += u':' + QString::number(location.port) + u'/' + encoded(location.database);
    QStringList keywords = location.params.keys();
    keywords.sort();
    QStringList pairs;
    for (const QString &keyword : std::as_const(keywords)) {
        const bool secret = keyword == QLatin1String("sslpassword");
        pairs << encoded(keyword) + u'=' + (secret ? QStringLiteral("***") : encoded(location.params.value(keyword)));
    }
    if (!pairs.isEmpty())
        url += u'?' + pairs.join(u'&');
    return url;
}

QString pgKeychainKey(const PgLocation &location)
{
    return where(location);
}

std::optional<QString> pgKeychainPassword(const PgLocation &location, int timeoutMs, QString *error)
{
    QEventLoop loop;
    auto *job = new QKeychain::ReadPasswordJob(QString::fromLatin1(kPgKeychainService));
    job->setAutoDelete(true); // also when it finishes after the timeout below gave up on it
    job->setKey(pgKeychainKey(location));
    std::optional<QString> password;
    bool finished = false;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&](QKeychain::Job *) {
        finished = true;
        if (job->error() == QKeychain::NoError && !job->textData().isEmpty())
            password = job->textData();
        else if (job->error() == QKeychain::EntryNotFound || job->error() == QKeychain::NoError)
            *error = PgConnection::tr("The keychain holds no password for %1.").arg(pgKeychainKey(location));
        else
            *error = PgConnection::tr("The keychain could not be read: %1").arg(job->errorString());
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    job->start();
    if (!finished)
        loop.exec();
    if (!finished)
        *error = PgConnection::tr("The keychain did not answer within %n ms.", nullptr, timeoutMs);
    return password;
}

QString pgKeychainPasswordFor(const QString &url, int timeoutMs)
{
    QString ignored;
    const std::optional<PgLocation> location = parsePgUrl(url, &ignored);
    if (!location || !location->password.isEmpty() || !qEnvironmentVariableIsEmpty("PGPASSWORD"))
        return QString();
    return pgKeychainPassword(*location, timeoutMs, &ignored).value_or(QString());
}

bool openPgDatabase(const PgLocation &location, const QString &connectionName, QSqlDatabase *db, QString *error)
{
    const QString driver = QStringLiteral("QPSQL");
    if (!QSqlDatabase::isDriverAvailable(driver)) {
        *error = PgConnection::tr("Qt's PostgreSQL driver (QPSQL, Debian's package libqt6sql6-psql) is not "
                                  "installed; the drivers found are: %1.")
                     .arg(QSqlDatabase::drivers().join(QLatin1String(", ")));
        return false;
    }
    QHash<QString, QString> options = location.params;
    if (!options.contains(QStringLiteral("connect_timeout")))
        options.insert(QStringLiteral("connect_timeout"), QString::number(kPgConnectTimeoutSeconds));
    if (!options.contains(QStringLiteral("application_name")))
        options.insert(QStringLiteral("application_name"), QString::fromLatin1(kPgApplicationName));
    QStringList connectOptions;
    for (auto it = options.cbegin(); it != options.cend(); ++it)
        connectOptions << it.key() + u'=' + conninfoValue(it.value());

    {
        QSqlDatabase database = QSqlDatabase::addDatabase(driver, connectionName);
        database.setHostName(location.host);
        database.setPort(location.port);
        database.setDatabaseName(location.database);
        database.setUserName(location.user);
        database.setPassword(location.password);
        database.setConnectOptions(connectOptions.join(u';'));
        if (database.open()) {
            *db = database;
            return true;
        }
        // libpq's own words, without Qt's "Unable to connect" before them. libpq does not quote the
        // password; it is scrubbed all the same, since this text reaches logs and the window.
        QString reason = database.lastError().databaseText().trimmed();
        if (reason.isEmpty())
            reason = database.lastError().text().trimmed();
        if (!location.password.isEmpty())
            reason.replace(location.password, QStringLiteral("***"));
        *error = PgConnection::tr("Cannot connect to PostgreSQL at %1: %2").arg(where(location), reason);
    }
    *db = QSqlDatabase();
    QSqlDatabase::removeDatabase(connectionName);
    return false;
}

} // namespace peanuts
