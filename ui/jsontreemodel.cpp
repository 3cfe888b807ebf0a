// The inspector's JSON: an order- and literal-preserving tree over validated bytes, the re-indenting
// printer, the version diff and the Tree tab's item model.
#include "jsontreemodel.h"

#include <QGuiApplication>
#include <QHash>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QPalette>

namespace peanuts {

namespace {

// Qt refuses deeper documents anyway (its limit is 1024); this only keeps the recursion bounded.
constexpr int kMaxDepth = 2048;
constexpr int kDisplayChars = 300; // longer values are elided in cells; copying gives them whole
constexpr int kTooltipChars = 2000;
constexpr qsizetype kPreviewBytes = 400;

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Index just past the string literal starting at i (which holds the opening quote).
qsizetype skipString(QByteArrayView json, qsizetype i)
{
    for (++i; i < json.size(); ++i) {
        if (json[i] == '\\')
            ++i;
        else if (json[i] == '"')
            return i + 1;
    }
    return json.size();
}

// Builds nodes over bytes that QJsonDocument already accepted, so grammar errors cannot occur; every
// access is still bounds-checked, and any surprise just fails the parse.
class TreeBuilder
{
public:
    TreeBuilder(QByteArrayView json, int *count)
        : m_json(json)
        , m_count(count)
    {
    }

    bool value(JsonNode &node, int depth)
    {
        skipSpace();
        if (m_pos >= m_json.size() || depth > kMaxDepth)
            return false;
        ++*m_count;
        node.begin = m_pos;
        const char c = m_json[m_pos];
        bool ok = false;
        if (c == '{')
            ok = container(node, depth, JsonNode::Kind::Object, '}');
        else if (c == '[')
            ok = container(node, depth, JsonNode::Kind::Array, ']');
        else if (c == '"') {
            node.kind = JsonNode::Kind::String;
            ok = string(&node.value);
        } else
            ok = scalar(node);
        node.end = m_pos;
        return ok;
    }

    bool atEnd()
    {
        skipSpace();
        return m_pos == m_json.size();
    }

private:
    void skipSpace()
    {
        while (m_pos < m_json.size() && isSpace(m_json[m_pos]))
            ++m_pos;
    }

    bool expect(char c)
    {
        skipSpace();
        if (m_pos >= m_json.size() || m_json[m_pos] != c)
            return false;
        ++m_pos;
        return true;
    }

