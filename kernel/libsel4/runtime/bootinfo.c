/* Reading the boot info: finding untyped memory for a root task's objects. */
#include <sel4runtime/runtime.h>

seL4_CPtr sel4runtime_find_untyped(const seL4_BootInfo *bootinfo, seL4_Word bits)
{
    for (seL4_Word slot = bootinfo->untyped.start; slot < bootinfo->untyped.end; slot++) {
        const seL4_UntypedDesc *desc = &bootinfo->untypedList[slot - bootinfo->untyped.start];
        if (!desc->isDevice && desc->sizeBits >= bits)
            return slot;
    }
    return 0;
}
