// The ordered JSON tree: built over bytes QJsonDocument accepted, so that members keep their order and
// numbers their spelling; key paths as a developer types them.
#include "json/jsontree.h"

#include "json/jsontext.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace peanuts {

namespace {

// Qt refuses deeper documents anyway (its limit is 1024); this only keeps the recursion bounded.
constexpr int kMaxDepth = 2048;

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
        while (m_pos < m_json.size() && isJsonSpace(m_json[m_pos]))
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
        while (m_pos < m_json.size() && !isJsonSpace(m_json[m_pos]) && m_json[m_pos] != ',' && m_json[m_pos] != '}'
            && m_json[m_pos] != ']')
            ++m_pos;
        const QByteArrayView token = m_json.sliced(start, m_pos - start);
        node.value = QString::fromLatin1(token);
        if (token == "true" || token == "false")
            node.kind = JsonNode::Kind::Bool;
        else if (token == "null")
            node.kind = JsonNode::Kind::Null;
        // Qt's parser also takes ".5", "-.5" and "5." (found by fuzz_json): the receiver accepts them.
        else if (!token.isEmpty() && (token[0] == '-' || token[0] == '.' || (token[0] >= '0' && token[0] <= '9')))
            node.kind = JsonNode::Kind::Number;
        else
            return false;
        return true;
    }

    QByteArrayView m_json;
    qsizetype m_pos = 0;
    int *m_count;
};

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

} // namespace peanuts
