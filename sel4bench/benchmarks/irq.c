/*
 * An interrupt delivered to user level through a notification (IRQHandler_SetNotification),
 * raised by the runner through the board's deterministic source (platform_irq_source: what
 * user level does to make the line pending at once, so under icount every sample is the same
 * path). To a waiting handler thread of higher priority (a thread switch): from the read
 * before the raise to the read after the handler's Wait returns; the handler then clears the
 * device and Acks, outside the sample. To the measuring thread itself (no switch): from the
 * read before the raise to the read after its own Wait on the notification returns; the clear
 * and Ack follow the second read. Sources: aarch64 an SGI through an SGI signal capability
 * (the raise is a Signal syscall), riscv64 the goldfish RTC's alarm, x86_64 the i8042's
 * write-keyboard-output command (the raise is two IOPort_Out8 invocations).
 */
#include "bench.h"
#include "protocol.h"

struct irq_handler_thread {
    seL4_CPtr notification;
    volatile int round;
    uint64_t woken[BENCH_WARMUP + BENCH_SAMPLES];
};

static struct irq_handler_thread handler;
static struct platform_irq_source source; /* made once: an IRQ's handler is issued once */
static bool source_ready;

static void acknowledge(void)
{
    source.clear();
    seL4_IRQHandler_Ack(source.handler);
}

static void handler_loop(seL4_Word arg0, seL4_Word arg1)
{
    (void)arg0;
    (void)arg1;
    for (;;) {
        seL4_Wait(handler.notification, 0);
        handler.woken[handler.round] = counter_read();
        acknowledge();
        handler.round++;
    }
}

static bool irq_to_handler_thread(struct env *env, uint64_t *samples, int count)
{
    if (!env_thread(env, handler_loop, 0, 0, PRIORITY_HIGHER, 0))
        return false;
    for (int i = 0; i < count; i++) {
        uint64_t start = counter_read();
        source.raise();
        while (handler.round <= i) /* the line may be taken a few instructions later */
            ;
        samples[i] = handler.woken[i] - start;
    }
    return true;
}

static void irq_to_self(uint64_t *samples, int count)
{
    for (int i = 0; i < count; i++) {
        uint64_t start = counter_read();
        source.raise();
        seL4_Wait(handler.notification, 0);
        uint64_t end = counter_read();
        samples[i] = end - start;
        acknowledge();
    }
}

bool bench_irq(struct env *env, const struct bench_params *params, uint64_t *samples,
               int count)
{
    if (!source_ready) {
        if (!platform_irq_source(env, &source))
            return false;
        protocol_note("interrupt source: %s", source.name);
        source_ready = true;
    }
    handler.round = 0;
    handler.notification = env_retype(env, seL4_NotificationObject, 0);
    if (!handler.notification ||
        seL4_IRQHandler_SetNotification(source.handler, handler.notification) ||
        seL4_IRQHandler_Ack(source.handler))
        return false;
    bool measured = true;
    if (params->priority == PRIORITY_HIGHER)
        measured = irq_to_handler_thread(env, samples, count);
    else
        irq_to_self(samples, count);
    /* No interrupt left to signal anyone: once the runner stops, the kernel sees that no
     * thread can ever run again and ends the run (STOP_WHEN_DEAD) instead of idling. */
    return seL4_IRQHandler_Clear(source.handler) == seL4_NoError && measured;
}
