// The dead-letter list and the status bar's count over ActionService.
#include "deadletterview.h"

#include "palette.h"
#include "pipeline/urlpolicy.h"
#include "services/actionservice.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace peanuts {

namespace {

constexpr int kCoalesceMs = 300;
constexpr int kIdRole = Qt::UserRole + 1;

// Post targets are alert URLs, secrets in their path: only their redacted form is shown.
QString shownTarget(const OutboxAction &action)
{
    switch (action.kind) {
    case ActionKind::Notify:
        return QCoreApplication::translate("peanuts::DeadLetterView", "desktop notification");
    case ActionKind::Post:
        return redactedUrl(QUrl(action.target));
    case ActionKind::Forward:
        return action.target;
    }
    return action.target;
}

QTimer *coalescer(QObject *parent)
{
    auto *timer = new QTimer(parent);
    timer->setSingleShot(true);
    timer->setInterval(kCoalesceMs);
    return timer;
}

} // namespace

DeadLetterView::DeadLetterView(ActionService *service, QWidget *parent)
    : QWidget(parent)
    , m_service(service)
    , m_coalesce(coalescer(this))
{
    m_table = new QTableWidget(0, 7, this);
    m_table->setAccessibleName(tr("Dead letters"));
    m_table->setObjectName(QStringLiteral("deadLetters"));
    m_table->setHorizontalHeaderLabels(
        {tr("Failed"), tr("Kind"), tr("Target"), tr("Rule"), tr("Delivery"), tr("Attempts"), tr("Last error")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_retry = new QPushButton(tr("Retry"), this);
    m_retry->setToolTip(tr("Send the selected actions again, with a fresh round of attempts"));
    m_discard = new QPushButton(tr("Discard"), this);
    m_discard->setToolTip(tr("Drop the selected actions for good"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_note, 1);
    buttons->addWidget(m_retry);
    buttons->addWidget(m_discard);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_retry, &QPushButton::clicked, this, &DeadLetterView::retrySelected);
    connect(m_discard, &QPushButton::clicked, this, &DeadLetterView::discardSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DeadLetterView::updateButtons);
    connect(m_coalesce, &QTimer::timeout, this, &DeadLetterView::fetch);
    if (m_service) {
        connect(m_service, &ActionService::changed, this, &DeadLetterView::refresh);
        connect(this, &DeadLetterView::retryRequested, this, [this](const QList<qint64> &ids) {
            m_service->retryDeadLetters(this, ids, [this](int count) {
                m_note->setText(count < 0 ? tr("Could not retry: the database refused the change.")
                                          : tr("%n queued again.", nullptr, count));
            });
        });
        connect(this, &DeadLetterView::discardRequested, this, [this](const QList<qint64> &ids) {
            m_service->discardDeadLetters(this, ids, [this](int count) {
                m_note->setText(count < 0 ? tr("Could not discard: the database refused the change.")
                                          : tr("%n discarded.", nullptr, count));
            });
        });
        fetch();
    }
    updateButtons();
}

void DeadLetterView::refresh()
{
    if (!m_coalesce->isActive())
        m_coalesce->start();
}

void DeadLetterView::fetch()
{
    if (!m_service || !m_service->isAvailable()) {
        m_note->setText(tr("The receiver is not running."));
        return;
    }
    m_service->deadLetters(this, kLimit, [this](const QList<OutboxAction> &rows) { showRows(rows); });
}

void DeadLetterView::showRows(const QList<OutboxAction> &rows)
{
    // The selection survives a refresh by id: a retry elsewhere must not move it to other rows.
    const QList<qint64> selected = selectedIds();
    m_table->setSortingEnabled(false);
    m_table->setRowCount(0);
    m_table->setRowCount(int(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        const OutboxAction &a = rows.at(row);
        const qint64 at = a.answer.atMs ? a.answer.atMs : a.createdMs;
        auto *when
            = new QTableWidgetItem(QDateTime::fromMSecsSinceEpoch(at).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        when->setData(kIdRole, a.id);
        m_table->setItem(row, 0, when);
        m_table->setItem(row, 1, new QTableWidgetItem(QString::fromLatin1(actionKindName(a.kind))));
        m_table->setItem(row, 2, new QTableWidgetItem(shownTarget(a)));
        m_table->setItem(row, 3, new QTableWidgetItem(a.ruleId));
        m_table->setItem(
            row, 4, new QTableWidgetItem(a.deliveryId ? QStringLiteral("#%1").arg(a.deliveryId) : QString()));
        m_table->setItem(row, 5, new QTableWidgetItem(QString::number(a.attempts)));
        auto *error = new QTableWidgetItem(a.lastError);
        error->setToolTip(a.lastError);
        m_table->setItem(row, 6, error);
        if (selected.contains(a.id))
            m_table->selectionModel()->select(
                m_table->model()->index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    m_table->resizeColumnsToContents();
    m_note->setText(rows.isEmpty()  ? tr("No dead letters: every action went out.")
            : rows.size() >= kLimit ? tr("Showing the newest %1.").arg(kLimit)
            : rows.size() == 1      ? tr("1 dead letter.")
                                    : tr("%n dead letters.", nullptr, int(rows.size())));
    updateButtons();
    Q_EMIT rowsShown(int(rows.size()));
}

QList<qint64> DeadLetterView::selectedIds() const
{
    QList<qint64> ids;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        ids.append(m_table->item(index.row(), 0)->data(kIdRole).toLongLong());
    std::sort(ids.begin(), ids.end());
    return ids;
}

void DeadLetterView::updateButtons()
{
    const bool any = m_table->selectionModel()->hasSelection();
    m_retry->setEnabled(any);
    m_discard->setEnabled(any);
}

void DeadLetterView::retrySelected()
{
    const QList<qint64> ids = selectedIds();
    if (!ids.isEmpty())
        Q_EMIT retryRequested(ids);
}

void DeadLetterView::discardSelected()
{
    const QList<qint64> ids = selectedIds();
    if (!ids.isEmpty())
        Q_EMIT discardRequested(ids);
}

DeadLetterDialog::DeadLetterDialog(ActionService *service, QWidget *parent)
    : QDialog(parent)
    , m_view(new DeadLetterView(service, this))
{
    setWindowTitle(tr("Dead letters"));
    auto *layout = new QVBoxLayout(this);
    auto *intro
        = new QLabel(tr("Outgoing actions that failed on every attempt. Retry sends them again; discard drops them. "
                        "Kept 30 days."),
            this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addWidget(m_view, 1);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(close);
    resize(900, 420);
}

DeadLetterButton::DeadLetterButton(ActionService *service, QWidget *parent)
    : QToolButton(parent)
    , m_service(service)
    , m_coalesce(coalescer(this))
{
    // Counting runs on the writer: at most once a second, however busy the dispatcher is.
    m_coalesce->setInterval(1000);
    setObjectName(QStringLiteral("deadLetterCount"));
    setAutoRaise(true);
    setStyleSheet(QStringLiteral("QToolButton { color: %1; font-weight: bold; }").arg(errorColorName()));
    hide();
    connect(m_coalesce, &QTimer::timeout, this, [this] {
        if (!m_service || !m_service->isAvailable())
            return;
        m_service->counts(this, [this](const QHash<QString, ActionCounts> &counts) {
            qint64 dead = 0, retrying = 0, dropped = 0;
            for (const ActionCounts &c : counts) {
                dead += c.dead;
                retrying += c.retrying;
                dropped += c.dropped;
            }
            setCounts(dead, retrying, dropped);
        });
    });
    if (m_service)
        connect(m_service, &ActionService::changed, this, &DeadLetterButton::refresh);
    // Changes come as ActionService::changed; the slow check is for dead letters aging out, and runs
    // only while some are shown or retried, so that an idle window does not wake for it (issue 15).
    m_slow = new QTimer(this);
    m_slow->setInterval(kRefreshMs);
    connect(m_slow, &QTimer::timeout, this, &DeadLetterButton::refresh);
    refresh();
}

bool DeadLetterButton::slowRefreshArmed() const
{
    return m_slow->isActive();
}

void DeadLetterButton::refresh()
{
    if (!m_coalesce->isActive())
        m_coalesce->start();
}

void DeadLetterButton::setCounts(qint64 dead, qint64 retrying, qint64 dropped)
{
    m_dead = dead;
    setText(tr("⚠ %n dead letters", nullptr, int(dead)));
    QStringList tip {tr("Outgoing actions that failed on every attempt: click to retry or discard them.")};
    if (retrying)
        tip << tr("%n more are being retried.", nullptr, int(retrying));
    if (dropped)
        tip << tr("%n were refused by the per-target limit of pending actions.", nullptr, int(dropped));
    setToolTip(tip.join(u'\n'));
    setVisible(dead > 0);
    if (dead > 0 || retrying > 0) {
        if (!m_slow->isActive())
            m_slow->start();
    } else {
        m_slow->stop();
    }
    Q_EMIT countsShown();
}

} // namespace peanuts
