// What the payload log shows of one row: the texts of its columns, their tooltips, colours and
// alignment. The model (deliverylogmodel.cpp) pages the rows; this only formats one.
#include "deliverylogrows.h"

#include "ingest/money.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QLocale>

namespace peanuts {

namespace {

// The outcome, then what a custom response answered and how the row stands among a delivery's
// attempts, short enough for the column: "accepted · simulated 503 · 2 retries", "duplicate · retry
// of #41", "accepted · custom 202".
QString resultText(const DeliveryRow &row)
{
    QStringList parts {outcomeLabel(row.outcome, row.status, row.reason)};
    if (row.simulated)
        parts.append(row.status >= 300 ? DeliveryLogModel::tr("simulated %1").arg(row.status)
                                       : DeliveryLogModel::tr("custom %1").arg(row.status));
    if (row.firstAttempt > 0)
        parts.append(DeliveryLogModel::tr("retry of #%1").arg(row.firstAttempt));
    if (row.retries > 0)
        parts.append(DeliveryLogModel::tr("%n retries", nullptr, row.retries));
    return parts.join(QStringLiteral(" · "));
}

QString sizeText(const DeliveryRow &row)
{
    const QString size = QLocale().formattedDataSize(row.bodySize, 1, QLocale::DataSizeTraditionalFormat);
    return row.redacted ? DeliveryLogModel::tr("%1 (redacted)", "a body size").arg(size) : size;
}

} // namespace

QVariant deliveryRowData(const DeliveryRow &row, int column, int role)
{
    using M = DeliveryLogModel;
    switch (role) {
    case Qt::ForegroundRole:
        if (column == M::ResultColumn && isRejected(row.outcome))
            return QBrush(QColor(0xc6, 0x28, 0x28));
        if (column == M::ResultColumn && row.simulated && row.status >= 300)
            return QBrush(QColor(0xa8, 0x5a, 0x00)); // a simulated failure: stored all the same
        return {};
    case Qt::TextAlignmentRole:
        if (column == M::AmountColumn || column == M::SizeColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (column == M::ReceivedColumn)
            return QDateTime::fromMSecsSinceEpoch(row.receivedMs).toString(Qt::ISODateWithMs);
        // Refusals carry their reason in the text already; an ignored event says what was ignored.
        if (column == M::ResultColumn) {
            QStringList lines {row.reason.isEmpty() || isRejected(row.outcome)
                    ? resultText(row)
                    : DeliveryLogModel::tr("%1: %2", "a result and what was ignored")
                          .arg(resultText(row), reasonForDisplay(row.reason))};
            if (row.simulated)
                lines.append(DeliveryLogModel::tr("%1: a custom response; the delivery was stored as shown")
                                 .arg(customAnswerNote(row.status, true)));
            if (row.answerMs >= 0)
                lines.append(DeliveryLogModel::tr("Answered %1 in %2 ms").arg(row.status).arg(row.answerMs));
            return lines.join(QLatin1Char('\n'));
        }
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (column) {
    case M::ReceivedColumn: {
        // Today's deliveries show the time alone; the full date is in the tooltip.
        const QDateTime when = QDateTime::fromMSecsSinceEpoch(row.receivedMs);
        return when.toString(when.date() == QDate::currentDate() ? QStringLiteral("HH:mm:ss.zzz")
                                                                 : QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    }
    case M::EventColumn:
        return row.event;
    case M::HelperColumn:
        return row.helperName.isEmpty() ? row.helperCommand : row.helperName;
    case M::EntryColumn:
        return row.entryId;
    case M::AmountColumn:
        return row.amountCents ? QString::fromLatin1(centsToDecimal(*row.amountCents)) : QString();
    case M::CategoryColumn:
        return row.category;
    case M::ResultColumn:
        return resultText(row);
    case M::SizeColumn:
        return sizeText(row);
    default:
        return {};
    }
}

} // namespace peanuts
