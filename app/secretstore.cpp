// Secrets in the system keychain through qtkeychain, or in a 0600 file where no keychain answers.
#include "secretstore.h"

#include "logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <fcntl.h>
#include <unistd.h>

namespace peanuts {

namespace {

const QString kKeychainKey = QStringLiteral("secrets");

QByteArray toJson(const QList<Secret> &secrets)
{
    QJsonObject object;
    for (const Secret &s : secrets)
        object.insert(s.label, QString::fromUtf8(s.key));
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QList<Secret> fromJson(const QByteArray &json)
{
    QList<Secret> secrets;
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QByteArray key = it.value().toString().toUtf8();
        if (!key.isEmpty())
            secrets.append(Secret {it.key(), key});
    }
    return secrets;
}

} // namespace

SecretStore::SecretStore(const QString &service, const QString &fallbackPath, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_fallbackPath(fallbackPath)
{
    qRegisterMetaType<QList<peanuts::Secret>>();
}

void SecretStore::setKeychainEnabled(bool enabled)
{
    m_keychainEnabled = enabled;
}

QString SecretStore::backendDescription() const
{
    switch (m_backend) {
    case Backend::Keychain:
        return QStringLiteral("the system keychain");
    case Backend::File:
        return QStringLiteral("a file readable only by you: %1%2")
            .arg(m_fallbackPath,
                m_fallbackReason.isEmpty() ? QString()
                                           : QStringLiteral(" (no system keychain: %1)").arg(m_fallbackReason));
    case Backend::Unknown:
        break;
    }
    return QStringLiteral("not loaded yet");
}

bool SecretStore::readFile(QList<Secret> *secrets, QString *error) const
{
    QFile file(m_fallbackPath);
    if (!file.exists()) {
        secrets->clear();
        return true;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(m_fallbackPath, file.errorString());
        return false;
    }
    *secrets = fromJson(file.readAll());
    return true;
}

bool SecretStore::writeFile(const QList<Secret> &secrets, QString *error) const
{
    QDir().mkpath(QFileInfo(m_fallbackPath).absolutePath());
    // Created 0600 before anything is written into it.
    const QByteArray native = QFile::encodeName(m_fallbackPath);
    const int fd = ::open(native.constData(), O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        *error = QStringLiteral("cannot write %1").arg(m_fallbackPath);
        return false;
    }
    const QByteArray json = toJson(secrets);
    const bool ok = ::write(fd, json.constData(), size_t(json.size())) == json.size() && ::fsync(fd) == 0;
    ::close(fd);
    QFile::setPermissions(m_fallbackPath, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!ok)
        *error = QStringLiteral("cannot write %1").arg(m_fallbackPath);
    return ok;
}

void SecretStore::useFile(const QString &reason)
{
    if (m_backend != Backend::File && !reason.isEmpty())
        qCWarning(lcApp).noquote()
            << QStringLiteral("no system keychain (%1); secrets are kept in %2").arg(reason, m_fallbackPath);
    m_backend = Backend::File;
    m_fallbackReason = reason;
}

void SecretStore::load()
{
    auto finish = [this](const QList<Secret> &secrets, const QString &error) {
        m_secrets = secrets;
        // Always from the event loop, never inside load() itself.
        QTimer::singleShot(0, this, [this, secrets, error] { Q_EMIT loaded(secrets, error); });
    };
    if (!m_keychainEnabled || m_backend == Backend::File) {
        useFile(m_keychainEnabled ? m_fallbackReason : QString());
        QList<Secret> secrets;
        QString error;
        readFile(&secrets, &error);
        finish(secrets, error);
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(kKeychainKey);
    connect(job, &QKeychain::Job::finished, this, [this, job, finish](QKeychain::Job *) {
        QList<Secret> secrets;
        QString error;
        if (job->error() == QKeychain::NoError) {
            m_backend = Backend::Keychain;
            secrets = fromJson(job->textData().toUtf8());
        } else if (job->error() == QKeychain::EntryNotFound) {
            // The keychain works and is empty: move secrets kept in the file before into it.
            m_backend = Backend::Keychain;
            if (readFile(&secrets, &error) && !secrets.isEmpty()) {
                save(secrets);
                QFile::remove(m_fallbackPath);
            }
        } else {
            useFile(job->errorString());
            readFile(&secrets, &error);
        }
        finish(secrets, error);
    });
    job->start();
}

void SecretStore::save(const QList<Secret> &secrets)
{
    m_secrets = secrets;
    auto done = [this](const QString &error) { QTimer::singleShot(0, this, [this, error] { Q_EMIT saved(error); }); };
    if (!m_keychainEnabled || m_backend != Backend::Keychain) {
        useFile(m_keychainEnabled ? m_fallbackReason : QString());
        QString error;
        writeFile(secrets, &error);
        done(error);
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(kKeychainKey);
    job->setTextData(QString::fromUtf8(toJson(secrets)));
    connect(job, &QKeychain::Job::finished, this, [this, job, secrets, done](QKeychain::Job *) {
        QString error;
        if (job->error() != QKeychain::NoError) {
            // The keychain stopped answering: keep the secrets in the file rather than lose them.
            useFile(job->errorString());
            writeFile(secrets, &error);
        }
        done(error);
    });
    job->start();
}

} // namespace peanuts
