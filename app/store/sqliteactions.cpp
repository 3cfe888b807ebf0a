#include "store/sqlitestore.h"
