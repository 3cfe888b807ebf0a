// Fuzz target: X-Peanuts-Signature checking. An input is "<header value>\n<a secret>\n<body>": the header
// as sent, one secret among three configured ones (a rotation), and the raw body.
//
// Invariants:
// - hmacSha256Hex agrees with Qt's own HMAC (QMessageAuthenticationCode), sha256 with QCryptographicHash;
// - expectedSignatures gives 64 lowercase hex digits per secret, in order; signWithFirst is the first;
// - the verdict is exactly what the contract says: Missing for a blank header, Malformed for anything but
//   64 lowercase hex digits (after trimming), else Valid with the first matching secret's label, else
//   Mismatch; NoSecret without secrets;
// - every expected signature verifies (also with surrounding blanks); in uppercase it is Malformed when
//   it has a letter; with one digit changed it matches no secret unless another secret expects it.
#include "fuzzcheck.h"
#include "ingest/signature.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

#include <cstdint>

using namespace peanuts;

namespace {

bool isLowerHex64(const QByteArray &value)
{
    if (value.size() != 64)
        return false;
    for (char c : value) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 256 * 1024)
        return 0;
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype firstNewline = input.indexOf('\n');
    const qsizetype secondNewline = firstNewline < 0 ? -1 : input.indexOf('\n', firstNewline + 1);
    const QByteArray header = firstNewline < 0 ? input : input.left(firstNewline);
    const QByteArray fuzzedKey
        = secondNewline < 0 ? QByteArray() : input.mid(firstNewline + 1, secondNewline - firstNewline - 1);
    const QByteArray body = secondNewline < 0 ? QByteArray() : input.mid(secondNewline + 1);

    const QList<Secret> secrets {
        {QStringLiteral("current"), QByteArrayLiteral("whsec_peanuts_current")},
        {QStringLiteral("fuzzed"), fuzzedKey},
        {QStringLiteral("previous"), QByteArrayLiteral("whsec_peanuts_previous")},
    };
    SignatureVerifier verifier;
    FUZZ_CHECK(verifier.verify(body, header).verdict == SignatureVerdict::NoSecret);
    FUZZ_CHECK(!verifier.signWithFirst(body));
    verifier.setSecrets(secrets);

    const QList<QPair<QString, QByteArray>> expected = verifier.expectedSignatures(body);
    FUZZ_CHECK(expected.size() == secrets.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        FUZZ_CHECK(expected[i].first == secrets[i].label);
        FUZZ_CHECK(isLowerHex64(expected[i].second));
        const QByteArray reference
            = QMessageAuthenticationCode::hash(body, secrets[i].key, QCryptographicHash::Sha256).toHex();
        FUZZ_CHECK(expected[i].second == reference);
    }
    FUZZ_CHECK(verifier.signWithFirst(body) == expected[0].second);
    FUZZ_CHECK(sha256(body) == QCryptographicHash::hash(body, QCryptographicHash::Sha256));

    // The verdict for the header as sent.
    const QByteArray value = header.trimmed();
    const SignatureCheck check = verifier.verify(body, header);
    if (value.isEmpty()) {
        FUZZ_CHECK(check.verdict == SignatureVerdict::Missing);
    } else if (!isLowerHex64(value)) {
        FUZZ_CHECK(check.verdict == SignatureVerdict::Malformed);
    } else {
        qsizetype match = -1;
        for (qsizetype i = 0; i < expected.size() && match < 0; ++i) {
            if (expected[i].second == value)
                match = i;
        }
        if (match >= 0) {
            FUZZ_CHECK(check.verdict == SignatureVerdict::Valid);
            FUZZ_CHECK(check.matchedLabel == secrets[match].label);
        } else {
            FUZZ_CHECK(check.verdict == SignatureVerdict::Mismatch);
            FUZZ_CHECK(check.matchedLabel.isEmpty());
        }
    }
    if (check.verdict != SignatureVerdict::Valid)
        FUZZ_CHECK(check.matchedLabel.isEmpty());

    // What each secret expects verifies, and small changes to it do not.
    const quint8 pick = size ? data[0] : 0;
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const QByteArray &signature = expected[i].second;
        const SignatureCheck again = verifier.verify(body, signature);
        FUZZ_CHECK(again.verdict == SignatureVerdict::Valid);
        qsizetype first = 0; // the first secret expecting the same signature (equal keys) is the one named
        while (expected[first].second != signature)
            ++first;
        FUZZ_CHECK(again.matchedLabel == secrets[first].label);
        FUZZ_CHECK(verifier.verify(body, QByteArray(" \t" + signature + "\r\n ")).verdict == SignatureVerdict::Valid);
        const QByteArray upper = signature.toUpper();
        if (upper != signature)
            FUZZ_CHECK(verifier.verify(body, upper).verdict == SignatureVerdict::Malformed);
        QByteArray flipped = signature;
        const qsizetype at = (pick + i * 7) % 64;
        flipped[at] = flipped[at] == '0' ? 'f' : '0';
        bool expectedByAnother = false;
        for (const auto &other : expected)
            expectedByAnother = expectedByAnother || other.second == flipped;
        FUZZ_CHECK(verifier.verify(body, flipped).verdict
            == (expectedByAnother ? SignatureVerdict::Valid : SignatureVerdict::Mismatch));
        FUZZ_CHECK(verifier.verify(body, signature.left(63)).verdict == SignatureVerdict::Malformed);
    }
    return 0;
}
