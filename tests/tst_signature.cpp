// Tests for X-Peanuts-Signature checking and secret loading: published vectors, every verdict, secret
// rotation, secret files, and concurrent secret replacement.
#include "config/secrets.h"
#include "ingest/signature.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <thread>

#ifndef PEANUTS_TEST_DATA_DIR
#error "PEANUTS_TEST_DATA_DIR must name the tests/data directory"
#endif

using peanuts::Secret;
using peanuts::SignatureVerdict;

namespace {

QList<Secret> makeSecrets(const QStringList &labels, const QByteArrayList &keys)
{
    QList<Secret> secrets;
    for (qsizetype i = 0; i < labels.size(); ++i)
        secrets.append(Secret {labels.at(i), keys.at(i)});
    return secrets;
}

// Readable QCOMPARE failures without giving the production enum a meta-object.
QString verdictName(SignatureVerdict verdict)
{
    switch (verdict) {
    case SignatureVerdict::Valid:
        return QStringLiteral("Valid");
    case SignatureVerdict::Missing:
        return QStringLiteral("Missing");
    case SignatureVerdict::Malformed:
        return QStringLiteral("Malformed");
    case SignatureVerdict::Mismatch:
        return QStringLiteral("Mismatch");
    case SignatureVerdict::NoSecret:
        return QStringLiteral("NoSecret");
    }
    return QStringLiteral("SignatureVerdict(%1)").arg(int(verdict));
}

// Turns one hex digit into a different, still valid, lowercase hex digit.
QByteArray flipHexDigit(QByteArray hex, qsizetype index)
{
    hex[index] = hex.at(index) == '0' ? '1' : '0';
    return hex;
}

// Restores PEANUTS_SECRET so the environment tests cannot leak into each other or the caller.
class EnvironmentGuard
{
public:
    EnvironmentGuard()
        : m_wasSet(qEnvironmentVariableIsSet("PEANUTS_SECRET"))
        , m_value(qgetenv("PEANUTS_SECRET"))
    {
    }
    ~EnvironmentGuard()
    {
        if (m_wasSet)
            qputenv("PEANUTS_SECRET", m_value);
        else
            qunsetenv("PEANUTS_SECRET");
    }

private:
    bool m_wasSet;
    QByteArray m_value;
};

} // namespace

class TestSignature : public QObject
{
    Q_OBJECT

private slots:
    void vectors_data();
    void vectors();
    void hmacMatchesReference_data();
    void hmacMatchesReference();
    void sha256Digest_data();
    void sha256Digest();
    void verify_data();
    void verify();
    void reserializedJsonDoesNotVerify();
    void verdictText_data();
    void verdictText();
    void verifierState();
    void parseSecretFile_data();
    void parseSecretFile();
    void loadSecretFile();
    void loadSecretFileErrors_data();
    void loadSecretFileErrors();
    void secretsFromEnvironment_data();
    void secretsFromEnvironment();
    void concurrentSecretReplacement();
};

// Failing inside a _data function leaves the test function without rows, which QtTest 6.4 turns into an
// abort; a load problem is therefore carried as a row of its own and reported by vectors().
void TestSignature::vectors_data()
{
    QTest::addColumn<QString>("loadError");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qsizetype>("bodyBytes");
    QTest::addColumn<QByteArray>("signature");

    const auto fail = [](const QString &error) {
        QTest::addRow("signature-vectors.json")
            << error << QByteArray() << QByteArray() << qsizetype(0) << QByteArray();
    };
    QFile file(QStringLiteral(PEANUTS_TEST_DATA_DIR "/signature-vectors.json"));
    if (!file.open(QIODevice::ReadOnly))
        return fail(file.fileName() + QStringLiteral(": ") + file.errorString());
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(file.fileName() + QStringLiteral(": ") + parseError.errorString());
    const QJsonArray vectors = document.object().value(QLatin1String("vectors")).toArray();
    if (vectors.isEmpty())
        return fail(file.fileName() + QStringLiteral(": no vectors"));
    for (const QJsonValue &value : vectors) {
        const QJsonObject vector = value.toObject();
        QTest::addRow("%s", qPrintable(vector.value(QLatin1String("name")).toString()))
            << QString() << vector.value(QLatin1String("secret")).toString().toUtf8()
            << vector.value(QLatin1String("body")).toString().toUtf8()
            << qsizetype(vector.value(QLatin1String("body_utf8_bytes")).toInteger(-1))
            << vector.value(QLatin1String("signature")).toString().toLatin1();
    }
}

