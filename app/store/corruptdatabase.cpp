// Unusable database files at start: a read-only look with SQLite, and renames that never replace.
#include "store/corruptdatabase.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

namespace peanuts {

namespace {

bool unusableCode(int rc)
{
    return (rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT;
}

// rename(2) that fails with EEXIST instead of replacing an existing target.
bool renameNoReplace(const QString &from, const QString &to, QString *error)
{
    const QByteArray src = QFile::encodeName(from);
    const QByteArray dst = QFile::encodeName(to);
    if (::renameat2(AT_FDCWD, src.constData(), AT_FDCWD, dst.constData(), RENAME_NOREPLACE) == 0)
        return true;
    if (errno == EINVAL || errno == ENOSYS) {
        // A file system without RENAME_NOREPLACE: a hard link cannot replace either.
        if (::link(src.constData(), dst.constData()) == 0) {
            if (::unlink(src.constData()) == 0)
                return true;
            const int saved = errno;
            ::unlink(dst.constData()); // the original is still there
            errno = saved;
        }
    }
    *error = QStringLiteral("cannot rename %1 to %2: %3").arg(from, to, QString::fromLocal8Bit(std::strerror(errno)));
    return false;
}

} // namespace

bool looksLikeSqlite(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() == 0)
        return true; // absent or empty: SQLite makes a new database of it
    return file.read(16) == QByteArray("SQLite format 3\0", 16);
}

bool isUnusableDatabase(const QString &path, QString *reason)
{
    if (!QFileInfo(path).isFile())
        return false;
    if (!looksLikeSqlite(path)) {
        if (reason)
            *reason = QStringLiteral("file is not a database");
        return true;
    }
    sqlite3 *db = nullptr;
    const QByteArray name = QFile::encodeName(path);
    int rc = sqlite3_open_v2(name.constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    bool unusable = false;
    auto check = [&](const char *sql) {
        sqlite3_stmt *stmt = nullptr;
        rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
        if (rc == SQLITE_OK) {
            rc = sqlite3_step(stmt);
            // quick_check reports damage as rows of text rather than as an error
            if (rc == SQLITE_ROW && std::strncmp(sql, "PRAGMA quick_check", 18) == 0) {
                const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0));
                if (text && std::strcmp(text, "ok") != 0) {
                    unusable = true;
                    if (reason)
                        *reason = QString::fromUtf8(text);
                }
            }
        }
        if (!unusable && unusableCode(sqlite3_extended_errcode(db))) {
            unusable = true;
            if (reason)
                *reason = QString::fromUtf8(sqlite3_errmsg(db));
        }
        sqlite3_finalize(stmt);
        return !unusable;
    };
    if (rc == SQLITE_OK && check("SELECT count(*) FROM sqlite_schema"))
        check("PRAGMA quick_check(1)");
    else if (rc != SQLITE_OK && unusableCode(rc)) {
        unusable = true;
        if (reason)
            *reason = QString::fromUtf8(sqlite3_errstr(rc));
    }
    sqlite3_close(db);
    return unusable;
}

MovedAside moveDatabaseAside(const QString &path, const QDateTime &when)
{
    MovedAside result;
    const QString stamp = when.toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QStringList from;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        if (QFileInfo::exists(path + suffix))
            from.append(path + suffix);
    }
    if (from.isEmpty() || from.constFirst() != path) {
        result.error = QStringLiteral("%1 does not exist").arg(path);
        return result;
    }
    // One free name for all of them, so that the database and its WAL stay together.
    QString base;
    for (int n = 1; n < 1000 && base.isEmpty(); ++n) {
        const QString candidate
            = path + QStringLiteral(".corrupt-") + stamp + (n > 1 ? QStringLiteral("-%1").arg(n) : QString());
        bool free = true;
        for (const QString &f : std::as_const(from))
            free = free && !QFileInfo::exists(candidate + f.mid(path.size()));
        if (free)
            base = candidate;
    }
    if (base.isEmpty()) {
        result.error = QStringLiteral("no free name to move %1 to").arg(path);
        return result;
    }
    // The WAL and shared memory go first: a new database must never meet the old WAL.
    QStringList order = from.mid(1);
    order.append(path);
    QStringList done;
    for (const QString &f : std::as_const(order)) {
        const QString target = base + f.mid(path.size());
        if (!renameNoReplace(f, target, &result.error)) {
            // Put back what moved, so that the files stay together under their old names.
            for (const QString &back : std::as_const(done)) {
                QString ignored;
                renameNoReplace(base + back.mid(path.size()), back, &ignored);
            }
            return result;
        }
        done.append(f);
    }
    result.ok = true;
    result.from = from;
    for (const QString &f : std::as_const(from))
        result.to.append(base + f.mid(path.size()));
    return result;
}

} // namespace peanuts
