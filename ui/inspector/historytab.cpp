// The Entry history tab: versions as rows, each change as a child row.
#include "inspector/historytab.h"

#include "inspector/tabsupport.h"
#include "jsonhighlighter.h"
#include "palette.h"
#include "services/inspection.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace peanuts {

HistoryTab::HistoryTab(QWidget *parent)
    : QWidget(parent)
{
    m_note = noteLabel(this);
    m_versions = new QTreeWidget(this);
    m_versions->setHeaderLabels({QStringLiteral("#"), tr("Received"), tr("Event"), tr("Outcome"),
        tr("Event time (UTC)"), tr("Changes in data")});
    m_versions->setRootIsDecorated(true);
    m_versions->setUniformRowHeights(true);
    m_versions->header()->setStretchLastSection(true);
    m_versions->setToolTip(tr("Double-click a version (or press Enter) to inspect that delivery"));
    connect(m_versions, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const qint64 id = item->data(0, Qt::UserRole).toLongLong();
        if (id > 0)
            Q_EMIT versionActivated(id);
    });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_note);
    layout->addWidget(m_versions, 1);
}

void HistoryTab::clear()
{
    m_versions->clear();
    m_note->clear();
    Q_EMIT titleChanged(tr("Entry history"));
}

void HistoryTab::show(const Inspection &loaded)
{
    m_versions->clear();
    if (loaded.entryId.isEmpty()) {
        m_note->setText(tr("This delivery names no entry, so it has no history."));
        Q_EMIT titleChanged(tr("Entry history"));
        return;
    }
    if (!loaded.historyError.isEmpty()) {
        m_note->setText(tr("The history of entry %1 could not be read: %2").arg(loaded.entryId, loaded.historyError));
        return;
    }
    Q_EMIT titleChanged(tr("Entry history (%1)", "the number of versions").arg(loaded.history.size()));
    const bool listed = std::any_of(
        loaded.history.cbegin(), loaded.history.cend(), [&](const HistoryVersion &v) { return v.id == loaded.id; });
    QString note = tr("Every stored delivery of entry %1, in the order received; each version is compared with the "
                      "one before it. Double-click a version to inspect it.")
                       .arg(loaded.entryId);
    if (!listed)
        note = (loaded.history.isEmpty()
                ? tr("Entry %1 has no accepted deliveries. A refused body's entry id is only what the body claims.")
                : tr("This delivery was refused, so it is not one of the versions of entry %1; these are. A refused "
                     "body's entry id is only what the body claims."))
                   .arg(loaded.entryId);
    m_note->setText(note);
    const JsonColours colours = JsonColours::forPalette(palette());
    QTreeWidgetItem *current = nullptr;
    for (const HistoryVersion &v : loaded.history) {
        auto *item = new QTreeWidgetItem(m_versions);
        item->setData(0, Qt::UserRole, v.id);
        item->setText(0, QString::number(v.id));
        item->setText(1, localTime(v.receivedMs));
        item->setText(2, v.event);
        item->setText(3, outcomeChip(v.outcome, v.status));
        item->setForeground(3, QColor(toneText(outcomeTone(v.outcome), palette())));
        item->setText(4, v.hasTimestamp ? utcTime(v.timestampMs) : QString());
        item->setText(5, v.summary);
        item->setToolTip(5, v.summary);
        for (const JsonChange &change : v.changes) {
            auto *child = new QTreeWidgetItem(item);
            child->setData(0, Qt::UserRole, v.id);
            child->setText(0, describeChange(change));
            child->setToolTip(0, describeChange(change));
            child->setFirstColumnSpanned(true);
            child->setForeground(0,
                change.kind == JsonChange::Kind::Added         ? colours.string
                    : change.kind == JsonChange::Kind::Removed ? QColor(toneText(OutcomeTone::Bad, palette()))
                                                               : colours.number);
        }
        if (v.id == loaded.id) {
            current = item;
            QFont bold = item->font(0);
            bold.setBold(true);
            for (int column = 0; column < m_versions->columnCount(); ++column)
                item->setFont(column, bold);
        }
    }
    m_versions->expandAll();
    for (int column = 0; column < m_versions->columnCount() - 1; ++column)
        m_versions->resizeColumnToContents(column);
    if (current)
        m_versions->setCurrentItem(current);
}

} // namespace peanuts
