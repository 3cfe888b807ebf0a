// The inspector: loads one delivery (and its entry's history) on the reader's thread and shows every
// byte, the headers, the signature check and what changed between versions.
#include "inspector.h"

#include "receivercore.h"
#include "signature.h"
#include "storeworker.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace peanuts {

namespace {

// Colours JSON: keys, strings, numbers, literals. Display only; the raw tab keeps the bytes.
class JsonHighlighter : public QSyntaxHighlighter
{
public:
    explicit JsonHighlighter(QTextDocument *document)
        : QSyntaxHighlighter(document)
    {
        const bool dark = QApplication::palette().color(QPalette::Base).lightness() < 128;
        m_key.setForeground(dark ? QColor(0x8a, 0xb4, 0xf8) : QColor(0x1a, 0x4f, 0xa0));
        m_string.setForeground(dark ? QColor(0x9c, 0xdc, 0x7c) : QColor(0x2e, 0x7d, 0x32));
        m_number.setForeground(dark ? QColor(0xf2, 0xb3, 0x6f) : QColor(0xb2, 0x4a, 0x00));
        m_literal.setForeground(dark ? QColor(0xd7, 0x9b, 0xf0) : QColor(0x7b, 0x1f, 0xa2));
    }

protected:
    void highlightBlock(const QString &text) override
    {
        static const QRegularExpression token(
            QStringLiteral(R"("(?:[^"\\]|\\.)*"(\s*:)?|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\btrue\b|\bfalse\b|\bnull\b)"));
        for (auto it = token.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            const QChar first = m.captured(0).at(0);
            const QTextCharFormat &format = first == u'"' ? (m.capturedLength(1) ? m_key : m_string)
                : (first == u'-' || first.isDigit())      ? m_number
                                                          : m_literal;
            setFormat(int(m.capturedStart(0)), int(m.capturedLength(0) - m.capturedLength(1)), format);
        }
    }

private:
    QTextCharFormat m_key, m_string, m_number, m_literal;
};

QPlainTextEdit *codeView(QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setReadOnly(true);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    return view;
}

QString hexDump(const QByteArray &bytes)
{
    QString out;
    out.reserve(bytes.size() * 4 + 16);
    for (qsizetype offset = 0; offset < bytes.size(); offset += 16) {
        out += QStringLiteral("%1  ").arg(offset, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = 0; i < 16; ++i) {
            if (offset + i < bytes.size()) {
                const uchar c = uchar(bytes[offset + i]);
                out += QStringLiteral("%1 ").arg(c, 2, 16, QLatin1Char('0'));
                ascii += c >= 0x20 && c < 0x7f ? QChar(char16_t(c)) : QChar(u'.');
            } else {
                out += QStringLiteral("   ");
            }
            if (i == 7)
                out += u' ';
        }
        out += u' ' + ascii + u'\n';
    }
    return out;
}

void addJson(QTreeWidgetItem *parent, const QString &key, const QJsonValue &value)
{
    auto *item = new QTreeWidgetItem(parent);
    item->setText(0, key);
    switch (value.type()) {
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        item->setText(2, QStringLiteral("object (%1)").arg(object.size()));
        for (auto it = object.begin(); it != object.end(); ++it)
            addJson(item, it.key(), it.value());
        break;
    }
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        item->setText(2, QStringLiteral("array (%1)").arg(array.size()));
        for (qsizetype i = 0; i < array.size(); ++i)
            addJson(item, QString::number(i), array[i]);
        break;
    }
    default:
        item->setText(
            1, QString::fromUtf8(QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact).mid(1).chopped(1)));
        item->setText(2,
            value.isString()       ? QStringLiteral("string")
                : value.isDouble() ? QStringLiteral("number")
                : value.isBool()   ? QStringLiteral("bool")
                                   : QStringLiteral("null"));
    }
}

// What changed in entry.data between two versions: added, removed and changed keys.
QStringList dataChanges(const QJsonObject &before, const QJsonObject &after)
{
    QStringList changes;
    auto show = [](const QJsonValue &v) {
        return QString::fromUtf8(QJsonDocument(QJsonArray {v}).toJson(QJsonDocument::Compact).mid(1).chopped(1));
    };
    for (auto it = after.begin(); it != after.end(); ++it) {
        if (!before.contains(it.key()))
            changes << QStringLiteral("+ %1: %2").arg(it.key(), show(it.value()));
        else if (before.value(it.key()) != it.value())
            changes << QStringLiteral("~ %1: %2 → %3").arg(it.key(), show(before.value(it.key())), show(it.value()));
    }
    for (auto it = before.begin(); it != before.end(); ++it) {
        if (!after.contains(it.key()))
            changes << QStringLiteral("− %1 (was %2)").arg(it.key(), show(it.value()));
    }
    return changes;
}

QJsonObject entryData(const QByteArray &body)
{
    return QJsonDocument::fromJson(body)
        .object()
        .value(QLatin1String("entry"))
        .toObject()
        .value(QLatin1String("data"))
        .toObject();
}

QString when(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

// Quotes for a POSIX shell: single quotes, with embedded ones closed and escaped.
QString shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + quoted + u'\'';
}

} // namespace

