// The figures' role: outcome counters, the entries' totals and sums, categories and per-minute
// counts, read from one snapshot when asked to.
#pragma once

#include "data/records.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace peanuts {

class FiguresStore
{
public:
    virtual ~FiguresStore() = default;

    virtual std::optional<OutcomeCounters> counters() = 0;
    virtual std::optional<EntryTotals> entryTotals(const EntryFilter &filter) = 0;
    // Sum of amounts in each [bounds[i], bounds[i+1]) of effective created_at: bounds.size()-1 sums.
    virtual std::optional<QList<qint64>> sumsBetween(const QStringList &commands, const QList<qint64> &bounds) = 0;
    virtual std::optional<QList<CategoryTotal>> categoryTotals(const EntryFilter &filter) = 0;
    virtual std::optional<QList<MinuteCounts>> minuteCounts(qint64 fromMs, qint64 toMs) = 0;

    // The reads between beginRead() and endRead() see one snapshot of the database, whatever a writer
    // commits meanwhile: the figures of one answer are read in one transaction. Calls nest.
    virtual bool beginRead() { return true; }
    virtual void endRead() { }

    virtual QString lastError() const = 0;
};

// beginRead() and endRead() around a scope.
class ReadSnapshot
{
public:
    explicit ReadSnapshot(FiguresStore &store)
        : m_store(store)
        , m_ok(store.beginRead())
    {
    }
    ~ReadSnapshot()
    {
        if (m_ok)
            m_store.endRead();
    }
    ReadSnapshot(const ReadSnapshot &) = delete;
    ReadSnapshot &operator=(const ReadSnapshot &) = delete;
    bool ok() const { return m_ok; }

private:
    FiguresStore &m_store;
    bool m_ok;
};

} // namespace peanuts
