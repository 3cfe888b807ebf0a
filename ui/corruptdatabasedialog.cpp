// The corrupt-database question at start, before the main window exists.
#include "corruptdatabasedialog.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace peanuts {

CorruptDatabaseDialog::CorruptDatabaseDialog(const QString &path, const QString &reason, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Peanuts Monitor: the database cannot be used"));
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setTextFormat(Qt::PlainText);
    const QString name = QFileInfo(path).fileName();
    m_text->setText(
        tr("The database file\n\n%1\n\nis not a usable database (%2).\n\nPeanuts Monitor can move it aside (it is "
           "renamed to %3.corrupt-<date-time>, with its -wal and -shm files) and start with a new, empty "
           "database. Nothing is deleted: the old file stays next to the new one for recovery.")
            .arg(path, reason, name));

    auto *buttons = new QDialogButtonBox(this);
    m_moveAside = buttons->addButton(tr("Move aside and start fresh"), QDialogButtonBox::AcceptRole);
    m_quit = buttons->addButton(tr("Quit"), QDialogButtonBox::RejectRole);
    m_quit->setDefault(true); // a stray Enter does not move anything
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(48, 48));
    auto *row = new QHBoxLayout;
    row->addWidget(icon, 0, Qt::AlignTop);
    row->addWidget(m_text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());
}

QString CorruptDatabaseDialog::text() const
{
    return m_text->text();
}

bool CorruptDatabaseDialog::ask(const QString &path, const QString &reason)
{
    CorruptDatabaseDialog dialog(path, reason);
    return dialog.exec() == QDialog::Accepted;
}

void CorruptDatabaseDialog::showMovedAside(QWidget *parent, const QString &notice)
{
    auto *box
        = new QMessageBox(QMessageBox::Information, QStringLiteral("Peanuts Monitor"), notice, QMessageBox::Ok, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace peanuts
