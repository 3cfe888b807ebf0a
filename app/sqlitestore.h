// The SQLite backend of Store: WAL, versioned migrations, prepared statements, one transaction a batch.
#pragma once

#include "store.h"

struct sqlite3;
struct sqlite3_stmt;

namespace peanuts {

class SqliteStore final : public Store
{
public:
    SqliteStore();
    ~SqliteStore() override;
    Q_DISABLE_COPY_MOVE(SqliteStore)

    bool open(const StoreConfig &config, QString *error) override;
    void close() override;
    bool commit(QList<Delivery> &batch, QString *error) override;

    std::optional<OutcomeCounters> counters() override;
    std::optional<Delivery> delivery(qint64 id) override;
    std::optional<qint64> deliveryCount() override;
    std::optional<EntryState> entry(const QString &entryId) override;
    std::optional<QList<EntryState>> entries() override;
    std::optional<EntryTotals> entryTotals(const EntryFilter &filter) override;
    std::optional<QList<QPair<QString, qint64>>> countByCategory(const EntryFilter &filter) override;
    std::optional<QList<qint64>> sumsBetween(const QStringList &commands, const QList<qint64> &bounds) override;
    QString lastError() const override { return m_lastError; }

    static int schemaVersion();

private:
    class Statement;
    bool exec(const char *sql);
    bool migrate(QString *error);
    bool prepareAll();
    bool writeOne(Delivery &delivery, OutcomeCounters &counts);
    QString errorText() const;
    std::optional<EntryState> readEntry(sqlite3_stmt *stmt) const;

    sqlite3 *m_db = nullptr;
    QString m_lastError;
    struct Prepared;
    Prepared *m_stmts = nullptr;
    qint64 m_nextId = 1;
};

} // namespace peanuts
