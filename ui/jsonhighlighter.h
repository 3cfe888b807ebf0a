// Colours for JSON text (keys, strings, numbers, literals, punctuation) that stay readable on light and
// dark palettes, and the syntax highlighter that applies them to the inspector's pretty-printed view.
#pragma once

#include <QColor>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

class QPalette;

namespace peanuts {

struct JsonColours
{
    QColor key;
    QColor string;
    QColor number;
    QColor literal; // true, false, null
    QColor punctuation;

    // Picks the light or the dark set from the palette's base (text background) colour.
    static JsonColours forPalette(const QPalette &palette);
};

// Highlights one line at a time: the inspector's pretty printer never lets a token span lines, so no
// state is carried between blocks. A hand-written scanner rather than regular expressions, because a
// megabyte body means tens of thousands of lines highlighted while they are inserted.
class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit JsonHighlighter(QTextDocument *document);

    // Re-colours for a new palette (the application switched between light and dark).
    void setColours(const JsonColours &colours);
    // Off for text that is not JSON. Switch while the document is empty: nothing is re-highlighted.
    void setActive(bool active) { m_active = active; }

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_key, m_string, m_number, m_literal, m_punctuation;
    bool m_active = true;
};

} // namespace peanuts
