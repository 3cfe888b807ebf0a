// The inspector's Entry history tab: every stored version of the delivery's entry and what changed.
#pragma once

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace peanuts {

struct Inspection;

class HistoryTab : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryTab(QWidget *parent = nullptr);

    void show(const Inspection &inspection); // coloured for the current palette
    void clear();

Q_SIGNALS:
    void titleChanged(const QString &title); // "Entry history (3)"
    void versionActivated(qint64 id); // double-click or Enter on a version

private:
    QLabel *m_note;
    QTreeWidget *m_versions;
};

} // namespace peanuts