    bool container(JsonNode &node, int depth, JsonNode::Kind kind, char close)
    {
        node.kind = kind;
        ++m_pos;
        skipSpace();
        if (m_pos < m_json.size() && m_json[m_pos] == close) {
            ++m_pos;
            return true;
        }
        for (;;) {
            auto child = std::make_unique<JsonNode>();
            child->parent = &node;
            child->row = int(node.children.size());
            if (kind == JsonNode::Kind::Object) {
                skipSpace();
                if (!string(&child->key) || !expect(':'))
                    return false;
            } else {
                child->isElement = true;
                child->key = QString::number(child->row);
            }
            if (!value(*child, depth + 1))
                return false;
            node.children.push_back(std::move(child));
            skipSpace();
            if (m_pos < m_json.size() && m_json[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            return expect(close);
        }
    }

    bool string(QString *out)
    {
        if (m_pos >= m_json.size() || m_json[m_pos] != '"')
            return false;
        ++m_pos;
        QString text;
        qsizetype run = m_pos; // start of bytes without escapes, decoded together
        while (m_pos < m_json.size()) {
            const char c = m_json[m_pos];
            if (c == '"') {
                text += QString::fromUtf8(m_json.sliced(run, m_pos - run));
                ++m_pos;
                *out = text;
                return true;
            }
            if (c != '\\') {
                ++m_pos;
                continue;
            }
            text += QString::fromUtf8(m_json.sliced(run, m_pos - run));
            if (m_pos + 1 >= m_json.size())
                return false;
            const char e = m_json[m_pos + 1];
            m_pos += 2;
            switch (e) {
            case 'b':
                text += u'\b';
                break;
            case 'f':
                text += u'\f';
                break;
            case 'n':
                text += u'\n';
                break;
            case 'r':
                text += u'\r';
                break;
            case 't':
                text += u'\t';
                break;
            case 'u': {
                if (m_pos + 4 > m_json.size())
                    return false;
                bool ok = false;
                const ushort unit = QByteArray(m_json.sliced(m_pos, 4).data(), 4).toUShort(&ok, 16);
                if (!ok)
                    return false;
                text += QChar(unit); // surrogate pairs come as two escapes and join up in the QString
                m_pos += 4;
                break;
            }
            default: // " \ /
                text += QLatin1Char(e);
            }
            run = m_pos;
        }
        return false;
    }

    bool scalar(JsonNode &node)
    {
        const qsizetype start = m_pos;
        while (m_pos < m_json.size() && !isSpace(m_json[m_pos]) && m_json[m_pos] != ',' && m_json[m_pos] != '}'
            && m_json[m_pos] != ']')
            ++m_pos;
        const QByteArrayView token = m_json.sliced(start, m_pos - start);
        node.value = QString::fromLatin1(token);
        if (token == "true" || token == "false")
            node.kind = JsonNode::Kind::Bool;
        else if (token == "null")
            node.kind = JsonNode::Kind::Null;
        else if (!token.isEmpty() && (token[0] == '-' || (token[0] >= '0' && token[0] <= '9')))
            node.kind = JsonNode::Kind::Number;
        else
            return false;
        return true;
    }

    QByteArrayView m_json;
    qsizetype m_pos = 0;
    int *m_count;
};

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

QString compactText(const JsonTree *tree, const JsonNode *node)
{
    if (!tree || !node)
        return QString();
    return QString::fromUtf8(compactJson(tree->bytesOf(node)));
}

const char *kindName(JsonNode::Kind kind)
{
    switch (kind) {
    case JsonNode::Kind::Object:
        return "object";
    case JsonNode::Kind::Array:
        return "array";
    case JsonNode::Kind::String:
        return "string";
    case JsonNode::Kind::Number:
        return "number";
    case JsonNode::Kind::Bool:
        return "boolean";
    case JsonNode::Kind::Null:
        break;
    }
    return "null";
}

} // namespace

const JsonNode *JsonNode::member(const QString &name) const
{
    if (kind != Kind::Object)
        return nullptr;
    for (auto it = children.rbegin(); it != children.rend(); ++it) {
        if ((*it)->key == name)
            return it->get();
    }
    return nullptr;
}

QByteArrayView JsonTree::bytesOf(const JsonNode *node) const
{
    if (!node || node->begin < 0 || node->end > source.size() || node->end < node->begin)
        return {};
    return QByteArrayView(source).sliced(node->begin, node->end - node->begin);
}

JsonParse parseJsonTree(const QByteArray &json)
{
    JsonParse result;
    QJsonParseError error;
    QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        result.error = error.errorString();
        result.errorOffset = error.offset;
        return result;
    }
    auto tree = std::make_shared<JsonTree>();
    tree->source = json;
    auto root = std::make_unique<JsonNode>();
    TreeBuilder builder(tree->source, &tree->nodeCount);
    if (!builder.value(*root, 0) || !builder.atEnd()) {
        result.error = QStringLiteral("unexpected JSON structure");
        return result;
    }
    if (root->isContainer()) {
        tree->top = std::move(root);
    } else {
        tree->top = std::make_unique<JsonNode>();
        tree->top->kind = JsonNode::Kind::Array;
        root->parent = tree->top.get();
        root->isElement = true;
        root->key = QStringLiteral("0");
        tree->top->children.push_back(std::move(root));
    }
    result.tree = std::move(tree);
    return result;
}

QByteArray prettyJson(QByteArrayView json, int indent)
{
    QByteArray out;
    out.reserve(json.size() + json.size() / 2);
    int depth = 0;
    auto newline = [&] {
        out += '\n';
        out.append(qsizetype(depth) * indent, ' ');
    };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        switch (c) {
        case ' ':
        case '\t':
        case '\n':
        case '\r':
            break;
        case '"': {
            const qsizetype end = skipString(json, i);
            out.append(json.sliced(i, end - i));
            i = end - 1;
            break;
        }
        case '{':
        case '[': {
            qsizetype next = i + 1;
            while (next < json.size() && isSpace(json[next]))
                ++next;
            if (next < json.size() && json[next] == (c == '{' ? '}' : ']')) {
                out += c;
                out += json[next];
                i = next;
            } else {
                out += c;
                ++depth;
                newline();
            }
            break;
        }
        case '}':
        case ']':
            depth = qMax(0, depth - 1);
            newline();
            out += c;
            break;
        case ',':
            out += ',';
            newline();
            break;
        case ':':
            out += ": ";
            break;
        default:
            out += c;
        }
    }
    return out;
}

QByteArray compactJson(QByteArrayView json)
{
    QByteArray out;
    out.reserve(json.size());
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (isSpace(c))
            continue;
        if (c == '"') {
            const qsizetype end = skipString(json, i);
            out.append(json.sliced(i, end - i));
            i = end - 1;
        } else {
            out += c;
        }
    }
    return out;
}

