#include "harness.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

unsigned harness_checks = 0;
unsigned harness_failures = 0;
const char *harness_case = "";

void harness_fail(const char *file, int line, const char *fmt, ...) {
    va_list ap;
    harness_failures++;
    fprintf(stderr, "FAIL %s:%d [%s] ", file, line, harness_case);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static void print_bytes(const char *label, const uint8_t *p, size_t n) {
    size_t i;
    fprintf(stderr, "    %s (%lu bytes): \"", label, (unsigned long)n);
    for (i = 0; i < n && i < 400; i++) {
        if (p[i] >= 0x20 && p[i] < 0x7f && p[i] != '"' && p[i] != '\\')
            fputc(p[i], stderr);
        else
            fprintf(stderr, "\\x%02x", p[i]);
    }
    fprintf(stderr, "%s\"\n", n > 400 ? "..." : "");
}

int harness_bytes_eq(const char *file, int line, const char *what, const uint8_t *got,
                     size_t got_len, const uint8_t *want, size_t want_len) {
    size_t i;
    if (got_len == want_len && (want_len == 0 || memcmp(got, want, want_len) == 0)) return 1;
    for (i = 0; i < got_len && i < want_len && got[i] == want[i]; i++) {
    }
    harness_fail(file, line, "%s differs at byte %lu", what, (unsigned long)i);
    print_bytes("got ", got, got_len);
    print_bytes("want", want, want_len);
    return 0;
}

int harness_report(const char *name) {
    if (harness_failures != 0) {
        fprintf(stderr, "%s: %u of %u checks FAILED\n", name, harness_failures, harness_checks);
        return 1;
    }
    printf("%s: all %u checks passed\n", name, harness_checks);
    return 0;
}
