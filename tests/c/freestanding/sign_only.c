/* Signing and verification alone, freestanding (the "signing alone" size budget): key set-up,
 * a Gate body signed, the POS response verified; prints the signed body and the result.
 *
 *   sign_only RESPONSE.json */
#include <qrsign.h>

#include "shim.h"

static uint8_t response[8192];
static const uint8_t body[] = "{\"general\":{\"project_id\":1234,\"payment_id\":\"pos-0001-000047\"},"
                              "\"payment\":{\"amount\":15000000,\"currency\":\"UZS\"}}";
static uint8_t out[QRSIGN_GATE_BODY_LEN(sizeof body)];

int fw_main(int argc, char **argv) {
    qrsign_key key;
    qrsign_status s;
    uint32_t location = 0;
    size_t n = 0, len = 0;
    long k;
    int fd;
    if (argc < 2 || (fd = fw_open(argv[1], 0)) < 0) {
        fw_err("usage: sign_only RESPONSE.json\n");
        return 2;
    }
    while (len < sizeof response && (k = fw_read(fd, response + len, sizeof response - len)) > 0) len += (size_t)k;
    fw_close(fd);
    s = qrsign_key_init(&key, QRSIGN_LIT("pos-demo-secret"), QRSIGN_SORT_NATURAL, NULL);
    if (s == QRSIGN_OK) s = qrsign_key_sign_gate_body(&key, body, sizeof body - 1, out, sizeof out, &n, NULL);
    if (s == QRSIGN_OK) {
        fw_out(out, n);
        fw_puts("\n");
        s = qrsign_key_verify_callback(&key, response, len, &location, NULL);
    }
    qrsign_key_clear(&key);
    fw_puts("verify: ");
    fw_puts(s == QRSIGN_OK ? "OK\n" : "FAILED\n");
    return s == QRSIGN_OK ? 0 : 1;
}
