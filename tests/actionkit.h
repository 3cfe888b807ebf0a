// What the outbox tests of both backends share (tst_backendactions, tst_backendclaims): planned
// actions, attempts' results, and numbers read from either backend's database.
#pragma once

#include "backends.h"
#include "storekit.h"

#include <QSet>
#include <QSqlQuery>

#include <functional>
#include <thread>

// Each test program includes this once: its helpers are the program's own.
namespace {

using namespace peanuts::test;

constexpr quint32 kAccepted = 1u << int(Outcome::Accepted);

inline Delivery with(Delivery d, QList<PlannedAction> actions)
{
    d.actions = std::move(actions);
    return d;
}

inline Delivery planned(const QString &id, const QString &event, int second, QList<PlannedAction> actions,
    const QByteArray &amount = "600.50", const QString &command = QStringLiteral("/expenses"))
{
    return with(
        verified(makeBody(id, event, timestamp(second), amount, QStringLiteral("Food"), command)), std::move(actions));
}

inline PlannedAction forward(
    const QString &target = QStringLiteral("http://127.0.0.1:9/hook"), quint32 mask = kAccepted)
{
    PlannedAction a;
    a.kind = ActionKind::Forward;
    a.target = target;
    a.outcomeMask = mask;
    return a;
}

inline PlannedAction post(
    const QString &rule, const QString &fireKey, const QString &target = QStringLiteral("http://a/"))
{
    PlannedAction a;
    a.kind = ActionKind::Post;
    a.target = target;
    a.ruleId = rule;
    a.fireKey = fireKey;
    a.title = QStringLiteral("Big expense");
    a.payload = R"({"text":"expense of 600.50"})";
    return a;
}

inline PlannedAction notify(const QString &rule, const QString &fireKey)
{
    PlannedAction a;
    a.kind = ActionKind::Notify;
    a.ruleId = rule;
    a.fireKey = fireKey;
    a.title = QStringLiteral("Big expense");
    a.payload = "600.50 spent";
    return a;
}

inline ActionResult result(qint64 id, ActionState state, int attempts, qint64 atMs, const QString &error = QString())
{
    ActionResult r;
    r.id = id;
    r.state = state;
    r.attempts = attempts;
    r.error = error;
    r.answer.status = state == ActionState::Done ? 200 : 503;
    r.answer.headers = "content-type: text/plain\n";
    r.answer.body = "answer text";
    r.answer.bodySize = r.answer.body.size();
    r.answer.atMs = atMs;
    r.answer.durationMs = 7;
    return r;
}

inline bool commit(Store &store, QList<Delivery> &batch)
{
    QString error;
    const bool ok = store.commit(batch, &error);
    if (!ok)
        qWarning().noquote() << "commit failed:" << error;
    return ok;
}

inline QList<OutboxAction> all(Store &store)
{
    return store.dueActions(kNowMs, 1'000'000, {}).value();
}

inline QSet<qint64> idsOf(const QList<OutboxAction> &actions)
{
    QSet<qint64> set;
    for (const OutboxAction &a : actions)
        set.insert(a.id);
    return set;
}

// One number from the database, in each backend's dialect (-1 on failure).
inline qint64 number(const FreshBackend &fresh, Store &store, const char *sqlite, const char *postgres)
{
    if (!fresh.isPostgres())
        return rawNumber(fresh.location(), sqlite);
    QSqlQuery q(static_cast<PgStore &>(store).database());
    return q.exec(QString::fromUtf8(postgres)) && q.next() ? q.value(0).toLongLong() : -1;
}

// What fired, counted over the entries' records (each ends in char(30)).
inline qint64 firedCount(const FreshBackend &fresh, Store &store)
{
    return number(fresh, store,
        "SELECT coalesce(sum(length(fired) - length(replace(fired, char(30), ''))), 0) FROM entries",
        "SELECT coalesce(sum(length(fired) - length(replace(fired, chr(30), ''))), 0) FROM entries");
}

// The per-target limit: SQLite's setter; PostgreSQL reads the team's from meta (before the first action).
inline bool setLimit(const FreshBackend &fresh, Store &store, qint64 limit)
{
    if (!fresh.isPostgres()) {
        static_cast<SqliteStore &>(store).setMaxPendingPerTarget(limit);
        return true;
    }
    QSqlQuery q(static_cast<PgStore &>(store).database());
    return q.exec(QStringLiteral("INSERT INTO meta (key, value) VALUES ('max_pending_per_target', '%1')"
                                 " ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                      .arg(limit));
}

// Runs body on two instances at once, each with its own store (and connection) on a thread of its
// own, started together once both are open. Returns what failed, empty when nothing did.
inline QStringList atOnce(const QString &location, const std::function<QString(PgStore &, int)> &body)
{
    QString failures[2];
    QAtomicInt open(0);
    const auto instance = [&](int n) {
        PgStore mine;
        QString error;
        const bool opened = mine.open(StoreConfig {location}, &error);
        open.fetchAndAddOrdered(1);
        while (open.loadAcquire() < 2) { }
        failures[n] = opened ? body(mine, n) : error;
    };
    std::thread one(instance, 0), two(instance, 1);
    one.join();
    two.join();
    QStringList list;
    for (const QString &failure : failures) {
        if (!failure.isEmpty())
            list.append(failure);
    }
    return list;
}

// An action's fields as the writer hands it over and a claim reads it, as one comparable line.
inline QString handedOver(const OutboxAction &a)
{
    return QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10")
               .arg(a.id)
               .arg(a.deliveryId)
               .arg(int(a.kind))
               .arg(a.target, a.ruleId, a.title, QString::fromUtf8(a.payload.toHex()),
                   QString::fromUtf8(a.idempotencyKey))
               .arg(a.createdMs)
               .arg(a.nextAttemptMs)
        + QString::fromUtf8(" " + a.body.toHex() + ' ' + a.headers.toHex());
}

} // namespace
