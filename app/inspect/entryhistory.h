// An entry's stored deliveries as versions, each compared with the one before it.
#pragma once

#include "ingest/delivery.h"
#include "json/jsondiff.h"

#include <QList>
#include <QString>

namespace peanuts {

// One version of an entry, with what changed in entry.data since the previous one.
struct HistoryVersion
{
    qint64 id = 0;
    qint64 receivedMs = 0;
    QString event;
    Outcome outcome = Outcome::Accepted;
    int status = 0;
    qint64 timestampMs = 0;
    bool hasTimestamp = false;
    QString summary;
    QList<JsonChange> changes;
};

// The history of an entry from its deliveries, oldest first: the first version with data lists all of
// it as added; a body with the same bytes as an earlier one, a redacted body and a body without
// entry.data are listed with a summary but compared with nothing.
QList<HistoryVersion> entryHistoryVersions(const QList<Delivery> &deliveries);

// entry.data of a parsed body, or nullptr.
const JsonNode *entryDataOf(const JsonTree *tree);

} // namespace peanuts
