// The one settings class over QSettings: the API token, the secrets, and a table of plain keys.
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

    // Every plain setting, by key: its name in the file and its default are in one table (settings.cpp).
    enum class Key {
        Port, // receiver/port: 0 when unset (the command line and the defaults decide then)
        BindAddress, // receiver/bind
        ExpenseCommands, // figures/expense_commands
        TimeZone, // figures/time_zone
        Durability, // store/durability
        MaxBodyBytes, // receiver/max_body: 0 when unset
        DatabasePath, // store/database
        CloseToTray, // window/close_to_tray: default true
        Notifications, // window/notifications: default true
        KeepDays, // store/keep_days: 0 (or unset) keeps everything
        KeepDeliveries, // store/keep_deliveries: 0 keeps everything
        KeepRejectedDays, // store/keep_rejected_days: default kDefaultKeepRejectedDays; 0 keeps them
        MaxDatabaseSizeMb, // store/max_size_mb: 0, no limit
        RulesPath, // pipeline/rules: the rules file; empty: rules.json beside the settings
        ForwardTargets, // pipeline/forwards: JSON array of targets (pipelineoptions.cpp)
        RetryAttempts, // pipeline/retry_attempts
        RetryBaseDelayMs, // pipeline/retry_base_ms
        RetryTimeoutMs, // pipeline/retry_timeout_ms
        AllowPrivateAlertUrls, // pipeline/allow_private_alert_urls: default false
        RejectAlertPerMinute, // pipeline/reject_alert_per_minute: rejected deliveries in a minute that raise an alert
        CustomResponses, // responses/rules: JSON array of custom responses (http/customresponses.h)
        CustomResponsesOn, // responses/enabled: default false
        TlsCert, // receiver/tls_cert: PEM certificate (chain) the listener serves TLS with; empty: none
        TlsKey, // receiver/tls_key: its PEM private key
        AllowPlainHttp, // receiver/allow_plain_http: plain HTTP beyond loopback; absent in files older than TLS
        ViewerMayChange, // team/viewer_may_change: a viewer may delete and redact; default false
        Viewer, // team/viewer: watch the team database (store/database) without receiving; default false
        Count
    };
    static QString keyName(Key key);
    static QVariant defaultValue(Key key);
    // The stored value, or the key's default when unset.
    QVariant value(Key key) const;
    // Whether the file holds the key at all (an absent key can tell an older file).
    bool contains(Key key) const;
    // Writes (and signals changed(keyName(key))) only when the value differs from the stored one.
    void setValue(Key key, const QVariant &value);

    // Typed accessors over the table, for the callers' convenience.
    quint16 port() const { return quint16(value(Key::Port).toUInt()); }
    void setPort(quint16 port) { setValue(Key::Port, port); }
    QString bindAddress() const { return value(Key::BindAddress).toString(); }
    void setBindAddress(const QString &address) { setValue(Key::BindAddress, address); }
    QStringList expenseCommands() const { return value(Key::ExpenseCommands).toStringList(); }
    void setExpenseCommands(const QStringList &commands) { setValue(Key::ExpenseCommands, commands); }
    QString timeZone() const { return value(Key::TimeZone).toString(); }
    void setTimeZone(const QString &zone) { setValue(Key::TimeZone, zone); }
    QString durability() const { return value(Key::Durability).toString(); }
    void setDurability(const QString &mode) { setValue(Key::Durability, mode); }
    qint64 maxBodyBytes() const { return value(Key::MaxBodyBytes).toLongLong(); }
    void setMaxBodyBytes(qint64 bytes) { setValue(Key::MaxBodyBytes, bytes); }
    QString databasePath() const { return value(Key::DatabasePath).toString(); }
    void setDatabasePath(const QString &path) { setValue(Key::DatabasePath, path); }
    bool closeToTray() const { return value(Key::CloseToTray).toBool(); }
    void setCloseToTray(bool enabled) { setValue(Key::CloseToTray, enabled); }
    bool notificationsEnabled() const { return value(Key::Notifications).toBool(); }
    void setNotificationsEnabled(bool enabled) { setValue(Key::Notifications, enabled); }
    int keepDays() const { return value(Key::KeepDays).toInt(); }
    void setKeepDays(int days) { setValue(Key::KeepDays, days); }
    qint64 keepDeliveries() const { return value(Key::KeepDeliveries).toLongLong(); }
    void setKeepDeliveries(qint64 count) { setValue(Key::KeepDeliveries, count); }
    int keepRejectedDays() const { return value(Key::KeepRejectedDays).toInt(); }
    void setKeepRejectedDays(int days) { setValue(Key::KeepRejectedDays, days); }
    QString tlsCert() const { return value(Key::TlsCert).toString(); }
    QString tlsKey() const { return value(Key::TlsKey).toString(); }
    qint64 maxDatabaseSizeMb() const { return value(Key::MaxDatabaseSizeMb).toLongLong(); }
    void setMaxDatabaseSizeMb(qint64 megabytes) { setValue(Key::MaxDatabaseSizeMb, megabytes); }

    void sync();

Q_SIGNALS:
    void changed(const QString &key);

private:
    void set(const QString &key, const QVariant &value);
    QSettings m_settings;
};

} // namespace peanuts
