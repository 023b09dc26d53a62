/* Proves the sanitizers of `make test-c-asan` are live, not just requested: built with the same
 * flags, each probe commits one bug the sanitizer must catch (the Makefile expects the failure
 * and the sanitizer's report). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "asan") == 0) {
        volatile char *p = malloc(8);
        if (p == NULL) return 2;
        p[8] = 1; /* one past the end: AddressSanitizer: heap-buffer-overflow */
        free((void *)p);
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "ubsan") == 0) {
        volatile int big = INT_MAX;
        int r = big + argc; /* UBSan: signed integer overflow */
        printf("%d\n", r);
        return 0;
    }
    return 2;
}
