// PostgreSQL backend, imports: deliveries brought back from an export (JSON lines or HAR), written by
// the writer's own path (writeOne, which keeps an imported delivery's recorded outcome), in one
// transaction, with the tallies of the SQLite backend (sqliteimport.cpp). Imports are idempotent in a
// team too: one at a time writes (an advisory lock), so that the same file imported by two instances
// at once is written once, and the unique index decides which copy of an entry's bytes is applied.
#include "store/pgstore.h"

namespace peanuts {

bool PgStore::importDeliveries(QList<Delivery> &batch, ImportTally *tally, QString *error)
{
    auto fail = [&](const QString &why) {
        noteError(why);
        if (error)
            *error = why;
        return false;
    };
    if (m_readOnly || !usable())
        return fail(QStringLiteral("database is not open for writing"));

    // A batch that deadlocks with a receiver writing the same entries is written again, as commit()'s.
    const QList<Delivery> before = batch;
    for (int attempt = 1;; ++attempt) {
        ImportTally counted;
        if (importBatch(batch, &counted)) {
            if (tally) {
                tally->imported += counted.imported;
                tally->alreadyPresent += counted.alreadyPresent;
                tally->redactedHere += counted.redactedHere;
            }
            return true;
        }
        const QString why = m_lastError;
        rollback();
        batch = before;
        if (!conflicted() || attempt == kConflictAttempts)
            return fail(why);
    }
}

bool PgStore::importBatch(QList<Delivery> &batch, ImportTally *counted)
{
    // One import at a time: another one's batch commits before this one looks for what is present.
    bool ok = begin() && advisoryLock(kLockImport, false);
    for (qsizetype i = 0; ok && i < batch.size(); ++i) {
        Delivery &d = batch[i];
        d.imported = true;
        d.keepRow = true;
        d.actions.clear(); // nothing is planned for an import: it fires no action
        const QByteArray hash = d.bodySha256.isNull() ? QByteArray("") : d.bodySha256;
        // The same delivery again (the file imported twice, or into the database it came from): skipped.
        // A verified copy whose entry had its bytes applied already was stored as their duplicate
        // (writeOne: the unique index decides), and is found as that.
        const bool mayBeCopy = d.event
            && (d.outcome == Outcome::Accepted || d.outcome == Outcome::Ignored || d.outcome == Outcome::Stale);
        bool present = false;
        ok = select(QStringLiteral("SELECT 1 FROM deliveries WHERE received_ms = ? AND path = ? AND body_sha256 = ?"
                                   " AND outcome IN (?, ?) LIMIT 1"),
            {d.receivedMs, QString::fromUtf8(d.path), hash, int(d.outcome),
                int(mayBeCopy ? Outcome::Duplicate : d.outcome)},
            [&](const QSqlQuery &) { present = true; });
        if (ok && present) {
            d.id = 0;
            ++counted->alreadyPresent;
            continue;
        }
        // Redacted where it came from: redacted here too, and so is any later copy of the same bytes.
        if (ok && d.redacted && hash.size() == 32)
            ok = runPrepared(QStringLiteral("INSERT INTO redacted_bodies (body_sha256) VALUES (?)"
                                            " ON CONFLICT (body_sha256) DO NOTHING"),
                {hash});
        // writeOne takes d.redacted as decided (commit() decides it from the redacted bodies for the
        // batch): an import decides it here, delivery by delivery, the above included.
        const bool wasRedacted = d.redacted;
        bool redactedHere = false;
        ok = ok
            && select(QStringLiteral("SELECT 1 FROM redacted_bodies WHERE body_sha256 = ?"), {hash},
                [&](const QSqlQuery &) { redactedHere = true; });
        d.redacted = redactedHere;
        OutcomeCounters unused {}; // imports count in no counter
        Firings firings;
        ok = ok && writeOne(d, unused, firings);
        if (ok) {
            ++counted->imported;
            if (d.redacted && !wasRedacted)
                ++counted->redactedHere;
            d.redacted = d.redacted || wasRedacted;
        }
    }
    // Viewers follow the team's commits (pglive.cpp): they show what was imported, as what was received.
    if (ok && counted->imported > 0)
        ok = runPrepared(QStringLiteral("SELECT pg_notify('peanuts_deliveries', '')"), {});
    return ok && commitTransaction();
}

} // namespace peanuts