void TestSignature::vectors()
{
    QFETCH(QString, loadError);
    QFETCH(QByteArray, secret);
    QFETCH(QByteArray, body);
    QFETCH(qsizetype, bodyBytes);
    QFETCH(QByteArray, signature);

    if (!loadError.isEmpty())
        QFAIL(qPrintable(loadError));
    // Guards the vectors themselves: the body must reach us as the exact bytes that were signed.
    QCOMPARE(body.size(), bodyBytes);
    QCOMPARE(peanuts::hmacSha256Hex(secret, body), signature);

    peanuts::SignatureVerifier verifier;
    verifier.setSecrets({Secret {QStringLiteral("vector"), secret}});
    const peanuts::SignatureCheck check = verifier.verify(body, signature);
    QCOMPARE(verdictName(check.verdict), verdictName(SignatureVerdict::Valid));
    QCOMPARE(check.matchedLabel, QStringLiteral("vector"));
}

void TestSignature::hmacMatchesReference_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("body");

    QTest::addRow("typical") << QByteArrayLiteral("whsec_test_1") << testsupport::makeBody(QStringLiteral("e-1"));
    QTest::addRow("empty key") << QByteArray() << QByteArrayLiteral("body");
    QTest::addRow("empty key and body") << QByteArray() << QByteArray();
    QTest::addRow("key longer than a SHA-256 block") << QByteArray(200, 'k') << QByteArrayLiteral("body");
    QTest::addRow("binary body with NULs") << QByteArrayLiteral("k") << QByteArray("a\0b\0\xff", 5);
    QTest::addRow("large body") << QByteArrayLiteral("k") << QByteArray(1 << 20, 'x');
}

void TestSignature::hmacMatchesReference()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, body);

    const QByteArray hex = peanuts::hmacSha256Hex(key, body);
    QCOMPARE(hex.size(), 64);
    QCOMPARE(hex, testsupport::sign(key, body));
}

void TestSignature::sha256Digest_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("hex");

    QTest::addRow("empty") << QByteArray()
                           << QByteArrayLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    QTest::addRow("abc") << QByteArrayLiteral("abc")
                         << QByteArrayLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const QByteArray body = testsupport::makeBody(QStringLiteral("e-2"));
    QTest::addRow("webhook body") << body << QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
}

void TestSignature::sha256Digest()
{
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, hex);

    const QByteArray digest = peanuts::sha256(data);
    QCOMPARE(digest.size(), 32);
    QCOMPARE(digest.toHex(), hex);
}

