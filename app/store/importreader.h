// Reading exports back (JSON lines, or HAR written by this program) into deliveries an import writes
// (IngestStore::importDeliveries). Every record of every file is read and checked before anything is
// written, so that a bad file is refused whole, with the file, line or entry and the reason.
#pragma once

#include "ingest/delivery.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <optional>
#include <vector>

namespace peanuts {

// One export record (a JSON line's object, or a HAR entry's "_peanuts" with its request) as the
// delivery it describes, marked imported. nullopt with *error set when it is not one.
std::optional<Delivery> deliveryFromRecord(const QJsonObject &record, QString *error);

// A HAR entry written by exportHar() as its JSON line record; nullopt with *error set when the entry
// has no "_peanuts" record (a HAR from another tool does not say what was decided).
std::optional<QJsonObject> recordFromHarEntry(const QJsonObject &entry, QString *error);

class ImportReader
{
    Q_DECLARE_TR_FUNCTIONS(ImportReader)

public:
    // Reads and checks every record of the files, and orders them by received time (then by their id
    // in the export), so that a newest-first export is written oldest first. A JSON lines file keeps
    // only its offsets in memory here; a HAR file is held parsed until the reader goes.
    bool open(const QStringList &paths, QString *error);
    qint64 count() const { return qint64(m_records.size()); }
    qint64 position() const { return m_next; }
    bool atEnd() const { return m_next >= count(); }
    // The next up to n deliveries in that order; nullopt with *error set when a file changed meanwhile.
    std::optional<QList<Delivery>> next(int n, QString *error);

private:
    struct Ref
    {
        qint64 receivedMs = 0;
        qint64 exportedId = 0;
        int file = 0;
        qint64 offset = 0; // JSON lines: the line's start; HAR: the entry's index
        qint64 length = 0;
    };
    struct Source
    {
        QString path;
        bool har = false;
        QJsonArray entries; // HAR only
    };
    bool readJsonLines(int file, QString *error);
    bool readHar(int file, const QByteArray &bytes, QString *error);
    bool add(int file, qint64 offset, qint64 length, const QJsonObject &record, const QString &where, QString *error);

    QList<Source> m_sources;
    std::vector<Ref> m_records;
    qint64 m_next = 0;
};

} // namespace peanuts
