// Secrets in the system keychain through qtkeychain, as one entry holding a JSON object label -> secret,
// or in a 0600 file of the same shape where no keychain answers.
#include "config/secretstore.h"

#include "platform/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <sys/stat.h>
#include <unistd.h>

namespace peanuts {

namespace {

// One entry for all secrets, so that one read (and at most one keychain prompt) loads them all.
const QString kKeychainKey = QStringLiteral("secrets");

QByteArray toJson(const QList<Secret> &secrets)
{
    QJsonObject object;
    for (const Secret &s : secrets)
        object.insert(s.label, QString::fromUtf8(s.key));
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

// False when the bytes are not a JSON object; the message never quotes them (they hold secrets).
bool fromJson(const QByteArray &json, QList<Secret> *secrets, QString *problem)
{
    secrets->clear();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *problem = parseError.error != QJsonParseError::NoError
            ? QStringLiteral("%1 at offset %2").arg(parseError.errorString()).arg(parseError.offset)
            : QStringLiteral("not a JSON object");
        return false;
    }
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QByteArray key = it.value().toString().toUtf8();
        if (!it.key().isEmpty() && !key.isEmpty())
            secrets->append(Secret {it.key(), key});
    }
    return true;
}

// Replaces the keychain entry with secrets, or deletes it when there are none, so that an emptied
// list leaves nothing behind. done(error, reason) runs from the event loop when the job finishes.
void writeKeychain(const QString &service, const QList<Secret> &secrets, QObject *context,
    std::function<void(QKeychain::Error, const QString &)> done)
{
    QKeychain::Job *job = nullptr;
    if (secrets.isEmpty()) {
        job = new QKeychain::DeletePasswordJob(service, context);
    } else {
        auto *write = new QKeychain::WritePasswordJob(service, context);
        write->setTextData(QString::fromUtf8(toJson(secrets)));
        job = write;
    }
    const bool deleting = secrets.isEmpty();
    job->setAutoDelete(true);
    job->setKey(kKeychainKey);
    QObject::connect(job, &QKeychain::Job::finished, context, [done, deleting](QKeychain::Job *finished) {
        QKeychain::Error error = finished->error();
        if (deleting && error == QKeychain::EntryNotFound) // nothing to delete is what was wanted
            error = QKeychain::NoError;
        done(error, finished->errorString());
    });
    job->start();
}

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
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
    if (!enabled) {
        m_backend = Backend::File;
        m_fallbackReason.clear();
    } else if (m_backend == Backend::File && m_fallbackReason.isEmpty()) {
        m_backend = Backend::Unknown; // decided by the next load or save
    }
}

QString SecretStore::backendDescription() const
{
    switch (m_backend) {
    case Backend::Keychain:
        return QStringLiteral("the system keychain");
    case Backend::File:
        if (m_fallbackReason.isEmpty())
            return QStringLiteral("a file readable only by you: %1").arg(m_fallbackPath);
        return QStringLiteral("a file readable only by you: %1 (no system keychain available: %2)")
            .arg(m_fallbackPath, m_fallbackReason);
    case Backend::Unknown:
        break;
    }
    return QStringLiteral("the system keychain (not reached yet)");
}

bool SecretStore::fileExists() const
{
    return QFileInfo::exists(m_fallbackPath);
}

bool SecretStore::readFile(QList<Secret> *secrets, QString *error) const
{
    secrets->clear();
    QFile file(m_fallbackPath);
    if (!file.exists())
        return true;
    // A copy made or restored with a wider mode is tightened before it is read.
    const auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
        | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    if (file.permissions() & others) {
        qCWarning(lcApp).noquote() << QStringLiteral("%1 was readable by others; set to mode 0600").arg(m_fallbackPath);
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(m_fallbackPath, file.errorString());
        return false;
    }
    QString problem;
    if (!fromJson(file.readAll(), secrets, &problem)) {
        *error = QStringLiteral("%1 is not a JSON object of label: secret (%2); it was left as it is")
                     .arg(m_fallbackPath, problem);
        return false;
    }
    return true;
}

