#include "pipeline/action.h"

namespace peanuts {

const char *actionKindName(ActionKind kind)
{
    switch (kind) {
    case ActionKind::Notify:
        return "notify";
    case ActionKind::Post:
        return "post";
    case ActionKind::Forward:
        return "forward";
    }
    return "unknown";
}

} // namespace peanuts
