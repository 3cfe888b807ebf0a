// JSON lines export of the payload log, paged by key so that a million rows stay cheap; the shared
// iteration every export format reads deliveries with.
#include "store/exporter.h"

#include "ingest/money.h"
#include "store/csvwriter.h"
#include "store/harwriter.h"

#include <QDateTime>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>
#include <algorithm>

namespace peanuts {

namespace {

QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODateWithMs);
}

} // namespace

std::optional<ExportFormat> exportFormatFromName(const QString &name)
{
    if (name == QLatin1String("jsonl"))
        return ExportFormat::JsonLines;
    if (name == QLatin1String("har"))
        return ExportFormat::Har;
    if (name == QLatin1String("csv"))
        return ExportFormat::Csv;
    return std::nullopt;
}

QJsonObject deliveryRecord(const Delivery &d, LogStore *store)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), d.id);
    o.insert(QStringLiteral("received_at"), isoUtc(d.receivedMs));
    o.insert(QStringLiteral("remote_address"), d.remoteAddress);
    if (!d.forwardedFor.isEmpty())
        o.insert(QStringLiteral("forwarded_for"), d.forwardedFor);
    o.insert(QStringLiteral("method"), QString::fromLatin1(d.method));
    o.insert(QStringLiteral("path"), QString::fromUtf8(d.path));
    QJsonArray headers;
    QByteArray rebuilt;
    for (const QByteArray &line : d.headers.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0) {
            const QByteArray name = line.left(colon), value = line.mid(colon + 1).trimmed();
            headers.append(QJsonArray {QString::fromLatin1(name), QString::fromLatin1(value)});
            rebuilt += name + ": " + value + '\n';
        }
    }
    o.insert(QStringLiteral("headers"), headers);
    // The pairs lose spacing and lines without a colon: then the block as stored goes along, so that
    // an import brings back the same bytes.
    if (rebuilt != d.headers)
        o.insert(QStringLiteral("headers_raw"), QString::fromLatin1(d.headers));
    o.insert(QStringLiteral("outcome"), QString::fromLatin1(outcomeName(d.outcome)));
    o.insert(QStringLiteral("status"), d.status); // what was answered
    if (d.simulated)
        o.insert(QStringLiteral("simulated"), true);
    if (d.answerMs >= 0)
        o.insert(QStringLiteral("answer_ms"), d.answerMs);
    if (!d.reason.isEmpty())
        o.insert(QStringLiteral("reason"), d.reason);
    if (!d.secretLabel.isEmpty())
        o.insert(QStringLiteral("secret_label"), d.secretLabel);
    if (d.event) {
        o.insert(QStringLiteral("event"), d.event->event);
        o.insert(QStringLiteral("event_at"), isoUtc(d.event->timestampMs));
        o.insert(QStringLiteral("entry_id"), d.event->entryId);
        o.insert(QStringLiteral("helper_id"), d.event->helperId);
        o.insert(QStringLiteral("helper"), d.event->helperName);
        o.insert(QStringLiteral("helper_command"), d.event->helperCommand);
        if (d.event->amountCents)
            o.insert(QStringLiteral("amount"), QString::fromLatin1(centsToDecimal(*d.event->amountCents)));
        if (!d.event->category.isEmpty())
            o.insert(QStringLiteral("category"), d.event->category);
        if (d.redacted && store) {
            if (const auto entry = store->entry(d.event->entryId); entry && entry->deliveryId == d.id) {
                o.insert(QStringLiteral("entry_created_at"), isoUtc(entry->createdMs));
                o.insert(QStringLiteral("amount_flagged"), entry->amountFlagged);
            }
        }
    }
    o.insert(QStringLiteral("body_size"), d.bodySize);
    o.insert(QStringLiteral("body_sha256"), QString::fromLatin1(d.bodySha256.toHex()));
    if (d.redacted)
        o.insert(QStringLiteral("redacted"), true);
    else if (d.body.isValidUtf8())
        o.insert(QStringLiteral("body"), QString::fromUtf8(d.body));
    else
        o.insert(QStringLiteral("body_base64"), QString::fromLatin1(d.body.toBase64()));
    if (d.body.size() < d.bodySize && !d.redacted)
        o.insert(QStringLiteral("body_truncated"), true);
    if (d.imported)
        o.insert(QStringLiteral("imported"), true);
    return o;
}

QByteArray deliveryJson(const Delivery &d)
{
    return QJsonDocument(deliveryRecord(d)).toJson(QJsonDocument::Compact);
}

bool forEachDelivery(LogStore &store, const ExportSelection &selection, bool oldestFirst,
    const std::function<bool(const Delivery &)> &onDelivery, QString *error)
{
    DeliveryFilter filter = selection.filter;
    // Oldest first runs towards the newest rows: it stops at the newest when it began, so that an
    // export beside a receiver under load ends.
    if (oldestFirst && selection.ids.isEmpty() && filter.uptoId == std::numeric_limits<qint64>::max()) {
        const auto newest = store.deliveriesBefore(filter, std::numeric_limits<qint64>::max(), 1);
        if (!newest) {
            *error = store.lastError();
            return false;
        }
        filter.uptoId = newest->isEmpty() ? 0 : newest->constFirst().id;
    }
    auto visit = [&](qint64 id) {
        const auto delivery = store.delivery(id);
        if (!delivery)
            return true; // deleted meanwhile
        if (delivery->receivedMs < filter.fromMs || delivery->receivedMs >= filter.toMs)
            return true;
        return onDelivery(*delivery);
    };
    if (!selection.ids.isEmpty()) {
        QList<qint64> ids = selection.ids;
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        if (!oldestFirst)
            std::reverse(ids.begin(), ids.end());
        for (qint64 id : std::as_const(ids))
            if (!visit(id))
                return false;
        return true;
    }
    constexpr int kPage = 500;
    qint64 key = oldestFirst ? 0 : std::numeric_limits<qint64>::max();
    for (;;) {
        const auto page
            = oldestFirst ? store.deliveriesAfter(filter, key, kPage) : store.deliveriesBefore(filter, key, kPage);
        if (!page) {
            *error = store.lastError();
            return false;
        }
        for (const DeliveryRow &row : *page)
            if (!visit(row.id))
                return false;
        if (page->size() < kPage)
            return true;
        key = page->constLast().id;
    }
}

qint64 exportJsonLines(LogStore &store, const ExportSelection &selection, QIODevice &out, QString *error)
{
    qint64 written = 0;
    const bool ok = forEachDelivery(
        store, selection, false,
        [&](const Delivery &d) {
            if (out.write(QJsonDocument(deliveryRecord(d, &store)).toJson(QJsonDocument::Compact) + '\n') < 0) {
                *error = out.errorString();
                return false;
            }
            ++written;
            return true;
        },
        error);
    return ok ? written : -1;
}

qint64 exportJsonLines(LogStore &store, const DeliveryFilter &filter, QIODevice &out, QString *error)
{
    return exportJsonLines(store, ExportSelection {filter, {}}, out, error);
}

qint64 exportDeliveries(
    LogStore &store, ExportFormat format, const ExportSelection &selection, QIODevice &out, QString *error)
{
    switch (format) {
    case ExportFormat::JsonLines:
        return exportJsonLines(store, selection, out, error);
    case ExportFormat::Har:
        return exportHar(store, selection, out, error);
    case ExportFormat::Csv:
        return exportEntriesCsv(store, selection.filter.fromMs, selection.filter.toMs, out, error);
    }
    return -1;
}

} // namespace peanuts
