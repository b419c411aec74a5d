#include "gatedecision.h"