void TestSignature::verify_data()
{
    QTest::addColumn<QStringList>("labels");
    QTest::addColumn<QByteArrayList>("keys");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<SignatureVerdict>("verdict");
    QTest::addColumn<QString>("matchedLabel");

    const QStringList one {QStringLiteral("main")};
    const QByteArray key = QByteArrayLiteral("whsec_test_1");
    const QByteArrayList oneKey {key};
    const QByteArray body = testsupport::makeBody(QStringLiteral("entry-1"));
    const QByteArray good = testsupport::sign(key, body);
    const QString main = QStringLiteral("main");
    const QString none;

    QTest::addRow("right") << one << oneKey << body << good << SignatureVerdict::Valid << main;
    QTest::addRow("wrong: first hex digit changed")
        << one << oneKey << body << flipHexDigit(good, 0) << SignatureVerdict::Mismatch << none;
    QTest::addRow("wrong: last hex digit changed")
        << one << oneKey << body << flipHexDigit(good, 63) << SignatureVerdict::Mismatch << none;
    QTest::addRow("wrong key") << one << QByteArrayList {QByteArrayLiteral("whsec_test_2")} << body << good
                               << SignatureVerdict::Mismatch << none;
    QTest::addRow("missing (empty header)")
        << one << oneKey << body << QByteArray() << SignatureVerdict::Missing << none;
    QTest::addRow("whitespace-only header")
        << one << oneKey << body << QByteArrayLiteral(" \t ") << SignatureVerdict::Missing << none;

    QTest::addRow("empty body signed correctly")
        << one << oneKey << QByteArray() << testsupport::sign(key, QByteArray()) << SignatureVerdict::Valid << main;
    QTest::addRow("empty body, signature of another body")
        << one << oneKey << QByteArray() << good << SignatureVerdict::Mismatch << none;
    QByteArray tampered = body;
    tampered[tampered.indexOf("12.50") + 1] = '3';
    QTest::addRow("tampered body (one byte changed)")
        << one << oneKey << tampered << good << SignatureVerdict::Mismatch << none;
    QTest::addRow("body with one byte appended")
        << one << oneKey << QByteArray(body + '\n') << good << SignatureVerdict::Mismatch << none;

    QTest::addRow("uppercase hex") << one << oneKey << body << good.toUpper() << SignatureVerdict::Malformed << none;
    QByteArray oneUpper = good;
    for (qsizetype i = 0; i < oneUpper.size(); ++i) {
        if (oneUpper.at(i) >= 'a' && oneUpper.at(i) <= 'f') {
            oneUpper[i] = char(oneUpper.at(i) - 'a' + 'A');
            break;
        }
    }
    QVERIFY(oneUpper != good); // a 64-digit HMAC with no letter at all is practically impossible
    QTest::addRow("one uppercase digit") << one << oneKey << body << oneUpper << SignatureVerdict::Malformed << none;
    QTest::addRow("63 chars") << one << oneKey << body << good.left(63) << SignatureVerdict::Malformed << none;
    QTest::addRow("65 chars") << one << oneKey << body << QByteArray(good + '0') << SignatureVerdict::Malformed << none;
    QByteArray nonHex = good;
    nonHex[20] = 'g';
    QTest::addRow("non-hex digit") << one << oneKey << body << nonHex << SignatureVerdict::Malformed << none;
    QTest::addRow("0x prefix") << one << oneKey << body << QByteArray("0x" + good.left(62))
                               << SignatureVerdict::Malformed << none;
    QTest::addRow("sha256= prefix") << one << oneKey << body << QByteArray("sha256=" + good)
                                    << SignatureVerdict::Malformed << none;
    QTest::addRow("space inside") << one << oneKey << body << QByteArray(good.left(32) + ' ' + good.mid(33))
                                  << SignatureVerdict::Malformed << none;
    QByteArray nonAscii = good.left(62) + QByteArrayLiteral("\xc3\xa9");
    QTest::addRow("non-ASCII, 64 bytes") << one << oneKey << body << nonAscii << SignatureVerdict::Malformed << none;
    QTest::addRow("base64 instead of hex")
        << one << oneKey << body << QByteArray::fromHex(good).toBase64() << SignatureVerdict::Malformed << none;

    QTest::addRow("surrounding spaces accepted")
        << one << oneKey << body << QByteArray("  " + good + "  ") << SignatureVerdict::Valid << main;
    QTest::addRow("surrounding tab and CRLF accepted")
        << one << oneKey << body << QByteArray("\t" + good + "\r\n") << SignatureVerdict::Valid << main;

    const QStringList rotated {QStringLiteral("old"), QStringLiteral("new")};
    const QByteArrayList rotatedKeys {QByteArrayLiteral("whsec_old"), QByteArrayLiteral("whsec_new")};
    QTest::addRow("rotated: signed with old")
        << rotated << rotatedKeys << body << testsupport::sign(QByteArrayLiteral("whsec_old"), body)
        << SignatureVerdict::Valid << QStringLiteral("old");
    QTest::addRow("rotated: signed with new")
        << rotated << rotatedKeys << body << testsupport::sign(QByteArrayLiteral("whsec_new"), body)
        << SignatureVerdict::Valid << QStringLiteral("new");
    QTest::addRow("rotated: signed with a third secret")
        << rotated << rotatedKeys << body << testsupport::sign(QByteArrayLiteral("whsec_other"), body)
        << SignatureVerdict::Mismatch << none;
    QTest::addRow("same key under two labels: first label wins")
        << QStringList {QStringLiteral("first"), QStringLiteral("second")} << QByteArrayList {key, key} << body << good
        << SignatureVerdict::Valid << QStringLiteral("first");

    QTest::addRow("no secret configured")
        << QStringList() << QByteArrayList() << body << good << SignatureVerdict::NoSecret << none;
    QTest::addRow("no secret beats missing header")
        << QStringList() << QByteArrayList() << body << QByteArray() << SignatureVerdict::NoSecret << none;
    QTest::addRow("no secret beats malformed header")
        << QStringList() << QByteArrayList() << body << QByteArrayLiteral("xyz") << SignatureVerdict::NoSecret << none;
}

