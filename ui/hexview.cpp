// Sliced filling of plain-text views, the hex dump, and the Raw tab's text-or-hex view of a body.
#include "hexview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

#include <QMimeData>
#include <QTextBlock>
#include <QTextCursor>
#include <QTimer>
#include <QToolButton>
#include <limits>

namespace peanuts {

namespace {

constexpr qsizetype kFirstSliceChars = 64 * 1024; // shown at once: ordinary bodies fit whole
constexpr qsizetype kSliceChars = 32 * 1024; // then slices of ~5 ms each
constexpr int kStepMs = 12; // slices per turn of the event loop, until this much time went by

// Marks a block that continues the line of the block before it.
class Continuation : public QTextBlockUserData
{
};

} // namespace

// The text a view shows for possibly inexact bytes: undecodable bytes as U+FFFD (QString::fromUtf8),
// and characters that a QTextDocument would turn into line or block breaks, or not show at all, as
// visible symbols, so that each row of the view is one line of the body.
QString visibleText(const QByteArray &bytes)
{
    QString text = QString::fromUtf8(bytes);
    for (QChar &c : text) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != u'\t' && u != u'\n'))
            c = QChar(char16_t(0x2400 + u)); // the Control Pictures block: ␀ ␍ ␛ …
        else if (u == 0x7f)
            c = QChar(char16_t(0x2421)); // ␡
        else if (u == 0x2028 || u == 0x2029)
            c = QChar(char16_t(0x2424)); // ␤
        else if (u == 0xfdd0 || u == 0xfdd1) // QTextDocument's frame markers
            c = QChar(QChar::ReplacementCharacter);
    }
    return text;
}

SlicedFill::SlicedFill(QPlainTextEdit *view)
    : QObject(view)
    , m_view(view)
{
}

void SlicedFill::setText(const QString &text, int foldAt)
{
    ++m_generation;
    m_view->clear();
    m_text = text;
    m_pos = 0;
    m_fold = foldAt;
    m_lineEnd = -1;
    m_continues = false;
    m_rows = 0;
    m_filling = true;
    const bool done = insertSlice(kFirstSliceChars);
    // The view's cursor sat where the first slice went in, and moved along to its end.
    m_view->moveCursor(QTextCursor::Start);
    if (done) {
        m_filling = false;
        Q_EMIT filled();
        return;
    }
    const quint64 generation = m_generation;
    QTimer::singleShot(0, this, [this, generation] { step(generation); });
}

void SlicedFill::step(quint64 generation)
{
    if (generation != m_generation)
        return;
    QElapsedTimer timer;
    timer.start();
    bool done = false;
    while (!done && timer.elapsed() < kStepMs)
        done = insertSlice(kSliceChars);
    if (!done) {
        QTimer::singleShot(0, this, [this, generation] { step(generation); });
        return;
    }
    m_filling = false;
    m_text.clear();
    Q_EMIT filled();
}

bool SlicedFill::insertSlice(qsizetype budget)
{
    // Rows are the text's lines, split every m_fold characters. The document starts with one empty
    // block, which takes the first row; every later row is preceded by a newline.
    QString chunk;
    std::vector<qint64> continuations;
    qint64 rows = 0;
    const qsizetype size = m_text.size();
    while (m_pos <= size && chunk.size() < budget) {
        // The end of the current line, found once per line (not once per folded row of it).
        if (m_lineEnd < m_pos) {
            m_lineEnd = m_text.indexOf(u'\n', m_pos);
            if (m_lineEnd < 0)
                m_lineEnd = size;
        }
        const qsizetype lineEnd = m_lineEnd;
        const bool newline = lineEnd < size;
        qsizetype rowEnd = lineEnd;
        if (m_fold > 0 && lineEnd - m_pos > m_fold) {
            rowEnd = m_pos + m_fold;
            if (m_text.at(rowEnd).isLowSurrogate()) // never split a surrogate pair
                --rowEnd;
        }
        if (m_rows + rows > 0)
            chunk += u'\n';
        if (m_continues)
            continuations.push_back(m_rows + rows);
        chunk += QStringView(m_text).sliced(m_pos, rowEnd - m_pos);
        ++rows;
        m_continues = rowEnd < lineEnd;
        if (m_continues)
            m_pos = rowEnd;
        else
            m_pos = newline ? lineEnd + 1 : size + 1;
    }
    if (!chunk.isEmpty()) {
        QTextDocument *document = m_view->document();
        QTextCursor cursor(document);
        cursor.movePosition(QTextCursor::End);
        cursor.insertText(chunk);
        for (const qint64 row : continuations)
            document->findBlockByNumber(int(row)).setUserData(new Continuation);
    }
    m_rows += rows;
    return m_pos > size;
}

