#include "pipeline/dispatcher.h"
