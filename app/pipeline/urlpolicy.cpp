#include "pipeline/urlpolicy.h"