Inspector::Inspector(ReceiverCore *core, QWidget *parent)
    : QWidget(parent)
    , m_core(core)
{
    m_title = new QLabel(QStringLiteral("Select a delivery to inspect it."), this);
    m_title->setTextFormat(Qt::RichText);
    m_title->setWordWrap(true);
    auto *copyCurl = new QPushButton(QStringLiteral("Copy as curl"), this);
    copyCurl->setToolTip(QStringLiteral("A command that replays this delivery here, re-signed with $PEANUTS_SECRET."));
    connect(copyCurl, &QPushButton::clicked, this, &Inspector::copyAsCurl);
    auto *copyJson = new QPushButton(QStringLiteral("Copy JSON"), this);
    connect(copyJson, &QPushButton::clicked, this, &Inspector::copyJson);
    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(copyCurl);
    top->addWidget(copyJson);

    m_pretty = codeView(this);
    new JsonHighlighter(m_pretty->document());
    m_tree = new QTreeWidget(this);
    m_tree->setHeaderLabels({QStringLiteral("Key"), QStringLiteral("Value"), QStringLiteral("Type")});
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    auto *copyValue = new QAction(QStringLiteral("Copy value"), m_tree);
    copyValue->setShortcut(QKeySequence::Copy);
    copyValue->setShortcutContext(Qt::WidgetShortcut);
    connect(copyValue, &QAction::triggered, this, [this] {
        if (QTreeWidgetItem *item = m_tree->currentItem())
            QGuiApplication::clipboard()->setText(item->text(1).isEmpty() ? item->text(0) : item->text(1));
    });
    auto *copyPath = new QAction(QStringLiteral("Copy key path"), m_tree);
    connect(copyPath, &QAction::triggered, this, [this] {
        QStringList path;
        for (QTreeWidgetItem *item = m_tree->currentItem(); item; item = item->parent())
            path.prepend(item->text(0));
        QGuiApplication::clipboard()->setText(path.join(u'.'));
    });
    m_tree->addActions({copyValue, copyPath});
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_raw = codeView(this);
    m_headers = new QTableWidget(this);
    m_headers->setColumnCount(2);
    m_headers->setHorizontalHeaderLabels({QStringLiteral("Name"), QStringLiteral("Value")});
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->verticalHeader()->hide();
    m_headers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_signature = new QLabel(this);
    m_signature->setTextFormat(Qt::RichText);
    m_signature->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_signature->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_signature->setWordWrap(true);
    m_signature->setMargin(10);
    m_history = new QTreeWidget(this);
    m_history->setHeaderLabels({QStringLiteral("Received"), QStringLiteral("Event"), QStringLiteral("Result"),
        QStringLiteral("What changed in data")});
    m_history->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(m_history, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        if (const qint64 id = item->data(0, Qt::UserRole).toLongLong())
            showDelivery(id);
    });

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_pretty, QStringLiteral("Pretty JSON"));
    m_tabs->addTab(m_tree, QStringLiteral("Tree"));
    m_tabs->addTab(m_raw, QStringLiteral("Raw"));
    m_tabs->addTab(m_headers, QStringLiteral("Headers"));
    m_tabs->addTab(m_signature, QStringLiteral("Signature"));
    m_tabs->addTab(m_history, QStringLiteral("Entry history"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_tabs, 1);
}

void Inspector::showDelivery(qint64 id)
{
    const quint64 generation = ++m_generation;
    m_currentId = id;
    if (id == 0) {
        m_delivery = Delivery();
        m_title->setText(QStringLiteral("Select a delivery to inspect it."));
        for (QPlainTextEdit *view : {m_pretty, m_raw})
            view->clear();
        m_tree->clear();
        m_headers->setRowCount(0);
        m_signature->clear();
        m_history->clear();
        return;
    }
    QPointer<Inspector> self(this);
    m_core->reader()->read([self, id, generation](Store &store) {
        const auto delivery = store.delivery(id);
        QList<Delivery> history;
        if (delivery && delivery->event)
            history = store.entryHistory(delivery->event->entryId).value_or(QList<Delivery>());
        QMetaObject::invokeMethod(
            self,
            [self, generation, delivery, history] {
                if (self && generation == self->m_generation && delivery)
                    self->fill(*delivery, history);
            },
            Qt::QueuedConnection);
    });
}