void TestSignature::verify()
{
    QFETCH(QStringList, labels);
    QFETCH(QByteArrayList, keys);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, header);
    QFETCH(SignatureVerdict, verdict);
    QFETCH(QString, matchedLabel);

    peanuts::SignatureVerifier verifier;
    verifier.setSecrets(makeSecrets(labels, keys));
    const peanuts::SignatureCheck check = verifier.verify(body, header);
    QCOMPARE(verdictName(check.verdict), verdictName(verdict));
    QCOMPARE(check.matchedLabel, matchedLabel);
}

// The signature covers the bytes as sent; parsing and re-serializing (as a proxy or a careless handler
// might) changes them, so verification must be done on the raw body.
void TestSignature::reserializedJsonDoesNotVerify()
{
    const QByteArray key = QByteArrayLiteral("whsec_test_1");
    // As a sender's JSON.stringify(event, null, 2) would produce it: two-space indent, sender's key order.
    const QByteArray pretty = QByteArrayLiteral("{\n"
                                                "  \"event\": \"entry.created\",\n"
                                                "  \"timestamp\": \"2026-11-26T10:00:00.000Z\",\n"
                                                "  \"entry\": {\n"
                                                "    \"id\": \"entry-7\",\n"
                                                "    \"data\": {\n"
                                                "      \"amount\": 12.5,\n"
                                                "      \"category\": \"Food\"\n"
                                                "    }\n"
                                                "  },\n"
                                                "  \"user\": {\n"
                                                "    \"id\": \"user-1\"\n"
                                                "  }\n"
                                                "}");
    peanuts::SignatureVerifier verifier;
    verifier.setSecrets({Secret {QStringLiteral("main"), key}});
    const QByteArray header = testsupport::sign(key, pretty);
    QCOMPARE(verdictName(verifier.verify(pretty, header).verdict), verdictName(SignatureVerdict::Valid));

    const QJsonDocument parsed = QJsonDocument::fromJson(pretty);
    QVERIFY(parsed.isObject());
    for (const auto format : {QJsonDocument::Compact, QJsonDocument::Indented}) {
        const QByteArray reserialized = parsed.toJson(format);
        QVERIFY(reserialized != pretty);
        QCOMPARE(QJsonDocument::fromJson(reserialized), parsed); // same JSON, different bytes
        QCOMPARE(verdictName(verifier.verify(reserialized, header).verdict), verdictName(SignatureVerdict::Mismatch));
    }
}

void TestSignature::verdictText_data()
{
    QTest::addColumn<SignatureVerdict>("verdict");
    QTest::addColumn<QString>("text");

    QTest::addRow("Valid") << SignatureVerdict::Valid << QStringLiteral("signature matches secret");
    QTest::addRow("Missing") << SignatureVerdict::Missing << QStringLiteral("X-Peanuts-Signature header is missing");
    QTest::addRow("Malformed") << SignatureVerdict::Malformed
                               << QStringLiteral("X-Peanuts-Signature is not 64 lowercase hex digits");
    QTest::addRow("Mismatch") << SignatureVerdict::Mismatch << QStringLiteral("signature matches no configured secret");
    QTest::addRow("NoSecret") << SignatureVerdict::NoSecret << QStringLiteral("no secret is configured");
}

