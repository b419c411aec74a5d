#include "sqltokenizer.h"
