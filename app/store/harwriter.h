// The payload log as HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/): one entry a delivery,
// with the request as received, our answer as far as the log knows it, and the record an import needs
// in "_peanuts".
#pragma once

#include "store/exporter.h"

namespace peanuts {

// Streams {"log": {..., "entries": [...]}} oldest first, a page of deliveries at a time. Returns the
// number of entries, or -1 with *error set.
qint64 exportHar(LogStore &store, const ExportSelection &selection, QIODevice &out, QString *error);

// One delivery as a HAR entry object. Our answer's headers, body and time are not stored: the
// response has no headers, an empty content (with a comment saying so), and time and timings are 0.
QJsonObject harEntry(const Delivery &delivery, LogStore *store = nullptr);

// The reason phrase of the statuses we answer with ("OK", "Unauthorized", ...); "" for others.
QString statusText(int status);

} // namespace peanuts
