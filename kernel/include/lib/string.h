/* Memory and string helpers: the runtime's freestanding ones, which the kernel shares (the
 * compiler may also emit calls to the mem* ones). */
#pragma once
#include <sel4runtime/string.h>
