// JSON colours per palette and a line scanner for the syntax highlighter: display only, the bytes are
// never touched.
#include "jsonhighlighter.h"

#include <QGuiApplication>
#include <QPalette>

namespace peanuts {

JsonColours JsonColours::forPalette(const QPalette &palette)
{
    // Chosen for contrast against the usual bases (white-ish and #1e1e1e-ish); hue alone tells the
    // token kinds apart, so no bold or italics are needed.
    if (palette.color(QPalette::Base).lightness() < 128)
        return {QColor(0x8a, 0xb4, 0xf8), QColor(0x9c, 0xd6, 0x8a), QColor(0xf2, 0xb3, 0x6f), QColor(0xd7, 0xa3, 0xf5),
            QColor(0x9a, 0xa0, 0xa6)};
    return {QColor(0x1a, 0x4f, 0xa0), QColor(0x1e, 0x7b, 0x34), QColor(0xa8, 0x4b, 0x00), QColor(0x8e, 0x24, 0xaa),
        QColor(0x6b, 0x72, 0x80)};
}

JsonHighlighter::JsonHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    setColours(JsonColours::forPalette(QGuiApplication::palette()));
}

void JsonHighlighter::setColours(const JsonColours &colours)
{
    m_key.setForeground(colours.key);
    m_string.setForeground(colours.string);
    m_number.setForeground(colours.number);
    m_literal.setForeground(colours.literal);
    m_punctuation.setForeground(colours.punctuation);
    if (document())
        rehighlight();
}

namespace {

// Block states: a pretty-printed line never ends inside a string, but a folded one can.
enum State { Normal = 0, InString = 1, InStringAfterBackslash = 2 };

// Index just past the closing quote of a string whose contents start at i; sets *state to InString (or
// InStringAfterBackslash) when the line ends first.
qsizetype scanString(const QString &text, qsizetype i, bool escaped, int *state)
{
    for (; i < text.size(); ++i) {
        if (escaped) {
            escaped = false;
        } else if (text.at(i) == u'\\') {
            escaped = true;
        } else if (text.at(i) == u'"') {
            *state = Normal;
            return i + 1;
        }
    }
    *state = escaped ? InStringAfterBackslash : InString;
    return text.size();
}

} // namespace

void JsonHighlighter::highlightBlock(const QString &text)
{
    if (!m_active)
        return;
    const qsizetype n = text.size();
    int state = Normal;
    qsizetype i = 0;
    const int previous = previousBlockState();
    if (previous == InString || previous == InStringAfterBackslash) {
        i = scanString(text, 0, previous == InStringAfterBackslash, &state);
        setFormat(0, int(i), m_string);
    }
    while (i < n && state == Normal) {
        const QChar c = text.at(i);
        if (c == u'"') {
            const qsizetype end = scanString(text, i + 1, false, &state);
            // A string followed by a colon is a key.
            qsizetype next = end;
            while (next < n && text.at(next) == u' ')
                ++next;
            const bool isKey = state == Normal && next < n && text.at(next) == u':';
            setFormat(int(i), int(end - i), isKey ? m_key : m_string);
            i = end;
        } else if (c == u'-' || c.isDigit()) {
            qsizetype end = i + 1;
            while (end < n && (text.at(end).isDigit() || QStringView(u".eE+-").contains(text.at(end))))
                ++end;
            setFormat(int(i), int(end - i), m_number);
            i = end;
        } else if (c == u't' || c == u'f' || c == u'n') {
            qsizetype end = i + 1;
            while (end < n && text.at(end).isLetter())
                ++end;
            setFormat(int(i), int(end - i), m_literal);
            i = end;
        } else {
            if (QStringView(u"{}[],:").contains(c))
                setFormat(int(i), 1, m_punctuation);
            ++i;
        }
    }
    setCurrentBlockState(state);
}

} // namespace peanuts
