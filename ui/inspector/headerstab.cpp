// The Headers tab.
#include "inspector/headerstab.h"

#include "ingest/delivery.h"
#include "inspect/headerlines.h"
#include "inspector/tabsupport.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QItemSelectionModel>

#include <algorithm>

namespace peanuts {

HeadersTab::HeadersTab(QWidget *parent)
    : QTableWidget(parent)
{
    setColumnCount(2);
    setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    horizontalHeader()->setStretchLastSection(true);
    verticalHeader()->hide();
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setWordWrap(false);
    auto *copy = new QAction(tr("Copy"), this);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    new CopyKeyFilter(this, [this] { copyRows(); });
    connect(copy, &QAction::triggered, this, &HeadersTab::copyRows);
    addAction(copy);
    setContextMenuPolicy(Qt::ActionsContextMenu);
}

void HeadersTab::clearRows()
{
    clearSpans();
    setRowCount(0);
}

void HeadersTab::showDelivery(const Delivery &d)
{
    QList<QPair<QString, QString>> request {
        {tr("Method"), QString::fromLatin1(d.method)},
        {tr("Path"), headerText(d.path)},
        {tr("Remote address"), d.remoteAddress},
        {tr("Client (X-Forwarded-For)"),
            d.forwardedFor.isEmpty() ? tr("— (not through a local tunnel)") : d.forwardedFor},
        {tr("Received"), QStringLiteral("%1  (%2)").arg(localTime(d.receivedMs), utcTime(d.receivedMs))},
    };
    const auto lines = headerLines(d.headers);
    clearSpans();
    setRowCount(int(request.size() + lines.size() + 2));
    int row = 0;
    auto section = [&](const QString &title) {
        auto *item = new QTableWidgetItem(title);
        QFont bold = item->font();
        bold.setBold(true);
        item->setFont(bold);
        item->setFlags(Qt::ItemIsEnabled);
        setItem(row, 0, item);
        setSpan(row, 0, 1, 2);
        ++row;
    };
    auto add = [&](const QString &name, const QString &value) {
        setItem(row, 0, new QTableWidgetItem(name));
        auto *valueItem = new QTableWidgetItem(value);
        valueItem->setToolTip(value.size() > 80 ? elided(value, 2000) : QString());
        setItem(row, 1, valueItem);
        ++row;
    };
    section(tr("Request"));
    for (const auto &[name, value] : request)
        add(name, value);
    section(tr("Headers as received (%1)").arg(lines.size()));
    for (const auto &[name, value] : lines)
        add(headerText(name), headerText(value));
    resizeColumnToContents(0);
    resizeRowsToContents();
}

void HeadersTab::copyRows()
{
    QList<int> rows;
    for (const QModelIndex &index : selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    QStringList lines;
    for (const int row : std::as_const(rows)) {
        const QTableWidgetItem *name = item(row, 0);
        const QTableWidgetItem *value = item(row, 1);
        if (name && value)
            lines << name->text() + QStringLiteral(": ") + value->text();
    }
    if (!lines.isEmpty())
        QGuiApplication::clipboard()->setText(lines.join(u'\n'));
}

} // namespace peanuts
