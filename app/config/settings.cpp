// Settings over an INI file kept at mode 0600.
#include "config/settings.h"

#include "config/pipelineoptions.h"
#include "store/store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <array>

#include <fcntl.h>
#include <unistd.h>

namespace peanuts {

namespace {
const QString kApiToken = QStringLiteral("api/token");
const QString kSecrets = QStringLiteral("secrets");

struct KeySpec
{
    Settings::Key key;
    const char *name;
    QVariant fallback;
};

// The plain settings: name in the file and value when unset. In Settings::Key's order.
const std::array<KeySpec, size_t(Settings::Key::Count)> &keyTable()
{
    using K = Settings::Key;
    static const std::array<KeySpec, size_t(K::Count)> table {{
        {K::Port, "receiver/port", 0},
        {K::BindAddress, "receiver/bind", QString()},
        {K::ExpenseCommands, "figures/expense_commands", QStringList()},
        {K::TimeZone, "figures/time_zone", QString()},
        {K::Durability, "store/durability", QString()},
        {K::MaxBodyBytes, "receiver/max_body", qint64(0)},
        {K::DatabasePath, "store/database", QString()},
        {K::CloseToTray, "window/close_to_tray", true},
        {K::Notifications, "window/notifications", true},
        {K::KeepDays, "store/keep_days", 0},
        {K::KeepDeliveries, "store/keep_deliveries", qint64(0)},
        {K::KeepRejectedDays, "store/keep_rejected_days", kDefaultKeepRejectedDays},
        {K::MaxDatabaseSizeMb, "store/max_size_mb", qint64(0)},
        {K::RulesPath, "pipeline/rules", QString()},
        {K::ForwardTargets, "pipeline/forwards", QString()},
        {K::RetryAttempts, "pipeline/retry_attempts", RetryPolicy().maxAttempts},
        {K::RetryBaseDelayMs, "pipeline/retry_base_ms", RetryPolicy().baseDelayMs},
        {K::RetryTimeoutMs, "pipeline/retry_timeout_ms", RetryPolicy().timeoutMs},
        {K::AllowPrivateAlertUrls, "pipeline/allow_private_alert_urls", false},
        {K::RejectAlertPerMinute, "pipeline/reject_alert_per_minute", kDefaultRejectAlertPerMinute},
        {K::CustomResponses, "responses/rules", QString()},
        {K::CustomResponsesOn, "responses/enabled", false},
        {K::TlsCert, "receiver/tls_cert", QString()},
        {K::TlsKey, "receiver/tls_key", QString()},
        {K::AllowPlainHttp, "receiver/allow_plain_http", false},
        {K::ViewerMayChange, "team/viewer_may_change", false},
        {K::Viewer, "team/viewer", false},
    }};
    return table;
}

const KeySpec &specOf(Settings::Key key)
{
    const KeySpec &spec = keyTable().at(size_t(key));
    Q_ASSERT(spec.key == key);
    return spec;
}

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

QString Settings::keyName(Key key)
{
    return QString::fromLatin1(specOf(key).name);
}

QVariant Settings::defaultValue(Key key)
{
    return specOf(key).fallback;
}

QVariant Settings::value(Key key) const
{
    const KeySpec &spec = specOf(key);
    return m_settings.value(QString::fromLatin1(spec.name), spec.fallback);
}

bool Settings::contains(Key key) const
{
    return m_settings.contains(keyName(key));
}

void Settings::setValue(Key key, const QVariant &value)
{
    set(keyName(key), value);
}

} // namespace peanuts
