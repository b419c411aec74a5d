#include "sqlitestatementrules.h"
