// "Keyboard shortcuts": every shortcut of the window, read from its actions when the dialog opens, so
// that the list cannot drift from what the keys do; and the few keys that are not actions.
#pragma once

#include <QDialog>

class QTableWidget;

namespace peanuts {

class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    // Lists the actions with a shortcut found under root (its children's too), by what they do.
    explicit ShortcutsDialog(QWidget *root, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ShortcutsDialog)

    QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table;
};

} // namespace peanuts
