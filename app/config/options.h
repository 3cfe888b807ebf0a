// Everything a run is configured with, from the command line over settings over defaults.
#pragma once

#include "config/pipelineoptions.h"
#include "figures/figures.h"
#include "http/customresponses.h"
#include "http/httplimits.h"
#include "store/store.h"
#include "stream/deliverystream.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace peanuts {

constexpr quint16 kDefaultPort = 8787;
constexpr int kMaxKeepDays = 36'500;
constexpr qint64 kMaxKeepDeliveries = 1'000'000'000;
constexpr int kMaxDatabaseSizeMb = 1 << 30; // --max-db-size, in MB

struct Options
{
    bool headless = false;
    bool check = false; // check the database and exit, instead of receiving
    QHostAddress bindAddress = QHostAddress::LocalHost;
    quint16 port = kDefaultPort; // 0: any free port
    QString dbPath; // a SQLite file, or a team database's postgresql:// URL; empty: the default under AppDataLocation
    bool viewer = false; // --viewer: a window on a team database that receives nothing
    QString settingsPath; // empty: the default under AppConfigLocation
    QString secretFile;
    // TLS on the listener: PEM certificate and key (--tls-cert, --tls-key, or settings); both empty: none.
    QString tlsCert;
    QString tlsKey;
    // Plain HTTP beyond loopback: --allow-plain-http, or receiver/allow_plain_http.
    bool allowPlainHttp = false;
    // A settings file from before the rule saved an address beyond loopback: allowed, with a warning
    // (applySettings says how such a file is told).
    bool plainHttpFromOldSettings = false;
    HttpLimits limits;
    int futureSkewSeconds = 300;
    int rejectedRowsPerMinute = 60;
    Durability durability = Durability::Normal;
    FiguresConfig figures;
    // Keep every accepted delivery unless --keep-days or --keep-deliveries say otherwise; rejected
    // ones for a week unless --keep-rejected-days says otherwise.
    RetentionPolicy retention {0, 0, kDefaultKeepRejectedDays};
    QString portFile; // when set, the bound port is written there (for scripts and tests on port 0)
    qint64 maxDbSizeBytes = 0; // --max-db-size: the database's size limit; 0: none
    bool moveCorruptAside = false; // --move-corrupt-aside: rename an unusable database file and start afresh
    PipelineOptions pipeline;
    // The headless stream on standard output: --stream, --no-stream, or chosen (a terminal, not systemd).
    StreamSetting stream = StreamSetting::Auto;
    bool printJson = false; // --print-json: the stream shows each verified body as one JSON line
    // What verified deliveries are answered: --respond (repeated, first match wins), else the settings'.
    CustomResponses responses;
    QString storeVfs; // for tests only (no command line option): the SQLite VFS the store opens with
    // Which options the command line set, so that settings fill in only the others.
    QStringList explicitlySet;
};

struct CommandLine
{
    Options options;
    bool exit = false; // --help or --version was handled, or an error
    int exitCode = 0;
    QString output; // text to print before exiting (help, version, or the error)
};

CommandLine parseCommandLine(const QStringList &arguments);

class Settings;
// Fills what the command line left unset from the settings, where they hold a value.
void applySettings(Options &options, const Settings &settings);

constexpr qint64 kBytesPerMb = 1024 * 1024;

QString defaultDatabasePath();
QString defaultSettingsPath();

} // namespace peanuts
