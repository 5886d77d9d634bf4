/* Root-task start-up and exit. crt0 (arch/<arch>/crt0.S) sets a stack and calls
 * __sel4_start_root with the boot info pointer the kernel left in the first argument register. */
#include <sel4runtime/runtime.h>

seL4_IPCBuffer *__sel4_ipc_buffer;

_Noreturn void __sel4_start_root(seL4_BootInfo *bootinfo);

_Noreturn void __sel4_start_root(seL4_BootInfo *bootinfo)
{
    seL4_SetIPCBuffer(bootinfo->ipcBuffer);
    sel4runtime_exit(main(bootinfo));
}

_Noreturn void sel4runtime_exit(int status)
{
    seL4_DebugHaltWithStatus((seL4_Word)status);
    for (;;)
        ;
}
