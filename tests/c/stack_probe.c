/* Stack high-water marks of the POS paths (benches/README.md, "C library size and stack").
 *
 * Each path runs in a thread whose stack is a static buffer painted with a pattern; afterwards
 * the lowest overwritten byte gives the deepest use. An empty thread is measured the same way
 * and subtracted (glibc keeps the thread's TLS and descriptor at the top of a caller-given
 * stack). Built against the same static library as the example (make bench-c). */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qrsign.h>

#define STACK_SIZE (512u * 1024u)
#define PAINT 0xCD

static unsigned char stack_mem[STACK_SIZE] __attribute__((aligned(4096)));
static uint8_t response[16384];
static size_t response_len;
static int path_status;

static void *path_empty(void *arg) {
    (void)arg;
    path_status = 0;
    return NULL;
}

/* The POS verify path: key from the secret, verify the platform's response. */
static void *path_verify(void *arg) {
    qrsign_key key;
    uint32_t location;
    (void)arg;
    path_status = (int)qrsign_key_init(&key, QRSIGN_LIT("pos-demo-secret"), QRSIGN_SORT_NATURAL, NULL);
    if (path_status == 0)
        path_status = (int)qrsign_key_verify_callback(&key, response, response_len, &location, NULL);
    qrsign_key_clear(&key);
    return NULL;
}

/* The POS signing path: a Gate sale body. */
static void *path_sign_gate(void *arg) {
    static const uint8_t body[] =
        "{\"general\":{\"project_id\":1234,\"payment_id\":\"pos-0001-000047\"},"
        "\"customer\":{\"id\":\"walk-in\",\"ip_address\":\"10.0.0.1\"},"
        "\"payment\":{\"amount\":15000000,\"currency\":\"UZS\"}}";
    static uint8_t out[QRSIGN_GATE_BODY_LEN(sizeof body)];
    qrsign_key key;
    size_t n;
    (void)arg;
    path_status = (int)qrsign_key_init(&key, QRSIGN_LIT("pos-demo-secret"), QRSIGN_SORT_NATURAL, NULL);
    if (path_status == 0)
        path_status = (int)qrsign_key_sign_gate_body(&key, body, sizeof body - 1, out, sizeof out, &n, NULL);
    qrsign_key_clear(&key);
    return NULL;
}

/* The POS QR path: display_data's qr_data, encoded (automatic mask) and drawn for the terminal
 * and the receipt printer, with the example's static buffers. */
static void *path_qr(void *arg) {
    static uint8_t link[1024], tmp[QRSIGN_QR_BUFFER_LEN(10)], sym[QRSIGN_QR_BUFFER_LEN(10)];
    static uint8_t screen[8192], raster[QRSIGN_ESCPOS_LEN(57, 6, 4)];
    qrsign_render_options ro;
    size_t n = 0;
    (void)arg;
    path_status = (int)qrsign_display_data_field(response, response_len, QRSIGN_DISPLAY_QR_DATA, link,
                                                  sizeof link, &n, NULL);
    if (path_status == 0)
        path_status = (int)qrsign_qr_encode_text(link, n, NULL, tmp, sizeof tmp, sym, sizeof sym, NULL);
    qrsign_render_options_default(&ro);
    if (path_status == 0)
        path_status = (int)qrsign_qr_render(sym, sizeof sym, QRSIGN_RENDER_TERMINAL, &ro, screen,
                                            sizeof screen, &n, NULL);
    ro.scale = 6;
    if (path_status == 0)
        path_status = (int)qrsign_qr_render(sym, sizeof sym, QRSIGN_RENDER_ESCPOS, &ro, raster,
                                            sizeof raster, &n, NULL);
    return NULL;
}

/* The largest QR symbol: version 40 (forced), automatic mask, on the stack of one call. */
static void *path_qr_v40(void *arg) {
    static uint8_t tmp[QRSIGN_QR_BUFFER_LEN_MAX], sym[QRSIGN_QR_BUFFER_LEN_MAX];
    qrsign_qr_options o;
    (void)arg;
    qrsign_qr_options_default(&o);
    o.min_version = 40;
    path_status = (int)qrsign_qr_encode_text(QRSIGN_LIT("https://example.com/"), &o, tmp, sizeof tmp,
                                             sym, sizeof sym, NULL);
    return NULL;
}

static size_t measure(void *(*fn)(void *)) {
    pthread_attr_t attr;
    pthread_t t;
    size_t i;
    memset(stack_mem, PAINT, sizeof stack_mem);
    if (pthread_attr_init(&attr) != 0 || pthread_attr_setstack(&attr, stack_mem, sizeof stack_mem) != 0 ||
        pthread_create(&t, &attr, fn, NULL) != 0 || pthread_join(t, NULL) != 0) {
        fprintf(stderr, "stack_probe: cannot run a thread on the painted stack\n");
        exit(2);
    }
    pthread_attr_destroy(&attr);
    for (i = 0; i < sizeof stack_mem && stack_mem[i] == PAINT; i++) {
    }
    return sizeof stack_mem - i;
}

int main(int argc, char **argv) {
    FILE *f;
    size_t base, used;
    const char *names[] = {"verify (key init + verify_callback)", "sign Gate body (key init + sign)",
                           "QR (display_data qr_data, encode, terminal + ESC/POS render)",
                           "QR version 40 encode (automatic mask)"};
    void *(*paths[])(void *) = {path_verify, path_sign_gate, path_qr, path_qr_v40};
    size_t k;
    if (argc < 2 || (f = fopen(argv[1], "rb")) == NULL) {
        fprintf(stderr, "usage: stack_probe RESPONSE.json\n");
        return 2;
    }
    response_len = fread(response, 1, sizeof response, f);
    fclose(f);
    base = measure(path_empty);
    for (k = 0; k < sizeof paths / sizeof paths[0]; k++) {
        if (paths[k] == NULL) continue;
        used = measure(paths[k]);
        if (path_status != 0) {
            fprintf(stderr, "stack_probe: %s failed: %s\n", names[k], qrsign_status_str((uint32_t)path_status));
            return 1;
        }
        printf("| %s | %lu bytes |\n", names[k], (unsigned long)(used - base));
    }
    return 0;
}
