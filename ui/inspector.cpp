// The inspector: asks the core for one delivery's inspection (prepared on the reader's thread) and hands
// it to the tabs; owns the title line and the copy actions.
#include "inspector.h"

#include "editresenddialog.h"
#include "hexview.h"
#include "inspect/replay.h"
#include "inspector/handlertab.h"
#include "inspector/headerstab.h"
#include "inspector/historytab.h"
#include "inspector/prettytab.h"
#include "inspector/signaturetab.h"
#include "inspector/tabsupport.h"
#include "inspector/treetab.h"
#include "jsonhighlighter.h"
#include "palette.h"
#include "receivercore.h"
#include "services/actionservice.h"
#include "services/inspection.h"
#include "services/logservice.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace peanuts {

Inspector::Inspector(ReceiverCore *core, QWidget *parent)
    : QWidget(parent)
    , m_core(core)
{
    // The header line: outcome chip, event, entry and id; the notes and the actions under it.
    m_chip = new QLabel(this);
    m_chip->setVisible(false);
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::RichText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    m_title->setWordWrap(true);
    // Under the header, the width of the inspector: why it was refused, what a custom response
    // answered, the attempts of a retried delivery.
    m_notes = new QLabel(this);
    m_notes->setTextFormat(Qt::RichText);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    m_notes->setWordWrap(true);
    m_notes->setContentsMargins(4, 0, 4, 2);
    m_notes->hide();
    // "resent from #N", "#N" among the attempts: another delivery, shown here.
    for (QLabel *label : {m_title, m_notes}) {
        connect(label, &QLabel::linkActivated, this, [this](const QString &link) {
            if (link.startsWith(u'#'))
                showDelivery(link.mid(1).toLongLong());
        });
    }
    m_copyCurl = new QPushButton(tr("Copy as curl"), this);
    connect(m_copyCurl, &QPushButton::clicked, this, &Inspector::copyAsCurl);
    m_copyJson = new QPushButton(tr("Copy JSON"), this);
    m_copyJson->setToolTip(tr("The body, pretty-printed when it is JSON"));
    connect(m_copyJson, &QPushButton::clicked, this, &Inspector::copyJson);
    m_editResend = new QPushButton(tr("Edit and resend…"), this);
    connect(m_editResend, &QPushButton::clicked, this, &Inspector::editAndResend);
    auto *top = new QHBoxLayout;
    top->setContentsMargins(2, 4, 2, 4);
    top->setSpacing(8);
    top->addWidget(m_chip, 0, Qt::AlignVCenter);
    top->addWidget(m_title, 1);
    // The actions on a row of their own: beside the title they squeezed it into a column of short lines.
    auto *actions = new QHBoxLayout;
    actions->setContentsMargins(2, 0, 2, 2);
    actions->addStretch(1);
    actions->addWidget(m_editResend);
    actions->addWidget(m_copyCurl);
    actions->addWidget(m_copyJson);

    m_pretty = new PrettyTab(this);
    m_tree = new JsonTreeTab(this);
    m_raw = new BytesView(this);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_headers = new HeadersTab(this);
    m_signature = new SignatureTab(this);
    m_history = new HistoryTab(this);
    m_handler = new HandlerTab(this); // a tab only while the delivery has actions
    m_handler->hide();

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_pretty, tr("Pretty JSON"));
    m_tabs->addTab(m_tree, tr("Tree"));
    m_tabs->addTab(m_raw, tr("Raw"));
    m_tabs->addTab(m_headers, tr("Headers"));
    m_tabs->addTab(m_signature, tr("Signature"));
    m_tabs->addTab(m_history, tr("Entry history"));
    connect(m_history, &HistoryTab::titleChanged, this,
        [this](const QString &title) { m_tabs->setTabText(m_tabs->indexOf(m_history), title); });
    connect(m_history, &HistoryTab::versionActivated, this, [this](qint64 id) {
        if (id != m_currentId)
            showDelivery(id);
    });

    // The handler's answer comes after the delivery: the tab follows the outbox, coalesced.
    m_actionsRefresh = new QTimer(this);
    m_actionsRefresh->setSingleShot(true);
    m_actionsRefresh->setInterval(300);
    connect(m_actionsRefresh, &QTimer::timeout, this, &Inspector::loadActions);
    if (m_core && m_core->actions())
        connect(m_core->actions(), &ActionService::changed, m_actionsRefresh, qOverload<>(&QTimer::start));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addWidget(m_notes);
    layout->addLayout(actions);
    layout->addWidget(m_tabs, 1);

    clearTabs(tr("Select a delivery in the log to inspect it."));
}