bool SlicedFill::isContinuation(const QTextBlock &block)
{
    return dynamic_cast<Continuation *>(block.userData()) != nullptr;
}

FoldedTextView::FoldedTextView(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_fill(new SlicedFill(this))
{
    setReadOnly(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    // A megabyte of undo history is never wanted in a read-only view, and keeping it makes filling
    // several times slower.
    document()->setUndoRedoEnabled(false);
    connect(m_fill, &SlicedFill::filled, this, &FoldedTextView::filled);
}

void FoldedTextView::setFoldedText(const QString &text, int foldAt)
{
    m_fill->setText(text, foldAt);
}

void FoldedTextView::clearText()
{
    m_fill->clear();
}

QString FoldedTextView::unfoldedText() const
{
    QString text;
    for (QTextBlock block = document()->begin(); block.isValid(); block = block.next()) {
        if (block != document()->begin() && !SlicedFill::isContinuation(block))
            text += u'\n';
        text += block.text();
    }
    return text;
}

QMimeData *FoldedTextView::createMimeDataFromSelection() const
{
    // Folded lines go back together: what is copied is the text, not the view's rows.
    const QTextCursor cursor = textCursor();
    if (!cursor.hasSelection())
        return QPlainTextEdit::createMimeDataFromSelection();
    const int start = cursor.selectionStart();
    const int end = cursor.selectionEnd();
    QString text;
    for (QTextBlock block = document()->findBlock(start); block.isValid() && block.position() <= end;
         block = block.next()) {
        if (block.position() > start && !SlicedFill::isContinuation(block))
            text += u'\n';
        const int from = qMax(start, block.position()) - block.position();
        const int to = qMin(end, block.position() + block.length() - 1) - block.position();
        if (to > from)
            text += block.text().mid(from, to - from);
    }
    auto *data = new QMimeData;
    data->setText(text);
    return data;
}

QString hexDump(QByteArrayView bytes)
{
    static const char digits[] = "0123456789abcdef";
    constexpr qsizetype kLine = 79; // offset 8, space, 16 x " xx", mid gap 1, 2 spaces, |16 ASCII|, newline
    QByteArray out;
    out.reserve((bytes.size() + 15) / 16 * kLine);
    char line[kLine];
    for (qsizetype offset = 0; offset < bytes.size(); offset += 16) {
        char *p = line;
        for (int shift = 28; shift >= 0; shift -= 4)
            *p++ = digits[(offset >> shift) & 0xf];
        *p++ = ' ';
        const qsizetype count = qMin<qsizetype>(16, bytes.size() - offset);
        for (qsizetype i = 0; i < 16; ++i) {
            if (i == 8)
                *p++ = ' ';
            *p++ = ' ';
            if (i < count) {
                const uchar b = uchar(bytes[offset + i]);
                *p++ = digits[b >> 4];
                *p++ = digits[b & 0xf];
            } else {
                *p++ = ' ';
                *p++ = ' ';
            }
        }
        *p++ = ' ';
        *p++ = ' ';
        *p++ = '|';
        for (qsizetype i = 0; i < count; ++i) {
            const uchar b = uchar(bytes[offset + i]);
            *p++ = b >= 0x20 && b < 0x7f ? char(b) : '.';
        }
        *p++ = '|';
        *p++ = '\n';
        out.append(line, p - line);
    }
    out.chop(1); // no empty row after the last line
    return QString::fromLatin1(out);
}

bool isExactText(QByteArrayView bytes)
{
    if (!QByteArrayView(bytes).isValidUtf8())
        return false;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const uchar b = uchar(bytes[i]);
        if ((b < 0x20 && b != '\t' && b != '\n') || b == 0x7f)
            return false;
        // U+2028, U+2029 (E2 80 A8/A9) break lines; U+FDD0, U+FDD1 (EF B7 90/91) break blocks.
        if (b == 0xe2 && i + 2 < bytes.size() && uchar(bytes[i + 1]) == 0x80
            && (uchar(bytes[i + 2]) == 0xa8 || uchar(bytes[i + 2]) == 0xa9))
            return false;
        if (b == 0xef && i + 2 < bytes.size() && uchar(bytes[i + 1]) == 0xb7
            && (uchar(bytes[i + 2]) == 0x90 || uchar(bytes[i + 2]) == 0x91))
            return false;
    }
    return true;
}

BytesView::BytesView(QWidget *parent)
    : FoldedTextView(parent)
{
    m_bar = new QWidget(this);
    m_bar->setAutoFillBackground(true);
    m_bar->setBackgroundRole(QPalette::Window);
    // The view's own font is monospace (set by its owner); the bar keeps the application's.
    QFont font = QApplication::font();
    font.setResolveMask(QFont::AllPropertiesResolved);
    m_bar->setFont(font);
    m_info = new QLabel(m_bar);
    m_info->setTextFormat(Qt::RichText);
    m_info->setWordWrap(true);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_textButton = new QToolButton(m_bar);
    m_textButton->setText(tr("Text"));
    m_textButton->setToolTip(tr("Show the body as UTF-8 text"));
    m_hexButton = new QToolButton(m_bar);
    m_hexButton->setText(tr("Hex"));
    m_hexButton->setToolTip(tr("Show every byte: offset, 16 bytes in hex, and their ASCII"));
    for (QToolButton *button : {m_textButton, m_hexButton}) {
        button->setCheckable(true);
        button->setAutoExclusive(true);
        button->setAutoRaise(true);
    }
    m_textButton->setChecked(true);
    connect(m_textButton, &QToolButton::clicked, this, [this] { setMode(Mode::Text); });
    connect(m_hexButton, &QToolButton::clicked, this, [this] { setMode(Mode::Hex); });
    auto *layout = new QHBoxLayout(m_bar);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_info, 1);
    layout->addWidget(m_textButton, 0, Qt::AlignTop);
    layout->addWidget(m_hexButton, 0, Qt::AlignTop);
    showMessage(QString());
}

