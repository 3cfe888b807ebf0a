// The inspector: loads a delivery and its entry's history on the reader's thread (JSON views and diffs
// prepared there too), then shows every byte, the headers, the signature check and each version's changes.
#include "inspector.h"

#include "hexview.h"
#include "ingest/signature.h"
#include "jsonhighlighter.h"
#include "jsontreemodel.h"
#include "receivercore.h"
#include "store/store.h"
#include "store/storeworker.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QHostAddress>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeView>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>

namespace peanuts {

namespace {

// One version of an entry, with what changed in entry.data since the previous one.
struct HistoryVersion
{
    qint64 id = 0;
    qint64 receivedMs = 0;
    QString event;
    Outcome outcome = Outcome::Accepted;
    int status = 0;
    qint64 timestampMs = 0;
    bool hasTimestamp = false;
    QString summary;
    QList<JsonChange> changes;
};

constexpr int kExpandAllNodes = 2000; // bigger documents open one level deep
constexpr int kReceivedShownChars = 256;

enum class Tone { Good, Warning, Bad };

Tone toneOf(Outcome outcome)
{
    if (outcome == Outcome::Accepted)
        return Tone::Good;
    return isRejected(outcome) ? Tone::Bad : Tone::Warning;
}

// Behind white text: the outcome chip.
QString toneBackground(Tone tone)
{
    switch (tone) {
    case Tone::Good:
        return QStringLiteral("#2e7d32");
    case Tone::Warning:
        return QStringLiteral("#a35a00");
    case Tone::Bad:
        break;
    }
    return QStringLiteral("#c62828");
}

// As text on the view's base: darker on light palettes, lighter on dark ones.
QString toneText(Tone tone, const QPalette &palette)
{
    if (palette.color(QPalette::Base).lightness() >= 128)
        return toneBackground(tone);
    switch (tone) {
    case Tone::Good:
        return QStringLiteral("#81c784");
    case Tone::Warning:
        return QStringLiteral("#ffb74d");
    case Tone::Bad:
        break;
    }
    return QStringLiteral("#ef9a9a");
}

QString localTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz t"));
}

QString utcTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

// Header bytes as text: UTF-8 when they are, else one character per byte.
QString headerText(QByteArrayView bytes)
{
    return QByteArrayView(bytes).isValidUtf8() ? QString::fromUtf8(bytes) : QString::fromLatin1(bytes);
}

QList<QPair<QByteArray, QByteArray>> headerLines(const QByteArray &headers)
{
    QList<QPair<QByteArray, QByteArray>> lines;
    for (const QByteArray &line : headers.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            lines.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    return lines;
}

std::optional<QByteArray> headerValue(const QByteArray &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headerLines(headers)) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return std::nullopt;
}

const JsonNode *entryData(const JsonTree *tree)
{
    if (!tree)
        return nullptr;
    const JsonNode *entry = tree->top->member(QStringLiteral("entry"));
    return entry ? entry->member(QStringLiteral("data")) : nullptr;
}

QString describe(const JsonChange &change)
{
    const QString path = change.path.isEmpty() ? QStringLiteral("data") : change.path;
    switch (change.kind) {
    case JsonChange::Kind::Added:
        return QStringLiteral("+ %1: %2").arg(path, change.after);
    case JsonChange::Kind::Removed:
        return QStringLiteral("− %1 (was %2)").arg(path, change.before);
    case JsonChange::Kind::Changed:
        break;
    }
    return QStringLiteral("%1: %2 → %3").arg(path, change.before, change.after);
}

QString elided(const QString &text, int chars)
{
    return text.size() <= chars ? text : QString(text.left(chars) + QStringLiteral("…"));
}

// The history of an entry, oldest first, each version compared with the one before it.
QList<HistoryVersion> versionsOf(const QList<Delivery> &deliveries)
{
    QList<HistoryVersion> versions;
    QHash<QByteArray, qint64> firstWithBytes; // body SHA-256 -> first delivery id
    std::shared_ptr<const JsonTree> previousTree;
    const JsonNode *previousData = nullptr;
    qint64 previousId = 0;
    for (const Delivery &d : deliveries) {
        HistoryVersion v;
        v.id = d.id;
        v.receivedMs = d.receivedMs;
        v.outcome = d.outcome;
        v.status = d.status;
        if (d.event) {
            v.event = d.event->event;
            v.timestampMs = d.event->timestampMs;
            v.hasTimestamp = true;
        }
        if (d.redacted) {
            v.summary = QStringLiteral("body redacted: its data cannot be compared");
        } else if (const auto same = firstWithBytes.constFind(d.bodySha256); same != firstWithBytes.constEnd()) {
            v.summary = QStringLiteral("the same bytes as #%1").arg(*same);
        } else {
            firstWithBytes.insert(d.bodySha256, d.id);
            const JsonParse parsed = parseJsonTree(d.body);
            const JsonNode *data = entryData(parsed.tree.get());
            if (!data) {
                v.summary = QStringLiteral("no entry.data in this body");
                versions.append(v);
                continue;
            }
            if (!previousTree) {
                // The first version: everything in it is new.
                JsonNode nothing;
                nothing.kind = JsonNode::Kind::Object;
                v.changes = diffJson(nullptr, &nothing, parsed.tree.get(), data);
                v.summary = QStringLiteral("first version");
            } else {
                v.changes = diffJson(previousTree.get(), previousData, parsed.tree.get(), data);
                if (v.changes.isEmpty())
                    v.summary = QStringLiteral("no change in data since #%1").arg(previousId);
                else if (v.changes.size() == 1)
                    v.summary = describe(v.changes.constFirst());
                else
                    v.summary = QStringLiteral("%1 changes since #%2").arg(v.changes.size()).arg(previousId);
            }
            previousTree = parsed.tree;
            previousData = data;
            previousId = d.id;
        }
        versions.append(v);
    }
    return versions;
}

struct Verdict
{
    QString text;
    Tone tone;
};

Verdict verdictOf(const Delivery &d, bool hasSignatureHeader)
{
    const QString matches = QStringLiteral("matches secret '%1'").arg(d.secretLabel);
    switch (d.outcome) {
    case Outcome::Accepted:
        return {QStringLiteral("Accepted: %1").arg(matches), Tone::Good};
    case Outcome::Duplicate:
        return {
            QStringLiteral("Accepted: %1 (a duplicate: these bytes were already received)").arg(matches), Tone::Good};
    case Outcome::Stale:
        return {QStringLiteral("Accepted: %1 (stale: older than the entry's state, so not applied)").arg(matches),
            Tone::Good};
    case Outcome::Ignored:
        return {QStringLiteral("Accepted: %1 (an unknown event type: stored, not applied)").arg(matches), Tone::Good};
    case Outcome::RejectedSignature:
        if (!hasSignatureHeader)
            return {QStringLiteral("No signature header: rejected %1").arg(d.status), Tone::Bad};
        break;
    case Outcome::RejectedShape:
        if (!d.secretLabel.isEmpty())
            return {
                QStringLiteral("Signature valid (%1), but rejected %2: %3").arg(matches).arg(d.status).arg(d.reason),
                Tone::Warning};
        return {QStringLiteral("Rejected %1: %2 (before the signature was checked)").arg(d.status).arg(d.reason),
            Tone::Bad};
    case Outcome::RejectedSize:
        return {QStringLiteral("Rejected %1: %2 (oversized bodies are refused before any signature check)")
                    .arg(d.status)
                    .arg(d.reason),
            Tone::Bad};
    default:
        break;
    }
    return {QStringLiteral("Rejected %1: %2").arg(d.status).arg(d.reason), Tone::Bad};
}

// Single quotes for a POSIX shell, with embedded ones closed, escaped and reopened.
QString shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + quoted + u'\'';
}