QString appendKeyPath(const QString &path, const JsonNode &node)
{
    if (node.isElement)
        return path + u'[' + node.key + u']';
    bool identifier = !node.key.isEmpty() && !node.key.front().isDigit();
    for (const QChar c : node.key) {
        if (!(c.isLetterOrNumber() && c.unicode() < 0x80) && c != u'_')
            identifier = false;
    }
    if (identifier)
        return path.isEmpty() ? node.key : path + u'.' + node.key;
    // Anything else is written as a JSON string in brackets, so that the path stays unambiguous.
    QString quoted = node.key;
    quoted.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
    return path + QStringLiteral("[\"") + quoted + QStringLiteral("\"]");
}

QString keyPathOf(const JsonNode *node)
{
    // The top holder has no parent and names nothing.
    std::vector<const JsonNode *> chain;
    for (; node && node->parent; node = node->parent)
        chain.push_back(node);
    QString path;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it)
        path = appendKeyPath(path, **it);
    return path;
}

QList<JsonChange> diffJson(const JsonTree *beforeTree, const JsonNode *before, const JsonTree *afterTree,
    const JsonNode *after, const QString &path)
{
    QList<JsonChange> changes;
    if (!before && !after)
        return changes;
    if (!before) {
        changes.append({JsonChange::Kind::Added, path, QString(), compactText(afterTree, after)});
        return changes;
    }
    if (!after) {
        changes.append({JsonChange::Kind::Removed, path, compactText(beforeTree, before), QString()});
        return changes;
    }
    if (before->kind == JsonNode::Kind::Object && after->kind == JsonNode::Kind::Object) {
        // Members in the order of the newer version, then those it dropped in the older one's order.
        QHash<QString, const JsonNode *> old;
        for (const auto &child : before->children)
            old.insert(child->key, child.get());
        for (const auto &child : after->children) {
            if (after->member(child->key) != child.get())
                continue; // an earlier duplicate: the last one counts
            changes += diffJson(beforeTree, old.value(child->key), afterTree, child.get(), appendKeyPath(path, *child));
        }
        for (const auto &child : before->children) {
            if (before->member(child->key) == child.get() && !after->member(child->key))
                changes.append({JsonChange::Kind::Removed, appendKeyPath(path, *child),
                    compactText(beforeTree, child.get()), QString()});
        }
        return changes;
    }
    const QString was = compactText(beforeTree, before);
    const QString now = compactText(afterTree, after);
    if (was != now)
        changes.append({JsonChange::Kind::Changed, path, was, now});
    return changes;
}

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
            if (n->kind == JsonNode::Kind::Object)
                return QStringLiteral("object · %1 %2")
                    .arg(n->children.size())
                    .arg(n->children.size() == 1 ? QStringLiteral("key") : QStringLiteral("keys"));
            if (n->kind == JsonNode::Kind::Array)
                return QStringLiteral("array · %1 %2")
                    .arg(n->children.size())
                    .arg(n->children.size() == 1 ? QStringLiteral("item") : QStringLiteral("items"));
            return QString::fromLatin1(kindName(n->kind));
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
        return QStringLiteral("Key");
    case ValueColumn:
        return QStringLiteral("Value");
    case TypeColumn:
        return QStringLiteral("Type");
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
