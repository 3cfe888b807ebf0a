// Every text of an outcome: the API's and the export's name (never translated), and the translated
// texts the log and the inspector show.
#include "ingest/delivery.h"

#include <QCoreApplication>

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

namespace {

// Every outcome text is translated in the context "Outcome", wherever it is shown. A class, so that lupdate
// files the strings under that context too (it does not follow a free function named tr).
class OutcomeText
{
    Q_DECLARE_TR_FUNCTIONS(Outcome)
};

} // namespace

QString outcomeDisplayName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Accepted:
        return OutcomeText::tr("accepted");
    case Outcome::Duplicate:
        return OutcomeText::tr("duplicate");
    case Outcome::Stale:
        return OutcomeText::tr("stale");
    case Outcome::Ignored:
        return OutcomeText::tr("ignored");
    case Outcome::RejectedSize:
        return OutcomeText::tr("rejected: too large");
    case Outcome::RejectedSignature:
        return OutcomeText::tr("rejected: signature");
    case Outcome::RejectedShape:
        return OutcomeText::tr("rejected: invalid");
    case Outcome::Unavailable:
        return OutcomeText::tr("unavailable");
    case Outcome::OutcomeCount:
        break;
    }
    return OutcomeText::tr("unknown");
}

QString reasonForDisplay(const QString &reason)
{
    // The stored English text is the key: reasons marked with QT_TRANSLATE_NOOP("Reason", ...) where
    // they are made have a translation; the rest (those with numbers in them) are shown as stored.
    return reason.isEmpty() ? reason : QCoreApplication::translate("Reason", reason.toUtf8().constData());
}

QString outcomeLabel(Outcome outcome, int status, const QString &reason)
{
    switch (outcome) {
    case Outcome::Accepted:
    case Outcome::Duplicate:
    case Outcome::Stale:
    case Outcome::Ignored:
        return outcomeDisplayName(outcome);
    case Outcome::Unavailable:
        return OutcomeText::tr("unavailable %1: %2").arg(status).arg(reasonForDisplay(reason));
    default:
        break;
    }
    return OutcomeText::tr("rejected %1: %2").arg(status).arg(reasonForDisplay(reason));
}

QString outcomeChip(Outcome outcome, int status, bool simulated)
{
    return (simulated ? OutcomeText::tr("%1 · %2 simulated") : OutcomeText::tr("%1 · %2"))
        .arg(outcomeDisplayName(outcome))
        .arg(status);
}

QString customAnswerNote(int status, bool simulated)
{
    if (!simulated)
        return QString();
    return (status >= 300 ? OutcomeText::tr("answered %1 (simulated failure)")
                          : OutcomeText::tr("answered %1 (custom response)"))
        .arg(status);
}

OutcomeVerdict outcomeVerdict(const Delivery &d, bool hasSignatureHeader)
{
    const QString reason = reasonForDisplay(d.reason);
    switch (d.outcome) {
    case Outcome::Accepted:
        return {OutcomeText::tr("Accepted: matches secret '%1'").arg(d.secretLabel), OutcomeTone::Good};
    case Outcome::Duplicate:
        return {OutcomeText::tr("Accepted: matches secret '%1' (a duplicate: these bytes were already received)")
                    .arg(d.secretLabel),
            OutcomeTone::Good};
    case Outcome::Stale:
        return {OutcomeText::tr("Accepted: matches secret '%1' (stale: older than the entry's state, so not applied)")
                    .arg(d.secretLabel),
            OutcomeTone::Good};
    case Outcome::Ignored:
        return {OutcomeText::tr("Accepted: matches secret '%1' (an unknown event type: stored, not applied)")
                    .arg(d.secretLabel),
            OutcomeTone::Good};
    case Outcome::RejectedSignature:
        if (!hasSignatureHeader)
            return {OutcomeText::tr("No signature header: rejected %1").arg(d.status), OutcomeTone::Bad};
        break;
    case Outcome::RejectedShape:
        if (!d.secretLabel.isEmpty())
            return {OutcomeText::tr("Signature valid (matches secret '%1'), but rejected %2: %3")
                        .arg(d.secretLabel)
                        .arg(d.status)
                        .arg(reason),
                OutcomeTone::Warning};
        return {OutcomeText::tr("Rejected %1: %2 (before the signature was checked)").arg(d.status).arg(reason),
            OutcomeTone::Bad};
    case Outcome::RejectedSize:
        return {OutcomeText::tr("Rejected %1: %2 (oversized bodies are refused before any signature check)")
                    .arg(d.status)
                    .arg(reason),
            OutcomeTone::Bad};
    default:
        break;
    }
    return {OutcomeText::tr("Rejected %1: %2").arg(d.status).arg(reason), OutcomeTone::Bad};
}

} // namespace peanuts
