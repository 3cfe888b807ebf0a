// Monitor failures, as the Peanuts guide asks: counts rejected deliveries per minute, by reason, and
// says once per minute window when they pass a threshold. Thread-safe: the HTTP thread notes each
// refusal; the owner reads the verdicts.
#pragma once

#include "ingest/delivery.h"
#include "platform/displaytext.h"

#include <QMutex>
#include <QString>
#include <array>
#include <optional>

namespace peanuts {

struct FailureAlert
{
    // In English: these go into the outbox, to the alert URL and the notification actions.
    QString title;
    QString text; // the counts by reason, and what a spike of 401s usually means
    // The same in the user's language, for the window.
    QString shownTitle;
    QString shownText;
    qint64 windowStartMs = 0;
};

class FailureWatch
{
public:
    // threshold: rejected deliveries in one minute that raise an alert; 0: never.
    explicit FailureWatch(int threshold = 0);
    void setThreshold(int threshold);
    int threshold() const;

    // A refusal at nowMs (RejectedSize, RejectedSignature, RejectedShape, Unavailable). Returns the
    // alert when this one reached the threshold: once per window, however many follow.
    std::optional<FailureAlert> noteRejected(Outcome outcome, qint64 nowMs);
    // Whether an alert is on: raised in the window of nowMs or the one before it (a spike that goes
    // on keeps it on; a quiet minute ends it).
    bool alerting(qint64 nowMs) const;

    static QString describe(
        const std::array<qint64, size_t(Outcome::OutcomeCount)> &counts, TextLanguage language = TextLanguage::English);

private:
    mutable QMutex m_mutex;
    int m_threshold = 0;
    qint64 m_window = -1; // minutes since the epoch
    std::array<qint64, size_t(Outcome::OutcomeCount)> m_counts {};
    qint64 m_total = 0;
    qint64 m_lastAlertWindow = -2;
};

} // namespace peanuts