void TestSignature::verdictText()
{
    QFETCH(SignatureVerdict, verdict);
    QFETCH(QString, text);

    QCOMPARE(QString::fromUtf8(peanuts::signatureVerdictText(verdict)), text);
}

void TestSignature::verifierState()
{
    peanuts::SignatureVerifier verifier;
    QVERIFY(!verifier.hasSecrets());
    QVERIFY(verifier.labels().isEmpty());

    verifier.setSecrets(makeSecrets({QStringLiteral("old"), QStringLiteral("new")},
        {QByteArrayLiteral("whsec_old"), QByteArrayLiteral("whsec_new")}));
    QVERIFY(verifier.hasSecrets());
    QCOMPARE(verifier.labels(), (QStringList {QStringLiteral("old"), QStringLiteral("new")}));

    verifier.setSecrets({});
    QVERIFY(!verifier.hasSecrets());
    QVERIFY(verifier.labels().isEmpty());
}

void TestSignature::parseSecretFile_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QStringList>("labels");
    QTest::addColumn<QByteArrayList>("keys");
    QTest::addColumn<QString>("errorPrefix"); // empty: the file must parse
    QTest::addColumn<QByteArrayList>("neverShown");

    const QString ok;
    QTest::addRow("good file with comments, blank lines and CRLF")
        << QByteArrayLiteral("# Peanuts secrets\r\n\r\nold=whsec_old\r\n   # indented comment\r\n  \t \r\n"
                             "new=whsec_new\r\n\n")
        << QStringList {QStringLiteral("old"), QStringLiteral("new")}
        << QByteArrayList {QByteArrayLiteral("whsec_old"), QByteArrayLiteral("whsec_new")} << ok << QByteArrayList();
    QTest::addRow("no final newline") << QByteArrayLiteral("main=whsec_1") << QStringList {QStringLiteral("main")}
                                      << QByteArrayList {QByteArrayLiteral("whsec_1")} << ok << QByteArrayList();
    QTest::addRow("'=' inside the secret is kept")
        << QByteArrayLiteral("b64=c2VjcmV0==\nurl=a=b&c=d\n")
        << QStringList {QStringLiteral("b64"), QStringLiteral("url")}
        << QByteArrayList {QByteArrayLiteral("c2VjcmV0=="), QByteArrayLiteral("a=b&c=d")} << ok << QByteArrayList();
    QTest::addRow("label trimmed, secret verbatim")
        << QByteArrayLiteral("  my label \t= spaced secret \r\n") << QStringList {QStringLiteral("my label")}
        << QByteArrayList {QByteArrayLiteral(" spaced secret ")} << ok << QByteArrayList();
    QTest::addRow("UTF-8 label and secret")
        << QByteArrayLiteral("d\xc3\xa9penses=pass phrase \xc3\xa9\n") << QStringList {QStringLiteral("d\u00e9penses")}
        << QByteArrayList {QByteArrayLiteral("pass phrase \xc3\xa9")} << ok << QByteArrayList();
    QTest::addRow("UTF-8 BOM before a comment")
        << QByteArrayLiteral("\xef\xbb\xbf# saved by Notepad\r\nmain=whsec_1\r\n")
        << QStringList {QStringLiteral("main")} << QByteArrayList {QByteArrayLiteral("whsec_1")} << ok
        << QByteArrayList();
    QTest::addRow("empty file") << QByteArray() << QStringList() << QByteArrayList() << ok << QByteArrayList();
    QTest::addRow("only comments") << QByteArrayLiteral("# nothing yet\n#x=y\n") << QStringList() << QByteArrayList()
                                   << ok << QByteArrayList();

    QTest::addRow("missing '=' (a bare secret)")
        << QByteArrayLiteral("# header\nmain=whsec_fine\nwhsec_pasted_alone\n") << QStringList() << QByteArrayList()
        << QStringLiteral("secrets.txt:3: ")
        << QByteArrayList {QByteArrayLiteral("whsec_pasted_alone"), QByteArrayLiteral("whsec_fine")};
    QTest::addRow("empty label") << QByteArrayLiteral("\r\n=whsec_nolabel\r\n") << QStringList() << QByteArrayList()
                                 << QStringLiteral("secrets.txt:2: ")
                                 << QByteArrayList {QByteArrayLiteral("whsec_nolabel")};
    QTest::addRow("blank label") << QByteArrayLiteral("  \t=whsec_nolabel\n") << QStringList() << QByteArrayList()
                                 << QStringLiteral("secrets.txt:1: ")
                                 << QByteArrayList {QByteArrayLiteral("whsec_nolabel")};
    QTest::addRow("empty secret") << QByteArrayLiteral("a=whsec_a\nmain=\n") << QStringList() << QByteArrayList()
                                  << QStringLiteral("secrets.txt:2: ") << QByteArrayList {QByteArrayLiteral("whsec_a")};
    QTest::addRow("empty secret before CR") << QByteArrayLiteral("main=\r\n") << QStringList() << QByteArrayList()
                                            << QStringLiteral("secrets.txt:1: ") << QByteArrayList();
    QTest::addRow("duplicate label") << QByteArrayLiteral("a=whsec_first\nb=whsec_b\n a =whsec_second\n")
                                     << QStringList() << QByteArrayList() << QStringLiteral("secrets.txt:3: ")
                                     << QByteArrayList {QByteArrayLiteral("whsec_first"),
                                            QByteArrayLiteral("whsec_second"), QByteArrayLiteral("whsec_b")};
}

