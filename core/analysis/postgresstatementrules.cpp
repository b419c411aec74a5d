#include "postgresstatementrules.h"
