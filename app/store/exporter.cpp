// JSON lines export of the payload log, paged by key so that a million rows stay cheap.
#include "store/exporter.h"

#include "ingest/money.h"

#include <QDateTime>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

namespace peanuts {

QByteArray deliveryJson(const Delivery &d)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), d.id);
    o.insert(QStringLiteral("received_at"),
        QDateTime::fromMSecsSinceEpoch(d.receivedMs, QTimeZone::utc()).toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("remote_address"), d.remoteAddress);
    if (!d.forwardedFor.isEmpty())
        o.insert(QStringLiteral("forwarded_for"), d.forwardedFor);
    o.insert(QStringLiteral("method"), QString::fromLatin1(d.method));
    o.insert(QStringLiteral("path"), QString::fromUtf8(d.path));
    QJsonArray headers;
    for (const QByteArray &line : d.headers.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            headers.append(
                QJsonArray {QString::fromLatin1(line.left(colon)), QString::fromLatin1(line.mid(colon + 1).trimmed())});
    }
    o.insert(QStringLiteral("headers"), headers);
    o.insert(QStringLiteral("outcome"), QString::fromLatin1(outcomeName(d.outcome)));
    o.insert(QStringLiteral("status"), d.status);
    if (!d.reason.isEmpty())
        o.insert(QStringLiteral("reason"), d.reason);
    if (!d.secretLabel.isEmpty())
        o.insert(QStringLiteral("secret_label"), d.secretLabel);
    if (d.event) {
        o.insert(QStringLiteral("event"), d.event->event);
        o.insert(QStringLiteral("entry_id"), d.event->entryId);
        o.insert(QStringLiteral("helper"), d.event->helperName);
        o.insert(QStringLiteral("helper_command"), d.event->helperCommand);
        if (d.event->amountCents)
            o.insert(QStringLiteral("amount"), QString::fromLatin1(centsToDecimal(*d.event->amountCents)));
        if (!d.event->category.isEmpty())
            o.insert(QStringLiteral("category"), d.event->category);
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
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

qint64 exportJsonLines(LogStore &store, const DeliveryFilter &filter, QIODevice &out, QString *error)
{
    constexpr int kPage = 500;
    qint64 written = 0;
    qint64 before = std::numeric_limits<qint64>::max();
    for (;;) {
        const auto page = store.deliveriesBefore(filter, before, kPage);
        if (!page) {
            *error = store.lastError();
            return -1;
        }
        for (const DeliveryRow &row : *page) {
            const auto delivery = store.delivery(row.id);
            if (!delivery)
                continue; // deleted meanwhile
            if (out.write(deliveryJson(*delivery) + '\n') < 0) {
                *error = out.errorString();
                return -1;
            }
            ++written;
        }
        if (page->size() < kPage)
            return written;
        before = page->constLast().id;
    }
}

} // namespace peanuts
