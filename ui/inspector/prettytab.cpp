// The Pretty JSON tab.
#include "inspector/prettytab.h"

#include "hexview.h"
#include "inspector/tabsupport.h"
#include "jsonhighlighter.h"
#include "services/inspection.h"

#include <QFontDatabase>
#include <QLabel>
#include <QVBoxLayout>

namespace peanuts {

PrettyTab::PrettyTab(QWidget *parent)
    : QWidget(parent)
{
    m_note = noteLabel(this);
    m_note->setAutoFillBackground(true);
    m_note->setBackgroundRole(QPalette::AlternateBase);
    m_note->setVisible(false);
    m_text = new FoldedTextView(this);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_highlighter = new JsonHighlighter(m_text->document());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_note);
    layout->addWidget(m_text, 1);
}

void PrettyTab::show(const Inspection &loaded)
{
    const Delivery &d = *loaded.delivery;
    QString note;
    if (d.redacted) {
        note = tr("The body of this delivery was redacted: its bytes are no longer stored.");
        m_highlighter->setActive(false);
        m_text->clearText();
    } else if (loaded.json.tree) {
        m_highlighter->setActive(true);
        m_text->setFoldedText(loaded.pretty);
    } else {
        note = d.body.isEmpty() ? tr("The body is empty.")
                                : tr("Not JSON (%1 at byte %2). The text below is the body as received; the Raw tab "
                                     "shows every byte.")
                                      .arg(loaded.json.error)
                                      .arg(loaded.json.errorOffset);
        m_highlighter->setActive(false);
        m_text->setFoldedText(visibleText(d.body));
    }
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

void PrettyTab::clear()
{
    m_note->setVisible(false);
    m_text->clearText();
}

void PrettyTab::setColours(const JsonColours &colours)
{
    m_highlighter->setColours(colours);
}

} // namespace peanuts
