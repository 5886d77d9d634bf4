/* The roles user registers play in the ABI (../shared/reference/sel4-abi.md §2). Each arch maps
 * a role to its own register in arch/context.h, so generic code never indexes registers. */
#pragma once

enum user_reg {
    REG_CAP,          /* cap/destination cptr in; badge out */
    REG_MSGINFO,      /* seL4_MessageInfo in and out */
    REG_MR0,
    REG_MR1,
    REG_MR2,
    REG_MR3,
    REG_REPLY,        /* MCS reply object cptr */
    REG_NBSEND_DEST,  /* MCS NBSendRecv send destination */
    REG_SYSCALL,      /* syscall number, as the trap left it */
    REG_FAULT_IP,     /* address of the instruction that trapped */
    REG_NEXT_IP,      /* where the thread resumes */
    REG_SP,
};
