// The Tree tab: a QTreeView over JsonTreeModel, and what it copies.
#include "inspector/treetab.h"

#include "inspector/tabsupport.h"
#include "jsontreemodel.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QItemSelectionModel>

#include <algorithm>
#include <vector>

namespace peanuts {

namespace {
constexpr int kExpandAllNodes = 2000; // bigger documents open one level deep
}

JsonTreeTab::JsonTreeTab(QWidget *parent)
    : QTreeView(parent)
    , m_model(new JsonTreeModel(this))
{
    setModel(m_model);
    setUniformRowHeights(true); // lets a tree of tens of thousands of nodes scroll smoothly
    setAlternatingRowColors(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
    auto *copyValue = new QAction(tr("Copy value"), this);
    copyValue->setShortcut(QKeySequence::Copy); // shown in the menu; the key itself goes to CopyKeyFilter
    copyValue->setShortcutContext(Qt::WidgetShortcut);
    new CopyKeyFilter(this, [this] { copyValues(); });
    connect(copyValue, &QAction::triggered, this, &JsonTreeTab::copyValues);
    auto *copyKey = new QAction(tr("Copy key"), this);
    connect(copyKey, &QAction::triggered, this, [this] { copyText(Qt::DisplayRole); });
    auto *copyPath = new QAction(tr("Copy key path"), this);
    connect(copyPath, &QAction::triggered, this, [this] { copyText(JsonTreeModel::KeyPathRole); });
    addActions({copyValue, copyKey, copyPath});
    setContextMenuPolicy(Qt::ActionsContextMenu);
}

void JsonTreeTab::showTree(std::shared_ptr<const JsonTree> tree)
{
    const JsonTree *shown = tree.get();
    m_model->setTree(std::move(tree));
    if (!shown)
        return;
    if (shown->nodeCount <= kExpandAllNodes)
        expandAll();
    resizeColumnToContents(JsonTreeModel::KeyColumn);
    setColumnWidth(JsonTreeModel::KeyColumn, qMin(columnWidth(JsonTreeModel::KeyColumn) + 16, 320));
    resizeColumnToContents(JsonTreeModel::TypeColumn);
}

void JsonTreeTab::setColours(const JsonColours &colours)
{
    m_model->setColours(colours);
}

void JsonTreeTab::copyValues()
{
    QModelIndexList rows = selectionModel()->selectedRows(JsonTreeModel::KeyColumn);
    if (rows.isEmpty() && currentIndex().isValid())
        rows.append(currentIndex().siblingAtColumn(JsonTreeModel::KeyColumn));
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
        values << m_model->copyValue(index);
    QGuiApplication::clipboard()->setText(values.join(u'\n'));
}

void JsonTreeTab::copyText(int role)
{
    const QModelIndex index = currentIndex().siblingAtColumn(JsonTreeModel::KeyColumn);
    if (!index.isValid())
        return;
    const JsonNode *node = m_model->node(index);
    const QString text = role == JsonTreeModel::KeyPathRole ? m_model->keyPath(index) : node ? node->key : QString();
    QGuiApplication::clipboard()->setText(text);
}

} // namespace peanuts
