// X-Peanuts-Signature checking: OpenSSL one-shot HMAC-SHA256 (much faster than QMessageAuthenticationCode)
// and a fixed-length constant-time comparison against every configured secret.
#include "ingest/signature.h"

#include <QMutexLocker>
#include <QStringList>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <climits>
#include <utility>

namespace peanuts {

namespace {

constexpr int DigestSize = SHA256_DIGEST_LENGTH;
constexpr qsizetype HexSize = 2 * DigestSize;

// An empty QByteArrayView may carry a null pointer, and OpenSSL 3.0's HMAC() fails on a null key instead
// of treating it as an empty one, so empty inputs always get a real (zero-length) buffer.
const unsigned char *bytes(QByteArrayView view)
{
    static const unsigned char empty = 0;
    return view.isEmpty() ? &empty : reinterpret_cast<const unsigned char *>(view.data());
}

// Writes into a caller-provided buffer so verify() stays free of heap allocations.
bool hmacSha256(QByteArrayView key, QByteArrayView body, unsigned char (&out)[EVP_MAX_MD_SIZE])
{
    if (key.size() > INT_MAX)
        return false;
    unsigned int length = 0;
    const unsigned char *result = HMAC(EVP_sha256(), bytes(key), static_cast<int>(key.size()), bytes(body),
        static_cast<size_t>(body.size()), out, &length);
    return result != nullptr && length == DigestSize;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1; // uppercase is rejected on purpose: the contract says lowercase
}

bool decodeLowercaseHex(QByteArrayView hex, unsigned char (&out)[DigestSize])
{
    if (hex.size() != HexSize)
        return false;
    for (int i = 0; i < DigestSize; ++i) {
        const int high = hexValue(hex[2 * i]);
        const int low = hexValue(hex[2 * i + 1]);
        if (high < 0 || low < 0)
            return false;
        out[i] = static_cast<unsigned char>((high << 4) | low);
    }
    return true;
}

} // namespace

QByteArray hmacSha256Hex(QByteArrayView key, QByteArrayView body)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    if (!hmacSha256(key, body, digest))
        return {};
    return QByteArray::fromRawData(reinterpret_cast<const char *>(digest), DigestSize).toHex();
}

QByteArray sha256(QByteArrayView data)
{
    QByteArray digest(DigestSize, Qt::Uninitialized);
    SHA256(bytes(data), static_cast<size_t>(data.size()), reinterpret_cast<unsigned char *>(digest.data()));
    return digest;
}

// Also a refusal reason: marked for translation at display time (reasonForDisplay).
const char *signatureVerdictText(SignatureVerdict verdict)
{
    switch (verdict) {
    case SignatureVerdict::Valid:
        return QT_TRANSLATE_NOOP("Reason", "signature matches secret");
    case SignatureVerdict::Missing:
        return QT_TRANSLATE_NOOP("Reason", "X-Peanuts-Signature header is missing");
    case SignatureVerdict::Malformed:
        return QT_TRANSLATE_NOOP("Reason", "X-Peanuts-Signature is not 64 lowercase hex digits");
    case SignatureVerdict::Mismatch:
        return QT_TRANSLATE_NOOP("Reason", "signature matches no configured secret");
    case SignatureVerdict::NoSecret:
        return QT_TRANSLATE_NOOP("Reason", "no secret is configured");
    }
    return QT_TRANSLATE_NOOP("Reason", "unknown signature verdict");
}

void SignatureVerifier::setSecrets(const QList<Secret> &secrets)
{
    QMutexLocker locker(&m_mutex);
    m_secrets = secrets;
}

bool SignatureVerifier::hasSecrets() const
{
    QMutexLocker locker(&m_mutex);
    return !m_secrets.isEmpty();
}

QStringList SignatureVerifier::labels() const
{
    QMutexLocker locker(&m_mutex);
    QStringList result;
    result.reserve(m_secrets.size());
    for (const Secret &secret : m_secrets)
        result.append(secret.label);
    return result;
}

SignatureCheck SignatureVerifier::verify(QByteArrayView body, QByteArrayView headerValue) const
{
    // Copying the implicitly shared list is only a reference-count bump; the HMACs run unlocked so a
    // slow request never blocks setSecrets() or other verifiers.
    QList<Secret> secrets;
    {
        QMutexLocker locker(&m_mutex);
        secrets = m_secrets;
    }

    SignatureCheck check;
    if (secrets.isEmpty()) {
        check.verdict = SignatureVerdict::NoSecret;
        return check;
    }
    const QByteArrayView value = headerValue.trimmed();
    if (value.isEmpty()) {
        check.verdict = SignatureVerdict::Missing;
        return check;
    }
    unsigned char expected[DigestSize];
    if (!decodeLowercaseHex(value, expected)) {
        check.verdict = SignatureVerdict::Malformed;
        return check;
    }

    // Stopping at the first match only reveals which secret matched to someone who already holds a
    // valid signature; what matters is that each comparison takes the same time whatever the bytes.
    for (const Secret &secret : std::as_const(secrets)) {
        unsigned char actual[EVP_MAX_MD_SIZE];
        if (!hmacSha256(secret.key, body, actual))
            continue;
        if (CRYPTO_memcmp(actual, expected, DigestSize) == 0) {
            check.verdict = SignatureVerdict::Valid;
            check.matchedLabel = secret.label;
            return check;
        }
    }
    check.verdict = SignatureVerdict::Mismatch;
    return check;
}

QList<QPair<QString, QByteArray>> SignatureVerifier::expectedSignatures(QByteArrayView body) const
{
    QList<Secret> secrets;
    {
        QMutexLocker lock(&m_mutex);
        secrets = m_secrets;
    }
    QList<QPair<QString, QByteArray>> expected;
    for (const Secret &secret : std::as_const(secrets))
        expected.append({secret.label, hmacSha256Hex(secret.key, body)});
    return expected;
}

std::optional<QByteArray> SignatureVerifier::signWithFirst(QByteArrayView body) const
{
    QByteArray key;
    {
        QMutexLocker lock(&m_mutex);
        if (m_secrets.isEmpty())
            return std::nullopt;
        key = m_secrets.constFirst().key;
    }
    return hmacSha256Hex(key, body);
}

} // namespace peanuts
