// Where the window keeps secrets: the system keychain (qtkeychain), or, where there is none (no
// Secret Service, headless, no D-Bus), a file readable by the user alone. qtkeychain 0.13 fails
// asynchronously there, so the fallback is decided by the first failed call, and said plainly.
#pragma once

#include "ingest/signature.h"

#include <QObject>

namespace peanuts {

class SecretStore : public QObject
{
    Q_OBJECT
public:
    enum class Backend { Unknown, Keychain, File };
    Q_ENUM(Backend)

    // fallbackPath: the 0600 file used when the keychain is unavailable.
    SecretStore(const QString &service, const QString &fallbackPath, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(SecretStore)

    // Loads asynchronously; emits loaded() once (also on failure, with an error).
    void load();
    void save(const QList<Secret> &secrets);
    void setKeychainEnabled(bool enabled); // tests and headless runs use the file only

    Backend backend() const { return m_backend; }
    // "the system keychain", or "a file readable only by you: PATH (no system keychain available: WHY)".
    QString backendDescription() const;
    QList<Secret> secrets() const { return m_secrets; }

Q_SIGNALS:
    void loaded(const QList<peanuts::Secret> &secrets, const QString &error);
    void saved(const QString &error);

private:
    // The fallback file: a JSON object label -> secret, the same shape as the keychain entry.
    bool fileExists() const;
    bool readFile(QList<Secret> *secrets, QString *error) const;
    bool writeFile(const QList<Secret> &secrets, QString *error) const;
    void useFile(const QString &reason);
    void finishLoad(const QList<Secret> &secrets, const QString &error);
    void finishSave(const QString &error);
    // After a keychain read: the fallback file, when there is one, is the newer copy.
    void adoptFile(const QList<Secret> &fromKeychain, const QString &keychainError);

    QString m_service;
    QString m_fallbackPath;
    QString m_fallbackReason; // why the keychain is not used; empty when it was turned off
    Backend m_backend = Backend::Unknown;
    bool m_keychainEnabled = true;
    QList<Secret> m_secrets;
};

} // namespace peanuts

Q_DECLARE_METATYPE(peanuts::Secret)
