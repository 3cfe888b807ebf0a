// The Tree tab's item model over the ordered JSON tree of app/json (members in the order received, numbers
// as written).
#pragma once

#include "jsonhighlighter.h"
#include "json/jsontree.h"

#include <QAbstractItemModel>
#include <memory>

namespace peanuts {

class JsonTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    enum Role {
        KeyPathRole = Qt::UserRole + 1, // entry.data.amount
        CopyValueRole, // what "Copy value" puts on the clipboard
    };

    explicit JsonTreeModel(QObject *parent = nullptr);

    void setTree(std::shared_ptr<const JsonTree> tree); // null clears
    const JsonTree *tree() const { return m_tree.get(); }
    void setColours(const JsonColours &colours);

    QString keyPath(const QModelIndex &index) const;
    // Strings decoded, numbers and literals as written, objects and arrays as their exact source bytes.
    QString copyValue(const QModelIndex &index) const;
    const JsonNode *node(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    const JsonNode *parentNode(const QModelIndex &parent) const;
    QString preview(const JsonNode *node) const;

    std::shared_ptr<const JsonTree> m_tree;
    JsonColours m_colours;
};

} // namespace peanuts
