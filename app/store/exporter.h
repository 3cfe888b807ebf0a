// Exports deliveries as JSON lines: one object a delivery, as received and as decided. No export
// ever contains an expected signature or a secret.
#pragma once

#include "store/logstore.h"

class QIODevice;

namespace peanuts {

// Writes every delivery the filter matches, newest first, reading in pages. Returns the number
// written, or -1 with *error set.
qint64 exportJsonLines(LogStore &store, const DeliveryFilter &filter, QIODevice &out, QString *error);

// One delivery as a compact JSON object (no trailing newline). The body is kept as text when it is
// valid UTF-8, else as base64 in "body_base64".
QByteArray deliveryJson(const Delivery &delivery);

} // namespace peanuts
