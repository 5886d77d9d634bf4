/* printf-style formatting into a character sink, for root tasks and the kernel alike. */
#include <sel4common/format.h>
#include <stdbool.h>
#include <stdint.h>

struct spec {
    bool left;
    char pad;
    int width;
    int length; /* 0 int, 1 long, 2 long long, 3 size_t */
};

struct out {
    format_sink sink;
    void *context;
    int count;
};

static void put(struct out *out, char c)
{
    out->sink(c, out->context);
    out->count++;
}

static void put_padded(struct out *out, const struct spec *spec, const char *text, int len)
{
    int pad = spec->width > len ? spec->width - len : 0;
    if (!spec->left) {
        while (pad-- > 0)
            put(out, spec->pad);
    }
    for (int i = 0; i < len; i++)
        put(out, text[i]);
    while (spec->left && pad-- > 0)
        put(out, ' ');
}

static void put_number(struct out *out, const struct spec *spec, uint64_t value, unsigned base,
                       bool negative)
{
    char digits[24];
    int len = sizeof(digits);
    do {
        digits[--len] = "0123456789abcdef"[value % base];
        value /= base;
    } while (value);
    if (negative)
        digits[--len] = '-';
    put_padded(out, spec, digits + len, (int)sizeof(digits) - len);
}

static uint64_t take_unsigned(const struct spec *spec, va_list *args)
{
    switch (spec->length) {
    case 0: return va_arg(*args, unsigned int);
    case 1: return va_arg(*args, unsigned long);
    case 2: return va_arg(*args, unsigned long long);
    default: return va_arg(*args, __SIZE_TYPE__);
    }
}

static int64_t take_signed(const struct spec *spec, va_list *args)
{
    switch (spec->length) {
    case 0: return va_arg(*args, int);
    case 1: return va_arg(*args, long);
    case 2: return va_arg(*args, long long);
    default: return (int64_t)va_arg(*args, __SIZE_TYPE__);
    }
}

static const char *parse_spec(const char *f, struct spec *spec)
{
    *spec = (struct spec){.pad = ' '};
    for (;; f++) {
        if (*f == '-')
            spec->left = true;
        else if (*f == '0')
            spec->pad = '0';
        else
            break;
    }
    while (*f >= '0' && *f <= '9')
        spec->width = spec->width * 10 + (*f++ - '0');
    for (; *f == 'l'; f++)
        spec->length++;
    if (*f == 'z') {
        spec->length = 3;
        f++;
    }
    return f;
}

static void convert(struct out *out, const struct spec *spec, char conversion, va_list *args)
{
    switch (conversion) {
    case 'c': {
        char c = (char)va_arg(*args, int);
        put_padded(out, spec, &c, 1);
        break;
    }
    case 's': {
        const char *s = va_arg(*args, const char *);
        int len = 0;
        s = s ? s : "(null)";
        while (s[len])
            len++;
        put_padded(out, spec, s, len);
        break;
    }
    case 'd':
    case 'i': {
        int64_t v = take_signed(spec, args);
        put_number(out, spec, v < 0 ? -(uint64_t)v : (uint64_t)v, 10, v < 0);
        break;
    }
    case 'u': put_number(out, spec, take_unsigned(spec, args), 10, false); break;
    case 'x': put_number(out, spec, take_unsigned(spec, args), 16, false); break;
    case 'p':
        put(out, '0');
        put(out, 'x');
        put_number(out, spec, (uintptr_t)va_arg(*args, void *), 16, false);
        break;
    default: put(out, '%'); put(out, conversion); break;
    }
}

int format_vprint(format_sink sink, void *context, const char *format, va_list args)
{
    struct out out = {sink, context, 0};
    va_list copy;
    va_copy(copy, args);
    for (const char *f = format; *f; f++) {
        if (*f != '%') {
            put(&out, *f);
            continue;
        }
        if (f[1] == '%') {
            put(&out, *++f);
            continue;
        }
        struct spec spec;
        f = parse_spec(f + 1, &spec);
        if (!*f)
            break;
        convert(&out, &spec, *f, &copy);
    }
    va_end(copy);
    return out.count;
}
