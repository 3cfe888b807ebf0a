// The Handler tab: the list of a delivery's actions over the details of the one selected.
#include "inspector/handlertab.h"

#include "inspector/tabsupport.h"
#include "palette.h"
#include "pipeline/urlpolicy.h"

#include <QFontDatabase>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStringDecoder>
#include <QVBoxLayout>

namespace peanuts {

namespace {

QString targetText(const OutboxAction &a)
{
    switch (a.kind) {
    case ActionKind::Notify:
        return HandlerTab::tr("desktop notification");
    case ActionKind::Post:
        return redactedUrl(QUrl(a.target)); // an alert URL: a secret
    case ActionKind::Forward:
        return a.target;
    }
    return QString();
}

QString stateText(const OutboxAction &a)
{
    switch (a.state) {
    case ActionState::Done:
        return HandlerTab::tr("delivered", "an action's state");
    case ActionState::Dead:
        return HandlerTab::tr("dead letter", "an action's state");
    case ActionState::Pending:
        return a.attempts > 0 ? HandlerTab::tr("retrying", "an action's state")
                              : HandlerTab::tr("pending", "an action's state");
    }
    return QString();
}

bool answered(const OutboxAction &a)
{
    return a.answer.status != 0 || a.answer.atMs != 0;
}

QPlainTextEdit *textView(QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setReadOnly(true);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    return view;
}

} // namespace

QString hexDump(const QByteArray &bytes)
{
    QString out;
    out.reserve(int(bytes.size()) * 4 + 64);
    for (qsizetype at = 0; at < bytes.size(); at += 16) {
        out += QStringLiteral("%1  ").arg(at, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (int i = 0; i < 16; ++i) {
            if (at + i < bytes.size()) {
                const auto byte = quint8(bytes.at(at + i));
                out += QStringLiteral("%1 ").arg(byte, 2, 16, QLatin1Char('0'));
                ascii += byte >= 0x20 && byte < 0x7f ? QChar(char16_t(byte)) : QChar(u'.');
            } else {
                out += QStringLiteral("   ");
            }
        }
        out += u' ' + ascii + u'\n';
    }
    return out;
}

HandlerTab::HandlerTab(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_status(new QLabel(this))
    , m_details(noteLabel(this))
    , m_headersLabel(new QLabel(tr("Answer headers"), this))
    , m_headers(textView(this))
    , m_bodyLabel(new QLabel(tr("Answer body"), this))
    , m_body(textView(this))
{
    m_list->setObjectName(QStringLiteral("handlerActions"));
    m_list->setMaximumHeight(84);
    m_status->setObjectName(QStringLiteral("handlerStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = m_status->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_status->setFont(big);
    m_details->setTextFormat(Qt::PlainText);
    m_headers->setObjectName(QStringLiteral("handlerHeaders"));
    m_body->setObjectName(QStringLiteral("handlerBody"));

    auto *answer = new QSplitter(Qt::Vertical, this);
    auto *headersBox = new QWidget(answer);
    auto *headersLayout = new QVBoxLayout(headersBox);
    headersLayout->setContentsMargins(0, 0, 0, 0);
    headersLayout->addWidget(m_headersLabel);
    headersLayout->addWidget(m_headers);
    auto *bodyBox = new QWidget(answer);
    auto *bodyLayout = new QVBoxLayout(bodyBox);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addWidget(m_bodyLabel);
    bodyLayout->addWidget(m_body);
    answer->addWidget(headersBox);
    answer->addWidget(bodyBox);
    answer->setStretchFactor(0, 1);
    answer->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_list);
    layout->addWidget(m_status);
    layout->addWidget(m_details);
    layout->addWidget(answer, 1);
    connect(m_list, &QListWidget::currentRowChanged, this, &HandlerTab::showAction);
    clear();
}

void HandlerTab::clear()
{
    m_actions.clear();
    m_list->clear();
    m_list->hide();
    m_status->setText(tr("Nothing was forwarded or sent for this delivery."));
    m_status->setStyleSheet(QString());
    m_details->clear();
    m_headers->clear();
    m_body->clear();
}

void HandlerTab::showActions(const QList<OutboxAction> &actions)
{
    const qint64 shownId = m_list->currentRow() >= 0 && m_list->currentRow() < m_actions.size()
        ? m_actions.at(m_list->currentRow()).id
        : 0;
    QList<OutboxAction> sorted = actions;
    // The handler's answer is what users look for first: forwards lead.
    std::stable_sort(sorted.begin(), sorted.end(), [](const OutboxAction &a, const OutboxAction &b) {
        return (a.kind == ActionKind::Forward) > (b.kind == ActionKind::Forward);
    });
    if (sorted.isEmpty()) {
        clear();
        return;
    }
    m_actions = sorted;
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    int current = 0;
    for (int i = 0; i < m_actions.size(); ++i) {
        const OutboxAction &a = m_actions.at(i);
        QString line = QStringLiteral("%1 → %2 · %3")
                           .arg(QString::fromLatin1(actionKindName(a.kind)), targetText(a), stateText(a));
        if (a.answer.status)
            line += QStringLiteral(" · %1").arg(a.answer.status);
        m_list->addItem(line);
        if (a.id == shownId)
            current = i;
    }
    m_list->setVisible(m_actions.size() > 1);
    m_list->setCurrentRow(current);
    showAction(current);
}

void HandlerTab::showAction(int index)
{
    if (index < 0 || index >= m_actions.size())
        return;
    const OutboxAction &a = m_actions.at(index);
    const bool forward = a.kind == ActionKind::Forward;
    QString status;
    OutcomeTone tone = OutcomeTone::Warning;
    if (answered(a) && a.answer.status) {
        status = (forward ? tr("Handler answered %1 · %2 ms · %3") : tr("Answered %1 · %2 ms · %3"))
                     .arg(a.answer.status)
                     .arg(a.answer.durationMs)
                     .arg(localTime(a.answer.atMs));
        tone = a.answer.status >= 200 && a.answer.status < 300 ? OutcomeTone::Good : OutcomeTone::Bad;
    } else if (answered(a)) {
        status = tr("No answer · %1").arg(localTime(a.answer.atMs));
        tone = OutcomeTone::Bad;
    } else if (a.kind == ActionKind::Notify && a.state == ActionState::Done) {
        status = tr("Notification shown");
        tone = OutcomeTone::Good;
    } else {
        status = a.state == ActionState::Pending ? tr("Waiting to be sent") : stateText(a);
    }
    m_status->setText(status);
    m_status->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(toneText(tone, palette())));

    QStringList details;
    details << tr("%1 to %2", "an action's kind (as the rules name it) and its target")
                   .arg(QString::fromLatin1(actionKindName(a.kind)), targetText(a));
    details << tr("State: %1 · attempts: %2").arg(stateText(a)).arg(a.attempts);
    if (a.state == ActionState::Pending && a.nextAttemptMs)
        details << tr("Next attempt: %1").arg(localTime(a.nextAttemptMs));
    if (!a.lastError.isEmpty())
        details << tr("Last error: %1").arg(a.lastError);
    if (!a.ruleId.isEmpty())
        details << tr("Rule: %1").arg(a.ruleId);
    if (!forward && !a.payload.isEmpty())
        details << tr("Text: %1", "the rendered text of a notification or post")
                       .arg(elided(QString::fromUtf8(a.payload), 2000));
    if (!a.idempotencyKey.isEmpty())
        details << QStringLiteral("Idempotency-Key: %1").arg(QString::fromLatin1(a.idempotencyKey));
    m_details->setText(details.join(u'\n'));

    const bool hasAnswer = answered(a) && a.kind != ActionKind::Notify;
    m_headersLabel->setVisible(hasAnswer);
    m_headers->setVisible(hasAnswer);
    m_bodyLabel->setVisible(hasAnswer);
    m_body->setVisible(hasAnswer);
    m_headers->setPlainText(QString::fromUtf8(a.answer.headers));
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString body = utf8(a.answer.body);
    const bool text = !utf8.hasError();
    if (!text)
        body = hexDump(a.answer.body);
    m_body->setPlainText(body);
    QString bodyTitle = text ? tr("Answer body") : tr("Answer body (not UTF-8: hex)");
    if (a.answer.bodySize > a.answer.body.size())
        bodyTitle = tr("%1 — the first %2 of %Ln bytes", "an answer body's title, then how much of it is kept",
            trCount(a.answer.bodySize))
                        .arg(bodyTitle, QLocale().toString(a.answer.body.size()));
    m_bodyLabel->setText(bodyTitle);
}

QString HandlerTab::statusText() const
{
    return m_status->text();
}

QString HandlerTab::detailsText() const
{
    return m_details->text();
}

QString HandlerTab::headersText() const
{
    return m_headers->toPlainText();
}

QString HandlerTab::bodyText() const
{
    return m_body->toPlainText();
}

} // namespace peanuts
