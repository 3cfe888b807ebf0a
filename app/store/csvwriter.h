// The current entries as CSV (RFC 4180): id, helper, helper_name, created_at, amount, category,
// description, then every other key of the entries' data (the union, in order of first appearance).
#pragma once

#include "store/logstore.h"

#include <QStringList>

class QIODevice;

namespace peanuts {

// Two passes over the projection, a page at a time: the first gathers the data's keys, the second
// writes the rows. Entries created in [fromMs, toMs), by id. Returns the number of rows written, or
// -1 with *error set.
qint64 exportEntriesCsv(LogStore &store, qint64 fromMs, qint64 toMs, QIODevice &out, QString *error);

// One field as RFC 4180 wants it: quoted (quotes doubled) when it holds a comma, a quote, CR or LF.
QByteArray csvField(const QString &value);

} // namespace peanuts
