// The PostgreSQL connection layer: database URLs parsed as libpq does (good and bad), redaction, and,
// against the throwaway cluster of the CTest fixture "pg": connecting, PGPASSFILE read by libpq (and
// ignored when group-readable), no password in an error, the cluster off 5432, pg_trgm in every test
// database, test databases dropped afterwards.
#include "store/pgconnection.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <pwd.h>
#include <unistd.h>

using namespace peanuts;

namespace {

QString systemUser()
{
    const passwd *entry = ::getpwuid(::geteuid());
    return entry ? QString::fromLocal8Bit(entry->pw_name) : QString();
}

// "k=v;k=v" sorted, to compare parameters in a table.
QString paramsText(const QHash<QString, QString> &params)
{
    QStringList pairs;
    for (auto it = params.cbegin(); it != params.cend(); ++it)
        pairs << it.key() + u'=' + it.value();
    pairs.sort();
    return pairs.join(u';');
}

// The first value of sql on db; an invalid QVariant when the query fails.
QVariant scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next()) {
        qWarning().noquote() << sql << query.lastError().text();
        return QVariant();
    }
    return query.value(0);
}

const QStringList kPgEnvironment = {QStringLiteral("PGUSER"), QStringLiteral("PGHOST"), QStringLiteral("PGPORT"),
    QStringLiteral("PGDATABASE"), QStringLiteral("PGPASSWORD"), QStringLiteral("PGSSLMODE")};

} // namespace

