// Fuzz target: the inspector's JSON core (app/json): parseJsonTree, prettyJson, compactJson, diffJson.
// The input is one document, or two separated by a NUL byte (JSON never holds a raw NUL), for the diff.
//
// Invariants:
// - differential: parseJsonTree builds a tree exactly when QJsonDocument accepts the bytes, and the tree
//   holds what QJsonDocument read (same kinds, the last of duplicate members, strings decoded alike,
//   numbers equal as doubles); every node's bytes are its own value's text;
// - prettyJson's output parses to the same tree (kinds, keys, values, order), compacts to the same
//   bytes as the input, and pretty-printing it again changes nothing;
// - diff(a, a) is empty; diff(a, b) is empty exactly when a and b hold the same members (compared the
//   way the diff's contract says: objects member by member, the last duplicate counting, anything else
//   by its compact text); and applying diff(a, b) to a's flattened members gives b's (empty objects
//   aside: the diff reports members, so an object emptied or filled shows only as its members' changes).
#include "fuzzcheck.h"
#include "json/jsondiff.h"
#include "json/jsontext.h"
#include "json/jsontree.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QMap>
#include <QSet>

#include <cstdint>

using namespace peanuts;

namespace {

bool sameAsQt(const JsonNode &node, const QJsonValue &qt)
{
    switch (node.kind) {
    case JsonNode::Kind::Object: {
        if (!qt.isObject())
            return false;
        const QJsonObject object = qt.toObject();
        QSet<QString> keys;
        for (const auto &child : node.children) {
            keys.insert(child->key);
            // Only the last of duplicate members counts, here as in QJsonDocument.
            if (node.member(child->key) == child.get()
                && (!object.contains(child->key) || !sameAsQt(*child, object.value(child->key))))
                return false;
        }
        return keys.size() == object.size();
    }
    case JsonNode::Kind::Array: {
        if (!qt.isArray())
            return false;
        const QJsonArray array = qt.toArray();
        if (size_t(array.size()) != node.children.size())
            return false;
        for (size_t i = 0; i < node.children.size(); ++i) {
            if (!sameAsQt(*node.children[i], array.at(qsizetype(i))) || !node.children[i]->isElement
                || node.children[i]->key != QString::number(i))
                return false;
        }
        return true;
    }
    case JsonNode::Kind::String:
        return qt.isString() && qt.toString() == node.value;
    case JsonNode::Kind::Number:
        return qt.isDouble() && node.value.toDouble() == qt.toDouble();
    case JsonNode::Kind::Bool:
        return qt.isBool() && node.value == (qt.toBool() ? u"true" : u"false");
    case JsonNode::Kind::Null:
        break;
    }
    return qt.isNull() && node.value == u"null";
}

// Every node's bytes are its value's text: a string's quoted text, a scalar's token, a container's
// brackets; parents and rows are linked up.
void checkNodes(const JsonTree &tree, const JsonNode &node)
{
    const QByteArrayView bytes = tree.bytesOf(&node);
    if (node.parent) { // the top holder of a lone scalar has no bytes of its own
        FUZZ_CHECK(!bytes.isEmpty());
        switch (node.kind) {
        case JsonNode::Kind::Object:
            FUZZ_CHECK(bytes.front() == '{' && bytes.back() == '}');
            break;
        case JsonNode::Kind::Array:
            FUZZ_CHECK(bytes.front() == '[' && bytes.back() == ']');
            break;
        case JsonNode::Kind::String:
            FUZZ_CHECK(bytes.size() >= 2 && bytes.front() == '"' && bytes.back() == '"');
            break;
        default:
            FUZZ_CHECK(QString::fromLatin1(bytes) == node.value);
        }
    }
    for (size_t i = 0; i < node.children.size(); ++i) {
        FUZZ_CHECK(node.children[i]->parent == &node && node.children[i]->row == int(i));
        checkNodes(tree, *node.children[i]);
    }
}

bool sameTree(const JsonNode &a, const JsonNode &b)
{
    if (a.kind != b.kind || a.key != b.key || a.isElement != b.isElement || a.value != b.value
        || a.children.size() != b.children.size())
        return false;
    for (size_t i = 0; i < a.children.size(); ++i) {
        if (!sameTree(*a.children[i], *b.children[i]))
            return false;
    }
    return true;
}

// A value as the diff compares it: key path -> compact text, objects opened member by member (the last
// duplicate counting; an empty object is "{}"), anything else whole.
void flatten(const JsonTree &tree, const JsonNode &node, const QString &path, QMap<QString, QString> &out)
{
    if (node.kind != JsonNode::Kind::Object || node.children.empty()) {
        out.insert(path, QString::fromUtf8(compactJson(tree.bytesOf(&node))));
        return;
    }
    for (const auto &child : node.children) {
        if (node.member(child->key) == child.get())
            flatten(tree, *child, appendKeyPath(path, *child), out);
    }
}

bool isAtOrUnder(const QString &key, const QString &path)
{
    return path.isEmpty() || key == path
        || (key.startsWith(path) && (key.at(path.size()) == u'.' || key.at(path.size()) == u'['));
}

// Applies one change to a flattened value: what was at or under its path goes, its new value comes in.
void apply(QMap<QString, QString> &flat, const JsonChange &change)
{
    for (auto it = flat.begin(); it != flat.end();)
        it = isAtOrUnder(it.key(), change.path) ? flat.erase(it) : std::next(it);
    if (change.kind == JsonChange::Kind::Removed)
        return;
    const JsonParse value = parseJsonTree(change.after.toUtf8());
    if (value.tree && value.tree->top->kind == JsonNode::Kind::Object)
        flatten(*value.tree, *value.tree->top, change.path, flat);
    else
        flat.insert(change.path, change.after);
}

std::shared_ptr<const JsonTree> checkDocument(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument qt = QJsonDocument::fromJson(json, &error);
    const JsonParse parsed = parseJsonTree(json);
    FUZZ_CHECK(bool(parsed.tree) == (error.error == QJsonParseError::NoError));
    if (!parsed.tree) {
        FUZZ_CHECK(!parsed.error.isEmpty());
        return nullptr;
    }
    const JsonTree &tree = *parsed.tree;
    FUZZ_CHECK(tree.top && tree.source == json);
    FUZZ_CHECK(sameAsQt(*tree.top, qt.isObject() ? QJsonValue(qt.object()) : QJsonValue(qt.array())));
    checkNodes(tree, *tree.top);

    const QByteArray pretty = prettyJson(json);
    const JsonParse reparsed = parseJsonTree(pretty);
    FUZZ_CHECK(reparsed.tree);
    FUZZ_CHECK(sameTree(*tree.top, *reparsed.tree->top));
    FUZZ_CHECK(compactJson(pretty) == compactJson(json));
    FUZZ_CHECK(prettyJson(pretty) == pretty);
    return parsed.tree;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype split = input.indexOf('\0');
    const QByteArray first = split < 0 ? QByteArray(input) : input.first(split);
    const std::shared_ptr<const JsonTree> a = checkDocument(first);
    if (!a)
        return 0;
    FUZZ_CHECK(diffJson(a.get(), a->top.get(), a.get(), a->top.get()).isEmpty());
    if (split < 0)
        return 0;
    const std::shared_ptr<const JsonTree> b = checkDocument(input.sliced(split + 1));
    if (!b)
        return 0;
    const QList<JsonChange> changes = diffJson(a.get(), a->top.get(), b.get(), b->top.get());
    QMap<QString, QString> before, after;
    flatten(*a, *a->top, QString(), before);
    flatten(*b, *b->top, QString(), after);
    FUZZ_CHECK(changes.isEmpty() == (before == after));
    QSet<QString> paths;
    for (const JsonChange &change : changes) {
        FUZZ_CHECK(!paths.contains(change.path)); // one change per path
        paths.insert(change.path);
        FUZZ_CHECK(change.kind != JsonChange::Kind::Added || change.before.isEmpty());
        FUZZ_CHECK(change.kind != JsonChange::Kind::Removed || change.after.isEmpty());
        FUZZ_CHECK(change.kind != JsonChange::Kind::Changed || change.before != change.after);
    }
    // Change texts are QStrings: bytes that are not UTF-8 (Qt takes any byte after a backslash) do not
    // survive them, so such documents cannot be rebuilt from their changes.
    if (!QByteArrayView(input).isValidUtf8())
        return 0;
    for (const JsonChange &change : changes)
        apply(before, change);
    before.removeIf([](const auto &item) { return item.value() == u"{}"; });
    after.removeIf([](const auto &item) { return item.value() == u"{}"; });
    FUZZ_CHECK(before == after);
    return 0;
}
