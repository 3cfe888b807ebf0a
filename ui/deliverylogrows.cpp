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
    QString text = outcomeLabel(row.outcome, row.status, row.reason);
    if (row.simulated)
        text
            += (row.status >= 300 ? QStringLiteral(" · simulated %1") : QStringLiteral(" · custom %1")).arg(row.status);
    if (row.firstAttempt > 0)
        text += QStringLiteral(" · retry of #%1").arg(row.firstAttempt);
    if (row.retries > 0)
        text += row.retries == 1 ? QStringLiteral(" · 1 retry") : QStringLiteral(" · %1 retries").arg(row.retries);
    return text;
}

QString sizeText(const DeliveryRow &row)
{
    const QString size = QLocale().formattedDataSize(row.bodySize, 1, QLocale::DataSizeTraditionalFormat);
    return row.redacted ? size + QStringLiteral(" (redacted)") : size;
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
            QString tip = row.reason.isEmpty() || isRejected(row.outcome)
                ? resultText(row)
                : resultText(row) + QStringLiteral(": ") + row.reason;
            if (row.simulated)
                tip += QStringLiteral("\n") + customAnswerNote(row.status, true)
                    + QStringLiteral(": a custom response; the delivery was stored as shown");
            if (row.answerMs >= 0)
                tip += QStringLiteral("\nAnswered %1 in %2 ms").arg(row.status).arg(row.answerMs);
            return tip;
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
