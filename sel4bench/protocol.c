/* The protocol writer: formats each line through the platform's UART, and keeps the running
 * CRC32 of the case records and their count for the end line. */
#include "protocol.h"
#include <sel4common/format.h>

#define CRC32_POLYNOMIAL 0xedb88320u /* IEEE 802.3, reflected, as zlib.crc32 */

static uint32_t crc = 0xffffffffu; /* running, not yet inverted */
static bool in_record;
static int cases;

static void crc_add(char c)
{
    crc ^= (uint8_t)c;
    for (int bit = 0; bit < 8; bit++)
        crc = (crc >> 1) ^ (CRC32_POLYNOMIAL & -(crc & 1));
}

static void put(char c, void *context)
{
    (void)context;
    if (in_record)
        crc_add(c);
    if (c == '\n')
        platform_putchar('\r');
    platform_putchar(c);
}

__attribute__((format(printf, 1, 2))) static void emit(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    format_vprint(put, 0, format, args);
    va_end(args);
}

void protocol_note(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    emit("# sel4bench: ");
    format_vprint(put, 0, format, args);
    emit("\n");
    va_end(args);
}

void protocol_header(const struct bench_header *h)
{
    emit("@bench {\"type\":\"header\",\"schema\":1,\"board\":\"%s\",\"arch\":\"%s\","
         "\"counter\":\"%s\",", h->board, h->arch, h->counter);
    if (h->counter_hz)
        emit("\"counter_hz\":%llu,", (unsigned long long)h->counter_hz);
    else
        emit("\"counter_hz\":null,");
    emit("\"variant\":\"%s\",\"toolchain\":\"%s\",\"compiler\":\"%s\",\"commit\":\"%s\","
         "\"samples\":%d,\"warmup\":%d}\n", h->variant, h->toolchain, h->compiler, h->commit,
         h->samples, h->warmup);
}

static const char *const path_names[] = {
    0, "call", "reply_recv", "round_trip", "send", "nbsendrecv", "signal",
    "unknown_syscall_fault", "vm_fault", "irq", "timeout_fault"};
static const char *const priority_names[] = {0, "same", "higher", "lower"};

static void emit_params(const struct bench_params *p)
{
    const char *separator = "";
    emit("\"params\":{");
    if (p->path) {
        emit("\"path\":\"%s\"", path_names[p->path]);
        separator = ",";
    }
    if (p->length >= 0) {
        emit("%s\"length\":%d", separator, p->length);
        separator = ",";
    }
    if (p->priority) {
        emit("%s\"partner_priority\":\"%s\"", separator, priority_names[p->priority]);
        separator = ",";
    }
    if (p->address_space) {
        emit("%s\"address_space\":\"%s\"", separator, p->address_space);
        separator = ",";
    }
    if (p->passive_server)
        emit("%s\"passive_server\":true", separator);
    emit("},");
}

void protocol_case(const struct bench_case *bench, uint64_t overhead, const uint64_t *samples,
                   int count)
{
    emit("@bench ");
    in_record = true;
    emit("{\"type\":\"case\",\"id\":\"%s\",", bench->id);
    emit_params(&bench->params);
    emit("\"unit\":\"cycles\",\"overhead\":%llu,\"samples\":[", (unsigned long long)overhead);
    for (int i = 0; i < count; i++)
        emit(i ? ",%llu" : "%llu", (unsigned long long)samples[i]);
    emit("]}\n");
    in_record = false;
    cases++;
}

void protocol_end(void)
{
    emit("@bench {\"type\":\"end\",\"cases\":%d,\"crc32\":%u}\n", cases,
         (unsigned)(crc ^ 0xffffffffu));
}
