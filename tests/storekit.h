// What the store tests of both backends share (tst_store, tst_backends): deliveries as the front end
// hands them over, verified or refused, and the store's state as comparable lines.
#pragma once

#include "ingest/event.h"
#include "ingest/signature.h"
#include "store/store.h"
#include "testsupport.h"

#include <QDateTime>
#include <QStringList>
#include <QTimeZone>

#include <tuple>

// Each test program includes this once: its helpers are the program's own (inline: a program that
// leaves some unused gets no warning for them).
namespace {

using namespace peanuts;
using namespace testsupport;

constexpr qint64 kNowMs = 4'000'000'000'000; // far beyond every event timestamp used here
constexpr qint64 kReceivedMs = 1'790'000'000'000;

inline QString created()
{
    return QStringLiteral("entry.created");
}
inline QString updated()
{
    return QStringLiteral("entry.updated");
}
inline QString deleted()
{
    return QStringLiteral("entry.deleted");
}

inline EventKind kindOf(const QString &event)
{
    if (event == created())
        return EventKind::Created;
    if (event == updated())
        return EventKind::Updated;
    if (event == deleted())
        return EventKind::Deleted;
    return EventKind::Unknown;
}

inline QString timestamp(int second)
{
    return QStringLiteral("2026-11-20T10:00:%1Z").arg(second, 2, 10, QLatin1Char('0'));
}

inline qint64 timestampMs(int second)
{
    return QDateTime(QDate(2026, 11, 20), QTime(10, 0, second), QTimeZone::utc()).toMSecsSinceEpoch();
}

inline QByteArray body(const QString &id, const QString &event, int second, const QByteArray &amount = "1.00",
    const QString &category = QStringLiteral("Food"))
{
    return makeBody(id, event, timestamp(second), amount, category);
}

// A delivery whose signature was verified, as the HTTP front end hands it to the store.
inline Delivery verified(const QByteArray &bytes, qint64 receivedMs = kReceivedMs)
{
    Delivery d = receivedDelivery(bytes, receivedMs);
    d.secretLabel = QStringLiteral("test");
    ParseResult parsed = parseEvent(bytes, kNowMs, 0);
    if (!parsed.event) { // not expected in these tests: make it show in every outcome check
        d.outcome = Outcome::RejectedShape;
        d.status = 400;
        d.reason = parsed.error;
        return d;
    }
    d.event = std::move(parsed.event);
    if (d.event->kind == EventKind::Unknown) {
        d.outcome = Outcome::Ignored;
        d.reason = QStringLiteral("unknown event");
    }
    return d;
}

// A refused delivery: no parsed event, only counted when keepRow is false.
inline Delivery refused(Outcome outcome, int status, const QByteArray &bytes, bool keepRow = true)
{
    Delivery d = receivedDelivery(bytes, kReceivedMs);
    d.outcome = outcome;
    d.status = status;
    d.reason = QStringLiteral("refused: %1").arg(QString::fromLatin1(outcomeName(outcome)));
    d.keepRow = keepRow;
    return d;
}

inline QStringList outcomes(const QList<Delivery> &batch)
{
    QStringList names;
    for (const Delivery &d : batch)
        names.append(QString::fromLatin1(outcomeName(d.outcome)));
    return names;
}

inline QStringList outcomeNames(std::initializer_list<Outcome> list)
{
    QStringList names;
    for (Outcome o : list)
        names.append(QString::fromLatin1(outcomeName(o)));
    return names;
}

inline QList<qint64> ids(const QList<Delivery> &batch)
{
    QList<qint64> list;
    for (const Delivery &d : batch)
        list.append(d.id);
    return list;
}

// Every field of an entry that must not depend on arrival order, as one comparable line.
inline QString entryLine(const EntryState &e)
{
    return QStringList {e.entryId, QString::number(e.eventMs), QString::number(e.eventRank),
        QString::fromLatin1(e.bodySha256.toHex()), e.deleted ? QStringLiteral("deleted") : QStringLiteral("live"),
        e.amountCents ? QString::number(*e.amountCents) : QStringLiteral("no amount"),
        e.deleted ? QString() : (e.amountFlagged ? QStringLiteral("flagged") : QStringLiteral("unflagged")), e.category,
        e.helperCommand, QString::number(e.createdMs)}
        .join(u'|');
}

inline QStringList entryLines(Store &store)
{
    QStringList lines;
    const auto entries = store.entries();
    if (!entries)
        return {QStringLiteral("entries() failed: ") + store.lastError()};
    for (const EntryState &e : *entries)
        lines.append(entryLine(e));
    return lines;
}

inline QString deliveryLine(const Delivery &d)
{
    QStringList parts {QString::number(d.id), QString::number(d.receivedMs), d.remoteAddress, d.forwardedFor,
        QString::fromLatin1(d.method), QString::fromLatin1(d.path), QString::fromUtf8(d.headers),
        QString::fromUtf8(d.body), QString::number(d.bodySize), QString::fromLatin1(d.bodySha256.toHex()),
        QString::fromLatin1(outcomeName(d.outcome)), QString::number(d.status), d.reason, d.secretLabel,
        d.redacted ? QStringLiteral("redacted") : QStringLiteral("kept")};
    if (d.event) {
        parts << d.event->event << d.event->entryId << d.event->helperId << d.event->helperName
              << d.event->helperCommand << QString::number(d.event->timestampMs)
              << (d.event->amountCents ? QString::number(*d.event->amountCents) : QStringLiteral("no amount"))
              << d.event->category;
    }
    return parts.join(u'|');
}

inline QList<qint64> counterList(Store &store)
{
    const auto counts = store.counters();
    if (!counts)
        return {-1};
    return QList<qint64>(counts->begin(), counts->end());
}

inline QList<qint64> expectedCounters(std::initializer_list<std::pair<Outcome, qint64>> nonZero)
{
    QList<qint64> list(qsizetype(Outcome::OutcomeCount), 0);
    for (const auto &[outcome, count] : nonZero)
        list[qsizetype(outcome)] = count;
    return list;
}

// What a store holds, as far as its interface shows.
struct Snapshot
{
    QStringList entries;
    QList<qint64> counters;
    qint64 deliveryCount = -1;
    QStringList deliveries;
    QList<qint64> minutes; // outcome counts of the minute kReceivedMs lies in

