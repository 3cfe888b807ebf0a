#include "pipeline/planner.h"
