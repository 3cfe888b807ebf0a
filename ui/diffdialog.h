// Two deliveries of the log side by side: which they are, their headers name by name and their bodies
// key by key, what changed tinted by kind, the unchanged rows behind a check box.
#pragma once

#include "inspect/deliverydiff.h"

#include <QDialog>
#include <optional>

class QCheckBox;
class QLabel;
class QTableView;

namespace peanuts {

class DiffModel;
class LogService;

class DiffDialog : public QDialog
{
    Q_OBJECT
public:
    // Reads both deliveries through log (the older id goes left). log may be null: tests call showDiff().
    DiffDialog(LogService *log, qint64 leftId, qint64 rightId, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(DiffDialog)

    void showDiff(const Delivery &left, const Delivery &right);
    // A delivery could not be read (deleted since, or the receiver stopped).
    void showError(const QString &message);

    DiffModel *headerModel() const { return m_headerModel; }
    DiffModel *bodyModel() const { return m_bodyModel; }
    QTableView *headerTable() const { return m_headerTable; }
    QTableView *bodyTable() const { return m_bodyTable; }
    QCheckBox *showSameBox() const { return m_showSame; }
    QString summaryText() const;
    QString bodyNoteText() const;
    QString sideText(bool left) const;

Q_SIGNALS:
    // Both deliveries are shown, or the error is.
    void ready();

private:
    void arrived();

    qint64 m_leftId;
    qint64 m_rightId;
    std::optional<std::optional<Delivery>> m_left; // outer: answered; inner: found
    std::optional<std::optional<Delivery>> m_right;
    DiffModel *m_headerModel;
    DiffModel *m_bodyModel;
    QTableView *m_headerTable;
    QTableView *m_bodyTable;
    QCheckBox *m_showSame;
    QLabel *m_leftLabel;
    QLabel *m_rightLabel;
    QLabel *m_summary;
    QLabel *m_bodyNote;
};

} // namespace peanuts