    static Snapshot of(Store &store)
    {
        Snapshot s;
        s.entries = entryLines(store);
        s.counters = counterList(store);
        s.deliveryCount = store.deliveryCount().value_or(-1);
        const auto rows = store.deliveriesAfter(DeliveryFilter(), 0, 1000);
        for (const DeliveryRow &row : rows.value_or(QList<DeliveryRow>()))
            s.deliveries.append(deliveryLine(store.delivery(row.id).value_or(Delivery())));
        const auto minutes = store.minuteCounts(kReceivedMs - 3'600'000, kReceivedMs + 3'600'000);
        for (const MinuteCounts &m : minutes.value_or(QList<MinuteCounts>())) {
            s.minutes.append(m.minuteStartMs);
            s.minutes.append(QList<qint64>(m.counts.begin(), m.counts.end()));
        }
        return s;
    }
};

// The state an entry must end in: the greatest (timestamp, rank, body hash) among its deliveries.
using Key = std::tuple<qint64, int, QByteArray>;

struct Generated
{
    QByteArray body;
    QByteArray sha;
    QString entryId;
    Key key;
    bool deleted = false;
    std::optional<qint64> cents;
    bool flagged = false;
    QString category;
};

inline QString expectedLine(const Generated &g)
{
    return QStringList {g.entryId, QString::number(std::get<0>(g.key)), QString::number(std::get<1>(g.key)),
        QString::fromLatin1(g.sha.toHex()), g.deleted ? QStringLiteral("deleted") : QStringLiteral("live"),
        g.cents && !g.deleted ? QString::number(*g.cents) : QStringLiteral("no amount"),
        g.deleted ? QString() : (g.flagged ? QStringLiteral("flagged") : QStringLiteral("unflagged")), g.category,
        QStringLiteral("/expenses"), QString::number(std::get<0>(g.key))}
        .join(u'|');
}

} // namespace