void Inspector::fill(const Delivery &d, const QList<Delivery> &history)
{
    m_delivery = d;
    const bool rejected = isRejected(d.outcome);
    const QString colour = rejected      ? QStringLiteral("#c62828")
        : d.outcome == Outcome::Accepted ? QStringLiteral("#2e7d32")
                                         : QStringLiteral("#b26a00");
    const QString event = d.event ? d.event->event : QStringLiteral("(not parsed)");
    const QString entry = d.event ? d.event->entryId : QString();
    m_title->setText(QStringLiteral("<b>#%1</b> &nbsp; %2 &nbsp; <code>%3</code> &nbsp; "
                                    "<span style='color:white; background:%4'>&nbsp;%5 %6&nbsp;</span>")
                         .arg(d.id)
                         .arg(event.toHtmlEscaped(), entry.toHtmlEscaped(), colour)
                         .arg(d.status)
                         .arg(QString::fromLatin1(outcomeName(d.outcome))));

    // Pretty JSON and tree.
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(d.body, &error);
    m_tree->clear();
    if (d.redacted) {
        m_pretty->setPlainText(QStringLiteral("The body of this delivery was redacted."));
    } else if (error.error == QJsonParseError::NoError) {
        m_pretty->setPlainText(QString::fromUtf8(document.toJson(QJsonDocument::Indented)));
        if (document.isObject()) {
            const QJsonObject object = document.object();
            for (auto it = object.begin(); it != object.end(); ++it)
                addJson(m_tree->invisibleRootItem(), it.key(), it.value());
        } else {
            addJson(m_tree->invisibleRootItem(), QStringLiteral("(root)"),
                document.isArray() ? QJsonValue(document.array()) : QJsonValue());
        }
        m_tree->expandToDepth(1);
    } else {
        m_pretty->setPlainText(QStringLiteral("Not JSON (%1 at byte %2). The Raw tab shows the bytes as received.")
                                   .arg(error.errorString())
                                   .arg(error.offset));
    }

    // Raw bytes, as text where they are UTF-8, else as hex.
    const QString digest = QString::fromLatin1(d.bodySha256.toHex());
    QString raw = QStringLiteral("%1 bytes received · SHA-256 %2\n").arg(d.bodySize).arg(digest);
    if (d.redacted)
        raw += QStringLiteral("The body was redacted on request.\n");
    else if (d.body.size() < d.bodySize)
        raw += QStringLiteral("Only the first %1 bytes of this rejected delivery were kept.\n").arg(d.body.size());
    raw += u'\n';
    if (d.body.isValidUtf8())
        raw += QString::fromUtf8(d.body);
    else
        raw += QStringLiteral("Not UTF-8: hex view\n\n") + hexDump(d.body);
    m_raw->setPlainText(raw);

    // Headers, with where it came from.
    QList<QPair<QString, QString>> rows {{QStringLiteral("(request)"), QString::fromLatin1(d.method + ' ' + d.path)},
        {QStringLiteral("(received)"), when(d.receivedMs)}, {QStringLiteral("(from)"), d.remoteAddress}};
    if (!d.forwardedFor.isEmpty())
        rows.append({QStringLiteral("(client, via tunnel)"), d.forwardedFor});
    QByteArray received;
    for (const QByteArray &line : d.headers.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed();
        const QByteArray value = line.mid(colon + 1).trimmed();
        rows.append({QString::fromLatin1(name), QString::fromLatin1(value)});
        if (name.compare("x-peanuts-signature", Qt::CaseInsensitive) == 0)
            received = value;
    }
    m_headers->setRowCount(int(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        m_headers->setItem(i, 0, new QTableWidgetItem(rows[i].first));
        m_headers->setItem(i, 1, new QTableWidgetItem(rows[i].second));
    }
    m_headers->resizeColumnToContents(0);

    // Signature: received, expected per secret (shown here only), the match and the verdict.
    QString sig = QStringLiteral("<table cellpadding=4><tr><td><b>Received</b></td><td><code>%1</code></td></tr>")
                      .arg(received.isEmpty() ? QStringLiteral("(no X-Peanuts-Signature header)")
                                              : QString::fromLatin1(received).toHtmlEscaped());
    if (d.body.size() < d.bodySize || d.redacted) {
        sig += QStringLiteral("<tr><td><b>Expected</b></td><td>cannot be recomputed: the stored body is not whole"
                              "</td></tr>");
    } else {
        const auto expected = m_core->verifier().expectedSignatures(d.body);
        if (expected.isEmpty())
            sig += QStringLiteral("<tr><td><b>Expected</b></td><td>no secret is configured</td></tr>");
        for (const auto &[label, hex] : expected) {
            const bool match = !received.isEmpty() && received == hex;
            sig += QStringLiteral("<tr><td><b>Expected</b> (secret “%1”)</td><td><code>%2</code> %3</td></tr>")
                       .arg(label.toHtmlEscaped(), QString::fromLatin1(hex), match ? QStringLiteral("✓") : QString());
        }
    }
    QString verdict;
    if (d.outcome == Outcome::RejectedSignature || d.outcome == Outcome::Unavailable
        || d.outcome == Outcome::RejectedSize)
        verdict = QStringLiteral("<span style='color:#c62828'>Rejected %1: %2</span>")
                      .arg(d.status)
                      .arg(d.reason.toHtmlEscaped());
    else if (!d.secretLabel.isEmpty())
        verdict = QStringLiteral("<span style='color:#2e7d32'>Signature valid: matches secret “%1”.</span>%2")
                      .arg(d.secretLabel.toHtmlEscaped(),
                          rejected ? QStringLiteral(" Then rejected %1: %2").arg(d.status).arg(d.reason.toHtmlEscaped())
                                   : QString());
    else
        verdict = QStringLiteral("%1 %2").arg(d.status).arg(d.reason.toHtmlEscaped());
    sig += QStringLiteral("<tr><td><b>Verdict</b></td><td>%1</td></tr></table>").arg(verdict);
    sig += QStringLiteral("<p style='color:gray'>Expected values are computed here, in the window, from the raw "
                          "bytes as received; they never appear in the API or in exports.</p>");
    m_signature->setText(sig);

    // Entry history, with the changes in data from one applied version to the next.
    m_history->clear();
    QJsonObject previous;
    bool first = true;
    for (const Delivery &version : history) {
        auto *item = new QTreeWidgetItem(m_history);
        item->setData(0, Qt::UserRole, version.id);
        item->setText(0, when(version.receivedMs));
        item->setText(1, version.event ? version.event->event : QString());
        item->setText(2, QString::fromLatin1(outcomeName(version.outcome)));
        if (version.id == d.id) {
            QFont bold = item->font(0);
            bold.setBold(true);
            for (int c = 0; c < 4; ++c)
                item->setFont(c, bold);
        }
        if (version.outcome != Outcome::Accepted) {
            item->setText(3, QStringLiteral("(not applied)"));
            continue;
        }
        const QJsonObject data = entryData(version.body);
        const QStringList changes = first ? QStringList {QStringLiteral("first version")} : dataChanges(previous, data);
        item->setText(3, changes.isEmpty() ? QStringLiteral("no change in data") : changes.join(QStringLiteral("; ")));
        previous = data;
        first = false;
    }
    Q_EMIT deliveryShown(d.id);
}

QString Inspector::curlCommand() const
{
    if (!m_currentId || m_delivery.redacted || m_delivery.body.size() < m_delivery.bodySize)
        return {};
    // The secret is read from the environment when the command runs: it is never written into the
    // clipboard. printf '%s' keeps the bytes exact (no trailing newline), so the signature matches.
    const QString body = m_delivery.body.isValidUtf8() ? QString::fromUtf8(m_delivery.body) : QString();
    if (body.isNull())
        return {};
    const QString url
        = QStringLiteral("http://127.0.0.1:%1%2").arg(m_core->port()).arg(QString::fromUtf8(m_delivery.path));
    return QStringLiteral("BODY=%1; curl -sS -X POST %2 -H 'Content-Type: application/json' "
                          "-H \"X-Peanuts-Signature: $(printf '%s' \"$BODY\" | openssl dgst -sha256 -hmac "
                          "\"$PEANUTS_SECRET\" | sed 's/^.*= //')\" --data-binary \"$BODY\"")
        .arg(shellQuote(body), url);
}

void Inspector::copyAsCurl()
{
    const QString command = curlCommand();
    if (!command.isEmpty())
        QGuiApplication::clipboard()->setText(command);
}

void Inspector::copyJson()
{
    if (!m_currentId || m_delivery.redacted)
        return;
    const QJsonDocument document = QJsonDocument::fromJson(m_delivery.body);
    QGuiApplication::clipboard()->setText(document.isNull()
            ? QString::fromUtf8(m_delivery.body)
            : QString::fromUtf8(document.toJson(QJsonDocument::Indented)));
}

} // namespace peanuts
