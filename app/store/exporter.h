// Exports of the payload log: JSON lines (one object a delivery, as received and as decided), HAR 1.2
// (harwriter.h) and CSV of the current entries (csvwriter.h). Every export reads in pages and writes as
// it goes, so that its memory stays flat however many rows there are. No export ever contains an
// expected signature or a secret.
#pragma once

#include "store/logstore.h"

#include <QJsonObject>
#include <functional>

class QIODevice;

namespace peanuts {

enum class ExportFormat { JsonLines, Har, Csv };

// "jsonl", "har", "csv"; nullopt for anything else.
std::optional<ExportFormat> exportFormatFromName(const QString &name);

// What to export: the deliveries the filter matches, or, when ids is not empty, those deliveries (a
// selection in the window), still within the filter's received-time bounds. The CSV export takes the
// current entries created in [filter.fromMs, filter.toMs) and ignores the rest.
struct ExportSelection
{
    DeliveryFilter filter;
    QList<qint64> ids;
};

// Writes the selection in the format; returns the number of records written (deliveries, or entries
// for CSV), or -1 with *error set.
qint64 exportDeliveries(
    LogStore &store, ExportFormat format, const ExportSelection &selection, QIODevice &out, QString *error);

// Writes every delivery the filter matches, newest first, reading in pages. Returns the number
// written, or -1 with *error set.
qint64 exportJsonLines(LogStore &store, const DeliveryFilter &filter, QIODevice &out, QString *error);
qint64 exportJsonLines(LogStore &store, const ExportSelection &selection, QIODevice &out, QString *error);

// One delivery as a compact JSON object (no trailing newline). The body is kept as text when it is
// valid UTF-8, else as base64 in "body_base64".
QByteArray deliveryJson(const Delivery &delivery);

// The record an export keeps of a delivery (the JSON line's object). With a store, a redacted
// delivery that its entry was applied from also records what the projection needs and the body no
// longer says (entry_created_at, amount_flagged), so that an import restores the same entry.
QJsonObject deliveryRecord(const Delivery &delivery, LogStore *store = nullptr);

// Calls onDelivery for each delivery of the selection, in pages: newest first, or oldest first.
// False with *error set when the store fails or onDelivery returns false (it sets *error then).
bool forEachDelivery(LogStore &store, const ExportSelection &selection, bool oldestFirst,
    const std::function<bool(const Delivery &)> &onDelivery, QString *error);

} // namespace peanuts
