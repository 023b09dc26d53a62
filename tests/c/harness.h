/* A tiny test harness for the C tests: checks that report the file, line, and the case being
 * run, and count failures instead of stopping at the first one. */
#ifndef QRSIGN_TEST_HARNESS_H
#define QRSIGN_TEST_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#include <qrsign.h>

extern unsigned harness_checks;
extern unsigned harness_failures;
/* What is being tested (a vector id, a function name); printed with each failure. */
extern const char *harness_case;

void harness_fail(const char *file, int line, const char *fmt, ...);
/* 1 if `len` bytes at `got` equal `want_len` bytes at `want`; else reports both and returns 0. */
int harness_bytes_eq(const char *file, int line, const char *what, const uint8_t *got,
                     size_t got_len, const uint8_t *want, size_t want_len);
int harness_report(const char *name);

#define CHECK(cond)                                                                         \
    do {                                                                                    \
        harness_checks++;                                                                   \
        if (!(cond)) harness_fail(__FILE__, __LINE__, "%s", #cond);                         \
    } while (0)

/* A status check that prints the names of both statuses on failure. */
#define CHECK_STATUS(expr, want)                                                            \
    do {                                                                                    \
        uint32_t check_got_ = (uint32_t)(expr);                                             \
        uint32_t check_want_ = (uint32_t)(want);                                            \
        harness_checks++;                                                                   \
        if (check_got_ != check_want_)                                                      \
            harness_fail(__FILE__, __LINE__, "%s: got %u (%s), want %u (%s)", #expr,         \
                         (unsigned)check_got_, qrsign_status_str(check_got_),               \
                         (unsigned)check_want_, qrsign_status_str(check_want_));            \
    } while (0)

#define CHECK_BYTES(what, got, got_len, want, want_len)                                     \
    (harness_checks++,                                                                      \
     harness_bytes_eq(__FILE__, __LINE__, (what), (const uint8_t *)(got), (got_len),         \
                      (const uint8_t *)(want), (want_len)))

#endif
