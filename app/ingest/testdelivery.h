// "Send test delivery": the shipped sample payload (resources/samples/mock-entry.json) made fresh and
// signed the way Peanuts signs, so that the receiver accepts it as a new entry.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <optional>

namespace peanuts {

class SignatureVerifier;

struct TestDelivery
{
    QByteArray body;
    QByteArray signature; // X-Peanuts-Signature: lowercase hex HMAC-SHA256 under the first secret
};

// The sample with timestamp and entry.created_at set to now (UTC, milliseconds) and entry.id set to
// "test-<now in ms>"; every other byte as shipped. Empty if the sample is missing or not as expected.
QByteArray testDeliveryBody(const QDateTime &now);

// The body for now, signed with the first configured secret; nullopt when no secret is configured (or
// the sample is unusable).
std::optional<TestDelivery> makeTestDelivery(
    const SignatureVerifier &verifier, const QDateTime &now = QDateTime::currentDateTimeUtc());

} // namespace peanuts
