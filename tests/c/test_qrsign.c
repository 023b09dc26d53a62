/* The C API tests: compiled with -std=c99 -Wall -Wextra -Wpedantic -Werror against
 * include/qrsign.h and the static library; run plain, under ASan+UBSan, and under valgrind. */
#include <stdio.h>
#include <string.h>

#include <qrsign.h>

#include "harness.h"

/* ---- status values and messages --------------------------------------------------------- */
static void test_status(void) {
    uint32_t v;
    harness_case = "status";
    /* The ABI record: these values never change. */
    CHECK(QRSIGN_OK == 0);
    CHECK(QRSIGN_ERR_MALFORMED_JSON == 100);
    CHECK(QRSIGN_ERR_UNEXPECTED_TYPE == 107);
    CHECK(QRSIGN_ERR_BUFFER_TOO_SMALL == 200);
    CHECK(QRSIGN_ERR_SIGNATURE_MISMATCH == 205);
    CHECK(QRSIGN_ERR_UNKNOWN_CURRENCY == 300);
    CHECK(QRSIGN_ERR_AMOUNT_OUT_OF_RANGE == 302);
    CHECK(QRSIGN_ERR_DATA_TOO_LONG == 400);
    CHECK(QRSIGN_ERR_INVALID_DATA_URI == 403);
    CHECK(QRSIGN_ERR_NULL_ARGUMENT == 900);
    CHECK(QRSIGN_ERR_INVALID_ARGUMENT == 901);
    CHECK(QRSIGN_ERR_PANIC == 999);
    CHECK(sizeof(qrsign_status) == 4);
    /* A message for every value, unknown ones included. */
    for (v = 0; v < 1100; v++) {
        const char *m = qrsign_status_str(v);
        CHECK(m != NULL && m[0] != '\0');
    }
    CHECK(strcmp(qrsign_status_str(QRSIGN_OK), "success") == 0);
    CHECK(strcmp(qrsign_status_str(12345), "unknown qrsign status") == 0);
    CHECK(strcmp(qrsign_status_str(UINT32_MAX), "unknown qrsign status") == 0);
    CHECK(strstr(qrsign_status_str(QRSIGN_ERR_SIGNATURE_MISMATCH), "does not match") != NULL);
}

/* ---- version ----------------------------------------------------------------------------- */
static void test_version(void) {
    char want[32];
    harness_case = "version";
    sprintf(want, "%d.%d.%d", QRSIGN_VERSION_MAJOR, QRSIGN_VERSION_MINOR, QRSIGN_VERSION_PATCH);
    CHECK(qrsign_version() != NULL);
    CHECK(strcmp(qrsign_version(), want) == 0);
}

int main(void) {
    test_status();
    test_version();
    return harness_report("test_qrsign");
}
