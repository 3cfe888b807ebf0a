#include "pipeline/retrypolicy.h"
