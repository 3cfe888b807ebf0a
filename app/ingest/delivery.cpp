// Names of outcomes, as the API, the log and the window show them.
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

} // namespace peanuts
