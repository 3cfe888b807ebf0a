// Shared by the SQLite backend's files (sqlite*.cpp) and nothing else: reading columns, bound
// values, one-off queries, the prepared statement, and the writer's prepared statements.
#pragma once

#include "store/sqlitestore.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <sqlite3.h>

namespace peanuts {

inline QString fromText(sqlite3_stmt *stmt, int column)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(stmt, column));
    return text ? QString::fromUtf8(text, sqlite3_column_bytes(stmt, column)) : QString();
}

inline QByteArray fromBlob(sqlite3_stmt *stmt, int column)
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(stmt, column));
    return data ? QByteArray(data, sqlite3_column_bytes(stmt, column)) : QByteArray();
}

// A value bound to a numbered parameter; text is kept alive by the list holding it.
struct SqlBind
{
    bool isText = false;
    qint64 number = 0;
    QByteArray text;
};

using Bind = SqlBind;

inline Bind number(qint64 v)
{
    return Bind {false, v, {}};
}

inline Bind text(const QString &v)
{
    return Bind {true, 0, v.toUtf8()};
}

// Prepares sql, binds values in order, and hands each row to onRow. False on any SQLite error.
template<typename OnRow> bool runQuery(sqlite3 *db, const QByteArray &sql, const QList<Bind> &binds, OnRow onRow)
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.constData(), int(sql.size()), &stmt, nullptr) != SQLITE_OK)
        return false;
    for (qsizetype i = 0; i < binds.size(); ++i) {
        if (binds[i].isText)
            sqlite3_bind_text64(
                stmt, int(i + 1), binds[i].text.constData(), binds[i].text.size(), SQLITE_STATIC, SQLITE_UTF8);
        else
            sqlite3_bind_int64(stmt, int(i + 1), binds[i].number);
    }
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        onRow(stmt);
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE;
}

// A prepared statement with typed binders; bound data is copied only where SQLite needs it.
class SqlStatement
{
public:
    SqlStatement() = default;
    ~SqlStatement() { sqlite3_finalize(m_stmt); }
    Q_DISABLE_COPY_MOVE(SqlStatement)

    bool prepare(sqlite3 *db, const char *sql)
    {
        return sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) == SQLITE_OK;
    }
    sqlite3_stmt *get() const { return m_stmt; }
    void reset()
    {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    void bind(int i, qint64 v) { sqlite3_bind_int64(m_stmt, i, v); }
    void bindNull(int i) { sqlite3_bind_null(m_stmt, i); }
    // The caller keeps the bytes alive until the statement is reset.
    void bind(int i, const QByteArray &v) { sqlite3_bind_blob64(m_stmt, i, v.constData(), v.size(), SQLITE_STATIC); }
    void bindText(int i, const QByteArray &utf8)
    {
        sqlite3_bind_text64(m_stmt, i, utf8.constData(), utf8.size(), SQLITE_STATIC, SQLITE_UTF8);
    }
    void bindTextOrNull(int i, const QByteArray &utf8)
    {
        if (utf8.isNull())
            bindNull(i);
        else
            bindText(i, utf8);
    }
    int step() { return sqlite3_step(m_stmt); }

private:
    sqlite3_stmt *m_stmt = nullptr;
};

// The writer's statements, prepared once a connection (SqliteStore::prepareAll).
struct SqliteStore::Prepared
{
    SqlStatement begin, commit, rollback, insertDelivery, findCopy, upsertEntry, bumpCounter, bumpMinute, saveNextId,
        isRedacted;
};

// The outbox's statements (sqliteactions.cpp, sqliteoutbox.cpp), prepared on the first delivery that plans
// an action, so that a database without rules prepares nothing more and a batch without actions runs no
// statement of the outbox.
struct SqliteStore::ActionStatements
{
    SqlStatement insert, drop, fire, refold, record, minute;
};

// Steps a statement that returns no row, and resets it.
inline bool stepDone(SqlStatement &s)
{
    const bool ok = s.step() == SQLITE_DONE;
    s.reset();
    return ok;
}

} // namespace peanuts
