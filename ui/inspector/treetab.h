// The inspector's Tree tab: the body's JSON as an expandable tree, with copy value / key / key path.
#pragma once

#include <QTreeView>
#include <memory>

namespace peanuts {

class JsonTreeModel;
struct JsonColours;
struct JsonTree;

class JsonTreeTab : public QTreeView
{
    Q_OBJECT
public:
    explicit JsonTreeTab(QWidget *parent = nullptr);

    void showTree(std::shared_ptr<const JsonTree> tree); // null clears
    void setColours(const JsonColours &colours);

private:
    void copyValues();
    void copyText(int role);

    JsonTreeModel *m_model;
};

} // namespace peanuts
