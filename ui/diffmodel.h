// One side of the compare dialog as a table: path, left value, right value and the kind of change, each
// row tinted by its kind; the unchanged rows can be hidden.
#pragma once

#include "json/jsondiff.h"

#include <QAbstractTableModel>
#include <QPalette>

namespace peanuts {

class DiffModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { PathColumn, LeftColumn, RightColumn, ChangeColumn, ColumnCount };
    static constexpr int KindRole = Qt::UserRole + 1; // int(JsonChange::Kind)
    // Longest value shown in a cell; the tooltip has it whole (up to kMaxTooltip).
    static constexpr int kMaxCell = 200;
    static constexpr int kMaxTooltip = 4000;

    // pathTitle: the first column's title ("Header", "Key").
    explicit DiffModel(const QString &pathTitle, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(DiffModel)

    void setChanges(const QList<JsonChange> &changes);
    // Whether unchanged rows are listed (off by default).
    void setShowSame(bool show);
    bool showSame() const { return m_showSame; }
    // The colours follow this palette (the view's).
    void setPalette(const QPalette &palette);

    // Of all rows, shown or not.
    int count(JsonChange::Kind kind) const;
    int totalCount() const { return int(m_all.size()); }
    const JsonChange &changeAt(int row) const { return m_all[m_shown[row]]; }
    static QString kindName(JsonChange::Kind kind);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void refilter();

    QString m_pathTitle;
    QList<JsonChange> m_all;
    QList<int> m_shown; // indexes into m_all
    bool m_showSame = false;
    QPalette m_palette;
};

} // namespace peanuts
