// Replay from the log. Reprocess: the rules evaluated again against the selected deliveries; the
// dialog lists which would fire, and "Run these actions" puts the checked ones in the outbox (the
// projection is not touched). Resend: the selected deliveries posted, byte for byte and re-signed,
// to a URL the user gives, with the same retries.
#pragma once

#include "services/actionservice.h"

#include <QDialog>
#include <functional>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace peanuts {

class ReprocessDialog : public QDialog
{
    Q_OBJECT
public:
    // notLoaded: selected rows of the log that are not loaded, left out (the loaded ids are enough).
    // service may be null: tests feed hits with showHits().
    ReprocessDialog(ActionService *service, const QList<qint64> &ids, qint64 notLoaded, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ReprocessDialog)

    void showHits(const QList<ReprocessHit> &hits);
    QList<ReprocessHit> checkedHits() const;
    QTreeWidget *hitList() const { return m_hits; }
    QPushButton *runButton() const { return m_run; }
    QString statusText() const;

Q_SIGNALS:
    void hitsShown(int count);
    void runRequested(const QList<ReprocessHit> &hits);
    void actionsQueued(int added);

private:
    void run();

    ActionService *m_service;
    QList<ReprocessHit> m_shown;
    QLabel *m_status;
    QTreeWidget *m_hits;
    QPushButton *m_run;
};

// Asks for a URL and queues a resend of ids to it; report(message) says how many were queued or why
// not. The answer comes later, on parent's thread.
void askResend(QWidget *parent, ActionService *service, const QList<qint64> &ids, qint64 notLoaded,
    std::function<void(const QString &)> report);

} // namespace peanuts
