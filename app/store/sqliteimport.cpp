// SQLite backend, imports: deliveries brought back from an export (JSON lines or HAR), written by the
// writer's own path (writeOne) with their recorded outcome, and the pages of current entries the CSV
// export reads.
#include "store/sqlitestore.h"

#include "store/sqliteinternal.h"

namespace peanuts {

bool SqliteStore::importDeliveries(QList<Delivery> &batch, ImportTally *tally, QString *error)
{
    auto fail = [&](const QString &why) {
        m_lastError = why;
        if (error)
            *error = why;
        return false;
    };
    if (!m_db || !m_stmts || m_readOnly)
        return fail(QStringLiteral("database is not open for writing"));
    // The same delivery again (the file imported twice, or into the database it came from): skipped.
    SqlStatement present, addRedacted;
    if (!present.prepare(m_db,
            // By received time (+outcome: the index on outcome, equal for most rows, made each probe a scan).
            "SELECT 1 FROM deliveries WHERE received_ms = ?1 AND path = ?2 AND body_sha256 = ?3 AND +outcome = ?4"
            " LIMIT 1")
        || !addRedacted.prepare(m_db, "INSERT OR IGNORE INTO redacted_bodies (body_sha256) VALUES (?1)"))
        return fail(errorText());

    const QList<Delivery> before = batch;
    const qint64 nextIdBefore = m_nextId;
    const bool hadRedacted = m_hasRedactedBodies;
    ImportTally counted;
    Prepared &p = *m_stmts;
    bool ok = p.begin.step() == SQLITE_DONE;
    p.begin.reset();
    for (qsizetype i = 0; ok && i < batch.size(); ++i) {
        Delivery &d = batch[i];
        d.imported = true;
        d.keepRow = true;
        d.actions.clear(); // nothing is planned for an import: it fires no action
        const QByteArray hash = d.bodySha256.isNull() ? QByteArray("") : d.bodySha256;
        present.bind(1, d.receivedMs);
        present.bindText(2, d.path);
        present.bind(3, hash);
        present.bind(4, qint64(d.outcome));
        const int rc = present.step();
        present.reset();
        if (rc == SQLITE_ROW) {
            d.id = 0;
            ++counted.alreadyPresent;
            continue;
        }
        ok = rc == SQLITE_DONE;
        // Redacted where it came from: redacted here too, and so is any later copy of the same bytes.
        if (ok && d.redacted && hash.size() == 32) {
            addRedacted.bind(1, hash);
            ok = stepDone(addRedacted);
            m_hasRedactedBodies = true;
        }
        const bool wasRedacted = d.redacted;
        d.redacted = false; // writeOne decides from the redacted bodies, and clears what goes
        OutcomeCounters unused {}; // imports count in no counter
        Firings firings;
        ok = ok && writeOne(d, unused, firings);
        if (ok) {
            ++counted.imported;
            if (d.redacted && !wasRedacted)
                ++counted.redactedHere;
            d.redacted = d.redacted || wasRedacted;
        }
    }
    if (ok) {
        ok = p.commit.step() == SQLITE_DONE;
        p.commit.reset();
    }
    if (ok) {
        if (tally) {
            tally->imported += counted.imported;
            tally->alreadyPresent += counted.alreadyPresent;
            tally->redactedHere += counted.redactedHere;
        }
        return true;
    }
    const QString why = errorText();
    if (!sqlite3_get_autocommit(m_db)) {
        p.rollback.step();
        p.rollback.reset();
    }
    batch = before;
    m_nextId = nextIdBefore;
    m_hasRedactedBodies = hadRedacted;
    return fail(why);
}

std::optional<QList<EntryRecord>> SqliteStore::entryRecords(
    const QString &afterEntryId, qint64 fromMs, qint64 toMs, int limit)
{
    QList<EntryRecord> list;
    if (!m_db
        || !runQuery(m_db,
            "SELECT entry_id, helper_name, helper_command, created_ms, amount_cents, category, data FROM entries"
            " WHERE deleted = 0 AND entry_id > ?1 AND created_ms >= ?2 AND created_ms < ?3 ORDER BY entry_id LIMIT ?4",
            {text(afterEntryId.isNull() ? QStringLiteral("") : afterEntryId), number(fromMs), number(toMs),
                number(limit)},
            [&](sqlite3_stmt *s) {
                EntryRecord e;
                e.entryId = fromText(s, 0);
                e.helperName = fromText(s, 1);
                e.helperCommand = fromText(s, 2);
                e.createdMs = sqlite3_column_int64(s, 3);
                if (sqlite3_column_type(s, 4) != SQLITE_NULL)
                    e.amountCents = sqlite3_column_int64(s, 4);
                e.category = fromText(s, 5);
                e.data = fromBlob(s, 6);
                list.append(std::move(e));
            })) {
        m_lastError = errorText();
        return std::nullopt;
    }
    return list;
}

} // namespace peanuts
