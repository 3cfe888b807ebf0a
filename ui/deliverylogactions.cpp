// The log's actions on the selected rows: the context menu, and the table's shortcuts.
#include "deliverylogview.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QMenu>
#include <QTableView>

namespace peanuts {

void DeliveryLogView::setUpActions()
{
    auto *remove = new QAction(tr("Delete…"), this);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    connect(remove, &QAction::triggered, this, &DeliveryLogView::deleteSelected);
    auto *redact = new QAction(tr("Redact body…"), this);
    connect(redact, &QAction::triggered, this, &DeliveryLogView::redactSelected);
    m_table->addAction(redact);
    m_table->addAction(remove);
    auto *reprocess = new QAction(tr("Reprocess with rules…"), this);
    connect(reprocess, &QAction::triggered, this, &DeliveryLogView::reprocessRequested);
    auto *resend = new QAction(tr("Resend to URL…"), this);
    connect(resend, &QAction::triggered, this, &DeliveryLogView::resendRequested);
    auto *compare = new QAction(tr("Compare the two selected…"), this);
    compare->setObjectName(QStringLiteral("compareAction"));
    compare->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    compare->setShortcutContext(Qt::WidgetShortcut);
    compare->setEnabled(false);
    connect(compare, &QAction::triggered, this, [this] {
        if (selectedIds().size() == 2)
            Q_EMIT compareRequested();
    });
    m_table->addAction(compare);
    // Enabled for exactly two rows (select all counts the whole log, loaded or not).
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, compare,
        [this, compare] { compare->setEnabled(twoSelected()); });
    connect(m_table, &QWidget::customContextMenuRequested, this,
        [this, remove, redact, reprocess, resend, compare](const QPoint &at) {
            // A right click outside the selection acts on the row clicked, as file managers do.
            const QModelIndex clicked = m_table->indexAt(at);
            if (clicked.isValid() && !m_table->selectionModel()->isRowSelected(clicked.row(), QModelIndex()))
                m_table->selectRow(clicked.row());
            if (!m_table->selectionModel()->hasSelection())
                return;
            QMenu menu(this);
            compare->setEnabled(twoSelected());
            menu.addAction(compare);
            menu.addSeparator();
            menu.addAction(reprocess);
            menu.addAction(resend);
            menu.addSeparator();
            menu.addAction(redact);
            menu.addAction(remove);
            menu.exec(m_table->viewport()->mapToGlobal(at));
        });
}

bool DeliveryLogView::twoSelected() const
{
    return !m_allSelected && m_table->selectionModel()->selectedRows().size() == 2 && selectedIds().size() == 2;
}

} // namespace peanuts
