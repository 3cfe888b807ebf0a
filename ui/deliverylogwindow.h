// What the log's table is given: a window of at most kRows rows of the paged log, which moves as the
// user scrolls. A table keeps a header entry (and does O(rows) work on every insert at the top) for
// each row its model reports; reporting the whole log grew the window's memory by ~1.1 MB a minute
// at 2,000 deliveries/s. The scroll bar over the whole log is the view's (DeliveryLogView).
#pragma once

#include <QAbstractTableModel>

namespace peanuts {

class DeliveryLogModel;

class DeliveryLogWindow : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int kRows = 2000;

    explicit DeliveryLogWindow(DeliveryLogModel *log, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(DeliveryLogWindow)

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    DeliveryLogModel *log() const { return m_log; }
    // The log row shown in window row 0.
    int top() const { return m_top; }
    int logRow(int windowRow) const { return m_top + windowRow; }
    // Moves the window so that it starts at the log row top (clamped); rows in both keep their
    // selection and current index (persistent indexes move with them).
    void moveTo(int top);
    // Whether new rows at the top of the log are inserted into the window (the user reads the newest
    // rows) or the window moves down with the rows it shows.
    void setFollowNewest(bool follow) { m_followNewest = follow; }

private:
    int windowCount(int top) const;
    void logReset();
    void logRowsAboutToBeInserted(int first, int last);
    void logRowsInserted();
    void logDataChanged(const QModelIndex &from, const QModelIndex &to, const QList<int> &roles);

    DeliveryLogModel *m_log;
    int m_top = 0;
    int m_count = 0;
    bool m_followNewest = true;
    int m_inserting = 0; // rows being inserted at the window's top
    int m_shift = 0; // or rows by which the window moves down the log
};

} // namespace peanuts
