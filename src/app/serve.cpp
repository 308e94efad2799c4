#include "app/serve.h"
