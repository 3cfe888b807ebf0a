// Two deliveries side by side: their headers name by name and their bodies key by key (JSON), or line
// by line when a body is not JSON. What the log's "Compare" dialog shows.
#pragma once

#include "ingest/delivery.h"
#include "json/jsondiff.h"

#include <QList>
#include <QString>

namespace peanuts {

struct DeliveryDiff
{
    qint64 leftId = 0;
    qint64 rightId = 0;
    // Header rows: path is the header's name as received (a repeated header's later lines are
    // "name #2", "name #3"); names match case-insensitively.
    QList<JsonChange> headers;
    // Body rows: JSON key paths (entry.data.amount, items[0]), or "line N" when compared as text.
    QList<JsonChange> body;
    bool bodyAsJson = false; // both bodies are JSON: compared key by key
    // Why the bodies were compared as text, or what is missing from them (redacted, cut short); empty
    // when both were whole JSON.
    QString bodyNote;
};

// Header lines compared by name; unchanged ones are listed as Kind::Same.
QList<JsonChange> diffHeaderLines(const QByteArray &left, const QByteArray &right);
// Text compared line by line ("line 1", ...), unchanged lines as Kind::Same.
QList<JsonChange> diffTextLines(const QString &left, const QString &right);
// The whole comparison, left as "before" and right as "after"; unchanged values are listed as
// Kind::Same (a view may hide them).
DeliveryDiff diffDeliveries(const Delivery &left, const Delivery &right);

} // namespace peanuts
