// Reprocess and resend, over ActionService.
#include "reprocessdialog.h"

#include "pipeline/urlpolicy.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <limits>

namespace peanuts {

namespace {

QString notLoadedNote(qint64 notLoaded)
{
    // A sentence of its own, added after another one: hence the leading space.
    return notLoaded > 0 ? QLatin1Char(' ')
            + ReprocessDialog::tr("%Ln selected rows not loaded in the log are left out: scroll to them or narrow "
                                  "the filter to include them.",
                nullptr, int(qMin<qint64>(notLoaded, std::numeric_limits<int>::max())))
                         : QString();
}

} // namespace

ReprocessDialog::ReprocessDialog(ActionService *service, const QList<qint64> &ids, qint64 notLoaded, QWidget *parent)
    : QDialog(parent)
    , m_service(service)
    , m_status(new QLabel(this))
    , m_hits(new QTreeWidget(this))
    , m_run(new QPushButton(tr("Run these actions"), this))
{
    setWindowTitle(tr("Reprocess with rules"));
    m_status->setWordWrap(true);
    m_status->setText(
        tr("Evaluating the rules against %n deliveries…", nullptr, int(ids.size())) + notLoadedNote(notLoaded));
    m_hits->setHeaderLabels({tr("Delivery"), tr("Entry"), tr("Rule"), tr("Text")});
    m_hits->setRootIsDecorated(false);
    m_hits->header()->setStretchLastSection(true);
    m_run->setEnabled(false);
    m_run->setToolTip(tr("Put the checked rules' actions in the outbox: they are sent as if the deliveries had just "
                         "come in."));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_run, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_run, &QPushButton::clicked, this, &ReprocessDialog::run);
    connect(m_hits, &QTreeWidget::itemChanged, this, [this] { m_run->setEnabled(!checkedHits().isEmpty()); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_hits, 1);
    layout->addWidget(buttons);
    resize(820, 420);

    if (m_service && m_service->isAvailable() && !ids.isEmpty())
        m_service->reprocess(this, ids, [this](const QList<ReprocessHit> &hits) { showHits(hits); });
    else if (m_service)
        m_status->setText(ids.isEmpty() ? tr("No loaded delivery is selected.") + notLoadedNote(notLoaded)
                                        : tr("The receiver is not running."));
}

void ReprocessDialog::showHits(const QList<ReprocessHit> &hits)
{
    m_shown = hits;
    const QSignalBlocker blocker(m_hits);
    m_hits->clear();
    for (int i = 0; i < hits.size(); ++i) {
        const ReprocessHit &hit = hits.at(i);
        auto *item = new QTreeWidgetItem(m_hits,
            {QStringLiteral("#%1").arg(hit.deliveryId), hit.entryId, hit.ruleName.isEmpty() ? hit.ruleId : hit.ruleName,
                hit.match.text});
        item->setData(0, Qt::UserRole, i);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(0, Qt::Checked);
        item->setToolTip(3, hit.match.text);
    }
    for (int column = 0; column < 3; ++column)
        m_hits->resizeColumnToContents(column);
    m_status->setText(hits.isEmpty()
            ? tr("No rule would fire for these deliveries.")
            : tr("%n rule hits. Uncheck the ones to leave out, then run their actions.", nullptr, int(hits.size())));
    m_run->setEnabled(!hits.isEmpty());
    Q_EMIT hitsShown(int(hits.size()));
}

QList<ReprocessHit> ReprocessDialog::checkedHits() const
{
    QList<ReprocessHit> checked;
    for (int row = 0; row < m_hits->topLevelItemCount(); ++row) {
        const QTreeWidgetItem *item = m_hits->topLevelItem(row);
        if (item->checkState(0) == Qt::Checked)
            checked.append(m_shown.at(item->data(0, Qt::UserRole).toInt()));
    }
    return checked;
}

QString ReprocessDialog::statusText() const
{
    return m_status->text();
}

void ReprocessDialog::run()
{
    const QList<ReprocessHit> hits = checkedHits();
    if (hits.isEmpty())
        return;
    m_run->setEnabled(false); // once: a second click would queue them twice
    Q_EMIT runRequested(hits);
    if (!m_service)
        return;
    m_status->setText(tr("Queueing…"));
    m_service->runActions(this, hits, [this](int added) {
        m_status->setText(added < 0 ? tr("The actions could not be queued: the database refused them.")
                                    : tr("%n actions queued.", nullptr, added));
        Q_EMIT actionsQueued(added);
    });
}

void askResend(QWidget *parent, ActionService *service, const QList<qint64> &ids, qint64 notLoaded,
    std::function<void(const QString &)> report)
{
    if (!service || !service->isAvailable()) {
        report(ReprocessDialog::tr("Resend: the receiver is not running."));
        return;
    }
    if (ids.isEmpty()) {
        report(ReprocessDialog::tr("Resend: no loaded delivery is selected.") + notLoadedNote(notLoaded));
        return;
    }
    bool ok = false;
    const QString url = QInputDialog::getText(parent, ReprocessDialog::tr("Resend to URL"),
        ReprocessDialog::tr(
            "Post %n deliveries byte for byte, re-signed with the forwarding secret, to:", nullptr, int(ids.size()))
            + notLoadedNote(notLoaded),
        QLineEdit::Normal, QStringLiteral("http://localhost:3000/webhook"), &ok)
                            .trimmed();
    if (!ok || url.isEmpty())
        return;
    service->resend(parent, ids, url, [report, url](int added, const QString &error) {
        report(error.isEmpty()
                ? ReprocessDialog::tr("Queued %n resends to %1.", nullptr, added).arg(redactedUrl(QUrl(url)))
                : ReprocessDialog::tr("Resend refused: %1").arg(error));
    });
}

} // namespace peanuts
