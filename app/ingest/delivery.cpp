// Every text of an outcome, as the API, the export, the log and the inspector show it.
#include "ingest/delivery.h"

namespace peanuts {

const char *outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Accepted:
        return "accepted";
    case Outcome::Duplicate:
        return "duplicate";
    case Outcome::Stale:
        return "stale";
    case Outcome::Ignored:
        return "ignored";
    case Outcome::RejectedSize:
        return "rejected: too large";
    case Outcome::RejectedSignature:
        return "rejected: signature";
    case Outcome::RejectedShape:
        return "rejected: invalid";
    case Outcome::Unavailable:
        return "unavailable";
    case Outcome::OutcomeCount:
        break;
    }
    return "unknown";
}

bool isRejected(Outcome outcome)
{
    return outcome >= Outcome::RejectedSize && outcome < Outcome::OutcomeCount;
}

OutcomeTone outcomeTone(Outcome outcome)
{
    if (outcome == Outcome::Accepted)
        return OutcomeTone::Good;
    return isRejected(outcome) ? OutcomeTone::Bad : OutcomeTone::Warning;
}

QString outcomeLabel(Outcome outcome, int status, const QString &reason)
{
    switch (outcome) {
    case Outcome::Accepted:
    case Outcome::Duplicate:
    case Outcome::Stale:
    case Outcome::Ignored:
        return QString::fromLatin1(outcomeName(outcome));
    case Outcome::Unavailable:
        return QStringLiteral("unavailable %1: %2").arg(status).arg(reason);
    default:
        break;
    }
    return QStringLiteral("rejected %1: %2").arg(status).arg(reason);
}

QString outcomeChip(Outcome outcome, int status, bool simulated)
{
    return QStringLiteral("%1 · %2%3")
        .arg(QString::fromLatin1(outcomeName(outcome)))
        .arg(status)
        .arg(simulated ? QStringLiteral(" simulated") : QString());
}

QString customAnswerNote(int status, bool simulated)
{
    if (!simulated)
        return QString();
    return QStringLiteral("answered %1 (%2)")
        .arg(status)
        .arg(status >= 300 ? QStringLiteral("simulated failure") : QStringLiteral("custom response"));
}

OutcomeVerdict outcomeVerdict(const Delivery &d, bool hasSignatureHeader)
{
    const QString matches = QStringLiteral("matches secret '%1'").arg(d.secretLabel);
    switch (d.outcome) {
    case Outcome::Accepted:
        return {QStringLiteral("Accepted: %1").arg(matches), OutcomeTone::Good};
    case Outcome::Duplicate:
        return {QStringLiteral("Accepted: %1 (a duplicate: these bytes were already received)").arg(matches),
            OutcomeTone::Good};
    case Outcome::Stale:
        return {QStringLiteral("Accepted: %1 (stale: older than the entry's state, so not applied)").arg(matches),
            OutcomeTone::Good};
    case Outcome::Ignored:
        return {QStringLiteral("Accepted: %1 (an unknown event type: stored, not applied)").arg(matches),
            OutcomeTone::Good};
    case Outcome::RejectedSignature:
        if (!hasSignatureHeader)
            return {QStringLiteral("No signature header: rejected %1").arg(d.status), OutcomeTone::Bad};
        break;
    case Outcome::RejectedShape:
        if (!d.secretLabel.isEmpty())
            return {
                QStringLiteral("Signature valid (%1), but rejected %2: %3").arg(matches).arg(d.status).arg(d.reason),
                OutcomeTone::Warning};
        return {QStringLiteral("Rejected %1: %2 (before the signature was checked)").arg(d.status).arg(d.reason),
            OutcomeTone::Bad};
    case Outcome::RejectedSize:
        return {QStringLiteral("Rejected %1: %2 (oversized bodies are refused before any signature check)")
                    .arg(d.status)
                    .arg(d.reason),
            OutcomeTone::Bad};
    default:
        break;
    }
    return {QStringLiteral("Rejected %1: %2").arg(d.status).arg(d.reason), OutcomeTone::Bad};
}

} // namespace peanuts
