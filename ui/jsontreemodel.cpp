// The Tree tab's item model over a JsonTree (app/json): rows, cells, colours, copy texts.
#include "jsontreemodel.h"

#include "json/jsontext.h"

#include <QGuiApplication>
#include <QPalette>

namespace peanuts {

namespace {

constexpr int kDisplayChars = 300; // longer values are elided in cells; copying gives them whole
constexpr int kTooltipChars = 2000;
constexpr qsizetype kPreviewBytes = 400;

QString elide(const QString &text, int chars)
{
    if (text.size() <= chars)
        return text;
    return text.left(chars) + QStringLiteral("…");
}

// One line, whatever the value holds: newlines and tabs become visible marks.
QString oneLine(QString text)
{
    text.replace(u'\n', u'↵');
    text.replace(u'\r', u'␍');
    text.replace(u'\t', u'→');
    return text;
}

// The Type column: a container says how much it holds.
QString typeText(const JsonNode *n)
{
    const int count = int(n->children.size());
    switch (n->kind) {
    case JsonNode::Kind::Object:
        return JsonTreeModel::tr("object · %n keys", nullptr, count);
    case JsonNode::Kind::Array:
        return JsonTreeModel::tr("array · %n items", nullptr, count);
    case JsonNode::Kind::String:
        return JsonTreeModel::tr("string");
    case JsonNode::Kind::Number:
        return JsonTreeModel::tr("number");
    case JsonNode::Kind::Bool:
        return JsonTreeModel::tr("boolean");
    case JsonNode::Kind::Null:
        break;
    }
    return JsonTreeModel::tr("null");
}

} // namespace

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_colours(JsonColours::forPalette(QGuiApplication::palette()))
{
}

void JsonTreeModel::setTree(std::shared_ptr<const JsonTree> tree)
{
    beginResetModel();
    m_tree = std::move(tree);
    endResetModel();
}

void JsonTreeModel::setColours(const JsonColours &colours)
{
    m_colours = colours;
    const int rows = rowCount();
    if (rows > 0)
        Q_EMIT dataChanged(index(0, 0), index(rows - 1, ColumnCount - 1), {Qt::ForegroundRole});
    // Deeper rows pick the new colours up as they are painted: views ask again on every repaint.
}

const JsonNode *JsonTreeModel::node(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    return static_cast<const JsonNode *>(index.internalPointer());
}

const JsonNode *JsonTreeModel::parentNode(const QModelIndex &parent) const
{
    if (!m_tree)
        return nullptr;
    if (!parent.isValid())
        return m_tree->top.get();
    return parent.column() == 0 ? node(parent) : nullptr;
}

QString JsonTreeModel::keyPath(const QModelIndex &index) const
{
    return keyPathOf(node(index));
}

QString JsonTreeModel::copyValue(const QModelIndex &index) const
{
    const JsonNode *n = node(index);
    if (!n)
        return QString();
    if (n->isContainer())
        return QString::fromUtf8(m_tree->bytesOf(n));
    return n->value;
}

QString JsonTreeModel::preview(const JsonNode *n) const
{
    const QByteArrayView bytes = m_tree->bytesOf(n);
    const bool cut = bytes.size() > kPreviewBytes;
    QString text = QString::fromUtf8(compactJson(bytes.first(qMin(bytes.size(), kPreviewBytes))));
    return cut || text.size() > 80 ? QString(text.left(80) + QStringLiteral("…")) : text;
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    const JsonNode *p = parentNode(parent);
    if (!p || row < 0 || column < 0 || column >= ColumnCount || size_t(row) >= p->children.size())
        return QModelIndex();
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    const JsonNode *n = node(child);
    if (!n || !n->parent || n->parent == m_tree->top.get())
        return QModelIndex();
    return createIndex(n->parent->row, 0, n->parent);
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    const JsonNode *p = parentNode(parent);
    return p ? int(p->children.size()) : 0;
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    const JsonNode *n = node(index);
    if (!n)
        return QVariant();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn:
            return n->isElement ? QString(u'[' + n->key + u']') : oneLine(elide(n->key, kDisplayChars));
        case ValueColumn:
            return n->isContainer() ? preview(n) : oneLine(elide(n->value, kDisplayChars));
        case TypeColumn:
            return typeText(n);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == ValueColumn && !n->isContainer() && n->value.size() > 40)
            return elide(n->value, kTooltipChars);
        if (index.column() == KeyColumn)
            return keyPathOf(n);
        break;
    case Qt::ForegroundRole:
        if (index.column() == KeyColumn)
            return m_colours.key;
        if (index.column() == ValueColumn) {
            switch (n->kind) {
            case JsonNode::Kind::String:
                return m_colours.string;
            case JsonNode::Kind::Number:
                return m_colours.number;
            case JsonNode::Kind::Bool:
            case JsonNode::Kind::Null:
                return m_colours.literal;
            default:
                return m_colours.punctuation;
            }
        }
        if (index.column() == TypeColumn)
            return m_colours.punctuation;
        break;
    case KeyPathRole:
        return keyPathOf(n);
    case CopyValueRole:
        return copyValue(index);
    default:
        break;
    }
    return QVariant();
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    default:
        return QVariant();
    }
}

Qt::ItemFlags JsonTreeModel::flags(const QModelIndex &index) const
{
    const JsonNode *n = node(index);
    if (!n)
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (n->children.empty())
        flags |= Qt::ItemNeverHasChildren;
    return flags;
}

} // namespace peanuts
