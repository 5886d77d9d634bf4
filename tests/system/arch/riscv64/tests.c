/* The table of this arch's system tests (frames, page tables, ASIDs). */
#include "../../system_test.h"

const struct system_test arch_system_tests[] = {
    {0, 0},
};