// The bytes as a single-quoted printf format: printable ASCII stays readable, % and \ are doubled, and
// every other byte is a three-digit octal escape, which printf (bash's and POSIX's) writes back as
// exactly that byte. No encoding, locale or terminal can alter an escape, and unlike a here-doc nothing
// adds a trailing newline.
QString printfFormat(QByteArrayView bytes)
{
    QString format;
    format.reserve(bytes.size() + bytes.size() / 8 + 2);
    format += u'\'';
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const uchar b = uchar(bytes[i]);
        if (b == '%')
            format += QStringLiteral("%%");
        else if (b == '\\')
            format += QStringLiteral("\\\\");
        else if (b == '\'')
            format += QStringLiteral("'\\''");
        else if (b == '\n')
            format += QStringLiteral("\\n");
        else if (b == '\t')
            format += QStringLiteral("\\t");
        else if (b >= 0x20 && b < 0x7f && !(i == 0 && b == '-')) // a leading '-' would read as an option
            format += QLatin1Char(char(b));
        else
            format += u'\\' + QString::number(b, 8).rightJustified(3, u'0');
    }
    format += u'\'';
    return format;
}

// Ctrl+C on an item view: the views copy only the current cell's text themselves (and take the key
// before any QAction shortcut can), so this filter answers it first with the inspector's own copy.
class CopyKeyFilter : public QObject
{
public:
    CopyKeyFilter(QAbstractItemView *view, std::function<void()> copy)
        : QObject(view)
        , m_copy(std::move(copy))
    {
        view->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::KeyPress && static_cast<QKeyEvent *>(event)->matches(QKeySequence::Copy)) {
            m_copy();
            return true;
        }
        return QObject::eventFilter(watched, event);
    }

private:
    std::function<void()> m_copy;
};

QLabel *noteLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setContentsMargins(8, 6, 8, 6);
    return label;
}

} // namespace

