// The inspector's Pretty JSON tab: the body re-indented and highlighted, or as received when not JSON.
#pragma once

#include <QWidget>

class QLabel;

namespace peanuts {

class FoldedTextView;
class JsonHighlighter;
struct Inspection;
struct JsonColours;

class PrettyTab : public QWidget
{
    Q_OBJECT
public:
    explicit PrettyTab(QWidget *parent = nullptr);

    void show(const Inspection &inspection); // inspection.delivery is set
    void clear();
    void setColours(const JsonColours &colours);

private:
    QLabel *m_note;
    FoldedTextView *m_text;
    JsonHighlighter *m_highlighter;
};

} // namespace peanuts
