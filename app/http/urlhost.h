// The receiver's address as the host part of a URL (the webhook URL, the replay command).
#pragma once

#include <QHostAddress>
#include <QString>

namespace peanuts {

// An IPv6 address goes in brackets.
inline QString urlHost(const QHostAddress &address)
{
    return address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address.toString() + u']' : address.toString();
}

} // namespace peanuts