void TestSignature::parseSecretFile()
{
    QFETCH(QByteArray, contents);
    QFETCH(QStringList, labels);
    QFETCH(QByteArrayList, keys);
    QFETCH(QString, errorPrefix);
    QFETCH(QByteArrayList, neverShown);

    const peanuts::SecretFileResult result = peanuts::parseSecretFile(contents, QStringLiteral("secrets.txt"));
    if (errorPrefix.isEmpty()) {
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    } else {
        QVERIFY2(result.error.startsWith(errorPrefix), qPrintable(result.error));
        QVERIFY(result.error.size() > errorPrefix.size()); // says what is wrong, not only where
    }
    QStringList gotLabels;
    QByteArrayList gotKeys;
    for (const Secret &secret : result.secrets) {
        gotLabels.append(secret.label);
        gotKeys.append(secret.key);
    }
    QCOMPARE(gotLabels, labels);
    QCOMPARE(gotKeys, keys);
    for (const QByteArray &secret : neverShown) {
        QVERIFY2(!result.error.contains(QString::fromUtf8(secret)),
            qPrintable(QStringLiteral("error text leaks a secret: ") + result.error));
    }
}

void TestSignature::loadSecretFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("peanuts-secrets.txt"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("# rotated 2026-11\nold=whsec_old\nnew=whsec_new\n");
    file.close();

    const peanuts::SecretFileResult good = peanuts::loadSecretFile(path);
    QVERIFY2(good.error.isEmpty(), qPrintable(good.error));
    QCOMPARE(good.secrets.size(), 2);
    QCOMPARE(good.secrets.at(1).label, QStringLiteral("new"));
    QCOMPARE(good.secrets.at(1).key, QByteArrayLiteral("whsec_new"));

    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("old=whsec_old\nwhsec_new\n");
    file.close();
    const peanuts::SecretFileResult bad = peanuts::loadSecretFile(path);
    QVERIFY(bad.secrets.isEmpty());
    QVERIFY2(bad.error.startsWith(QDir::toNativeSeparators(path) + QStringLiteral(":2: ")), qPrintable(bad.error));
    QVERIFY(!bad.error.contains(QStringLiteral("whsec_")));
}

void TestSignature::loadSecretFileErrors_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("says");
    QTest::addRow("missing file") << QStringLiteral("missing") << QStringLiteral("does not exist");
    QTest::addRow("directory") << QStringLiteral("directory") << QStringLiteral("is a directory");
    QTest::addRow("unreadable file") << QStringLiteral("unreadable") << QStringLiteral("cannot read");
}

