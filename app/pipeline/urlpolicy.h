// Outgoing requests are an attack surface: a rules file or a setting edited by someone else can send
// data anywhere. Only http and https; alert URLs may not reach private, link-local or cloud-metadata
// addresses unless the user allows it in so many words. Forward targets may be loopback.
#pragma once

#include "platform/displaytext.h"

#include <QHostAddress>
#include <QList>
#include <QString>
#include <QUrl>

namespace peanuts {

enum class UrlUse {
    Forward, // the user's own handler: loopback and private addresses are what it is for
    Alert, // an alert URL or a rule's URL (Slack and the like): public addresses only, unless allowed
};

// Empty when the URL may be used; else a sentence for the user ("only http and https URLs can be
// used; this one is file:"). Checks the scheme, the host, and, for an address written as a literal,
// the address rules.
// language: English where the refusal is stored (an action's error) or logged, translated where a
// dialog shows it at once.
QString checkOutgoingUrl(const QUrl &url, UrlUse use, bool allowPrivate, TextLanguage language = TextLanguage::English);

// Private, loopback, link-local, shared (100.64/10), unique-local, unspecified, multicast, and the
// cloud metadata addresses (169.254.169.254, fd00:ec2::254), IPv4-mapped IPv6 included.
bool isNonPublicAddress(const QHostAddress &address);

// Empty when every resolved address may be reached for that use; else why not.
QString checkResolvedAddresses(
    const QString &host, const QList<QHostAddress> &addresses, UrlUse use, bool allowPrivate);

// For logs and lists: scheme, host and port, the rest elided ("https://hooks.slack.com/…"). Alert
// URLs carry their secret in the path.
QString redactedUrl(const QUrl &url);

} // namespace peanuts
