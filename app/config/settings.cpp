// Settings over an INI file kept at mode 0600.
#include "config/settings.h"

#include "store/store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <fcntl.h>
#include <unistd.h>

namespace peanuts {

namespace {
const QString kApiToken = QStringLiteral("api/token");
const QString kSecrets = QStringLiteral("secrets");
const QString kPort = QStringLiteral("receiver/port");
const QString kBind = QStringLiteral("receiver/bind");
const QString kExpenseCommands = QStringLiteral("figures/expense_commands");
const QString kTimeZone = QStringLiteral("figures/time_zone");
const QString kDurability = QStringLiteral("store/durability");
const QString kMaxBody = QStringLiteral("receiver/max_body");
const QString kDatabase = QStringLiteral("store/database");
const QString kCloseToTray = QStringLiteral("window/close_to_tray");
const QString kNotifications = QStringLiteral("window/notifications");
const QString kKeepDays = QStringLiteral("store/keep_days");
const QString kKeepDeliveries = QStringLiteral("store/keep_deliveries");
const QString kKeepRejectedDays = QStringLiteral("store/keep_rejected_days");
const QString kMaxDatabaseSize = QStringLiteral("store/max_size_mb");

QString prepareFile(const QString &path)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    // Created empty with 0600 before QSettings writes it, so a secret is never readable by others.
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
    if (fd >= 0)
        ::close(fd);
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return path;
}
} // namespace

Settings::Settings(const QString &path, QObject *parent)
    : QObject(parent)
    , m_settings(prepareFile(path), QSettings::IniFormat)
{
}

QString Settings::path() const
{
    return m_settings.fileName();
}

QSettings::Status Settings::status() const
{
    return m_settings.status();
}

void Settings::set(const QString &key, const QVariant &value)
{
    // An INI file gives values back as strings ("true", "8787"): compare in the type being set, so
    // that saving an unchanged value neither rewrites the file nor signals a change.
    QVariant current = m_settings.value(key);
    if (current.isValid() && current.convert(value.metaType()) && current == value)
        return;
    m_settings.setValue(key, value);
    Q_EMIT changed(key);
}

void Settings::sync()
{
    m_settings.sync();
    // QSettings replaces the file on save; keep the mode.
    QFile::setPermissions(m_settings.fileName(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

QByteArray Settings::apiToken()
{
    QByteArray token = m_settings.value(kApiToken).toString().toUtf8();
    if (token.isEmpty()) {
        token = newApiToken();
        set(kApiToken, QString::fromLatin1(token));
        sync();
    }
    return token;
}

QByteArray Settings::newApiToken()
{
    QByteArray raw(24, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return "pm_" + raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

void Settings::setApiToken(const QByteArray &token)
{
    set(kApiToken, QString::fromUtf8(token));
}

QList<Secret> Settings::secrets() const
{
    QList<Secret> list;
    QSettings &s = const_cast<QSettings &>(m_settings);
    s.beginGroup(kSecrets);
    const QStringList labels = s.childKeys();
    for (const QString &label : labels) {
        const QByteArray key = s.value(label).toString().toUtf8();
        if (!key.isEmpty())
            list.append(Secret {label, key});
    }
    s.endGroup();
    return list;
}

void Settings::setSecrets(const QList<Secret> &secrets)
{
    m_settings.remove(kSecrets);
    m_settings.beginGroup(kSecrets);
    for (const Secret &secret : secrets)
        m_settings.setValue(secret.label, QString::fromUtf8(secret.key));
    m_settings.endGroup();
    Q_EMIT changed(kSecrets);
}

quint16 Settings::port() const
{
    return quint16(m_settings.value(kPort, 0).toUInt());
}

void Settings::setPort(quint16 port)
{
    set(kPort, port);
}

QString Settings::bindAddress() const
{
    return m_settings.value(kBind).toString();
}

void Settings::setBindAddress(const QString &address)
{
    set(kBind, address);
}

QStringList Settings::expenseCommands() const
{
    return m_settings.value(kExpenseCommands).toStringList();
}

void Settings::setExpenseCommands(const QStringList &commands)
{
    set(kExpenseCommands, commands);
}

QString Settings::timeZone() const
{
    return m_settings.value(kTimeZone).toString();
}

void Settings::setTimeZone(const QString &zone)
{
    set(kTimeZone, zone);
}

QString Settings::durability() const
{
    return m_settings.value(kDurability).toString();
}

void Settings::setDurability(const QString &mode)
{
    set(kDurability, mode);
}

qint64 Settings::maxBodyBytes() const
{
    return m_settings.value(kMaxBody, 0).toLongLong();
}

void Settings::setMaxBodyBytes(qint64 bytes)
{
    set(kMaxBody, bytes);
}

QString Settings::databasePath() const
{
    return m_settings.value(kDatabase).toString();
}

void Settings::setDatabasePath(const QString &path)
{
    set(kDatabase, path);
}

bool Settings::closeToTray() const
{
    return m_settings.value(kCloseToTray, true).toBool();
}

void Settings::setCloseToTray(bool enabled)
{
    set(kCloseToTray, enabled);
}

bool Settings::notificationsEnabled() const
{
    return m_settings.value(kNotifications, true).toBool();
}

void Settings::setNotificationsEnabled(bool enabled)
{
    set(kNotifications, enabled);
}

int Settings::keepDays() const
{
    return m_settings.value(kKeepDays, 0).toInt();
}

void Settings::setKeepDays(int days)
{
    set(kKeepDays, days);
}

int Settings::keepRejectedDays() const
{
    return m_settings.value(kKeepRejectedDays, kDefaultKeepRejectedDays).toInt();
}

void Settings::setKeepRejectedDays(int days)
{
    set(kKeepRejectedDays, days);
}

qint64 Settings::keepDeliveries() const
{
    return m_settings.value(kKeepDeliveries, 0).toLongLong();
}

void Settings::setKeepDeliveries(qint64 count)
{
    set(kKeepDeliveries, count);
}

qint64 Settings::maxDatabaseSizeMb() const
{
    return m_settings.value(kMaxDatabaseSize, 0).toLongLong();
}

void Settings::setMaxDatabaseSizeMb(qint64 megabytes)
{
    set(kMaxDatabaseSize, megabytes);
}

} // namespace peanuts
