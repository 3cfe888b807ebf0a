// The payload log: filter bar (Ctrl+F search of raw bodies, event/result/helper, time range) over a
// table of the paged model, pinned to the newest row only while the user is already there.
#pragma once

#include <QSet>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QScrollBar;
class QTableView;
class QTimer;

namespace peanuts {

class DeliveryLogModel;
class DeliveryLogWindow;
class MaintenanceService;
class ReceiverCore;

class DeliveryLogView : public QWidget
{
    Q_OBJECT
public:
    // Reads through core->log(), deletes and redacts through core->maintenance(), and follows
    // core->batches().
    explicit DeliveryLogView(ReceiverCore *core, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(DeliveryLogView)

    // The whole log (rows counted from the newest); the table shows a window of it (logWindow()), and
    // scrollBar() scrolls over the whole log.
    DeliveryLogModel *model() const { return m_model; }
    DeliveryLogWindow *logWindow() const { return m_window; }
    QTableView *table() const { return m_table; }
    QScrollBar *scrollBar() const { return m_scroll; }
    // The log row at the top of the table (the first one shown whole); -1 when none.
    int topRow() const;
    // Shows the log row at the top of the table (as the scroll bar does).
    void scrollToRow(int row);
    // Selects log rows [first, last] (at most half a window), scrolled into view.
    void selectRows(int first, int last);
    QLineEdit *searchBox() const { return m_search; }
    QList<qint64> selectedIds() const;
    // Rows selected in the whole log (select all included), loaded or not.
    qint64 selectedRowCount() const;
    // Exactly two loaded rows are selected: what "Compare…" needs.
    bool twoSelected() const;
    // Tests switch the confirmation dialog off.
    void setConfirmChanges(bool confirm) { m_confirm = confirm; }

public Q_SLOTS:
    void deleteSelected(); // asks first
    void redactSelected(); // asks first

Q_SIGNALS:
    // The current delivery (arrow keys included); 0 when nothing is selected.
    void deliverySelected(qint64 id);
    // The context menu's replay entries, for the selection (the window asks and runs them).
    void reprocessRequested();
    void resendRequested();
    // "Compare…": exactly two loaded rows are selected (selectedIds() has both).
    void compareRequested();

private:
    class Table;

    void setUpActions(); // deliverylogactions.cpp
    void applyFilter();
    void updateStatus();
    void noteHelpers(int firstRow, int lastRow);
    void announceCurrent();
    void changeSelected(bool redact);
    void tableScrolled();
    void barMoved(int row);
    void updateBar();
    void selectWindow(); // after select all: the window's rows, as it moves

    DeliveryLogModel *m_model = nullptr;
    DeliveryLogWindow *m_window = nullptr;
    MaintenanceService *m_maintenance = nullptr;
    QScrollBar *m_scroll = nullptr;
    bool m_syncing = false; // moving the window or a scroll bar: no feedback from the other
    bool m_allSelected = false; // select all: the whole log, not only the window's rows
    bool m_confirm = true;
    QTableView *m_table = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_event = nullptr;
    QComboBox *m_result = nullptr;
    QComboBox *m_helper = nullptr;
    QComboBox *m_range = nullptr;
    QCheckBox *m_groupRetries = nullptr;
    QLabel *m_status = nullptr;
    QTimer *m_debounce = nullptr;
    QSet<QString> m_helpersSeen;
    qint64 m_filterMs = -1; // how long the last filter took, -1 before the first
    qint64 m_announcedId = -1; // the id last sent with deliverySelected
    bool m_wasAtTop = true; // at the top when rows started to arrive
    QString m_notice; // what the last delete or redact did
};

} // namespace peanuts
