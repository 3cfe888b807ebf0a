#include "pipeline/dispatcher.h"

namespace peanuts {

struct Dispatcher::Private
{
};

Dispatcher::~Dispatcher() = default;

} // namespace peanuts
