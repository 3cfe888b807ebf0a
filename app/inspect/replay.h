// "Copy as curl": a shell command that replays a stored delivery, signed at replay time.
#pragma once

#include "ingest/delivery.h"

#include <QHostAddress>
#include <QString>

namespace peanuts {

// Where a replay is sent: the receiver's own listener, through loopback unless it is bound to one
// specific other address ("127.0.0.1", "[::1]", "192.168.1.5", "[fe80::1]").
QString replayHost(const QHostAddress &bind);

// The curl command line that replays the delivery to host:port, re-signed with the secret read from the
// environment variable PEANUTS_SECRET at replay time (never written out in clear). Empty when the exact
// bytes are not stored (redacted or truncated): those would be signed and sent as something else.
QString replayCommand(const Delivery &delivery, const QString &host, quint16 port);

// Single quotes for a POSIX shell, with embedded ones closed, escaped and reopened.
QString shellQuote(const QString &text);
// The bytes as a single-quoted printf format that prints exactly them back.
QString printfFormat(QByteArrayView bytes);

} // namespace peanuts
