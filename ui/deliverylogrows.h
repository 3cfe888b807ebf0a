// One row of the payload log as the table shows it (DeliveryLogModel's columns).
#pragma once

#include "data/records.h"
#include "deliverylogmodel.h"

#include <QVariant>

namespace peanuts {

// The data of a column (DeliveryLogModel::Column) for a display, tooltip, foreground or alignment role;
// an invalid QVariant for the others.
QVariant deliveryRowData(const DeliveryRow &row, int column, int role);

} // namespace peanuts
