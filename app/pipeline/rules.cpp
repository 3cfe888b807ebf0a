#include "pipeline/rules.h"
