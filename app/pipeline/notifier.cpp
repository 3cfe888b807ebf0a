#include "pipeline/notifier.h"

#include "platform/logging.h"

namespace peanuts {

void LogNotifier::notify(const QString &title, const QString &body, qint64 deliveryId)
{
    if (deliveryId > 0)
        qCWarning(lcPipeline).noquote()
            << QStringLiteral("alert: %1: %2 (delivery %3)").arg(title, body).arg(deliveryId);
    else
        qCWarning(lcPipeline).noquote() << QStringLiteral("alert: %1: %2").arg(title, body);
}

} // namespace peanuts
