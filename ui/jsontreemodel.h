// JSON as the inspector shows it, members in the order received and numbers as written (QJsonObject sorts
// keys, turns 12.50 into 12.5): an ordered tree, a re-indenting printer, a version diff, the Tree tab's model.
#pragma once

#include "jsonhighlighter.h"

#include <QAbstractItemModel>
#include <QByteArray>
#include <QList>
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

// A parsed body. Immutable once built, so it can be made on the reader's thread and shown on the GUI's.
struct JsonTree
{
    QByteArray source;
    // The parent of the model's top-level rows: the document's object or array (a lone scalar gets a
    // holder, so that it still shows as a row).
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

// Re-indents valid JSON without re-encoding any token: strings and numbers keep their bytes.
QByteArray prettyJson(QByteArrayView json, int indent = 2);
// Valid JSON without insignificant whitespace (to compare values written with different spacing).
QByteArray compactJson(QByteArrayView json);

// A key path as a developer would type it: entry.data.amount, items[0].name, headers["content-type"].
QString appendKeyPath(const QString &path, const JsonNode &node);
QString keyPathOf(const JsonNode *node);

struct JsonChange
{
    enum class Kind { Added, Removed, Changed };
    Kind kind = Kind::Changed;
    QString path; // relative to the compared values; empty when the values themselves differ
    QString before; // compact JSON, as written
    QString after;
};

// What changed from before to after: objects are compared member by member (recursively), anything
// else as a whole. Either side may be null (absent).
QList<JsonChange> diffJson(const JsonTree *beforeTree, const JsonNode *before, const JsonTree *afterTree,
    const JsonNode *after, const QString &path = QString());

class JsonTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    enum Role {
        KeyPathRole = Qt::UserRole + 1, // entry.data.amount
        CopyValueRole, // what "Copy value" puts on the clipboard
    };

    explicit JsonTreeModel(QObject *parent = nullptr);

    void setTree(std::shared_ptr<const JsonTree> tree); // null clears
    const JsonTree *tree() const { return m_tree.get(); }
    void setColours(const JsonColours &colours);

    QString keyPath(const QModelIndex &index) const;
    // Strings decoded, numbers and literals as written, objects and arrays as their exact source bytes.
    QString copyValue(const QModelIndex &index) const;
    const JsonNode *node(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    const JsonNode *parentNode(const QModelIndex &parent) const;
    QString preview(const JsonNode *node) const;

    std::shared_ptr<const JsonTree> m_tree;
    JsonColours m_colours;
};

} // namespace peanuts
