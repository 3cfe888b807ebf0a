// TLS for the listener: a certificate and key read from PEM files into a server configuration, and
// the rule that a listener reachable beyond this computer serves TLS unless plain HTTP is allowed.
#pragma once

#include <QHostAddress>
#include <QSslConfiguration>
#include <QString>
#include <optional>

namespace peanuts {

// What a listener is opened with besides its address and port.
struct ListenerSecurity
{
    std::optional<QSslConfiguration> tls; // none: plain HTTP
    bool plainAllowed = false; // plain HTTP beyond loopback (--allow-plain-http, the setting, or an old setting)
};

// The server side of TLS from a PEM certificate file (the server's certificate first, then its chain)
// and a PEM private key without a passphrase. Nothing, with *error set, when a file cannot be read,
// holds no certificate or key, or the key does not belong to the certificate. Both paths empty:
// nothing and no error (no TLS).
std::optional<QSslConfiguration> loadServerTls(const QString &certPath, const QString &keyPath, QString *error);

// Why a listener on address may not open, in a sentence; empty when it may. Loopback (127.0.0.0/8,
// ::1) is always allowed; beyond it, TLS or the allowance is needed.
QString plainListenerRefusal(const QHostAddress &address, const ListenerSecurity &security);

} // namespace peanuts
