// The diff's rows, filtered and coloured.
#include "diffmodel.h"

#include "palette.h"

#include <QFont>

namespace peanuts {

namespace {

QString elided(const QString &text, int max)
{
    return text.size() > max ? text.left(max) + u'…' : text;
}

} // namespace

DiffModel::DiffModel(const QString &pathTitle, QObject *parent)
    : QAbstractTableModel(parent)
    , m_pathTitle(pathTitle)
{
}

QString DiffModel::kindName(JsonChange::Kind kind)
{
    switch (kind) {
    case JsonChange::Kind::Added:
        return tr("added");
    case JsonChange::Kind::Removed:
        return tr("removed");
    case JsonChange::Kind::Changed:
        return tr("changed");
    case JsonChange::Kind::Same:
        break;
    }
    return tr("same");
}

void DiffModel::setChanges(const QList<JsonChange> &changes)
{
    beginResetModel();
    m_all = changes;
    refilter();
    endResetModel();
}

void DiffModel::setShowSame(bool show)
{
    if (show == m_showSame)
        return;
    beginResetModel();
    m_showSame = show;
    refilter();
    endResetModel();
}

void DiffModel::setPalette(const QPalette &palette)
{
    m_palette = palette;
    if (!m_shown.isEmpty())
        Q_EMIT dataChanged(
            index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::ForegroundRole, Qt::BackgroundRole});
}

void DiffModel::refilter()
{
    m_shown.clear();
    for (int i = 0; i < m_all.size(); ++i) {
        if (m_showSame || m_all[i].kind != JsonChange::Kind::Same)
            m_shown.append(i);
    }
}

int DiffModel::count(JsonChange::Kind kind) const
{
    return int(std::count_if(m_all.cbegin(), m_all.cend(), [kind](const JsonChange &c) { return c.kind == kind; }));
}

int DiffModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shown.size());
}

int DiffModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DiffModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const JsonChange &change = changeAt(index.row());
    auto text = [&](int max) -> QString {
        switch (index.column()) {
        case PathColumn:
            return change.path.isEmpty() ? tr("(the whole body)") : elided(change.path, max);
        case LeftColumn:
            return elided(change.before, max);
        case RightColumn:
            return elided(change.after, max);
        default:
            return kindName(change.kind);
        }
    };
    switch (role) {
    case Qt::DisplayRole:
        return text(kMaxCell);
    case Qt::ToolTipRole:
        return text(kMaxTooltip);
    case KindRole:
        return int(change.kind);
    case Qt::ForegroundRole:
        // The side that changed, and the kind, in the kind's colour; the rest in the palette's text.
        if (index.column() == ChangeColumn || (index.column() == LeftColumn && change.kind == JsonChange::Kind::Removed)
            || (index.column() == RightColumn && change.kind != JsonChange::Kind::Removed))
            return diffText(change.kind, m_palette);
        return QVariant();
    case Qt::BackgroundRole: {
        const QColor tint = diffTint(change.kind, m_palette);
        return tint.isValid() ? QVariant(tint) : QVariant();
    }
    case Qt::FontRole:
        if (index.column() == LeftColumn && change.kind == JsonChange::Kind::Removed) {
            QFont font;
            font.setStrikeOut(true);
            return font;
        }
        return QVariant();
    default:
        return QVariant();
    }
}

QVariant DiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PathColumn:
        return m_pathTitle;
    case LeftColumn:
        return tr("Left");
    case RightColumn:
        return tr("Right");
    default:
        return tr("Change");
    }
}

} // namespace peanuts