void Inspector::showDelivery(qint64 id)
{
    const quint64 generation = ++m_generation;
    m_currentId = id > 0 ? id : 0;
    if (id <= 0) {
        clearTabs(tr("Select a delivery in the log to inspect it."));
        return;
    }
    LogService *log = m_core ? m_core->log() : nullptr;
    if (!log || !log->isAvailable()) {
        clearTabs(tr("The receiver is not running, so its database cannot be read."));
        return;
    }
    // The previous delivery stays on screen until this one arrives: no flicker while stepping through
    // the log. Only the title says what is coming.
    if (m_delivery.id != id)
        m_title->setText(tr("Loading delivery #%1…").arg(id));
    log->inspect(this, id, [this, generation](std::shared_ptr<const Inspection> loaded) {
        if (m_generation == generation)
            fill(loaded);
    });
}

void Inspector::clearTabs(const QString &message)
{
    m_loaded.reset();
    m_delivery = Delivery();
    m_prettyText.clear();
    m_chip->setVisible(false);
    m_title->setText(message.toHtmlEscaped());
    m_notes->clear();
    m_notes->hide();
    m_pretty->clear();
    m_tree->showTree(nullptr);
    m_raw->showMessage(QString());
    m_headers->clearRows();
    m_signature->clear();
    m_history->clear();
    showHandler({});
    m_copyCurl->setEnabled(false);
    m_copyJson->setEnabled(false);
    m_editResend->setEnabled(false);
}

void Inspector::fill(const std::shared_ptr<const Inspection> &shared)
{
    const Inspection &loaded = *shared;
    if (!loaded.delivery) {
        clearTabs(tr("Delivery #%1 is not in the database (any more).").arg(loaded.id));
        Q_EMIT deliveryShown(loaded.id);
        return;
    }
    const Delivery &d = *loaded.delivery;
    m_loaded = shared;
    m_delivery = d;
    m_prettyText = loaded.pretty;
    fillTitle(loaded);
    m_pretty->show(loaded);
    m_tree->showTree(loaded.json.tree);
    QString rawNote;
    if (d.redacted)
        rawNote = tr("This delivery was redacted: its body was removed on request.");
    else if (d.body.size() < d.bodySize)
        rawNote = tr("Only the first %1 bytes were stored: rejected deliveries keep at most 4 KiB.")
                      .arg(QLocale().toString(d.body.size()));
    m_raw->setBytes(d.body, d.bodySize, d.bodySha256, rawNote);
    m_headers->showDelivery(d);
    m_signature->show(loaded);
    m_history->show(loaded);

    m_copyCurl->setEnabled(!curlCommand().isEmpty());
    m_copyCurl->setToolTip(m_copyCurl->isEnabled()
            ? tr("A command that replays this delivery to this receiver, signed at replay time with "
                 "the secret in $PEANUTS_SECRET (the command never contains a secret).")
            : tr("Not available: the exact bytes of this body are not stored."));
    m_copyJson->setEnabled(!d.redacted && !d.body.isEmpty());
    // Only the exact bytes can be edited: not a redacted body, nor the first 4 KiB of a refused one.
    m_editResend->setEnabled(m_core && !d.redacted && d.body.size() == d.bodySize);
    Q_EMIT deliveryShown(d.id);
    loadActions();
}

void Inspector::loadActions()
{
    ActionService *actions = m_core ? m_core->actions() : nullptr;
    const qint64 id = m_delivery.id;
    if (!id || !actions || !actions->isAvailable())
        return;
    const quint64 generation = m_generation;
    actions->actionsOfDelivery(this, id, [this, generation, id](const QList<OutboxAction> &rows) {
        if (m_generation != generation)
            return;
        showHandler(rows);
        Q_EMIT actionsShown(id, int(rows.size()));
    });
}

void Inspector::showHandler(const QList<OutboxAction> &actions)
{
    const int index = m_tabs->indexOf(m_handler);
    if (actions.isEmpty()) {
        if (index >= 0)
            m_tabs->removeTab(index);
        m_handler->clear();
        return;
    }
    m_handler->showActions(actions);
    // The answer's status in the tab's title: what ngrok users look for first, seen from any tab.
    QString title = tr("Handler");
    for (const OutboxAction &a : actions) {
        if (a.kind == ActionKind::Forward && a.answer.status) {
            title = tr("Handler · %1", "the handler's answer status").arg(a.answer.status);
            break;
        }
    }
    if (index < 0) {
        const bool onFirst = m_tabs->currentIndex() <= 0;
        m_tabs->insertTab(0, m_handler, title);
        if (onFirst)
            m_tabs->setCurrentIndex(0);
    } else {
        m_tabs->setTabText(index, title);
    }
}

