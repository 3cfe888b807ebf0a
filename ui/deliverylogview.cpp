// Placeholder: implemented in the window work (issue 3).
#include "deliverylogview.h"
