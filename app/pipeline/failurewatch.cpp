#include "pipeline/failurewatch.h"

#include <QStringList>

namespace peanuts {

FailureWatch::FailureWatch(int threshold)
    : m_threshold(threshold)
{
}

void FailureWatch::setThreshold(int threshold)
{
    QMutexLocker lock(&m_mutex);
    m_threshold = threshold;
}

int FailureWatch::threshold() const
{
    QMutexLocker lock(&m_mutex);
    return m_threshold;
}

std::optional<FailureAlert> FailureWatch::noteRejected(Outcome outcome, qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    const qint64 window = nowMs / 60'000;
    if (window != m_window) {
        m_window = window;
        m_counts.fill(0);
        m_total = 0;
    }
    ++m_counts[size_t(outcome)];
    ++m_total;
    if (m_threshold <= 0 || m_total != m_threshold || m_lastAlertWindow == window)
        return std::nullopt;
    m_lastAlertWindow = window;
    FailureAlert alert;
    alert.windowStartMs = window * 60'000;
    alert.title = QStringLiteral("Rejected deliveries are spiking");
    alert.text = describe(m_counts);
    return alert;
}

bool FailureWatch::alerting(qint64 nowMs) const
{
    QMutexLocker lock(&m_mutex);
    const qint64 window = nowMs / 60'000;
    return m_lastAlertWindow == window || m_lastAlertWindow == window - 1;
}

QString FailureWatch::describe(const std::array<qint64, size_t(Outcome::OutcomeCount)> &counts)
{
    qint64 total = 0;
    QStringList parts;
    const std::pair<Outcome, const char *> reasons[] = {
        {Outcome::RejectedSignature, "with a bad signature (401)"},
        {Outcome::RejectedShape, "malformed (400)"},
        {Outcome::RejectedSize, "too large (413)"},
        {Outcome::Unavailable, "unavailable (503)"},
    };
    for (const auto &[outcome, text] : reasons) {
        total += counts[size_t(outcome)];
        if (counts[size_t(outcome)] > 0)
            parts.append(QStringLiteral("%1 %2").arg(counts[size_t(outcome)]).arg(QLatin1String(text)));
    }
    QString text = QStringLiteral("%1 deliveries were rejected within a minute: %2.").arg(total).arg(parts.join(u", "));
    if (counts[size_t(Outcome::RejectedSignature)] * 2 > total)
        text += QStringLiteral(" A spike of 401s usually means the webhook secret was rotated on one side only: "
                               "compare the secret in Peanuts with the one configured here.");
    else if (counts[size_t(Outcome::Unavailable)] * 2 > total)
        text += QStringLiteral(" 503s mean no secret is configured here, or the database refuses writes.");
    return text;
}

} // namespace peanuts
