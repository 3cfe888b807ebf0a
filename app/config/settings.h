// The one settings class: every key lives here, behind typed getters and setters over QSettings.
#pragma once

#include "ingest/signature.h"

#include <QObject>
#include <QSettings>
#include <QStringList>

namespace peanuts {

class Settings : public QObject
{
    Q_OBJECT
public:
    // The file is created readable by the user alone: it can hold secrets and the API token.
    explicit Settings(const QString &path, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(Settings)

    QString path() const;
    QSettings::Status status() const;

    // The API token for the read endpoints; generated and saved on first use.
    QByteArray apiToken();
    void setApiToken(const QByteArray &token);
    // A fresh random token ("pm_" and 32 URL-safe characters), for first use and for regenerating.
    static QByteArray newApiToken();

    QList<Secret> secrets() const;
    void setSecrets(const QList<Secret> &secrets);

    // Unset values come back empty or 0: the command line and the defaults decide then.
    quint16 port() const;
    void setPort(quint16 port);
    QString bindAddress() const;
    void setBindAddress(const QString &address);
    QStringList expenseCommands() const;
    void setExpenseCommands(const QStringList &commands);
    QString timeZone() const;
    void setTimeZone(const QString &zone);
    QString durability() const;
    void setDurability(const QString &mode);
    qint64 maxBodyBytes() const; // 0: unset
    void setMaxBodyBytes(qint64 bytes);
    QString databasePath() const;
    void setDatabasePath(const QString &path);
    bool closeToTray() const; // default true
    void setCloseToTray(bool enabled);
    bool notificationsEnabled() const; // default true
    void setNotificationsEnabled(bool enabled);
    // Retention: 0 (or unset) keeps everything.
    int keepDays() const;
    void setKeepDays(int days);
    qint64 keepDeliveries() const;
    void setKeepDeliveries(qint64 count);
    int keepRejectedDays() const; // default 7 (kDefaultKeepRejectedDays); 0 keeps them
    void setKeepRejectedDays(int days);
    qint64 maxDatabaseSizeMb() const; // 0: no limit
    void setMaxDatabaseSizeMb(qint64 megabytes);

    void sync();

Q_SIGNALS:
    void changed(const QString &key);

private:
    void set(const QString &key, const QVariant &value);
    QSettings m_settings;
};

} // namespace peanuts
