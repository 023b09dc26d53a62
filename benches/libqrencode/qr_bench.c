/* libqrencode timing: µs per encode of a string at ECC M, automatic version and mask (byte
 * mode, case-sensitive), best of 7 rounds. Built and run by benches/qr_c_bench.sh, next to the
 * same measurement of qrsign (benches/libqrencode/qr_timing.rs). */
#define _POSIX_C_SOURCE 199309L
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s TEXT ITERATIONS\n", argv[0]);
        return 2;
    }
    const char *text = argv[1];
    long iterations = strtol(argv[2], NULL, 10);
    double best = 1e30;
    int width = 0;
    for (int round = 0; round < 7; round++) {
        double start = now_us();
        for (long i = 0; i < iterations; i++) {
            QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
            if (qr == NULL) {
                perror("QRcode_encodeString");
                return 1;
            }
            width = qr->width;
            QRcode_free(qr);
        }
        double per = (now_us() - start) / (double)iterations;
        if (per < best) best = per;
    }
    printf("libqrencode %s (%zu chars, %dx%d): %.2f us per encode\n", QRcode_APIVersionString(),
           strlen(text), width, width, best);
    return 0;
}
