// Helpers of the inspector's tabs.
#include "inspector/tabsupport.h"

#include <QAbstractItemView>
#include <QDateTime>
#include <QKeyEvent>
#include <QLabel>

#include <limits>

namespace peanuts {

CopyKeyFilter::CopyKeyFilter(QAbstractItemView *view, std::function<void()> copy)
    : QObject(view)
    , m_copy(std::move(copy))
{
    view->installEventFilter(this);
}

bool CopyKeyFilter::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress && static_cast<QKeyEvent *>(event)->matches(QKeySequence::Copy)) {
        m_copy();
        return true;
    }
    return QObject::eventFilter(watched, event);
}

QLabel *noteLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setContentsMargins(8, 6, 8, 6);
    return label;
}

QString localTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz t"));
}

QString utcTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString elided(const QString &text, int chars)
{
    return text.size() <= chars ? text : QString(text.left(chars) + QStringLiteral("…"));
}

int trCount(qint64 n)
{
    return int(qMin<qint64>(n, std::numeric_limits<int>::max()));
}

} // namespace peanuts
