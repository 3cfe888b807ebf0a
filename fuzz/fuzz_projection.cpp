// Fuzz target: the projection of entries in the real SqliteStore. An input decodes into a sequence of
// signed deliveries for a few entries (created/updated/deleted or an unknown event; timestamps that
// often tie; amounts, categories and notes that make bodies differ; verbatim repeats), parsed by the real
// parseEvent and committed in three orders, each into a fresh database: as given in batches, reversed
// one by one, and shuffled in one batch.
//
// Invariants:
// - every commit succeeds, and each delivery's outcome is the one the contract implies for its order:
//   Duplicate for a repeat of bytes already kept, Ignored for an unknown event, Accepted when its
//   (timestamp, rank, body hash) beats the entry's applied one, Stale otherwise;
// - the three orders end in the same entries(): each entry holds the greatest (timestamp, rank, body
//   hash) of its known events, with that body's fields, and names a delivery with that body;
// - the outcome counters add up to the deliveries committed.
#include "fuzzcheck.h"
#include "ingest/signature.h"
#include "store/sqlitestore.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QSet>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <tuple>
#include <vector>

using namespace peanuts;

namespace {

constexpr qint64 kBaseMs = 1795687200000; // 2026-11-26T10:00:00Z
constexpr qint64 kReceivedMs = kBaseMs + 3'600'000;
constexpr int kMaxDeliveries = 48;

QTemporaryDir *workDir = nullptr;

struct Planned
{
    QByteArray body;
    QByteArray sha;
    ParsedEvent event;
};

using Key = std::tuple<qint64, int, QByteArray>; // what the store orders applied events by

Key keyOf(const Planned &p)
{
    return {p.event.timestampMs, eventRank(p.event.kind), p.sha};
}

QByteArray bodyFor(const uint8_t *b, QByteArray *entryIdOut)
{
    static const char *const kinds[] = {"entry.created", "entry.updated", "entry.deleted", "entry.archived"};
    static const char *const amounts[] = {"", "\"amount\":12,", "\"amount\":12.5,", "\"amount\":\"7.25\",",
        "\"amount\":-3,", "\"amount\":\"abc\",", "\"amount\":null,", "\"amount\":1e300,"};
    static const char *const categories[]
        = {"", "\"category\":\"food\",", "\"category\":\"transport\",", "\"category\":\"\","};
    static const char *const createdAts[] = {"", "\"created_at\":\"2026-11-26T09:00:00Z\",",
        "\"created_at\":\"2026-11-25T23:30:00.250+02:00\",", "\"created_at\":\"yesterday\","};

    const QByteArray entryId = "exp_" + QByteArray::number(b[0] % 3);
    *entryIdOut = entryId;
    const int kind = (b[0] >> 2) % 4;
    const int second = b[1] % 6;
    const bool fraction = b[1] & 0x40;
    QByteArray timestamp = "2026-11-26T10:00:0" + QByteArray::number(second) + (fraction ? ".5" : "") + "Z";
    QByteArray out;
    out += "{\"event\":\"";
    out += kinds[kind];
    out += "\",\"timestamp\":\"" + timestamp + "\",";
    out += "\"helper\":{\"id\":\"hlp_1\",\"name\":\"Expenses\",\"command\":\"";
    out += (b[2] & 0x80) ? "/costs" : "/expenses";
    out += "\"},\"entry\":{\"id\":\"" + entryId + "\",";
    out += createdAts[(b[2] >> 3) % 4];
    out += "\"data\":{";
    out += amounts[b[2] % 8];
    out += categories[b[3] % 4];
    out += "\"note\":\"n" + QByteArray::number(b[3] >> 2) + "\"}},\"user\":{\"id\":\"usr_1\"}}";
    return out;
}

std::vector<Planned> plan(const uint8_t *data, size_t size)
{
    std::vector<Planned> planned;
    for (size_t at = 0; at + 4 <= size && planned.size() < kMaxDeliveries; at += 4) {
        const uint8_t *b = data + at;
        if ((b[0] & 0x80) && !planned.empty()) {
            planned.push_back(planned[b[1] % planned.size()]); // the same bytes again
            continue;
        }
        QByteArray entryId;
        Planned p;
        p.body = bodyFor(b, &entryId);
        ParseResult parsed = parseEvent(p.body, kReceivedMs, 300'000);
        FUZZ_CHECK(parsed.event.has_value()); // every body built here follows the contract
        p.event = *parsed.event;
        FUZZ_CHECK(p.event.entryId == QString::fromLatin1(entryId));
        p.sha = sha256(p.body);
        planned.push_back(p);
    }
    return planned;
}

Delivery deliveryOf(const Planned &p)
{
    Delivery d;
    d.receivedMs = kReceivedMs;
    d.remoteAddress = QStringLiteral("127.0.0.1");
    d.method = "POST";
    d.path = "/webhooks/peanuts";
    d.headers = "content-type: application/json\n";
    d.body = p.body;
    d.bodySize = p.body.size();
    d.bodySha256 = p.sha;
    d.secretLabel = QStringLiteral("current");
    d.event = p.event;
    if (p.event.kind == EventKind::Unknown) {
        d.outcome = Outcome::Ignored;
        d.reason = QStringLiteral("unknown event");
    }
    return d;
}

// The outcome each delivery must get when committed in this order, from the contract alone.
std::vector<Outcome> expectedOutcomes(const std::vector<Planned> &planned, const std::vector<size_t> &order)
{
    std::vector<Outcome> outcomes(planned.size());
    std::map<QString, Key> applied;
    QSet<QByteArray> kept; // bodies stored as Accepted, Stale or Ignored (the entry id is in the body)
    for (size_t i : order) {
        const Planned &p = planned[i];
        if (kept.contains(p.sha)) {
            outcomes[i] = Outcome::Duplicate;
            continue;
        }
        kept.insert(p.sha);
        if (p.event.kind == EventKind::Unknown) {
            outcomes[i] = Outcome::Ignored;
            continue;
        }
        const Key key = keyOf(p);
        auto it = applied.find(p.event.entryId);
        if (it == applied.end() || key > it->second) {
            applied[p.event.entryId] = key;
            outcomes[i] = Outcome::Accepted;
        } else {
            outcomes[i] = Outcome::Stale;
        }
    }
    return outcomes;
}

// Commits the deliveries in this order, in batches of batchSize, into a fresh database.
QList<EntryState> run(
    const std::vector<Planned> &planned, const std::vector<size_t> &order, size_t batchSize, const QString &name)
{
    const QString path = workDir->filePath(name);
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(path + QLatin1String(suffix));
    SqliteStore store;
    StoreConfig config;
    config.path = path;
    QString error;
    FUZZ_CHECK(store.open(config, &error));

    const std::vector<Outcome> expected = expectedOutcomes(planned, order);
    for (size_t from = 0; from < order.size(); from += batchSize) {
        QList<Delivery> batch;
        for (size_t k = from; k < std::min(order.size(), from + batchSize); ++k)
            batch.append(deliveryOf(planned[order[k]]));
        FUZZ_CHECK(store.commit(batch, &error));
        for (qsizetype k = 0; k < batch.size(); ++k) {
            FUZZ_CHECK(batch[k].id > 0);
            FUZZ_CHECK(batch[k].outcome == expected[order[from + size_t(k)]]);
        }
    }

    const std::optional<OutcomeCounters> counters = store.counters();
    FUZZ_CHECK(counters.has_value());
    qint64 total = 0;
    for (qint64 c : *counters)
        total += c;
    FUZZ_CHECK(total == qint64(order.size()));
    FUZZ_CHECK(store.deliveryCount() == qint64(order.size()));

    std::optional<QList<EntryState>> entries = store.entries();
    FUZZ_CHECK(entries.has_value());
    for (EntryState &e : *entries) {
        const std::optional<Delivery> applied = store.delivery(e.deliveryId);
        FUZZ_CHECK(applied && applied->bodySha256 == e.bodySha256);
        e.deliveryId = 0; // which copy of the winning body is named depends on the order
    }
    store.close();
    return *entries;
}

bool sameEntries(const QList<EntryState> &a, const QList<EntryState> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const EntryState &x = a[i];
        const EntryState &y = b[i];
        if (x.entryId != y.entryId || x.eventMs != y.eventMs || x.eventRank != y.eventRank
            || x.bodySha256 != y.bodySha256 || x.deleted != y.deleted || x.helperCommand != y.helperCommand
            || x.createdMs != y.createdMs || x.amountCents != y.amountCents || x.amountFlagged != y.amountFlagged
            || x.category != y.category || x.deliveryId != y.deliveryId)
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    QLoggingCategory::setFilterRules(QStringLiteral("peanuts.*.info=false"));
    // tmpfs when there is one: each input opens three fresh databases.
    const QString base = QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm") : QDir::tempPath();
    workDir = new QTemporaryDir(base + QStringLiteral("/peanuts-fuzz-XXXXXX"));
    FUZZ_CHECK(workDir->isValid());
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const std::vector<Planned> planned = plan(data + 1, size - 1);
    if (planned.empty())
        return 0;

    std::vector<size_t> forward(planned.size());
    for (size_t i = 0; i < forward.size(); ++i)
        forward[i] = i;
    std::vector<size_t> reversed(forward.rbegin(), forward.rend());
    std::vector<size_t> shuffled = forward;
    quint32 state = data[0] * 2654435761u + quint32(size);
    for (size_t i = shuffled.size(); i > 1; --i) {
        state = state * 1664525u + 1013904223u;
        std::swap(shuffled[i - 1], shuffled[(state >> 8) % i]);
    }

    const QList<EntryState> a = run(planned, forward, 1 + data[0] % 8, QStringLiteral("forward.db"));
    const QList<EntryState> b = run(planned, reversed, 1, QStringLiteral("reversed.db"));
    const QList<EntryState> c = run(planned, shuffled, planned.size(), QStringLiteral("shuffled.db"));
    FUZZ_CHECK(sameEntries(a, b));
    FUZZ_CHECK(sameEntries(a, c));

    // And what they hold is the greatest known event of each entry, with that body's fields.
    std::map<QString, const Planned *> winners;
    for (const Planned &p : planned) {
        if (p.event.kind == EventKind::Unknown)
            continue;
        auto it = winners.find(p.event.entryId);
        if (it == winners.end() || keyOf(p) > keyOf(*it->second))
            winners[p.event.entryId] = &p;
    }
    FUZZ_CHECK(size_t(a.size()) == winners.size());
    for (const EntryState &e : a) {
        auto it = winners.find(e.entryId);
        FUZZ_CHECK(it != winners.end());
        const ParsedEvent &w = it->second->event;
        const bool deleted = w.kind == EventKind::Deleted;
        FUZZ_CHECK(e.bodySha256 == it->second->sha);
        FUZZ_CHECK(e.eventMs == w.timestampMs && e.eventRank == eventRank(w.kind) && e.deleted == deleted);
        FUZZ_CHECK(e.helperCommand == w.helperCommand && e.category == w.category);
        FUZZ_CHECK(e.createdMs == (w.createdAtMs >= 0 ? w.createdAtMs : w.timestampMs));
        FUZZ_CHECK(e.amountCents == (deleted ? std::nullopt : w.amountCents));
        FUZZ_CHECK(e.amountFlagged == w.amountFlagged());
    }
    return 0;
}
