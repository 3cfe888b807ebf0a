// The HTTP limits the receiver enforces itself, since QHttpServer 6.4 has none of them.
#pragma once

#include <QtGlobal>

namespace peanuts {

struct HttpLimits
{
    qint64 maxBodyBytes = 1024 * 1024;
    qint64 maxHeaderBytes = 32 * 1024; // request line and headers together
    int maxHeaderLines = 100;
    int requestTimeoutMs = 10'000; // a whole request, first byte to last
    int idleTimeoutMs = 30'000; // a keep-alive connection with nothing in flight
    int maxConnections = 512;
    int handshakeTimeoutMs = 5'000; // TLS only: from accepting a connection to the end of its handshake
};

} // namespace peanuts