struct Inspector::Loaded
{
    qint64 id = 0;
    std::optional<Delivery> delivery;
    JsonParse json; // of the body
    QString pretty; // the body re-indented, when it is JSON
    QString event; // from the receiver's parse, else read from the body
    QString entryId;
    bool fromBody = false; // event and entryId come from a body the receiver refused
    bool bodyWhole = false; // the stored bytes are the whole body: signatures can be recomputed
    QList<QPair<QString, QByteArray>> expected; // label, lowercase hex: for each configured secret
    QList<HistoryVersion> history;
    QString historyError;
};

Inspector::Inspector(ReceiverCore *core, QWidget *parent)
    : QWidget(parent)
    , m_core(core)
{
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    // The header line: outcome chip, event, entry and id; the actions on the right.
    m_chip = new QLabel(this);
    m_chip->setVisible(false);
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::RichText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    m_copyCurl = new QPushButton(QStringLiteral("Copy as curl"), this);
    connect(m_copyCurl, &QPushButton::clicked, this, &Inspector::copyAsCurl);
    m_copyJson = new QPushButton(QStringLiteral("Copy JSON"), this);
    m_copyJson->setToolTip(QStringLiteral("The body, pretty-printed when it is JSON"));
    connect(m_copyJson, &QPushButton::clicked, this, &Inspector::copyJson);
    auto *top = new QHBoxLayout;
    top->setContentsMargins(2, 4, 2, 4);
    top->setSpacing(8);
    top->addWidget(m_chip, 0, Qt::AlignVCenter);
    top->addWidget(m_title, 1);
    top->addWidget(m_copyCurl);
    top->addWidget(m_copyJson);

    // Pretty JSON.
    auto *prettyPage = new QWidget(this);
    m_prettyNote = noteLabel(prettyPage);
    m_prettyNote->setAutoFillBackground(true);
    m_prettyNote->setBackgroundRole(QPalette::AlternateBase);
    m_prettyNote->setVisible(false);
    m_pretty = new FoldedTextView(prettyPage);
    m_pretty->setFont(mono);
    m_highlighter = new JsonHighlighter(m_pretty->document());
    auto *prettyLayout = new QVBoxLayout(prettyPage);
    prettyLayout->setContentsMargins(0, 0, 0, 0);
    prettyLayout->setSpacing(0);
    prettyLayout->addWidget(m_prettyNote);
    prettyLayout->addWidget(m_pretty, 1);

    // Tree.
    m_treeModel = new JsonTreeModel(this);
    m_tree = new QTreeView(this);
    m_tree->setModel(m_treeModel);
    m_tree->setUniformRowHeights(true); // lets a tree of tens of thousands of nodes scroll smoothly
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
    auto *copyValue = new QAction(QStringLiteral("Copy value"), m_tree);
    copyValue->setShortcut(QKeySequence::Copy); // shown in the menu; the key itself goes to CopyKeyFilter
    copyValue->setShortcutContext(Qt::WidgetShortcut);
    new CopyKeyFilter(m_tree, [this] { copyTreeValues(); });
    connect(copyValue, &QAction::triggered, this, &Inspector::copyTreeValues);
    auto *copyKey = new QAction(QStringLiteral("Copy key"), m_tree);
    connect(copyKey, &QAction::triggered, this, [this] { copyTreeText(Qt::DisplayRole); });
    auto *copyPath = new QAction(QStringLiteral("Copy key path"), m_tree);
    connect(copyPath, &QAction::triggered, this, [this] { copyTreeText(JsonTreeModel::KeyPathRole); });
    m_tree->addActions({copyValue, copyKey, copyPath});
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);

    // Raw.
    m_raw = new BytesView(this);
    m_raw->setFont(mono);

    // Headers.
    m_headers = new QTableWidget(this);
    m_headers->setColumnCount(2);
    m_headers->setHorizontalHeaderLabels({QStringLiteral("Name"), QStringLiteral("Value")});
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->verticalHeader()->hide();
    m_headers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_headers->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_headers->setWordWrap(false);
    auto *copyHeaders = new QAction(QStringLiteral("Copy"), m_headers);
    copyHeaders->setShortcut(QKeySequence::Copy);
    copyHeaders->setShortcutContext(Qt::WidgetShortcut);
    new CopyKeyFilter(m_headers, [this] { copyHeaderRows(); });
    connect(copyHeaders, &QAction::triggered, this, &Inspector::copyHeaderRows);
    m_headers->addAction(copyHeaders);
    m_headers->setContextMenuPolicy(Qt::ActionsContextMenu);

    // Signature.
    m_signature = noteLabel(this);
    m_signature->setTextFormat(Qt::RichText);
    m_signature->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_signature->setContentsMargins(6, 8, 6, 8);
    auto *signaturePage = new QScrollArea(this);
    signaturePage->setWidget(m_signature);
    signaturePage->setWidgetResizable(true);
    signaturePage->setFrameShape(QFrame::NoFrame);
    signaturePage->setBackgroundRole(QPalette::Base);

    // Entry history.
    auto *historyPage = new QWidget(this);
    m_historyNote = noteLabel(historyPage);
    m_history = new QTreeWidget(historyPage);
    m_history->setHeaderLabels({QStringLiteral("#"), QStringLiteral("Received"), QStringLiteral("Event"),
        QStringLiteral("Outcome"), QStringLiteral("Event time (UTC)"), QStringLiteral("Changes in data")});
    m_history->setRootIsDecorated(true);
    m_history->setUniformRowHeights(true);
    m_history->header()->setStretchLastSection(true);
    m_history->setToolTip(QStringLiteral("Double-click a version (or press Enter) to inspect that delivery"));
    connect(m_history, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const qint64 id = item->data(0, Qt::UserRole).toLongLong();
        if (id > 0 && id != m_currentId)
            showDelivery(id);
    });
    auto *historyLayout = new QVBoxLayout(historyPage);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    historyLayout->setSpacing(0);
    historyLayout->addWidget(m_historyNote);
    historyLayout->addWidget(m_history, 1);

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(prettyPage, QStringLiteral("Pretty JSON"));
    m_tabs->addTab(m_tree, QStringLiteral("Tree"));
    m_tabs->addTab(m_raw, QStringLiteral("Raw"));
    m_tabs->addTab(m_headers, QStringLiteral("Headers"));
    m_tabs->addTab(signaturePage, QStringLiteral("Signature"));
    m_tabs->addTab(historyPage, QStringLiteral("Entry history"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addWidget(m_tabs, 1);

    clearTabs(QStringLiteral("Select a delivery in the log to inspect it."));
}

void Inspector::showDelivery(qint64 id)
{
    const quint64 generation = ++m_generation;
    m_currentId = id > 0 ? id : 0;
    if (id <= 0) {
        clearTabs(QStringLiteral("Select a delivery in the log to inspect it."));
        return;
    }
    StoreWorker *reader = m_core ? m_core->reader() : nullptr;
    if (!reader) {
        clearTabs(QStringLiteral("The receiver is not running, so its database cannot be read."));
        return;
    }
    // The previous delivery stays on screen until this one arrives: no flicker while stepping through
    // the log. Only the title says what is coming.
    if (m_delivery.id != id)
        m_title->setText(QStringLiteral("Loading delivery #%1…").arg(id));

    const SignatureVerifier *verifier = &m_core->verifier(); // thread-safe, and outlives the reader
    QPointer<Inspector> self(this);
    reader->run([self, generation, id, verifier](Store &store) {
        auto loaded = std::make_shared<const Loaded>(load(store, id, *verifier));
        // Back on the GUI thread: qApp is the context because this inspector may be gone by now, and
        // the QPointer may only be read on the thread that deletes it.
        QMetaObject::invokeMethod(
            qApp,
            [self, generation, loaded] {
                if (self && self->m_generation == generation)
                    self->fill(loaded);
            },
            Qt::QueuedConnection);
    });
}

Inspector::Loaded Inspector::load(Store &store, qint64 id, const SignatureVerifier &verifier)
{
    Loaded loaded;
    loaded.id = id;
    loaded.delivery = store.delivery(id);
    if (!loaded.delivery)
        return loaded;
    const Delivery &d = *loaded.delivery;
    if (!d.redacted && !d.body.isEmpty()) {
        loaded.json = parseJsonTree(d.body);
        if (loaded.json.tree)
            loaded.pretty = QString::fromUtf8(prettyJson(d.body));
    }
    loaded.bodyWhole = !d.redacted && d.body.size() == d.bodySize;
    if (loaded.bodyWhole)
        loaded.expected = verifier.expectedSignatures(d.body);
    if (d.event) {
        loaded.event = d.event->event;
        loaded.entryId = d.event->entryId;
    } else if (const JsonTree *tree = loaded.json.tree.get()) {
        // A refused body may still name its entry, and that entry's history is worth seeing next to it.
        const JsonNode *event = tree->top->member(QStringLiteral("event"));
        const JsonNode *entry = tree->top->member(QStringLiteral("entry"));
        const JsonNode *entryId = entry ? entry->member(QStringLiteral("id")) : nullptr;
        if (event && event->kind == JsonNode::Kind::String)
            loaded.event = event->value;
        if (entryId && entryId->kind == JsonNode::Kind::String)
            loaded.entryId = entryId->value;
        loaded.fromBody = !loaded.event.isEmpty() || !loaded.entryId.isEmpty();
    }
    if (!loaded.entryId.isEmpty()) {
        if (const auto history = store.entryHistory(loaded.entryId))
            loaded.history = versionsOf(*history);
        else
            loaded.historyError = store.lastError();
    }
    return loaded;
}

void Inspector::clearTabs(const QString &message)
{
    m_loaded.reset();
    m_delivery = Delivery();
    m_prettyText.clear();
    m_chip->setVisible(false);
    m_title->setText(message.toHtmlEscaped());
    m_prettyNote->setVisible(false);
    m_pretty->clearText();
    m_treeModel->setTree(nullptr);
    m_raw->showMessage(QString());
    m_headers->clearSpans();
    m_headers->setRowCount(0);
    m_signature->clear();
    m_history->clear();
    m_historyNote->clear();
    m_tabs->setTabText(5, QStringLiteral("Entry history"));
    m_copyCurl->setEnabled(false);
    m_copyJson->setEnabled(false);
}

void Inspector::fill(const std::shared_ptr<const Loaded> &shared)
{
    const Loaded &loaded = *shared;
    if (!loaded.delivery) {
        clearTabs(QStringLiteral("Delivery #%1 is not in the database (any more).").arg(loaded.id));
        Q_EMIT deliveryShown(loaded.id);
        return;
    }
    const Delivery &d = *loaded.delivery;
    m_loaded = shared;
    m_delivery = d;
    fillTitle(loaded);

    // Pretty JSON.
    m_prettyText = loaded.pretty;
    QString prettyNote;
    if (d.redacted) {
        prettyNote = QStringLiteral("The body of this delivery was redacted: its bytes are no longer stored.");
        m_highlighter->setActive(false);
        m_pretty->clearText();
    } else if (loaded.json.tree) {
        m_highlighter->setActive(true);
        m_pretty->setFoldedText(loaded.pretty);
    } else {
        prettyNote = d.body.isEmpty() ? QStringLiteral("The body is empty.")
                                      : QStringLiteral("Not JSON (%1 at byte %2). The text below is the body as "
                                                       "received; the Raw tab shows every byte.")
                                            .arg(loaded.json.error)
                                            .arg(loaded.json.errorOffset);
        m_highlighter->setActive(false);
        m_pretty->setFoldedText(visibleText(d.body));
    }
    m_prettyNote->setText(prettyNote);
    m_prettyNote->setVisible(!prettyNote.isEmpty());

    // Tree.
    m_treeModel->setTree(loaded.json.tree);
    if (loaded.json.tree && loaded.json.tree->nodeCount <= kExpandAllNodes)
        m_tree->expandAll();
    if (loaded.json.tree) {
        m_tree->resizeColumnToContents(JsonTreeModel::KeyColumn);
        m_tree->setColumnWidth(JsonTreeModel::KeyColumn, qMin(m_tree->columnWidth(JsonTreeModel::KeyColumn) + 16, 320));
        m_tree->resizeColumnToContents(JsonTreeModel::TypeColumn);
    }

    // Raw.
    QString rawNote;
    if (d.redacted)
        rawNote = QStringLiteral("This delivery was redacted: its body was removed on request.");
    else if (d.body.size() < d.bodySize)
        rawNote = QStringLiteral("Only the first %1 bytes were stored: rejected deliveries keep at most 4 KiB.")
                      .arg(QLocale().toString(d.body.size()));
    m_raw->setBytes(d.body, d.bodySize, d.bodySha256, rawNote);

    fillHeaders(d);
    fillSignature(loaded);
    fillHistory(loaded);

    m_copyCurl->setEnabled(!curlCommand().isEmpty());
    m_copyCurl->setToolTip(m_copyCurl->isEnabled()
            ? QStringLiteral("A command that replays this delivery to this receiver, signed at replay time with "
                             "the secret in $PEANUTS_SECRET (the command never contains a secret).")
            : QStringLiteral("Not available: the exact bytes of this body are not stored."));
    m_copyJson->setEnabled(!d.redacted && !d.body.isEmpty());
    Q_EMIT deliveryShown(d.id);
}

void Inspector::fillTitle(const Loaded &loaded)
{
    // The outcome chip, then event, entry, id and time; the reason under them when there is one.
    const Delivery &d = *loaded.delivery;
    const Tone tone = toneOf(d.outcome);
    m_chip->setText(QStringLiteral("%1 · %2").arg(QString::fromLatin1(outcomeName(d.outcome))).arg(d.status));
    m_chip->setStyleSheet(QStringLiteral("QLabel { background: %1; color: white; border-radius: 9px;"
                                         " padding: 2px 9px; font-weight: 600; }")
                              .arg(toneBackground(tone)));
    m_chip->setVisible(true);
    QStringList title;
    title << (loaded.event.isEmpty() ? QStringLiteral("<i>no event</i>")
                                     : QStringLiteral("<b>%1</b>").arg(loaded.event.toHtmlEscaped()));
    if (!loaded.entryId.isEmpty())
        title << QStringLiteral("entry <b>%1</b>").arg(loaded.entryId.toHtmlEscaped());
    title << QStringLiteral("#%1").arg(d.id) << localTime(d.receivedMs).toHtmlEscaped();
    QString titleHtml = title.join(QStringLiteral(" &nbsp;·&nbsp; "));
    if (!d.reason.isEmpty())
        titleHtml += QStringLiteral("<br><span style='color:%1'>%2</span>")
                         .arg(toneText(tone, palette()), d.reason.toHtmlEscaped());
    m_title->setText(titleHtml);
    m_title->setToolTip(loaded.fromBody
            ? QStringLiteral("Event and entry as the refused body names them: the receiver did not accept it.")
            : QString());
}

void Inspector::fillHeaders(const Delivery &d)
{
    QList<QPair<QString, QString>> request {
        {QStringLiteral("Method"), QString::fromLatin1(d.method)},
        {QStringLiteral("Path"), headerText(d.path)},
        {QStringLiteral("Remote address"), d.remoteAddress},
        {QStringLiteral("Client (X-Forwarded-For)"),
            d.forwardedFor.isEmpty() ? QStringLiteral("— (not through a local tunnel)") : d.forwardedFor},
        {QStringLiteral("Received"), QStringLiteral("%1  (%2)").arg(localTime(d.receivedMs), utcTime(d.receivedMs))},
    };
    const auto lines = headerLines(d.headers);
    m_headers->clearSpans();
    m_headers->setRowCount(int(request.size() + lines.size() + 2));
    int row = 0;
    auto section = [&](const QString &title) {
        auto *item = new QTableWidgetItem(title);
        QFont bold = item->font();
        bold.setBold(true);
        item->setFont(bold);
        item->setFlags(Qt::ItemIsEnabled);
        m_headers->setItem(row, 0, item);
        m_headers->setSpan(row, 0, 1, 2);
        ++row;
    };
    auto add = [&](const QString &name, const QString &value) {
        m_headers->setItem(row, 0, new QTableWidgetItem(name));
        auto *valueItem = new QTableWidgetItem(value);
        valueItem->setToolTip(value.size() > 80 ? elided(value, 2000) : QString());
        m_headers->setItem(row, 1, valueItem);
        ++row;
    };
    section(QStringLiteral("Request"));
    for (const auto &[name, value] : request)
        add(name, value);
    section(QStringLiteral("Headers as received (%1)").arg(lines.size()));
    for (const auto &[name, value] : lines)
        add(headerText(name), headerText(value));
    m_headers->resizeColumnToContents(0);
    m_headers->resizeRowsToContents();
}

void Inspector::fillSignature(const Loaded &loaded)
{
    const Delivery &d = *loaded.delivery;
    const std::optional<QByteArray> header = headerValue(d.headers, "x-peanuts-signature");
    const QByteArray received = header.value_or(QByteArray());
    const Verdict verdict = verdictOf(d, header.has_value() && !received.isEmpty());
    const QPalette colours = palette();
    auto code = [](const QString &text) { return QStringLiteral("<code>%1</code>").arg(text.toHtmlEscaped()); };
    // Names never wrap (the inspector is often narrow); a remark goes under its value, not beside it.
    auto row = [](QString name, const QString &value, const QString &remark = QString()) {
        return QStringLiteral("<tr><td valign='top'>%1</td><td valign='top'>%2%3</td></tr>")
            .arg(name.replace(u' ', QStringLiteral("&nbsp;")), value,
                remark.isEmpty() ? QString() : QString(QStringLiteral("<br>") + remark));
    };
    auto wide = [](const QString &html) {
        return QStringLiteral("<tr><td colspan='2' style='padding-top:10px'>%1</td></tr>").arg(html);
    };

    QString html = QStringLiteral("<p style='font-size:large; font-weight:600; color:%1'>%2</p>")
                       .arg(toneText(verdict.tone, colours), verdict.text.toHtmlEscaped());
    html += QStringLiteral("<table cellspacing='0' cellpadding='3'>");
    QString receivedCell;
    if (!header)
        receivedCell = QStringLiteral("<i>no X-Peanuts-Signature header</i>");
    else if (received.isEmpty())
        receivedCell = QStringLiteral("<i>an empty X-Peanuts-Signature header</i>");
    else
        receivedCell = code(elided(headerText(received), kReceivedShownChars))
            + (received.size() > kReceivedShownChars ? QStringLiteral(" (%1 bytes)").arg(received.size()) : QString());
    html += row(QStringLiteral("<b>Received</b>"), receivedCell);
    QString atReceipt;
    if (!d.secretLabel.isEmpty())
        atReceipt = QStringLiteral("matched secret '%1'").arg(d.secretLabel.toHtmlEscaped());
    else if (d.outcome == Outcome::RejectedSignature)
        atReceipt = QStringLiteral("matched no secret configured at the time");
    else
        atReceipt = QStringLiteral("not checked");
    html += row(QStringLiteral("<b>At receipt</b>"), atReceipt);

    html += wide(QStringLiteral("<b>Expected</b> &nbsp;HMAC-SHA256 of the stored bytes under each secret configured "
                                "now"));
    if (d.redacted) {
        html += wide(QStringLiteral("The expected value cannot be recomputed: the body was redacted."));
    } else if (!loaded.bodyWhole) {
        html += wide(QStringLiteral("The expected value cannot be recomputed: only the first %1 of %2 bytes were "
                                    "stored (rejected deliveries keep at most 4 KiB), and the signature covers "
                                    "them all.")
                         .arg(QLocale().toString(d.body.size()), QLocale().toString(d.bodySize)));
    } else if (loaded.expected.isEmpty()) {
        html += wide(QStringLiteral("No secret is configured now, so there is nothing to compare with."));
    } else {
        for (const auto &[label, hex] : loaded.expected) {
            const bool match = !received.isEmpty() && received == hex;
            html += row(QStringLiteral("secret '%1'").arg(label.toHtmlEscaped()), code(QString::fromLatin1(hex)),
                QStringLiteral("<span style='color:%1'>%2</span>")
                    .arg(toneText(match ? Tone::Good : Tone::Bad, colours),
                        match ? QStringLiteral("✓ equals the received value") : QStringLiteral("✗ differs")));
        }
    }
    html += QStringLiteral("</table>");
    html += QStringLiteral("<p style='color:%1'>Expected values are computed here, in the window, and shown only on "
                           "this tab. Secrets are named by their label; their values are never shown.</p>")
                .arg(colours.color(QPalette::PlaceholderText).name());
    m_signature->setText(html);
}

void Inspector::fillHistory(const Loaded &loaded)
{
    m_history->clear();
    if (loaded.entryId.isEmpty()) {
        m_historyNote->setText(QStringLiteral("This delivery names no entry, so it has no history."));
        m_tabs->setTabText(5, QStringLiteral("Entry history"));
        return;
    }
    if (!loaded.historyError.isEmpty()) {
        m_historyNote->setText(
            QStringLiteral("The history of entry %1 could not be read: %2").arg(loaded.entryId, loaded.historyError));
        return;
    }
    m_tabs->setTabText(5, QStringLiteral("Entry history (%1)").arg(loaded.history.size()));
    const bool listed = std::any_of(
        loaded.history.cbegin(), loaded.history.cend(), [&](const HistoryVersion &v) { return v.id == loaded.id; });
    QString note = QStringLiteral("Every stored delivery of entry %1, in the order received; each version is "
                                  "compared with the one before it. Double-click a version to inspect it.")
                       .arg(loaded.entryId);
    if (!listed)
        note = (loaded.history.isEmpty()
                       ? QStringLiteral("Entry %1 has no accepted deliveries. ").arg(loaded.entryId)
                       : QStringLiteral("This delivery was refused, so it is not one of the versions of entry %1; "
                                        "these are. ")
                             .arg(loaded.entryId))
            + QStringLiteral("A refused body's entry id is only what the body claims.");
    m_historyNote->setText(note);
    const JsonColours colours = JsonColours::forPalette(palette());
    QTreeWidgetItem *current = nullptr;
    for (const HistoryVersion &v : loaded.history) {
        auto *item = new QTreeWidgetItem(m_history);
        item->setData(0, Qt::UserRole, v.id);
        item->setText(0, QString::number(v.id));
        item->setText(1, localTime(v.receivedMs));
        item->setText(2, v.event);
        item->setText(3, QStringLiteral("%1 · %2").arg(QString::fromLatin1(outcomeName(v.outcome))).arg(v.status));
        item->setForeground(3, QColor(toneText(toneOf(v.outcome), palette())));
        item->setText(4, v.hasTimestamp ? utcTime(v.timestampMs) : QString());
        item->setText(5, v.summary);
        item->setToolTip(5, v.summary);
        for (const JsonChange &change : v.changes) {
            auto *child = new QTreeWidgetItem(item);
            child->setData(0, Qt::UserRole, v.id);
            child->setText(0, describe(change));
            child->setToolTip(0, describe(change));
            child->setFirstColumnSpanned(true);
            child->setForeground(0,
                change.kind == JsonChange::Kind::Added         ? colours.string
                    : change.kind == JsonChange::Kind::Removed ? QColor(toneText(Tone::Bad, palette()))
                                                               : colours.number);
        }
        if (v.id == loaded.id) {
            current = item;
            QFont bold = item->font(0);
            bold.setBold(true);
            for (int column = 0; column < m_history->columnCount(); ++column)
                item->setFont(column, bold);
        }
    }
    m_history->expandAll();
    for (int column = 0; column < m_history->columnCount() - 1; ++column)
        m_history->resizeColumnToContents(column);
    if (current)
        m_history->setCurrentItem(current);
}

QString Inspector::curlCommand() const
{
    // Only exact bytes replay: a redacted or truncated body would be signed and sent as something else.
    if (!m_core || !m_currentId || m_delivery.id != m_currentId || m_delivery.redacted
        || m_delivery.body.size() != m_delivery.bodySize)
        return QString();
    // Where to send it: the receiver's own listener, through loopback unless it is bound elsewhere.
    QString host = QStringLiteral("127.0.0.1");
    const QHostAddress bind = m_core->options().bindAddress;
    if (bind == QHostAddress::LocalHostIPv6)
        host = QStringLiteral("[::1]");
    else if (!bind.isNull() && !bind.isLoopback() && bind != QHostAddress::Any && bind != QHostAddress::AnyIPv4
        && bind != QHostAddress::AnyIPv6)
        host = bind.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + bind.toString() + u']' : bind.toString();
    const QString url = QStringLiteral("http://%1:%2%3")
                            .arg(host)
                            .arg(m_core->port())
                            .arg(QString::fromLatin1(QUrl::toPercentEncoding(QString::fromUtf8(m_delivery.path), "/")));
    const QByteArray contentType
        = headerValue(m_delivery.headers, "content-type").value_or(QByteArrayLiteral("application/json"));

    // Why it looks like this:
    // - The secret is never written into the command (it would sit in the clipboard, clipboard managers
    //   and shell history). The shell computes the signature at replay time from $PEANUTS_SECRET with
    //   `openssl dgst -sha256 -hmac`, the way Peanuts signs. (openssl sees the secret as an argument, so
    //   it is visible in the process list for the few milliseconds openssl runs.)
    // - The body is a printf format (see printfFormat) printed twice by one shell function: once into
    //   openssl, once into curl's --data-binary @-, so both see the very same bytes, and those are the
    //   stored bytes exactly, even when they are not UTF-8 or end without a newline.
    // - A subshell keeps the helper function and variable out of the user's shell, and the command refuses
    //   to run without a secret instead of sending a signature made with an empty key.
    return QStringLiteral(
        "(\n"
        "  [ -n \"$PEANUTS_SECRET\" ] || { echo 'Set PEANUTS_SECRET to the webhook secret first.' >&2; "
        "exit 1; }\n"
        "  body() { printf %1; }\n"
        "  signature=$(body | openssl dgst -sha256 -hmac \"$PEANUTS_SECRET\" | sed 's/^.*= //')\n"
        "  body | curl -sS -X POST %2 -H %3 -H \"X-Peanuts-Signature: $signature\" \\\n"
        "    --data-binary @- -w '\\nHTTP %{http_code}\\n'\n"
        ")\n")
        .arg(printfFormat(m_delivery.body), shellQuote(url),
            shellQuote(QStringLiteral("Content-Type: ") + headerText(contentType)));
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

void Inspector::copyTreeValues()
{
    QModelIndexList rows = m_tree->selectionModel()->selectedRows(JsonTreeModel::KeyColumn);
    if (rows.isEmpty() && m_tree->currentIndex().isValid())
        rows.append(m_tree->currentIndex().siblingAtColumn(JsonTreeModel::KeyColumn));
    if (rows.isEmpty())
        return;
    // In document order, whatever order they were selected in.
    auto position = [](QModelIndex index) {
        std::vector<int> path;
        for (; index.isValid(); index = index.parent())
            path.insert(path.begin(), index.row());
        return path;
    };
    std::sort(rows.begin(), rows.end(),
        [&](const QModelIndex &a, const QModelIndex &b) { return position(a) < position(b); });
    QStringList values;
    for (const QModelIndex &index : std::as_const(rows))
        values << m_treeModel->copyValue(index);
    QGuiApplication::clipboard()->setText(values.join(u'\n'));
}

void Inspector::copyTreeText(int role)
{
    const QModelIndex index = m_tree->currentIndex().siblingAtColumn(JsonTreeModel::KeyColumn);
    if (!index.isValid())
        return;
    const JsonNode *node = m_treeModel->node(index);
    const QString text = role == JsonTreeModel::KeyPathRole ? m_treeModel->keyPath(index)
        : node                                              ? node->key
                                                            : QString();
    QGuiApplication::clipboard()->setText(text);
}

void Inspector::copyHeaderRows()
{
    QList<int> rows;
    for (const QModelIndex &index : m_headers->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    QStringList lines;
    for (const int row : std::as_const(rows)) {
        const QTableWidgetItem *name = m_headers->item(row, 0);
        const QTableWidgetItem *value = m_headers->item(row, 1);
        if (name && value)
            lines << name->text() + QStringLiteral(": ") + value->text();
    }
    if (!lines.isEmpty())
        QGuiApplication::clipboard()->setText(lines.join(u'\n'));
}

void Inspector::applyPalette()
{
    const JsonColours colours = JsonColours::forPalette(palette());
    m_highlighter->setColours(colours);
    m_treeModel->setColours(colours);
    // The rest was coloured for the old palette when it was filled.
    if (m_loaded) {
        fillTitle(*m_loaded);
        fillSignature(*m_loaded);
        fillHistory(*m_loaded);
    }
}

void Inspector::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

} // namespace peanuts
