// Settings: the key table (names in the file, defaults), change signals, and files written before it.
#include "config/settings.h"
#include "store/store.h"

#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace peanuts;

class SettingsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultsWhenUnset()
    {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("settings.ini")));
        QCOMPARE(settings.port(), quint16(0));
        QCOMPARE(settings.bindAddress(), QString());
        QCOMPARE(settings.expenseCommands(), QStringList());
        QCOMPARE(settings.maxBodyBytes(), qint64(0));
        QCOMPARE(settings.closeToTray(), true);
        QCOMPARE(settings.notificationsEnabled(), true);
        QCOMPARE(settings.keepDays(), 0);
        QCOMPARE(settings.keepRejectedDays(), kDefaultKeepRejectedDays);
        QCOMPARE(settings.maxDatabaseSizeMb(), qint64(0));
        for (int k = 0; k < int(Settings::Key::Count); ++k)
            QCOMPARE(settings.value(Settings::Key(k)), Settings::defaultValue(Settings::Key(k)));
    }

    void namesAreUniqueAndUsedInTheFile()
    {
        QSet<QString> names;
        for (int k = 0; k < int(Settings::Key::Count); ++k) {
            const QString name = Settings::keyName(Settings::Key(k));
            QVERIFY2(name.contains(u'/'), qPrintable(name));
            QVERIFY2(!names.contains(name), qPrintable(name));
            names.insert(name);
        }
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("settings.ini"));
        {
            Settings settings(path);
            settings.setPort(8787);
            settings.setExpenseCommands({QStringLiteral("/expenses"), QStringLiteral("/spend")});
            settings.setCloseToTray(false);
            settings.setKeepRejectedDays(0);
            settings.sync();
        }
        QSettings raw(path, QSettings::IniFormat);
        QCOMPARE(raw.value(Settings::keyName(Settings::Key::Port)).toInt(), 8787);
        QCOMPARE(raw.value(QStringLiteral("receiver/port")).toInt(), 8787);
        QCOMPARE(raw.value(QStringLiteral("figures/expense_commands")).toStringList(),
            QStringList({QStringLiteral("/expenses"), QStringLiteral("/spend")}));
        QCOMPARE(raw.value(QStringLiteral("window/close_to_tray")).toBool(), false);
        QCOMPARE(raw.value(QStringLiteral("store/keep_rejected_days")).toInt(), 0);
    }

    void filesWrittenEarlierReadBack()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("settings.ini"));
        {
            QSettings raw(path, QSettings::IniFormat);
            raw.setValue(QStringLiteral("receiver/bind"), QStringLiteral("0.0.0.0"));
            raw.setValue(QStringLiteral("receiver/max_body"), QStringLiteral("2097152"));
            raw.setValue(QStringLiteral("store/keep_deliveries"), 5000);
            raw.setValue(QStringLiteral("window/notifications"), QStringLiteral("false"));
            raw.setValue(QStringLiteral("figures/time_zone"), QStringLiteral("Europe/Paris"));
        }
        Settings settings(path);
        QCOMPARE(settings.bindAddress(), QStringLiteral("0.0.0.0"));
        QCOMPARE(settings.maxBodyBytes(), qint64(2097152));
        QCOMPARE(settings.keepDeliveries(), qint64(5000));
        QCOMPARE(settings.notificationsEnabled(), false);
        QCOMPARE(settings.timeZone(), QStringLiteral("Europe/Paris"));
    }

    void changedOnlyWhenTheValueChanges()
    {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("settings.ini")));
        QSignalSpy changed(&settings, &Settings::changed);
        settings.setKeepDays(30);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toString(), QStringLiteral("store/keep_days"));
        settings.setValue(Settings::Key::KeepDays, 30);
        QCOMPARE(changed.size(), 1);
        settings.setValue(Settings::Key::KeepDays, 31);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(settings.keepDays(), 31);
    }
};

QTEST_GUILESS_MAIN(SettingsTest)
#include "tst_settings.moc"
