#include "catalogreader.h"
