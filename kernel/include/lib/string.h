/* Memory and string helpers: the freestanding ones in libsel4/common, which the kernel shares
 * with root tasks (the compiler may also emit calls to the mem* ones). */
#pragma once
#include <sel4common/string.h>
