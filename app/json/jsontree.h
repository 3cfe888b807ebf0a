// JSON as the inspector shows it, members in the order received and numbers as written (QJsonObject sorts
// keys, turns 12.50 into 12.5): an ordered, immutable tree over bytes QJsonDocument accepted.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <memory>
#include <vector>

namespace peanuts {

struct JsonNode
{
    enum class Kind { Object, Array, String, Number, Bool, Null };

    Kind kind = Kind::Null;
    QString key; // member name, decoded; for array elements the index
    bool isElement = false; // an array element: key is its index
    QString value; // strings decoded; numbers, true, false and null as written
    qsizetype begin = 0; // the value's bytes in the source: [begin, end)
    qsizetype end = 0;
    JsonNode *parent = nullptr;
    int row = 0; // index among the parent's children
    std::vector<std::unique_ptr<JsonNode>> children;

    bool isContainer() const { return kind == Kind::Object || kind == Kind::Array; }
    // The last member called name (later duplicates win, as in most parsers), or nullptr.
    const JsonNode *member(const QString &name) const;
};

// A parsed body. Immutable once built, so it can be made on a store thread and shown on the GUI's.
struct JsonTree
{
    QByteArray source;
    // The parent of the top-level rows: the document's object or array (a lone scalar gets a holder
    // array, so that it still shows as a row).
    std::unique_ptr<JsonNode> top;
    int nodeCount = 0;

    QByteArrayView bytesOf(const JsonNode *node) const;
};

struct JsonParse
{
    std::shared_ptr<const JsonTree> tree; // null when the bytes are not JSON
    QString error; // why not
    qsizetype errorOffset = -1;
};

// Validates with QJsonDocument (the same judge as the receiver) and builds the ordered tree.
JsonParse parseJsonTree(const QByteArray &json);

// A key path as a developer would type it: entry.data.amount, items[0].name, headers["content-type"].
QString appendKeyPath(const QString &path, const JsonNode &node);
QString keyPathOf(const JsonNode *node);

} // namespace peanuts
