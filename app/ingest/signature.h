// X-Peanuts-Signature: lowercase hex HMAC-SHA256 of the raw body bytes, checked against every
// configured secret with OpenSSL and a constant-time comparison.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QMutex>
#include <QString>
#include <optional>

namespace peanuts {

struct Secret
{
    QString label; // shown to the user; the value never is
    QByteArray key; // UTF-8 bytes of the secret

    bool operator==(const Secret &o) const { return label == o.label && key == o.key; }
    bool operator!=(const Secret &o) const { return !(*this == o); }
};

enum class SignatureVerdict {
    Valid,
    Missing, // no header, or an empty one
    Malformed, // not 64 lowercase hex digits
    Mismatch, // well formed, matches no configured secret
    NoSecret, // nothing configured to check against
};

struct SignatureCheck
{
    SignatureVerdict verdict = SignatureVerdict::Missing;
    QString matchedLabel; // set when verdict is Valid
};

// Lowercase hex HMAC-SHA256 of body keyed with key.
QByteArray hmacSha256Hex(QByteArrayView key, QByteArrayView body);

// Raw 32-byte SHA-256 of data.
QByteArray sha256(QByteArrayView data);

const char *signatureVerdictText(SignatureVerdict verdict);

// Thread-safe: secrets can be replaced from any thread while requests are verified on another.
class SignatureVerifier
{
public:
    void setSecrets(const QList<Secret> &secrets);
    bool hasSecrets() const;
    QStringList labels() const;
    SignatureCheck verify(QByteArrayView body, QByteArrayView headerValue) const;
    // For the inspector, in the window only: the signature each configured secret expects.
    QList<QPair<QString, QByteArray>> expectedSignatures(QByteArrayView body) const;
    // Signs with the first configured secret (the window's test delivery); nullopt without one.
    std::optional<QByteArray> signWithFirst(QByteArrayView body) const;

private:
    mutable QMutex m_mutex;
    QList<Secret> m_secrets;
};

} // namespace peanuts
