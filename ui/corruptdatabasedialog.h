// Asks what to do with a database file that is not a usable database: move it aside and start
// afresh, or quit. It never decides alone, and it never deletes anything.
#pragma once

#include <QDialog>

class QLabel;
class QPushButton;

namespace peanuts {

class CorruptDatabaseDialog : public QDialog
{
    Q_OBJECT
public:
    CorruptDatabaseDialog(const QString &path, const QString &reason, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(CorruptDatabaseDialog)

    QPushButton *moveAsideButton() const { return m_moveAside; }
    QPushButton *quitButton() const { return m_quit; }
    QString text() const;

    // Shows the dialog; true when the user chose to move the file aside.
    static bool ask(const QString &path, const QString &reason);
    // Tells the user where the old file went (a window that does not block).
    static void showMovedAside(QWidget *parent, const QString &notice);

private:
    QLabel *m_text = nullptr;
    QPushButton *m_moveAside = nullptr;
    QPushButton *m_quit = nullptr;
};

} // namespace peanuts
