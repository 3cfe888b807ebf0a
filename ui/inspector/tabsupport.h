// What the inspector's tabs share: a Ctrl+C filter for item views, the note label, time and text helpers.
#pragma once

#include <QObject>
#include <QString>
#include <functional>

class QAbstractItemView;
class QLabel;
class QWidget;

namespace peanuts {

// Ctrl+C on an item view: the views copy only the current cell's text themselves (and take the key
// before any QAction shortcut can), so this filter answers it first with the tab's own copy.
class CopyKeyFilter : public QObject
{
public:
    CopyKeyFilter(QAbstractItemView *view, std::function<void()> copy);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    std::function<void()> m_copy;
};

// A selectable, wrapping label for the line above a tab's view.
QLabel *noteLabel(QWidget *parent);

QString localTime(qint64 ms); // "2026-11-26 11:00:00.000 CET"
QString utcTime(qint64 ms); // "2026-11-26T10:00:00.000Z"
QString elided(const QString &text, int chars); // at most chars characters and "…"
int trCount(qint64 n); // n for tr()'s %n and plural forms: a size clamped to what an int holds

} // namespace peanuts