class TestPgConnection : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_connections = 0;

    QString connectionName() { return QStringLiteral("tst-%1").arg(++m_connections); }

    // Opens location, checks that it worked, runs sql, closes: the value, or an invalid QVariant.
    QVariant valueOn(const PgLocation &location, const QString &sql, QString *error)
    {
        const QString name = connectionName();
        QVariant value;
        {
            QSqlDatabase db;
            if (!openPgDatabase(location, name, &db, error))
                return QVariant();
            value = scalar(db, sql);
        }
        QSqlDatabase::removeDatabase(name);
        return value;
    }

    std::optional<PgLocation> cluster()
    {
        QString error;
        auto location = parsePgUrl(testsupport::testPgUrl(), &error);
        if (!location)
            qWarning().noquote() << "the cluster's url:" << error;
        return location;
    }

    void writePassFile(const QString &path, const QByteArray &contents, QFile::Permissions permissions)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(contents);
        file.close();
        QVERIFY(file.setPermissions(permissions));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Nothing of the machine's own PostgreSQL setup may leak in: libpq's environment, ~/.pgpass.
        for (const QString &name : kPgEnvironment)
            qunsetenv(name.toLatin1().constData());
        qputenv("PGPASSFILE", QFile::encodeName(m_dir.filePath(QStringLiteral("no-such-pgpass"))));
    }

    void parse_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("database");
        QTest::addColumn<QString>("params");
        const QString me = systemUser();

        QTest::addRow("everything") << "postgresql://alice:s3cret@db.example.com:6543/ledger?sslmode=require"
                                    << "alice"
                                    << "s3cret"
                                    << "db.example.com" << 6543 << "ledger"
                                    << "sslmode=require";
        QTest::addRow("postgres scheme") << "postgres://bob@localhost/app"
                                         << "bob"
                                         << ""
                                         << "localhost" << 5432 << "app"
                                         << "";
        QTest::addRow("scheme in capitals") << "PostgreSQL://bob@localhost/app"
                                            << "bob"
                                            << ""
                                            << "localhost" << 5432 << "app"
                                            << "";
        QTest::addRow("surrounding blanks") << "  postgresql://bob@h/app \n"
                                            << "bob"
                                            << ""
                                            << "h" << 5432 << "app"
                                            << "";
        QTest::addRow("percent-decoded") << "postgresql://us%40er:p%40ss%3Aw%2Fd@h/my%20db"
                                         << "us@er"
                                         << "p@ss:w/d"
                                         << "h" << 5432 << "my db"
                                         << "";
        QTest::addRow("raw @ in the password") << "postgresql://u:p@ss@h/d"
                                               << "u"
                                               << "p@ss"
                                               << "h" << 5432 << "d"
                                               << "";
        QTest::addRow("utf-8") << "postgresql://j%C3%B6rg:%E2%82%AC@h/caf%C3%A9"
                               << "jörg"
                               << "€"
                               << "h" << 5432 << "café"
                               << "";
        QTest::addRow("empty password") << "postgresql://u:@h/d"
                                        << "u"
                                        << ""
                                        << "h" << 5432 << "d"
                                        << "";
        QTest::addRow("ipv6 with port") << "postgresql://u:p@[::1]:5433/d"
                                        << "u"
                                        << "p"
                                        << "::1" << 5433 << "d"
                                        << "";
        QTest::addRow("ipv6 without port") << "postgresql://u@[fe80::1]/d"
                                           << "u"
                                           << ""
                                           << "fe80::1" << 5432 << "d"
                                           << "";
        QTest::addRow("all defaulted") << "postgresql://" << me << ""
                                       << "" << 5432 << me << "";
        QTest::addRow("host alone") << "postgres://h" << me << ""
                                    << "h" << 5432 << me << "";
        QTest::addRow("host and port") << "postgresql://h:7000" << me << ""
                                       << "h" << 7000 << me << "";
        QTest::addRow("empty path") << "postgresql://u@h/"
                                    << "u"
                                    << ""
                                    << "h" << 5432 << "u"
                                    << "";
        QTest::addRow("socket directory as parameter") << "postgresql:///mydb?host=/var/run/postgresql" << me << ""
                                                       << "/var/run/postgresql" << 5432 << "mydb"
                                                       << "";
        QTest::addRow("socket directory encoded") << "postgresql://%2Fvar%2Frun%2Fpostgresql/db" << me << ""
                                                  << "/var/run/postgresql" << 5432 << "db"
                                                  << "";
        QTest::addRow("parameters override") << "postgresql://u:p@h:1/d?port=6000&user=carol&password=pw&dbname=other"
                                             << "carol"
                                             << "pw"
                                             << "h" << 6000 << "other"
                                             << "";
        QTest::addRow("ssl=true") << "postgresql://u@h/d?ssl=true"
                                  << "u"
                                  << ""
                                  << "h" << 5432 << "d"
                                  << "sslmode=require";
        QTest::addRow("libpq keywords")
            << "postgresql://u@h/d?connect_timeout=3&application_name=x%20y&sslmode=verify-full"
            << "u"
            << ""
            << "h" << 5432 << "d"
            << "application_name=x y;connect_timeout=3;sslmode=verify-full";
    }

    void parse()
    {
        QFETCH(QString, url);
        QString error;
        const auto location = parsePgUrl(url, &error);
        QVERIFY2(location, qPrintable(error));
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, database);
        QFETCH(QString, params);
        QCOMPARE(location->user, user);
        QCOMPARE(location->password, password);
        QCOMPARE(location->host, host);
        QCOMPARE(location->port, port);
        QCOMPARE(location->database, database);
        QCOMPARE(paramsText(location->params), params);
        QVERIFY(isPgUrl(url));
    }

    void refuse_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("expected"); // a part of the error
        QTest::addRow("another scheme") << "mysql://u@h/d"
                                        << "postgresql://";
        QTest::addRow("a file name") << "/var/lib/peanuts/deliveries.db"
                                     << "postgresql://";
        QTest::addRow("port zero") << "postgresql://u@h:0/d"
                                   << "port '0'";
        QTest::addRow("port too big") << "postgresql://u@h:99999/d"
                                      << "port '99999'";
        QTest::addRow("port not a number") << "postgresql://u@h:abc/d"
                                           << "port 'abc'";
        QTest::addRow("port as parameter") << "postgresql://u@h/d?port=-5"
                                           << "port '-5'";
        QTest::addRow("unclosed bracket") << "postgresql://u@[::1/d"
                                          << "]";
        QTest::addRow("not ipv6 in brackets") << "postgresql://u@[db.example.com]/d"
                                              << "not an IPv6 address";
        QTest::addRow("junk after brackets") << "postgresql://u@[::1]x/d"
                                             << "expected ':port'";
        QTest::addRow("ipv6 without brackets") << "postgresql://u@::1/d"
                                               << "brackets";
        QTest::addRow("several hosts") << "postgresql://u@h1,h2:5433/d"
                                       << "several hosts";
        QTest::addRow("bad escape in user") << "postgresql://a%4@h/d"
                                            << "user name";
        QTest::addRow("NUL in database") << "postgresql://u@h/d%00x"
                                         << "NUL";
        QTest::addRow("bad sslmode") << "postgresql://u@h/d?sslmode=sometimes"
                                     << "sslmode=sometimes";
        QTest::addRow("unknown keyword") << "postgresql://u@h/d?colour=blue"
                                         << "'colour'";
        QTest::addRow("bad connect_timeout") << "postgresql://u@h/d?connect_timeout=soon"
                                             << "connect_timeout=soon";
        QTest::addRow("keyword without value") << "postgresql://u@h/d?sslmode"
                                               << "keyword=value";
        QTest::addRow("semicolon in a value") << "postgresql://u@h/d?options=-c%20a%3Db%3Bc"
                                              << "';'";
    }

    void refuse()
    {
        QFETCH(QString, url);
        QFETCH(QString, expected);
        QString error;
        QVERIFY(!parsePgUrl(url, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    // A URL refused for its password's encoding says which part is wrong without quoting it.
    void refusalNeverQuotesThePassword()
    {
        QString error;
        QVERIFY(!parsePgUrl(QStringLiteral("postgresql://u:Hunter2Secret%zz@h/d"), &error));
        QVERIFY2(error.contains(QLatin1String("password")), qPrintable(error));
        QVERIFY2(!error.contains(QLatin1String("Hunter2")), qPrintable(error));
        QVERIFY(!parsePgUrl(QStringLiteral("postgresql://u@h/d?password=Hunter2Secret%zz"), &error));
        QVERIFY2(!error.contains(QLatin1String("Hunter2")), qPrintable(error));
    }

    void defaultsFromEnvironment()
    {
        qputenv("PGUSER", "envuser");
        qputenv("PGHOST", "envhost");
        qputenv("PGPORT", "6001");
        qputenv("PGDATABASE", "envdb");
        QString error;
        const auto defaulted = parsePgUrl(QStringLiteral("postgresql://"), &error);
        const auto given = parsePgUrl(QStringLiteral("postgresql://u@h:7/d"), &error);
        for (const QString &name : kPgEnvironment)
            qunsetenv(name.toLatin1().constData());
        QVERIFY2(defaulted && given, qPrintable(error));
        QCOMPARE(defaulted->user, QStringLiteral("envuser"));
        QCOMPARE(defaulted->host, QStringLiteral("envhost"));
        QCOMPARE(defaulted->port, 6001);
        QCOMPARE(defaulted->database, QStringLiteral("envdb"));
        QCOMPARE(given->user, QStringLiteral("u")); // what the URL says wins
        QCOMPARE(given->port, 7);
        QCOMPARE(given->database, QStringLiteral("d"));
    }

    void isPgUrlTellsFilesApart()
    {
        QVERIFY(isPgUrl(QStringLiteral("postgres://h/d")));
        QVERIFY(!isPgUrl(QStringLiteral("postgresql:/h/d")));
        QVERIFY(!isPgUrl(QStringLiteral("deliveries.db")));
        QVERIFY(!isPgUrl(QStringLiteral("./postgresql://x")));
    }

    void redacted()
    {
        QString error;
        const auto location = parsePgUrl(
            QStringLiteral("postgresql://al%20ice:Hunter2@[::1]:6543/my%2Fdb?sslmode=require&sslpassword=KeyPass9"),
            &error);
        QVERIFY2(location, qPrintable(error));
        const QString shown = redactedPgUrl(*location);
        QCOMPARE(shown, QStringLiteral("postgresql://al%20ice:***@[::1]:6543/my%2Fdb?sslmode=require&sslpassword=***"));
        QVERIFY(!shown.contains(QLatin1String("Hunter2")));
        QVERIFY(!shown.contains(QLatin1String("KeyPass9")));

        // Without secrets, the redacted URL reads back as the same location.
        PgLocation open = *location;
        open.password.clear();
        open.params.remove(QStringLiteral("sslpassword"));
        open.host = QStringLiteral("/run/postgres ql");
        const QString url = redactedPgUrl(open);
        QVERIFY2(!url.contains(QLatin1String("***")), qPrintable(url));
        const auto back = parsePgUrl(url, &error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(*back == open);
    }

    void keychainKey()
    {
        const auto location = parsePgUrl(QStringLiteral("postgresql://alice:pw@db:6543/ledger"), nullptr);
        QVERIFY(location);
        QCOMPARE(pgKeychainKey(*location), QStringLiteral("alice@db:6543/ledger"));
    }

    // Where no keychain answers (headless, no Secret Service), the lookup gives up with a reason instead
    // of hanging.
    void keychainWithoutAnswer()
    {
        const auto location = parsePgUrl(QStringLiteral("postgresql://alice@db/ledger"), nullptr);
        QVERIFY(location);
        QString error;
        QElapsedTimer timer;
        timer.start();
        const auto password = pgKeychainPassword(*location, 3000, &error);
        if (password)
            QSKIP("this machine has a keychain holding a password for alice@db:5432/ledger");
        QVERIFY(timer.elapsed() < 5000);
        QVERIFY(!error.isEmpty());
    }

    // --- against the throwaway cluster ---

    void clusterIsOffTheDefaultPort()
    {
        PEANUTS_SKIP_WITHOUT_PG();
        const auto location = cluster();
        QVERIFY(location);
        QCOMPARE(location->host, QStringLiteral("127.0.0.1"));
        QVERIFY(location->port != 5432);
        QVERIFY(!location->password.isEmpty());
        QFile portFile(qEnvironmentVariable("PEANUTS_TEST_PG_DIR") + QStringLiteral("/port"));
        QVERIFY(portFile.open(QIODevice::ReadOnly));
        QCOMPARE(portFile.readAll().trimmed().toInt(), location->port);
        QString error;
        QCOMPARE(valueOn(*location, QStringLiteral("SHOW port"), &error).toInt(), location->port);
    }

    void connects()
    {
        PEANUTS_SKIP_WITHOUT_PG();
        const auto location = cluster();
        QVERIFY(location);
        const QString name = connectionName();
        {
            QSqlDatabase db;
            QString error;
            QVERIFY2(openPgDatabase(*location, name, &db, &error), qPrintable(error));
            QVERIFY(db.isOpen());
            QCOMPARE(db.driverName(), QStringLiteral("QPSQL"));
            QCOMPARE(scalar(db, QStringLiteral("SELECT current_user")).toString(), QStringLiteral("peanuts"));
            QCOMPARE(scalar(db, QStringLiteral("SHOW application_name")).toString(), QStringLiteral("peanuts-monitor"));
            // The settings the tests rely on: the fixture's cluster does not wait for the disk
            // (PGCLUSTER_FSYNC=off; benchmarks start theirs with fsync on).
            QCOMPARE(scalar(db, QStringLiteral("SHOW fsync")).toString(), QStringLiteral("off"));
            QCOMPARE(scalar(db, QStringLiteral("SHOW max_connections")).toInt(), 200);
            QCOMPARE(scalar(db, QStringLiteral("SHOW server_version_num")).toInt() / 10000, 15);
        }
        QSqlDatabase::removeDatabase(name);
    }

    // The URL's parameters reach libpq: sslmode=require against a server without TLS fails, and says so.
    void parametersReachLibpq()
    {
        PEANUTS_PG_TEST_DATABASE(database);
        PgLocation location = database.location();
        location.params.insert(QStringLiteral("sslmode"), QStringLiteral("require"));
        QString error;
        QVERIFY(!valueOn(location, QStringLiteral("SELECT 1"), &error).isValid());
        QVERIFY2(error.contains(QLatin1String("SSL")), qPrintable(error));
        location.params.insert(QStringLiteral("sslmode"), QStringLiteral("disable"));
        location.params.insert(QStringLiteral("application_name"), QStringLiteral("it's mine"));
        QCOMPARE(
            valueOn(location, QStringLiteral("SHOW application_name"), &error).toString(), QStringLiteral("it's mine"));
    }

    void wrongPasswordIsNotInTheError()
    {
        PEANUTS_SKIP_WITHOUT_PG();
        auto location = cluster();
        QVERIFY(location);
        const QString right = location->password;
        location->password = QStringLiteral("Wr0ng-%1").arg(QRandomGenerator::global()->generate(), 0, 16);
        const QString name = connectionName();
        QSqlDatabase db;
        QString error;
        QVERIFY(!openPgDatabase(*location, name, &db, &error));
        QVERIFY(!db.isValid());
        QVERIFY(!QSqlDatabase::contains(name)); // nothing left behind
        const QString server = QStringLiteral("peanuts@127.0.0.1:%1/peanuts").arg(location->port);
        QVERIFY2(error.contains(server), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("password authentication failed")), qPrintable(error));
        QVERIFY2(!error.contains(location->password), qPrintable(error));
        QVERIFY2(!error.contains(right), qPrintable(error));
        QVERIFY2(!error.contains(QLatin1String("Wr0ng")), qPrintable(error));
    }

    // libpq reads PGPASSFILE itself when the URL has no password: the first matching line, with *
    // wildcards; a file that group or others can read is ignored, as libpq does.
    void passwordFile()
    {
        PEANUTS_PG_TEST_DATABASE(database);
        PgLocation location = database.location();
        const QString password = location.password;
        location.password.clear();
        const QString path = m_dir.filePath(QStringLiteral("pgpass"));
        const QByteArray contents = QStringLiteral("# for other databases and ports\n"
                                                   "127.0.0.1:%1:some\\:other:peanuts:wrong\n"
                                                   "127.0.0.1:1:*:peanuts:wrong\n"
                                                   "*:%1:*:peanuts:%2\n")
                                        .arg(location.port)
                                        .arg(password)
                                        .toUtf8();
        writePassFile(path, contents, QFile::ReadOwner | QFile::WriteOwner);
        const QByteArray before = qgetenv("PGPASSFILE");
        qputenv("PGPASSFILE", QFile::encodeName(path));
        auto restore = qScopeGuard([&] { qputenv("PGPASSFILE", before); });

        QString error;
        QCOMPARE(valueOn(location, QStringLiteral("SELECT current_database()"), &error).toString(), database.name());
        QVERIFY2(error.isEmpty(), qPrintable(error));

        writePassFile(path, contents, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup);
        QVERIFY(!valueOn(location, QStringLiteral("SELECT 1"), &error).isValid());
        QVERIFY2(error.contains(QLatin1String("no password supplied")), qPrintable(error));

        // Back to 0600 but without a matching line: refused again, so the first success was the file's.
        writePassFile(path, "127.0.0.1:1:*:peanuts:wrong\n", QFile::ReadOwner | QFile::WriteOwner);
        QVERIFY(!valueOn(location, QStringLiteral("SELECT 1"), &error).isValid());
    }

    void pgTrgmInEveryTestDatabase()
    {
        PEANUTS_PG_TEST_DATABASE(database);
        QString error;
        QCOMPARE(valueOn(database.location(),
                     QStringLiteral("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'"), &error)
                     .toInt(),
            1);
        const double similarity
            = valueOn(database.location(), QStringLiteral("SELECT similarity('peanuts', 'peanut')"), &error).toDouble();
        QVERIFY2(similarity > 0.5 && similarity < 1, qPrintable(QString::number(similarity)));
    }

    // Each PgTestDatabase is its own, and gone afterwards, even with a connection still open to it.
    void testDatabasesAreDroppedAfterwards()
    {
        PEANUTS_SKIP_WITHOUT_PG();
        const auto location = cluster();
        QVERIFY(location);
        QString first;
        const QString name = connectionName();
        {
            testsupport::PgTestDatabase a;
            testsupport::PgTestDatabase b;
            QVERIFY2(a.isValid() && b.isValid(), qPrintable(a.error() + b.error()));
            QVERIFY(a.name() != b.name());
            QVERIFY(a.name().startsWith(QLatin1String("t_testdatabasesaredroppedafterwards_")));
            first = a.name();
            QCOMPARE(parsePgUrl(a.url(), nullptr).value_or(PgLocation()), a.location());
            QSqlDatabase db;
            QString error;
            QVERIFY2(openPgDatabase(a.location(), name, &db, &error), qPrintable(error));
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("CREATE TABLE t (x int)")));
            QCOMPARE(
                scalar(db, QStringLiteral("SELECT count(*) FROM pg_database WHERE datname = '%1'").arg(first)).toInt(),
                1);
        } // a is dropped while the connection named name is still open
        QString error;
        QCOMPARE(valueOn(*location, QStringLiteral("SELECT count(*) FROM pg_database WHERE datname = '%1'").arg(first),
                     &error)
                     .toInt(),
            0);
        QSqlDatabase::removeDatabase(name);
    }
};

QTEST_GUILESS_MAIN(TestPgConnection)
#include "tst_pgconnection.moc"
