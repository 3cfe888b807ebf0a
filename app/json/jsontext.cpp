// The re-indenting and compacting printers: they move whitespace only, never a token's bytes.
#include "json/jsontext.h"

#include <QtGlobal>

namespace peanuts {

namespace {

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

} // namespace

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
            while (next < json.size() && isJsonSpace(json[next]))
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
        if (isJsonSpace(c))
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

} // namespace peanuts
