#include "statementsplitter.h"
