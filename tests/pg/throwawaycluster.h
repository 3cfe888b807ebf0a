// A throwaway PostgreSQL 15 cluster of one test's own, which the test may restart or stop under a
// running instance (the shared test cluster, tests/pg/pgcluster.sh, must not be).
#pragma once

#include "../testsupport.h"

#include <QDebug>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

namespace peanuts::test {

// In a temporary folder, on a free port. initdb refuses root: as root, the server runs as nobody.
class ThrowawayCluster
{
public:
    static QString binDir() { return QStringLiteral("/usr/lib/postgresql/15/bin"); }
    static bool installed() { return QFile::exists(binDir() + QStringLiteral("/initdb")); }

    ~ThrowawayCluster()
    {
        if (m_started)
            pgCtl({QStringLiteral("-m"), QStringLiteral("immediate"), QStringLiteral("stop")});
    }

    bool start()
    {
        QTcpServer probe; // a free port, from the kernel
        if (!m_dir.isValid() || !probe.listen(QHostAddress::LocalHost, 0))
            return false;
        m_port = probe.serverPort();
        probe.close();
        QFile password(m_dir.filePath(QStringLiteral("pw")));
        if (!password.open(QIODevice::WriteOnly) || password.write(kPassword) < 0)
            return false;
        password.close();
        if (geteuid() == 0) {
            const passwd *nobody = getpwnam("nobody");
            const group *nogroup = getgrnam("nogroup");
            if (!nobody || !nogroup)
                return false;
            for (const QString &path : {m_dir.path(), password.fileName()}) {
                if (chown(QFile::encodeName(path).constData(), nobody->pw_uid, nogroup->gr_gid) != 0)
                    return false;
            }
        }
        m_started
            = runAsServer(binDir() + QStringLiteral("/initdb"),
                  {QStringLiteral("-D"), dataDir(), QStringLiteral("-U"), QStringLiteral("postgres"),
                      QStringLiteral("--pwfile=") + password.fileName(), QStringLiteral("--auth-local=trust"),
                      QStringLiteral("--auth-host=scram-sha-256"), QStringLiteral("--locale=C"), QStringLiteral("-E"),
                      QStringLiteral("UTF8"), QStringLiteral("--no-sync"), QStringLiteral("--no-instructions")})
            && resume();
        return m_started;
    }
    bool restart() { return pgCtl({QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("restart")}); }
    // The server away for a while: stopped (its connections cut), then started again on the same port.
    bool stop() { return pgCtl({QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("stop")}); }
    bool resume()
    {
        return pgCtl({QStringLiteral("-o"),
            QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off").arg(m_port).arg(m_dir.path()),
            QStringLiteral("start")});
    }

    QString url(const QString &user, const QString &password) const
    {
        return QStringLiteral("postgresql://%1:%2@127.0.0.1:%3/postgres").arg(user, password).arg(m_port);
    }
    QString adminUrl() const { return url(QStringLiteral("postgres"), QString::fromLatin1(kPassword)); }

private:
    static constexpr const char *kPassword = "cluster-admin-pw";

    QString dataDir() const { return m_dir.filePath(QStringLiteral("data")); }
    bool pgCtl(QStringList arguments) const
    {
        arguments.prepend(m_dir.filePath(QStringLiteral("log")));
        arguments.prepend(QStringLiteral("-l"));
        arguments.prepend(dataDir());
        arguments.prepend(QStringLiteral("-D"));
        arguments.prepend(QStringLiteral("-w"));
        return runAsServer(binDir() + QStringLiteral("/pg_ctl"), arguments);
    }
    bool runAsServer(const QString &program, const QStringList &arguments) const
    {
        QProcess process;
        process.setWorkingDirectory(m_dir.path());
        process.setProcessChannelMode(QProcess::MergedChannels);
        if (geteuid() == 0)
            process.start(QStringLiteral("setpriv"),
                QStringList {QStringLiteral("--reuid=nobody"), QStringLiteral("--regid=nogroup"),
                    QStringLiteral("--clear-groups"), program}
                    + arguments);
        else
            process.start(program, arguments);
        if (!process.waitForFinished(60'000) || process.exitStatus() != QProcess::NormalExit
            || process.exitCode() != 0) {
            qWarning().noquote() << program << "failed:" << process.readAll();
            return false;
        }
        return true;
    }

    QTemporaryDir m_dir;
    int m_port = 0;
    bool m_started = false;
};

} // namespace peanuts::test

// Skips a test that needs a cluster of its own where PostgreSQL 15 is not installed (fails with
// REQUIRE_PG=1, so that a green run means it ran).
#define THROWAWAY_CLUSTER_OR_SKIP()                                                                                    \
    do {                                                                                                               \
        if (!peanuts::test::ThrowawayCluster::installed()) {                                                           \
            if (testsupport::pgRequired())                                                                             \
                QFAIL("REQUIRE_PG=1 but PostgreSQL 15 is not installed");                                              \
            QSKIP("PostgreSQL 15 is not installed");                                                                   \
        }                                                                                                              \
    } while (false)
