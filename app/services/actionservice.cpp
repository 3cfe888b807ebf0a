#include "services/actionservice.h"

namespace peanuts {

ActionService::ActionService(QObject *parent)
    : QObject(parent)
{
}

} // namespace peanuts
