// The payload log: filter bar (Ctrl+F search of raw bodies, event/result/helper, time range) over a
// table of the paged model, pinned to the newest row only while the user is already there.
#pragma once

#include <QSet>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace peanuts {

class DeliveryLogModel;
class StoreWorker;

class DeliveryLogView : public QWidget
{
    Q_OBJECT
public:
    // reader: for the model's queries; writer: for delete and redact.
    DeliveryLogView(StoreWorker *reader, StoreWorker *writer, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(DeliveryLogView)

    DeliveryLogModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLineEdit *searchBox() const { return m_search; }
    QList<qint64> selectedIds() const;
    // Tests switch the confirmation dialog off.
    void setConfirmChanges(bool confirm) { m_confirm = confirm; }

public Q_SLOTS:
    void deleteSelected(); // asks first
    void redactSelected(); // asks first

Q_SIGNALS:
    // The current delivery (arrow keys included); 0 when nothing is selected.
    void deliverySelected(qint64 id);

private:
    struct Mailbox; // lets the writer's jobs post back only while the view exists

    void applyFilter();
    void updateStatus();
    void noteHelpers(int firstRow, int lastRow);
    void announceCurrent();
    void changeSelected(bool redact);

    DeliveryLogModel *m_model = nullptr;
    bool m_confirm = true;
    QTableView *m_table = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_event = nullptr;
    QComboBox *m_result = nullptr;
    QComboBox *m_helper = nullptr;
    QComboBox *m_range = nullptr;
    QLabel *m_status = nullptr;
    QTimer *m_debounce = nullptr;
    StoreWorker *m_writer = nullptr;
    std::shared_ptr<Mailbox> m_mailbox;
    QSet<QString> m_helpersSeen;
    qint64 m_filterMs = -1; // how long the last filter took, -1 before the first
    qint64 m_announcedId = -1; // the id last sent with deliverySelected
    bool m_wasAtTop = true; // at the top when rows started to arrive
    QString m_notice; // what the last delete or redact did
};

} // namespace peanuts
