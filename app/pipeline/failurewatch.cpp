#include "pipeline/failurewatch.h"

#include <QCoreApplication>
#include <QStringList>

namespace peanuts {

namespace {

constexpr const char *kContext = "FailureWatch";
const char *const kTitle = QT_TRANSLATE_NOOP("FailureWatch", "Rejected deliveries are spiking");

} // namespace

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
    alert.title = QString::fromLatin1(kTitle);
    alert.text = describe(m_counts);
    alert.shownTitle = QCoreApplication::translate(kContext, kTitle);
    alert.shownText = describe(m_counts, TextLanguage::Translated);
    return alert;
}

bool FailureWatch::alerting(qint64 nowMs) const
{
    QMutexLocker lock(&m_mutex);
    const qint64 window = nowMs / 60'000;
    return m_lastAlertWindow == window || m_lastAlertWindow == window - 1;
}

QString FailureWatch::describe(const std::array<qint64, size_t(Outcome::OutcomeCount)> &counts, TextLanguage language)
{
    auto text = [language](const char *source, qint64 n = -1) { return displayText(language, kContext, source, n); };
    qint64 total = 0;
    QStringList parts;
    const std::pair<Outcome, const char *> reasons[] = {
        {Outcome::RejectedSignature, QT_TRANSLATE_N_NOOP("FailureWatch", "%n with a bad signature (401)")},
        {Outcome::RejectedShape, QT_TRANSLATE_N_NOOP("FailureWatch", "%n malformed (400)")},
        {Outcome::RejectedSize, QT_TRANSLATE_N_NOOP("FailureWatch", "%n too large (413)")},
        {Outcome::Unavailable, QT_TRANSLATE_N_NOOP("FailureWatch", "%n unavailable (503)")},
    };
    for (const auto &[outcome, source] : reasons) {
        total += counts[size_t(outcome)];
        if (counts[size_t(outcome)] > 0)
            parts.append(text(source, counts[size_t(outcome)]));
    }
    QString result
        = text(QT_TRANSLATE_N_NOOP("FailureWatch", "%n deliveries were rejected within a minute: %1."), total)
              .arg(parts.join(text(QT_TRANSLATE_NOOP("FailureWatch", ", "))));
    if (counts[size_t(Outcome::RejectedSignature)] * 2 > total)
        result += u' '
            + text(QT_TRANSLATE_NOOP("FailureWatch",
                "A spike of 401s usually means the webhook secret was rotated on one side only: compare the secret in "
                "Peanuts with the one configured here."));
    else if (counts[size_t(Outcome::Unavailable)] * 2 > total)
        result += u' '
            + text(QT_TRANSLATE_NOOP(
                "FailureWatch", "503s mean no secret is configured here, or the database refuses writes."));
    return result;
}

} // namespace peanuts
