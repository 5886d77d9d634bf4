/* Calls into the SBI firmware (SBI spec 1.0 calling convention: ecall with the extension in
 * a7, the function in a6, arguments in a0.., error back in a0 and value in a1). */
#include <arch/sbi.h>

#define SBI_BASE_PROBE_EXTENSION 3
#define SBI_TIME_SET_TIMER 0

struct sbi_result {
    sword_t error;
    word_t value;
};

static struct sbi_result sbi_call(word_t eid, word_t fid, word_t arg0)
{
    register word_t a0 __asm__("a0") = arg0;
    register word_t a1 __asm__("a1") = 0;
    register word_t a6 __asm__("a6") = fid;
    register word_t a7 __asm__("a7") = eid;
    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a6), "r"(a7) : "memory");
    return (struct sbi_result){(sword_t)a0, a1};
}

bool sbi_probe_extension(word_t eid)
{
    struct sbi_result result = sbi_call(SBI_EXT_BASE, SBI_BASE_PROBE_EXTENSION, eid);
    return result.error == 0 && result.value != 0;
}

void sbi_set_timer(uint64_t deadline)
{
    sbi_call(SBI_EXT_TIME, SBI_TIME_SET_TIMER, deadline);
}
