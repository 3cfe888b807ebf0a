// The keyboard shortcuts, listed from the window's own actions.
#include "shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace peanuts {

namespace {

// What an action does, in words: its text without the mnemonic's ampersand and the trailing dots.
QString actionName(const QAction *action)
{
    QString text = action->text().isEmpty() ? action->toolTip() : action->text();
    text.remove(u'&');
    if (text.endsWith(u'…'))
        text.chop(1);
    return text;
}

} // namespace

ShortcutsDialog::ShortcutsDialog(QWidget *root, QWidget *parent)
    : QDialog(parent)
    , m_table(new QTableWidget(0, 2, this))
{
    setWindowTitle(tr("Keyboard shortcuts"));
    QList<std::pair<QString, QString>> rows;
    const auto actions = root->findChildren<QAction *>();
    for (const QAction *action : actions) {
        if (action->shortcut().isEmpty() || actionName(action).isEmpty())
            continue;
        const std::pair<QString, QString> row {
            action->shortcut().toString(QKeySequence::NativeText), actionName(action)};
        if (!rows.contains(row))
            rows.append(row);
    }
    // Keys that are not actions: the widgets' own.
    rows.append({tr("Alt+underlined letter"), tr("Go to the control a label names")});
    rows.append({QKeySequence(QKeySequence::SelectAll).toString(QKeySequence::NativeText),
        tr("Select every delivery of the log")});
    std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) { return a.second < b.second; });

    m_table->setAccessibleName(tr("Keyboard shortcuts"));
    m_table->setHorizontalHeaderLabels({tr("Keys"), tr("What they do")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setRowCount(int(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        m_table->setItem(i, 0, new QTableWidgetItem(rows[i].first));
        m_table->setItem(i, 1, new QTableWidgetItem(rows[i].second));
    }
    m_table->resizeColumnToContents(0);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("The log's shortcuts (Delete, Compare) work while the log has the focus."), this));
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(520, 420);
}

} // namespace peanuts