void BytesView::setBytes(const QByteArray &bytes, qint64 totalSize, const QByteArray &sha256, const QString &note)
{
    m_bytes = bytes;
    m_hasBytes = true;
    m_exact = isExactText(bytes);
    m_mode = m_exact ? Mode::Text : Mode::Hex;
    QString info = tr("<b>%Ln bytes</b> received · SHA-256 <code>%1</code>", nullptr,
        int(qMin<qint64>(totalSize, std::numeric_limits<int>::max())))
                       .arg(QString::fromLatin1(sha256.toHex()));
    if (!note.isEmpty())
        info += QStringLiteral("<br>") + note.toHtmlEscaped();
    if (!bytes.isEmpty() && !m_exact)
        info += QStringLiteral("<br>")
            + (QByteArrayView(bytes).isValidUtf8()
                    ? tr("Contains control characters a text view cannot show exactly: shown in hex.")
                    : tr("Not valid UTF-8: shown in hex."));
    m_info->setText(info);
    m_textButton->setEnabled(!bytes.isEmpty());
    m_hexButton->setEnabled(!bytes.isEmpty());
    layoutBar();
    refill();
}

void BytesView::showMessage(const QString &message)
{
    m_bytes.clear();
    m_hasBytes = false;
    m_exact = true;
    m_mode = Mode::Text;
    m_info->setText(message.toHtmlEscaped());
    m_textButton->setEnabled(false);
    m_hexButton->setEnabled(false);
    layoutBar();
    refill();
}

void BytesView::setMode(Mode mode)
{
    if (mode == m_mode && m_hasBytes)
        return;
    m_mode = mode;
    refill();
    Q_EMIT modeChanged(mode);
}

QString BytesView::infoText() const
{
    return m_info->text();
}

void BytesView::refill()
{
    (m_mode == Mode::Hex ? m_hexButton : m_textButton)->setChecked(true);
    if (!m_hasBytes)
        clearText();
    else if (m_mode == Mode::Hex)
        setFoldedText(hexDump(m_bytes), 0);
    else
        setFoldedText(m_exact ? QString::fromUtf8(m_bytes) : visibleText(m_bytes));
}

void BytesView::resizeEvent(QResizeEvent *event)
{
    FoldedTextView::resizeEvent(event);
    layoutBar();
}

void BytesView::changeEvent(QEvent *event)
{
    FoldedTextView::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        layoutBar();
}

void BytesView::layoutBar()
{
    // The bar sits in a top margin of the viewport, as line-number areas of code editors do on the side.
    const QRect area = contentsRect();
    const int height = m_bar->hasHeightForWidth() ? m_bar->heightForWidth(area.width()) : m_bar->sizeHint().height();
    setViewportMargins(0, height, 0, 0);
    m_bar->setGeometry(area.left(), area.top(), area.width(), height);
}

} // namespace peanuts