void Inspector::fillTitle(const Inspection &loaded)
{
    // The outcome chip, then event, entry, id and time; the reason under them when there is one.
    const Delivery &d = *loaded.delivery;
    // A simulated failure was stored all the same: a warning, not the outcome's own tone.
    const OutcomeTone tone = d.simulated && d.status >= 300 ? OutcomeTone::Warning : outcomeTone(d.outcome);
    m_chip->setText(outcomeChip(d.outcome, d.status, d.simulated));
    m_chip->setStyleSheet(QStringLiteral("QLabel { background: %1; color: white; border-radius: 9px;"
                                         " padding: 2px 9px; font-weight: 600; }")
                              .arg(toneBackground(tone)));
    m_chip->setVisible(true);
    QStringList title;
    title << (loaded.event.isEmpty() ? tr("<i>no event</i>")
                                     : QStringLiteral("<b>%1</b>").arg(loaded.event.toHtmlEscaped()));
    if (!loaded.entryId.isEmpty())
        title << tr("entry <b>%1</b>").arg(loaded.entryId.toHtmlEscaped());
    title << QStringLiteral("#%1").arg(d.id) << localTime(d.receivedMs).toHtmlEscaped();
    if (d.resentFrom > 0)
        title << tr("resent from <a href='#%1'>#%1</a>").arg(d.resentFrom);
    if (d.answerMs >= 0)
        title << tr("answered in %1 ms").arg(d.answerMs);
    m_title->setText(title.join(QStringLiteral(" &nbsp;·&nbsp; ")));
    QStringList notes;
    if (!d.reason.isEmpty())
        notes << d.reason.toHtmlEscaped();
    if (d.simulated)
        notes << tr("%1: a custom response; the delivery was stored as shown")
                     .arg(customAnswerNote(d.status, true).toHtmlEscaped());
    QString notesHtml;
    if (!notes.isEmpty())
        notesHtml = QStringLiteral("<span style='color:%1'>%2</span>")
                        .arg(toneText(tone, palette()), notes.join(QStringLiteral("; ")));
    if (!loaded.attempts.isEmpty()) {
        // Peanuts' retries of one delivery (the same bytes), with what each was answered.
        QStringList attempts;
        for (const DeliveryRow &a : loaded.attempts) {
            const QString answer
                = a.simulated ? tr("%1 simulated", "an attempt's answer").arg(a.status) : QString::number(a.status);
            attempts << (a.id == d.id ? QStringLiteral("<b>#%1</b> %2").arg(a.id).arg(answer)
                                      : QStringLiteral("<a href='#%1'>#%1</a> %2").arg(a.id).arg(answer));
        }
        if (!notesHtml.isEmpty())
            notesHtml += QStringLiteral("<br>");
        notesHtml
            += tr("%n attempts: %1", nullptr, int(loaded.attempts.size())).arg(attempts.join(QStringLiteral(" → ")));
    }
    m_notes->setText(notesHtml);
    m_notes->setVisible(!notesHtml.isEmpty());
    m_title->setToolTip(loaded.fromBody
            ? tr("Event and entry as the refused body names them: the receiver did not accept it.")
            : QString());
}

void Inspector::editAndResend()
{
    if (!m_core || !m_delivery.id)
        return;
    auto *dialog = new EditResendDialog(m_core, m_delivery.id, m_delivery.body, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

QString Inspector::curlCommand() const
{
    if (!m_core || !m_currentId || m_delivery.id != m_currentId)
        return QString();
    return replayCommand(m_delivery, replayHost(m_core->options().bindAddress), m_core->port());
}

void Inspector::copyAsCurl()
{
    const QString command = curlCommand();
    if (!command.isEmpty())
        QGuiApplication::clipboard()->setText(command);
}

void Inspector::copyJson()
{
    if (!m_currentId || m_delivery.id != m_currentId || m_delivery.redacted || m_delivery.body.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(m_prettyText.isEmpty() ? QString::fromUtf8(m_delivery.body) : m_prettyText);
}

void Inspector::applyPalette()
{
    const JsonColours colours = JsonColours::forPalette(palette());
    m_pretty->setColours(colours);
    m_tree->setColours(colours);
    // The rest was coloured for the old palette when it was filled.
    if (m_loaded) {
        fillTitle(*m_loaded);
        m_signature->show(*m_loaded);
        m_history->show(*m_loaded);
    }
}

void Inspector::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

} // namespace peanuts
