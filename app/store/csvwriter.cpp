// CSV export of the current entries: exact amounts (cents as decimal text), data values as written.
#include "store/csvwriter.h"

#include "ingest/money.h"
#include "json/jsontree.h"

#include <QDateTime>
#include <QHash>
#include <QIODevice>
#include <QSet>
#include <QTimeZone>

namespace peanuts {

namespace {

constexpr int kPage = 500;

// The columns every row has; a data key among the first four is written as "data.<key>".
const QStringList &fixedColumns()
{
    static const QStringList columns {QStringLiteral("id"), QStringLiteral("helper"), QStringLiteral("helper_name"),
        QStringLiteral("created_at"), QStringLiteral("amount"), QStringLiteral("category"),
        QStringLiteral("description")};
    return columns;
}

bool isFromData(const QString &key)
{
    return key == QLatin1String("amount") || key == QLatin1String("category") || key == QLatin1String("description");
}

// A data value as text: strings decoded, numbers and true/false as written, null empty, objects and
// arrays as their JSON.
QString valueText(const JsonTree &tree, const JsonNode &node)
{
    switch (node.kind) {
    case JsonNode::Kind::Null:
        return QString();
    case JsonNode::Kind::Object:
    case JsonNode::Kind::Array:
        return QString::fromUtf8(tree.bytesOf(&node));
    default:
        return node.value;
    }
}

// The top-level members of entry.data, the last of a repeated name winning.
QHash<QString, QString> dataFields(const QByteArray &data, QStringList *order)
{
    QHash<QString, QString> fields;
    if (data.isEmpty())
        return fields;
    const JsonParse parsed = parseJsonTree(data);
    if (!parsed.tree || !parsed.tree->top || parsed.tree->top->kind != JsonNode::Kind::Object)
        return fields;
    for (const auto &child : parsed.tree->top->children) {
        if (order && !fields.contains(child->key))
            order->append(child->key);
        fields.insert(child->key, valueText(*parsed.tree, *child));
    }
    return fields;
}

template<typename OnPage> bool forEachPage(LogStore &store, qint64 fromMs, qint64 toMs, QString *error, OnPage onPage)
{
    QString after = QStringLiteral("");
    for (;;) {
        const auto page = store.entryRecords(after, fromMs, toMs, kPage);
        if (!page) {
            *error = store.lastError();
            return false;
        }
        if (!onPage(*page))
            return false;
        if (page->size() < kPage)
            return true;
        after = page->constLast().entryId;
    }
}

} // namespace

QByteArray csvField(const QString &value)
{
    QByteArray utf8 = value.toUtf8();
    if (!utf8.contains(',') && !utf8.contains('"') && !utf8.contains('\r') && !utf8.contains('\n'))
        return utf8;
    utf8.replace("\"", "\"\"");
    return '"' + utf8 + '"';
}

qint64 exportEntriesCsv(LogStore &store, qint64 fromMs, qint64 toMs, QIODevice &out, QString *error)
{
    // Pass 1: the union of the data's keys, in order of first appearance.
    QStringList extra;
    QSet<QString> seen;
    const bool gathered = forEachPage(store, fromMs, toMs, error, [&](const QList<EntryRecord> &page) {
        for (const EntryRecord &e : page) {
            QStringList keys;
            dataFields(e.data, &keys);
            for (const QString &key : std::as_const(keys))
                if (!isFromData(key) && !seen.contains(key)) {
                    seen.insert(key);
                    extra.append(key);
                }
        }
        return true;
    });
    if (!gathered)
        return -1;

    auto writeRow = [&](const QStringList &fields) {
        QByteArray line;
        for (qsizetype i = 0; i < fields.size(); ++i) {
            if (i)
                line += ',';
            line += csvField(fields[i]);
        }
        line += "\r\n";
        if (out.write(line) < 0) {
            *error = out.errorString();
            return false;
        }
        return true;
    };
    QStringList header = fixedColumns();
    for (const QString &key : std::as_const(extra))
        header.append(fixedColumns().indexOf(key) >= 0 ? QStringLiteral("data.") + key : key);
    if (!writeRow(header))
        return -1;

    // Pass 2: the rows.
    qint64 written = 0;
    const bool ok = forEachPage(store, fromMs, toMs, error, [&](const QList<EntryRecord> &page) {
        for (const EntryRecord &e : page) {
            const QHash<QString, QString> data = dataFields(e.data, nullptr);
            QStringList row {e.entryId, e.helperCommand, e.helperName,
                QDateTime::fromMSecsSinceEpoch(e.createdMs, QTimeZone::utc()).toString(Qt::ISODateWithMs),
                e.amountCents ? QString::fromLatin1(centsToDecimal(*e.amountCents))
                              : data.value(QStringLiteral("amount")),
                e.category.isNull() ? data.value(QStringLiteral("category")) : e.category,
                data.value(QStringLiteral("description"))};
            for (const QString &key : std::as_const(extra))
                row.append(data.value(key));
            if (!writeRow(row))
                return false;
            ++written;
        }
        return true;
    });
    return ok ? written : -1;
}

} // namespace peanuts
