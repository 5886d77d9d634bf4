/* Guest exit statuses the kernel itself uses when it stops the machine. Root tasks exit with
 * 0..124; the harness (harness/qemu.py) knows these two. */
#pragma once

#define EXIT_STATUS_NO_THREAD_CAN_RUN 125 /* every thread stopped and nothing can wake one */
#define EXIT_STATUS_KERNEL_PANIC 126
