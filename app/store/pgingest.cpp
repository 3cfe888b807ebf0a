// PostgreSQL backend, the writer: a batch in one transaction. Duplicates are decided by the unique
// index deliveries_applied, so that a delivery posted to two instances at once is applied once: the
// second insert waits for the first transaction and, once it committed, finds the conflict.
#include "store/pgstore.h"

#include "http/customresponses.h"
#include "platform/logging.h"

#include <QDateTime>
#include <QSet>

#include <climits>
#include <map>

namespace peanuts {

namespace {

QVariant nullOf(QMetaType::Type type)
{
    return QVariant(QMetaType(type));
}

QVariant textOrNull(const QString &text)
{
    return text.isNull() ? nullOf(QMetaType::QString) : QVariant(text);
}

QVariant bytes(const QByteArray &data)
{
    return QVariant(data.isNull() ? QByteArray("") : data);
}

// What the search index reads: the body as text, invalid UTF-8 replaced, NULs (which a text value
// cannot hold) dropped.
QString searchText(const QByteArray &body)
{
    QString text = QString::fromUtf8(body);
    text.remove(QChar(0));
    return text;
}

const QString kInsertDelivery = QStringLiteral(
    "INSERT INTO deliveries (id, received_ms, remote, forwarded_for, method, path, headers, body, body_text,"
    " body_size, body_sha256, outcome, status, reason, secret_label, event, entry_id, helper_id, helper_name,"
    " helper_command, event_ms, amount_cents, category, redacted, imported, simulated, answer_ms, first_attempt)"
    " VALUES (nextval('deliveries_id_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
    " ?, ?, ?, ?)");

// An entry's verified copy: of its identical bytes only one row is accepted, stale or ignored.
const QString kOnConflictApplied
    = QStringLiteral(" ON CONFLICT (entry_id, body_sha256) WHERE entry_id IS NOT NULL AND outcome IN (0, 2, 3)"
                     " DO NOTHING");

// The projection's rule (store/sqliteprojection.cpp): the incoming event wins only when its key
// (event_ms, event_rank, body_sha256) is greater than the applied one's. fired_fresh: what this
// upsert added to fired, read back by RETURNING.
//
// An accepted delivery and its entry are written by one statement, a round trip fewer for each: the
// entry's upsert reads the delivery's id from the insert before it, and has no row to write when the
// insert found the bytes' applied copy (ON CONFLICT DO NOTHING returned nothing). The answer's row:
// the delivery's id, and fired_fresh, NULL when the entry's applied event beat this one. No row: a
// duplicate.
const QString kInsertAccepted = QStringLiteral("WITH delivery AS (") + kInsertDelivery + kOnConflictApplied
    + QStringLiteral(
        " RETURNING id), entry AS ("
        "INSERT INTO entries AS e (entry_id, event_ms, event_rank, body_sha256, deleted, helper_id, helper_name,"
        " helper_command, created_ms, amount_cents, amount_flagged, category, data, delivery_id, fired, fired_fresh)"
        " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, delivery.id, ?, ? FROM delivery"
        " ON CONFLICT (entry_id) DO UPDATE SET event_ms = excluded.event_ms, event_rank = excluded.event_rank,"
        " body_sha256 = excluded.body_sha256, deleted = excluded.deleted, helper_id = excluded.helper_id,"
        " helper_name = excluded.helper_name, helper_command = excluded.helper_command,"
        " created_ms = excluded.created_ms, amount_cents = excluded.amount_cents,"
        " amount_flagged = excluded.amount_flagged, category = excluded.category, data = excluded.data,"
        " delivery_id = excluded.delivery_id, fired = e.fired || peanuts_missing(e.fired, excluded.fired),"
        " fired_fresh = peanuts_missing(e.fired, excluded.fired)"
        " WHERE (excluded.event_ms, excluded.event_rank, excluded.body_sha256)"
        " > (e.event_ms, e.event_rank, e.body_sha256)"
        " RETURNING fired_fresh)"
        " SELECT delivery.id, entry.fired_fresh FROM delivery LEFT JOIN entry ON true");

QList<QByteArray> records(const QByteArray &fired)
{
    QList<QByteArray> list;
    for (qsizetype from = 0, end; (end = fired.indexOf('\x1e', from)) >= 0; from = end + 1)
        list.append(fired.mid(from, end + 1 - from));
    return list;
}

} // namespace

QVariantList PgStore::entryBinds(const Delivery &d, Firings &firings)
{
    const ParsedEvent &ev = *d.event;
    const bool deleted = ev.kind == EventKind::Deleted;
    QByteArray offered = "";
    for (const PlannedAction &a : d.actions) {
        if (a.fireKey.isEmpty() || !(a.outcomeMask & (1u << int(Outcome::Accepted))))
            continue;
        if (QByteArray record = firedRecord(a.ruleId, a.fireKey); !firings.offered.contains(record)) {
            offered += record;
            firings.offered.append(std::move(record));
        }
    }
    return {ev.entryId, ev.timestampMs, eventRank(ev.kind), bytes(d.bodySha256), deleted, ev.helperId, ev.helperName,
        ev.helperCommand, ev.createdAtMs >= 0 ? ev.createdAtMs : ev.timestampMs,
        ev.amountCents && !deleted ? QVariant(*ev.amountCents) : nullOf(QMetaType::LongLong), ev.amountFlagged(),
        textOrNull(ev.category), d.redacted ? nullOf(QMetaType::QByteArray) : QVariant(ev.data),
        QString::fromUtf8(offered), QString::fromUtf8(offered)};
}

bool PgStore::writeOne(Delivery &d, OutcomeCounters &counts, Firings &firings)
{
    const ParsedEvent *ev = d.event ? &*d.event : nullptr;
    const bool redacted = d.redacted;
    // A verified copy of an entry's bytes: the unique index decides whether it is the first. Imported
    // deliveries keep the outcome their export recorded, except that an entry's bytes have one applied
    // copy here: an imported copy of bytes already applied is stored as their duplicate.
    const bool mayBeCopy = ev
        && (d.outcome == Outcome::Accepted || d.outcome == Outcome::Ignored
            || (d.imported && d.outcome == Outcome::Stale));
    if (!d.keepRow) {
        ++counts[size_t(d.outcome)];
        return true;
    }
    // A verified delivery is answered right after this commit (and a custom response's delay); an
    // imported one keeps the time its export recorded.
    if (d.answerMs < 0 && !d.imported)
        d.answerMs = int(qBound(qint64(0), QDateTime::currentMSecsSinceEpoch() - d.receivedMs,
                         qint64(INT_MAX - kMaxResponseDelayMs)))
            + d.answerDelayMs;
    const auto insert = [&](Outcome outcome, bool onConflictNothing, bool *inserted) {
        const bool searched = !redacted && !isRejected(outcome);
        QVariantList binds {d.receivedMs, d.remoteAddress,
            textOrNull(d.forwardedFor.isEmpty() ? QString() : d.forwardedFor), QString::fromUtf8(d.method),
            QString::fromUtf8(d.path), bytes(redacted ? QByteArray() : d.headers),
            bytes(redacted ? QByteArray() : d.body),
            searched ? QVariant(searchText(d.body)) : nullOf(QMetaType::QString), d.bodySize, bytes(d.bodySha256),
            int(outcome), d.status, textOrNull(d.reason.isEmpty() ? QString() : d.reason),
            textOrNull(d.secretLabel.isEmpty() ? QString() : d.secretLabel)};
        if (ev)
            binds << ev->event << ev->entryId << ev->helperId << ev->helperName << ev->helperCommand << ev->timestampMs
                  << (ev->amountCents ? QVariant(*ev->amountCents) : nullOf(QMetaType::LongLong))
                  << textOrNull(ev->category);
        else
            binds << nullOf(QMetaType::QString) << nullOf(QMetaType::QString) << nullOf(QMetaType::QString)
                  << nullOf(QMetaType::QString) << nullOf(QMetaType::QString) << nullOf(QMetaType::LongLong)
                  << nullOf(QMetaType::LongLong) << nullOf(QMetaType::QString);
        binds << redacted << d.imported << d.simulated
              << (d.answerMs >= 0 ? QVariant(d.answerMs) : nullOf(QMetaType::Int))
              << (d.firstAttempt > 0 ? QVariant(d.firstAttempt) : nullOf(QMetaType::LongLong));
        // An accepted event's delivery is written with its entry (kInsertAccepted).
        const bool withEntry = outcome == Outcome::Accepted && ev;
        if (withEntry)
            binds << entryBinds(d, firings);
        QSqlQuery *q = nullptr;
        if (!runPrepared(withEntry ? kInsertAccepted
                                   : kInsertDelivery + (onConflictNothing ? kOnConflictApplied : QString())
                        + QStringLiteral(" RETURNING id"),
                binds, &q))
            return false;
        *inserted = q->next();
        if (*inserted)
            d.id = q->value(0).toLongLong();
        if (*inserted && withEntry) {
            if (q->value(1).isNull()) {
                // Not applied: the entry's applied event beats this one.
                if (!d.imported)
                    d.outcome = Outcome::Stale;
            } else {
                firings.decided = true;
                firings.fresh = records(q->value(1).toString().toUtf8());
            }
        }
        q->finish();
        return true;
    };

    // A retry (the same bytes again) names the first stored attempt.
    const auto findFirstAttempt = [&] {
        QSqlQuery *q = nullptr;
        if (!runPrepared(QStringLiteral("SELECT id FROM deliveries WHERE entry_id = ? AND body_sha256 = ?"
                                        " AND outcome IN (0, 2, 3)"),
                {ev->entryId, bytes(d.bodySha256)}, &q))
            return false;
        d.firstAttempt = q->next() ? q->value(0).toLongLong() : 0;
        q->finish();
        return true;
    };
    const Outcome asked = d.outcome;
    bool inserted = false;
    if (d.imported && d.outcome == Outcome::Duplicate && ev && !findFirstAttempt())
        return false;
    if (!insert(d.outcome, mayBeCopy, &inserted))
        return false;
    if (!inserted) {
        d.outcome = Outcome::Duplicate;
        if (!findFirstAttempt() || !insert(Outcome::Duplicate, false, &inserted))
            return false;
    }

    if (asked != d.outcome && d.outcome == Outcome::Stale
        && !runPrepared(QStringLiteral("UPDATE deliveries SET outcome = ? WHERE id = ?"), {int(Outcome::Stale), d.id}))
        return false;
    ++counts[size_t(d.outcome)];
    if (redacted) {
        d.body.clear();
        d.headers.clear();
    }
    // Rare (the window's "Edit and resend"): the link to the delivery it was edited from.
    if (d.resentFrom > 0
        && !runPrepared(QStringLiteral("INSERT INTO resends (delivery_id, source_id) VALUES (?, ?)"
                                       " ON CONFLICT (delivery_id) DO UPDATE SET source_id = excluded.source_id"),
            {d.id, d.resentFrom}))
        return false;
    return true;
}

bool PgStore::commit(QList<Delivery> &batch, QString *error)
{
    m_committedActions.clear();
    if (!writable()) {
        m_lastFault = m_readOnly ? WriteFault::ReadOnly : WriteFault::Unreachable;
        if (error)
            *error = m_lastError;
        return false;
    }
    const QList<Delivery> before = batch; // outcomes and ids are restored if the transaction fails
    // Instances writing the same entries at once may deadlock (PostgreSQL then aborts one of them):
    // the aborted batch is written again, from the start, a few times.
    for (int attempt = 1;; ++attempt) {
        QList<OutboxAction> written;
        if (writeBatch(batch, &written)) {
            m_lastFault = WriteFault::None;
            m_committedActions = std::move(written);
            return true;
        }
        noteWriteFault();
        rollback();
        batch = before;
        if (!conflicted() || attempt == kConflictAttempts)
            break;
        qCDebug(lcStore) << "batch aborted by a conflict with another instance; writing it again";
    }
    if (error)
        *error = m_lastError;
    return false;
}

bool PgStore::conflicted() const
{
    return m_lastErrorCode == QLatin1String("40P01") || m_lastErrorCode == QLatin1String("40001");
}

bool PgStore::writeBatch(QList<Delivery> &batch, QList<OutboxAction> *actionsWritten)
{
    OutcomeCounters counts {};
    bool ok = begin();

    // Bodies redacted before (Peanuts retrying a redacted delivery) are stored without their bytes:
    // one query for the batch.
    QStringList hashes;
    for (const Delivery &d : std::as_const(batch)) {
        if (d.keepRow && !d.bodySha256.isEmpty())
            hashes.append(QString::fromLatin1(d.bodySha256.toHex()));
    }
    if (ok && !hashes.isEmpty()) {
        QSet<QByteArray> redacted;
        ok = select(QStringLiteral("SELECT body_sha256 FROM redacted_bodies WHERE body_sha256 = ANY ("
                                   "SELECT decode(h, 'hex') FROM unnest(string_to_array(?, ',')) AS h)"),
            {hashes.join(QLatin1Char(','))}, [&](const QSqlQuery &q) { redacted.insert(q.value(0).toByteArray()); });
        for (Delivery &d : batch) {
            if (d.keepRow && redacted.contains(d.bodySha256))
                d.redacted = true;
        }
    }

    for (qsizetype i = 0; ok && i < batch.size(); ++i) {
        Firings firings;
        ok = writeOne(batch[i], counts, firings);
        if (ok && batch[i].keepRow && !batch[i].actions.isEmpty())
            ok = writeActionsOf(batch[i], firings, actionsWritten);
    }
    // The counters last, in one order: their rows are the team's hottest, locked until the commit.
    std::map<std::pair<qint64, int>, qint64> minutes;
    for (const Delivery &d : std::as_const(batch))
        ++minutes[{d.receivedMs / 60'000, int(d.outcome)}];
    for (auto it = minutes.cbegin(); ok && it != minutes.cend(); ++it)
        ok = runPrepared(
            QStringLiteral("INSERT INTO minute_counters AS m (minute, outcome, count) VALUES (?, ?, ?)"
                           " ON CONFLICT (minute, outcome) DO UPDATE SET count = m.count + excluded.count"),
            {it->first.first, it->first.second, it->second});
    for (size_t o = 0; ok && o < counts.size(); ++o) {
        if (counts[o])
            ok = runPrepared(QStringLiteral("INSERT INTO counters AS c (outcome, count) VALUES (?, ?)"
                                            " ON CONFLICT (outcome) DO UPDATE SET count = c.count + excluded.count"),
                {int(o), counts[o]});
    }
    // Viewers follow the team's commits (pglive.cpp); the notification goes out with the commit.
    if (ok)
        ok = runPrepared(QStringLiteral("SELECT pg_notify('peanuts_deliveries', '')"), {});
    return ok && commitTransaction();
}

int PgStore::catchUp(int maxRows)
{
    // The search index (pg_trgm over body_text) is written with the row: nothing is left for later.
    Q_UNUSED(maxRows)
    return 0;
}

bool PgStore::setMaxSizeBytes(qint64 bytes)
{
    // The server's disk is the server's to manage: no size limit of ours on a shared database.
    return bytes == 0;
}

void PgStore::noteWriteFault()
{
    // SQLSTATE classes (PostgreSQL's errcodes): 53 insufficient resources (53100 disk full), 25006 a
    // read-only transaction, 40 serialization or deadlock, 55P03 lock not available, 08 connection.
    const QString &state = m_lastErrorCode;
    if (state == QLatin1String("53100"))
        m_lastFault = WriteFault::DiskFull;
    else if (state == QLatin1String("25006"))
        m_lastFault = WriteFault::ReadOnly;
    else if (state.startsWith(QLatin1String("40")) || state == QLatin1String("55P03"))
        m_lastFault = WriteFault::Busy;
    else if (state.startsWith(QLatin1String("08")) || !m_db.isOpen())
        m_lastFault = WriteFault::Unreachable;
    else
        m_lastFault = WriteFault::Other;
    qCDebug(lcStore).noquote() << QStringLiteral("write failed: %1 (SQLSTATE %2)").arg(m_lastError, state);
}

bool PgStore::probeWrite(QString *error)
{
    // A small committed write, as a delivery's would be: it fails for as long as one would.
    const bool ok = begin()
        && exec(QStringLiteral("INSERT INTO meta (key, value) VALUES ('write_probe', repeat('x', 16384))"
                               " ON CONFLICT (key) DO UPDATE SET value = excluded.value"))
        && exec(QStringLiteral("DELETE FROM meta WHERE key = 'write_probe'")) && commitTransaction();
    if (ok) {
        m_lastFault = WriteFault::None;
        return true;
    }
    noteWriteFault();
    rollback();
    if (error)
        *error = m_lastError;
    return false;
}

} // namespace peanuts