void TestSignature::loadSecretFileErrors()
{
    QFETCH(QString, kind);
    QFETCH(QString, says);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString path = dir.filePath(QStringLiteral("secrets.txt"));
    if (kind == QLatin1String("directory")) {
        path = dir.path();
    } else if (kind == QLatin1String("unreadable")) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("main=whsec_hidden\n");
        file.close();
        QVERIFY(file.setPermissions(QFileDevice::WriteOwner));
        QFile probe(path);
        if (probe.open(QIODevice::ReadOnly))
            QSKIP("permissions are not enforced for this user (root?)");
    }

    const peanuts::SecretFileResult result = peanuts::loadSecretFile(path);
    QVERIFY(result.secrets.isEmpty());
    QVERIFY2(result.error.contains(QDir::toNativeSeparators(path)), qPrintable(result.error));
    QVERIFY2(result.error.contains(says), qPrintable(result.error));
    QVERIFY(!result.error.contains(QStringLiteral("whsec_hidden")));
}

void TestSignature::secretsFromEnvironment_data()
{
    QTest::addColumn<bool>("set");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArrayList>("keys");

    QTest::addRow("unset") << false << QByteArray() << QByteArrayList();
    QTest::addRow("empty") << true << QByteArray() << QByteArrayList();
    QTest::addRow("set") << true << QByteArrayLiteral("whsec_env") << QByteArrayList {QByteArrayLiteral("whsec_env")};
    QTest::addRow("UTF-8") << true << QByteArrayLiteral("pass phrase \xc3\xa9")
                           << QByteArrayList {QByteArrayLiteral("pass phrase \xc3\xa9")};
}

void TestSignature::secretsFromEnvironment()
{
    QFETCH(bool, set);
    QFETCH(QByteArray, value);
    QFETCH(QByteArrayList, keys);

    const EnvironmentGuard guard;
    if (set)
        qputenv("PEANUTS_SECRET", value);
    else
        qunsetenv("PEANUTS_SECRET");

    const QList<Secret> secrets = peanuts::secretsFromEnvironment();
    QCOMPARE(secrets.size(), keys.size());
    for (qsizetype i = 0; i < secrets.size(); ++i) {
        QCOMPARE(secrets.at(i).label, QStringLiteral("env"));
        QCOMPARE(secrets.at(i).key, keys.at(i));
    }
}

// Smoke test for the locking: run it under -fsanitize=thread as well as normally.
void TestSignature::concurrentSecretReplacement()
{
    const QByteArray body = testsupport::makeBody(QStringLiteral("entry-race"));
    const QByteArray key = QByteArrayLiteral("whsec_shared");
    const QByteArray header = testsupport::sign(key, body);
    // Both lists accept the signature, so every verify must pass whichever list it sees.
    const QList<Secret> listA {Secret {QStringLiteral("shared"), key}};
    const QList<Secret> listB {
        Secret {QStringLiteral("other"), QByteArrayLiteral("whsec_other")}, Secret {QStringLiteral("shared"), key}};

    peanuts::SignatureVerifier verifier;
    verifier.setSecrets(listA);
    std::atomic<bool> stop {false};
    std::atomic<int> replacements {0};
    std::thread writer([&] {
        for (bool flip = false; !stop.load(std::memory_order_relaxed); flip = !flip) {
            // Fresh copies, so the old list is freed while the reader may still hold a reference.
            verifier.setSecrets(
                flip ? QList<Secret>(listA.cbegin(), listA.cend()) : QList<Secret>(listB.cbegin(), listB.cend()));
            replacements.fetch_add(1, std::memory_order_relaxed);
        }
    });

    constexpr int Iterations = 100000;
    int valid = 0;
    for (int i = 0; i < Iterations; ++i) {
        const peanuts::SignatureCheck check = verifier.verify(body, header);
        if (check.verdict == SignatureVerdict::Valid && check.matchedLabel == QLatin1String("shared"))
            ++valid;
    }
    stop = true;
    writer.join();

    QCOMPARE(valid, Iterations);
    QVERIFY(replacements.load() > 0);
}

QTEST_GUILESS_MAIN(TestSignature)
#include "tst_signature.moc"
