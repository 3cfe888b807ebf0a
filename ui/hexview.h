// The inspector's byte views: a plain-text view filled a slice at a time (a megabyte laid out at once
// freezes the window for seconds), and the Raw tab's view of a body as exact text or as a hex dump.
#pragma once

#include <QByteArray>
#include <QPlainTextEdit>
#include <QString>

class QLabel;
class QTextBlock;
class QToolButton;

namespace peanuts {

// Puts text into a QPlainTextEdit: the first slice at once (so that ordinary bodies show in one go),
// the rest on later turns of the event loop. Lines longer than foldAt are folded into continuation
// blocks (QTextLayout needs seconds for one megabyte-long line); those blocks are marked (see
// isContinuation), so that copying can join them again. The marks are block user data, not user
// states, which syntax highlighters own.
class SlicedFill : public QObject
{
    Q_OBJECT
public:
    explicit SlicedFill(QPlainTextEdit *view);

    void setText(const QString &text, int foldAt = 0);
    void clear() { setText(QString()); }
    bool isFilling() const { return m_filling; }

    static bool isContinuation(const QTextBlock &block);

Q_SIGNALS:
    void filled();

private:
    void step(quint64 generation);
    bool insertSlice(qsizetype budget);

    QPlainTextEdit *m_view;
    QString m_text;
    qsizetype m_pos = 0; // next character of m_text to insert; past the end when done
    qsizetype m_lineEnd = -1; // where the line being inserted ends
    int m_fold = 0;
    bool m_continues = false; // the next row continues a folded line
    qint64 m_rows = 0; // rows inserted (the document's blocks)
    quint64 m_generation = 0; // a pending step for an older text does nothing
    bool m_filling = false;
};

// A read-only, monospace-friendly text view filled by a SlicedFill, whose copies give folded lines back
// whole.
class FoldedTextView : public QPlainTextEdit
{
    Q_OBJECT
public:
    static constexpr int kFoldChars = 4096;

    explicit FoldedTextView(QWidget *parent = nullptr);

    void setFoldedText(const QString &text, int foldAt = kFoldChars);
    void clearText();
    bool isFilling() const { return m_fill->isFilling(); }
    // The whole text, folded lines joined again.
    QString unfoldedText() const;

Q_SIGNALS:
    void filled();

protected:
    QMimeData *createMimeDataFromSelection() const override;

private:
    SlicedFill *m_fill;
};

// "00000000  7b 22 65 76 65 6e 74 22  3a 22 65 6e 74 72 79 2e  |{"event":"entry.|" lines, offsets in hex.
QString hexDump(QByteArrayView bytes);

// The text a view shows for bytes that may not be exact text: undecodable bytes as U+FFFD, and control
// characters as visible symbols (␍, ␀), so that each row of the view is one line of the body.
QString visibleText(const QByteArray &bytes);

// Whether a text view can show these bytes exactly: valid UTF-8 without control characters other than
// tab and newline (a carriage return or a NUL would be invisible, or break the line where none is).
bool isExactText(QByteArrayView bytes);

// The Raw tab: the body as text when a text view can show it exactly, as a hex dump otherwise (or when
// asked), with a bar on top giving size and SHA-256. It stays a QPlainTextEdit, so that selection and
// copy work as everywhere (and the window's test reads it as one).
class BytesView : public FoldedTextView
{
    Q_OBJECT
public:
    enum class Mode { Text, Hex };

    explicit BytesView(QWidget *parent = nullptr);

    // Shows bytes (possibly only a stored prefix of the body: totalSize and sha256 describe the body as
    // received). note, when set, is said plainly under the size (redacted, truncated).
    void setBytes(const QByteArray &bytes, qint64 totalSize, const QByteArray &sha256, const QString &note);
    void showMessage(const QString &message);

    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    QString infoText() const;

Q_SIGNALS:
    void modeChanged(peanuts::BytesView::Mode mode);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void refill();
    void layoutBar();

    QWidget *m_bar = nullptr;
    QLabel *m_info = nullptr;
    QToolButton *m_textButton = nullptr;
    QToolButton *m_hexButton = nullptr;
    QByteArray m_bytes;
    bool m_hasBytes = false;
    bool m_exact = false;
    Mode m_mode = Mode::Text;
};

} // namespace peanuts
