// PostgreSQL backend, imports: deliveries brought back from an export (JSON lines or HAR), written by
// the writer's own path (writeOne, which keeps an imported delivery's recorded outcome), in one
// transaction, with the tallies of the SQLite backend (sqliteimport.cpp).
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

    const QList<Delivery> before = batch;
    ImportTally counted;
    bool ok = begin();
    for (qsizetype i = 0; ok && i < batch.size(); ++i) {
        Delivery &d = batch[i];
        d.imported = true;
        d.keepRow = true;
        d.actions.clear(); // nothing is planned for an import: it fires no action
        const QByteArray hash = d.bodySha256.isNull() ? QByteArray("") : d.bodySha256;
        // The same delivery again (the file imported twice, or into the database it came from): skipped.
        bool present = false;
        ok = select(QStringLiteral("SELECT 1 FROM deliveries WHERE received_ms = ? AND path = ? AND body_sha256 = ?"
                                   " AND outcome = ? LIMIT 1"),
            {d.receivedMs, QString::fromUtf8(d.path), hash, int(d.outcome)},
            [&](const QSqlQuery &) { present = true; });
        if (ok && present) {
            d.id = 0;
            ++counted.alreadyPresent;
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
            ++counted.imported;
            if (d.redacted && !wasRedacted)
                ++counted.redactedHere;
            d.redacted = d.redacted || wasRedacted;
        }
    }
    if (ok && commitTransaction()) {
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
    return fail(why);
}

} // namespace peanuts