bool SecretStore::writeFile(const QList<Secret> &secrets, QString *error) const
{
    const QFileInfo info(m_fallbackPath);
    if (!QDir().mkpath(info.absolutePath())) {
        *error = QStringLiteral("cannot create the folder %1").arg(info.absolutePath());
        return false;
    }
    // Written beside the file, then renamed over it: a crash mid-write never leaves half a list.
    // The new file is created 0600 before a byte goes in, whatever the umask or an old file's mode.
    const QByteArray target = QFile::encodeName(m_fallbackPath);
    const QByteArray temporary = target + ".new";
    ::unlink(temporary.constData()); // left over from a crash; O_EXCL below refuses to reuse it
    const int fd = ::open(temporary.constData(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0) {
        *error = QStringLiteral("cannot write %1: %2").arg(m_fallbackPath, systemError(errno));
        return false;
    }
    ::fchmod(fd, 0600);
    const QByteArray json = toJson(secrets);
    qsizetype written = 0;
    int failure = 0;
    while (written < json.size()) {
        const ssize_t n = ::write(fd, json.constData() + written, size_t(json.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            failure = n < 0 ? errno : EIO;
            break;
        }
        written += n;
    }
    if (failure == 0 && ::fsync(fd) != 0)
        failure = errno;
    if (::close(fd) != 0 && failure == 0)
        failure = errno;
    if (failure == 0 && ::rename(temporary.constData(), target.constData()) != 0)
        failure = errno;
    if (failure != 0) {
        ::unlink(temporary.constData());
        *error = QStringLiteral("cannot write %1: %2").arg(m_fallbackPath, systemError(failure));
        return false;
    }
    ::chmod(target.constData(), 0600);
    return true;
}

void SecretStore::useFile(const QString &reason)
{
    if (m_backend != Backend::File && !reason.isEmpty())
        qCWarning(lcApp).noquote() << QStringLiteral("no system keychain available (%1); secrets are kept in %2, "
                                                     "readable only by you")
                                          .arg(reason, m_fallbackPath);
    m_backend = Backend::File;
    m_fallbackReason = reason;
}

void SecretStore::finishLoad(const QList<Secret> &secrets, const QString &error)
{
    m_secrets = secrets;
    // Queued, so that a caller connecting after load() still hears it and never re-enters itself.
    QTimer::singleShot(0, this, [this, secrets, error] { Q_EMIT loaded(secrets, error); });
}

void SecretStore::finishSave(const QString &error)
{
    QTimer::singleShot(0, this, [this, error] { Q_EMIT saved(error); });
}

void SecretStore::load()
{
    if (!m_keychainEnabled || m_backend == Backend::File) {
        if (!m_keychainEnabled)
            useFile(QString());
        QList<Secret> secrets;
        QString error;
        readFile(&secrets, &error);
        finishLoad(secrets, error);
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(kKeychainKey);
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *finished) {
        const auto *read = static_cast<QKeychain::ReadPasswordJob *>(finished);
        switch (read->error()) {
        case QKeychain::NoError: {
            QList<Secret> secrets;
            QString problem;
            if (fromJson(read->textData().toUtf8(), &secrets, &problem))
                adoptFile(secrets, QString());
            else
                adoptFile({},
                    QStringLiteral("the system keychain's entry for %1 is unreadable (%2)").arg(m_service, problem));
            break;
        }
        case QKeychain::EntryNotFound: // the keychain works and holds nothing yet
            adoptFile({}, QString());
            break;
        default: {
            useFile(read->errorString());
            QList<Secret> secrets;
            QString error;
            readFile(&secrets, &error);
            finishLoad(secrets, error);
            break;
        }
        }
    });
    job->start();
}

void SecretStore::adoptFile(const QList<Secret> &fromKeychain, const QString &keychainError)
{
    m_backend = Backend::Keychain;
    if (!fileExists()) {
        finishLoad(fromKeychain, keychainError);
        return;
    }
    // The file is only written while the keychain is unreachable, and removed once the keychain
    // takes its contents, so a file still here is newer than the keychain: it replaces the entry
    // whole (a secret removed during the fallback must not come back from the keychain).
    QList<Secret> fromFile;
    QString fileError;
    if (!readFile(&fromFile, &fileError)) {
        qCWarning(lcApp).noquote() << fileError;
        finishLoad(fromKeychain, keychainError.isEmpty() ? fileError : keychainError);
        return;
    }
    writeKeychain(m_service, fromFile, this, [this, fromFile](QKeychain::Error error, const QString &reason) {
        if (error == QKeychain::NoError) {
            QFile::remove(m_fallbackPath);
            qCInfo(lcApp).noquote() << QStringLiteral("moved %1 secret(s) from %2 into the system keychain")
                                           .arg(fromFile.size())
                                           .arg(m_fallbackPath);
        } else {
            // Readable but not writable (a keychain that cannot create its collection without a
            // prompt, for one): keep using the file.
            useFile(reason);
        }
        finishLoad(fromFile, QString());
    });
}

void SecretStore::save(const QList<Secret> &secrets)
{
    m_secrets = secrets;
    if (!m_keychainEnabled || m_backend == Backend::File) {
        if (!m_keychainEnabled)
            useFile(QString());
        QString error;
        writeFile(secrets, &error);
        finishSave(error);
        return;
    }
    writeKeychain(m_service, secrets, this, [this, secrets](QKeychain::Error error, const QString &reason) {
        QString failure;
        if (error == QKeychain::NoError) {
            m_backend = Backend::Keychain;
            // An older fallback copy would otherwise win over the keychain at the next load.
            if (fileExists() && !QFile::remove(m_fallbackPath))
                failure = QStringLiteral("saved in the system keychain, but cannot remove the old copy %1")
                              .arg(m_fallbackPath);
        } else {
            // The keychain stopped answering: keep the secrets in the file rather than lose them.
            useFile(reason);
            writeFile(secrets, &failure);
        }
        finishSave(failure);
    });
}

} // namespace peanuts
