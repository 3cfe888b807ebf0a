// Loading the listener's certificate and key, and the refusal of plain HTTP beyond loopback.
#include "http/listenersecurity.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace peanuts {

namespace {

// The strings' translation context; a class, so that lupdate files them under it.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(ListenerSecurity)
};

// A key file with a passphrase is refused rather than asked for: the receiver may run with no terminal.
int noPassphrase(char *, int, int, void *)
{
    return -1;
}

// Qt has no way to tell whether a private key belongs to a certificate; OpenSSL, which serves the
// handshake, has. Reads the first certificate and the key again from the same bytes.
bool keyBelongsToCertificate(const QByteArray &certPem, const QByteArray &keyPem)
{
    BIO *certBio = BIO_new_mem_buf(certPem.constData(), int(certPem.size()));
    BIO *keyBio = BIO_new_mem_buf(keyPem.constData(), int(keyPem.size()));
    X509 *certificate = certBio ? PEM_read_bio_X509(certBio, nullptr, noPassphrase, nullptr) : nullptr;
    EVP_PKEY *key = keyBio ? PEM_read_bio_PrivateKey(keyBio, nullptr, noPassphrase, nullptr) : nullptr;
    const bool matches = certificate && key && X509_check_private_key(certificate, key) == 1;
    EVP_PKEY_free(key);
    X509_free(certificate);
    BIO_free(keyBio);
    BIO_free(certBio);
    ERR_clear_error(); // a mismatch leaves its reason on this thread's queue, where a handshake would find it
    return matches;
}

bool readFile(const QString &path, QByteArray *bytes, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return false;
    }
    *bytes = file.readAll();
    return true;
}

} // namespace

std::optional<QSslConfiguration> loadServerTls(const QString &certPath, const QString &keyPath, QString *error)
{
    error->clear();
    if (certPath.isEmpty() && keyPath.isEmpty())
        return std::nullopt;
    if (certPath.isEmpty() || keyPath.isEmpty()) {
        *error = certPath.isEmpty()
            ? Text::tr("TLS needs a certificate as well as the key %1 (--tls-cert, or the setting).").arg(keyPath)
            : Text::tr("TLS needs a key as well as the certificate %1 (--tls-key, or the setting).").arg(certPath);
        return std::nullopt;
    }
    if (!QSslSocket::supportsSsl()) {
        *error = Text::tr("TLS is not available: Qt found no TLS backend (OpenSSL) on this system.");
        return std::nullopt;
    }
    QByteArray certPem, keyPem;
    QString reason;
    if (!readFile(certPath, &certPem, &reason)) {
        *error = Text::tr("cannot read the TLS certificate %1: %2").arg(certPath, reason);
        return std::nullopt;
    }
    if (!readFile(keyPath, &keyPem, &reason)) {
        *error = Text::tr("cannot read the TLS key %1: %2").arg(keyPath, reason);
        return std::nullopt;
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem, QSsl::Pem);
    if (chain.isEmpty() || chain.constFirst().isNull()) {
        *error = Text::tr("the TLS certificate %1 holds no PEM certificate").arg(certPath);
        return std::nullopt;
    }
    QSslKey key;
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        key = QSslKey(keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            break;
    }
    if (key.isNull()) {
        *error
            = Text::tr("the TLS key %1 holds no PEM private key (RSA, EC or DSA, without a passphrase)").arg(keyPath);
        return std::nullopt;
    }
    if (!keyBelongsToCertificate(certPem, keyPem)) {
        *error = Text::tr("the TLS key %1 does not belong to the certificate %2").arg(keyPath, certPath);
        return std::nullopt;
    }
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificateChain(chain);
    config.setPrivateKey(key);
    config.setPeerVerifyMode(QSslSocket::VerifyNone); // senders are known by their signatures, not certificates
    config.setProtocol(QSsl::TlsV1_2OrLater);
    return config;
}

QString plainListenerRefusal(const QHostAddress &address, const ListenerSecurity &security)
{
    if (security.tls || security.plainAllowed || address.isLoopback())
        return QString();
    return Text::tr("refusing to listen on %1 with plain HTTP: beyond this computer, deliveries and the API token "
                    "would cross the network unencrypted. Give a certificate and key (--tls-cert and --tls-key, or "
                    "the receiver's settings), or allow plain HTTP (--allow-plain-http, or the setting) when a proxy "
                    "in front of the receiver encrypts it.")
        .arg(address.toString());
}

} // namespace peanuts
