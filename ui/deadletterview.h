// Dead letters: the outgoing actions whose last attempt failed. A list (when, kind, target, rule,
// attempts, last error) with Retry and Discard for one or a selection, and the status bar's button
// that counts them and opens the list. Both read through ActionService, never blocking the window.
#pragma once

#include "pipeline/action.h"

#include <QDialog>
#include <QToolButton>

class QLabel;
class QPushButton;
class QTableWidget;
class QTimer;

namespace peanuts {

class ActionService;

class DeadLetterView : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kLimit = 1000; // rows shown; the count says when there are more

    // service may be null (tests feed rows with showRows() and watch the request signals).
    explicit DeadLetterView(ActionService *service, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(DeadLetterView)

    // Shows these rows (what refresh() fetched).
    void showRows(const QList<OutboxAction> &rows);
    QList<qint64> selectedIds() const;
    QTableWidget *table() const { return m_table; }
    QPushButton *retryButton() const { return m_retry; }
    QPushButton *discardButton() const { return m_discard; }

public Q_SLOTS:
    void refresh(); // coalesced
    void retrySelected();
    void discardSelected();

Q_SIGNALS:
    // The user asked; the service is called with the same ids.
    void retryRequested(const QList<qint64> &ids);
    void discardRequested(const QList<qint64> &ids);
    void rowsShown(int count);

private:
    void fetch();
    void updateButtons();

    ActionService *m_service;
    QTableWidget *m_table = nullptr;
    QLabel *m_note = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_discard = nullptr;
    QTimer *m_coalesce = nullptr;
};

class DeadLetterDialog : public QDialog
{
    Q_OBJECT
public:
    explicit DeadLetterDialog(ActionService *service, QWidget *parent = nullptr);
    DeadLetterView *view() const { return m_view; }

private:
    DeadLetterView *m_view;
};

// The status bar's "N dead letters": hidden at 0; a click opens the list. Refreshed when the outbox
// changes, and on a slow timer while it shows dead letters or retries.
class DeadLetterButton : public QToolButton
{
    Q_OBJECT
public:
    static constexpr int kRefreshMs = 5000;

    explicit DeadLetterButton(ActionService *service, QWidget *parent = nullptr);
    void setCounts(qint64 dead, qint64 retrying, qint64 dropped);
    qint64 deadCount() const { return m_dead; }
    bool slowRefreshArmed() const;

public Q_SLOTS:
    void refresh(); // coalesced

Q_SIGNALS:
    void countsShown();

private:
    ActionService *m_service;
    QTimer *m_coalesce;
    QTimer *m_slow = nullptr; // only while dead letters are shown: pruning removes them without a signal
    qint64 m_dead = 0;
};

} // namespace peanuts
