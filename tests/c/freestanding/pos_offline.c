/* The POS example's offline parts (examples/c/pos_terminal.c: amount, Gate body signing,
 * response verification, display_data, QR encode, terminal and ESC/POS renders) as a
 * freestanding program: no libc, only shim.c's system calls. It prints exactly what the hosted
 * example prints for the same arguments (make test-firmware compares the two).
 *
 *   pos_offline RESPONSE.json RASTER.escpos */
#include <qrsign.h>

#include "shim.h"

#define SECRET "pos-demo-secret"
#define PROJECT_ID "1234"
#define PAYMENT_ID "pos-0001-000047"

static uint8_t response[8192];
static uint8_t gate_body[512];
static uint8_t signed_body[QRSIGN_GATE_BODY_LEN(sizeof gate_body)];
static uint8_t qr_link[1024];
#define QR_MAX_VERSION 10
#define PRINT_SCALE 6
static uint8_t qr_tmp[QRSIGN_QR_BUFFER_LEN(QR_MAX_VERSION)];
static uint8_t qr_symbol[QRSIGN_QR_BUFFER_LEN(QR_MAX_VERSION)];
static uint8_t screen[8192];
static uint8_t raster[QRSIGN_ESCPOS_LEN(4 * QR_MAX_VERSION + 17, PRINT_SCALE, 4)];

static size_t body_len;

/* The integrator's panic hook (the header's "Firmware build"): this strong definition replaces
 * the library's weak default (make test-firmware checks which one each program links). */
void qrsign_panic_hook(void);
void qrsign_panic_hook(void) {
    fw_flush();
    fw_err("pos_offline: qrsign_panic_hook called\n");
    fw_exit(3);
}

static void body_add(const char *s) {
    size_t n = fw_strlen(s);
    if (body_len + n <= sizeof gate_body) {
        size_t i;
        for (i = 0; i < n; i++) gate_body[body_len + i] = (uint8_t)s[i];
    }
    body_len += n;
}

static void body_add_u64(uint64_t v) {
    char d[21];
    size_t i = sizeof d - 1;
    d[i] = '\0';
    do {
        d[--i] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0);
    body_add(d + i);
}

static void print_text(const char *label, const qrsign_text *t) {
    if (t->ptr == NULL) return;
    fw_puts("   ");
    fw_put_padded(label, 9);
    fw_puts(" ");
    fw_out(t->ptr, t->len);
    fw_puts("\n");
}

static int fail(const char *step, qrsign_status s) {
    fw_flush();
    fw_err("pos_offline: ");
    fw_err(step);
    fw_err(": ");
    fw_err(qrsign_status_str(s));
    fw_err("\n");
    return 1;
}

static size_t read_response(const char *path) {
    int fd = fw_open(path, 0);
    size_t n = 0;
    long k;
    if (fd < 0) return 0;
    while (n < sizeof response && (k = fw_read(fd, response + n, sizeof response - n)) > 0) n += (size_t)k;
    fw_close(fd);
    return n;
}

int fw_main(int argc, char **argv) {
    static const char typed[] = "150000.00";
    qrsign_key key;
    qrsign_display_data shown;
    qrsign_qr_info info;
    qrsign_render_options look, print;
    qrsign_error_detail err;
    qrsign_status s;
    uint64_t amount = 0;
    size_t signed_len = 0, response_len, qr_link_len = 0, shown_len = 0, raster_len = 0;
    uint32_t location = 0;
    int fd;

    if (argc < 3) {
        fw_err("usage: pos_offline RESPONSE.json RASTER.escpos\n");
        return 2;
    }
    s = qrsign_key_init(&key, QRSIGN_LIT(SECRET), QRSIGN_SORT_NATURAL, &err);
    if (s != QRSIGN_OK) return fail("key", s);

    fw_puts("== 1. Amount typed: ");
    fw_puts(typed);
    fw_puts(" UZS\n");
    s = qrsign_currency_parse_amount(QRSIGN_LIT("UZS"), QRSIGN_LIT(typed), &amount, &err);
    if (s != QRSIGN_OK) return fail("amount", s);
    s = qrsign_click_qr_check_amount(amount, &err);
    if (s != QRSIGN_OK) return fail("Click QR limits", s);
    fw_puts("   ");
    fw_putu(amount);
    fw_puts(" minor units, within Click QR limits ");
    fw_putu(QRSIGN_CLICK_QR_MIN_AMOUNT);
    fw_puts("..");
    fw_putu(QRSIGN_CLICK_QR_MAX_AMOUNT);
    fw_puts("\n");

    body_add("{\"general\":{\"project_id\":" PROJECT_ID ",\"payment_id\":\"" PAYMENT_ID "\"},"
             "\"customer\":{\"id\":\"walk-in-0001\",\"ip_address\":\"10.20.30.40\"},"
             "\"payment\":{\"amount\":");
    body_add_u64(amount);
    body_add(",\"currency\":\"UZS\"}}");
    if (body_len >= sizeof gate_body) return fail("gate body", QRSIGN_ERR_BUFFER_TOO_SMALL);
    s = qrsign_key_sign_gate_body(&key, gate_body, body_len, signed_body, sizeof signed_body, &signed_len, &err);
    if (s != QRSIGN_OK) return fail("sign Gate body", s);
    fw_puts("\n== 2. POST /v2/payment/sbp-qr/sale\n   ");
    fw_out(signed_body, signed_len);
    fw_puts("\n");

    response_len = read_response(argv[1]);
    if (response_len == 0 || response_len == sizeof response) {
        fw_err("pos_offline: cannot read the response\n");
        return 1;
    }
    fw_puts("\n== 3. Response received: ");
    fw_putu(response_len);
    fw_puts(" bytes\n");
    s = qrsign_key_verify_callback(&key, response, response_len, &location, &err);
    if (s != QRSIGN_OK) return fail("verify response", s);
    fw_puts(location == QRSIGN_SIGNATURE_TOP_LEVEL ? "   signature OK (top-level signature)\n"
                                                   : "   signature OK (general.signature)\n");

    s = qrsign_display_data_parse(response, response_len, &shown, &err);
    if (s != QRSIGN_OK) return fail("display_data", s);
    fw_puts("\n== 4. display_data\n");
    print_text("receiver", &shown.receiver_name);
    print_text("account", &shown.receiver_account);
    print_text("bank", &shown.bank_name);
    print_text("amount", &shown.amount);
    print_text("currency", &shown.currency);
    if (shown.has_lifetime) {
        fw_puts("   ");
        fw_put_padded("lifetime", 9);
        fw_puts(" ");
        fw_putu(shown.lifetime);
        fw_puts(" s\n");
    }
    s = qrsign_display_data_field(response, response_len, QRSIGN_DISPLAY_QR_DATA, qr_link,
                                  sizeof qr_link, &qr_link_len, &err);
    if (s != QRSIGN_OK) return fail("qr_data", s);
    fw_puts("   ");
    fw_put_padded("qr_data", 9);
    fw_puts(" ");
    fw_out(qr_link, qr_link_len);
    fw_puts("\n");

    s = qrsign_qr_encode_text(qr_link, qr_link_len, NULL, qr_tmp, sizeof qr_tmp, qr_symbol,
                              sizeof qr_symbol, &err);
    if (s != QRSIGN_OK) return fail("QR encode", s);
    s = qrsign_qr_get_info(qr_symbol, sizeof qr_symbol, &info, &err);
    if (s != QRSIGN_OK) return fail("QR info", s);
    fw_puts("\n== 5. QR code: version ");
    fw_putu(info.version);
    fw_puts(" (");
    fw_putu(info.size);
    fw_puts("x");
    fw_putu(info.size);
    fw_puts(" modules), mask ");
    fw_putu(info.mask);
    fw_puts("\n");
    qrsign_render_options_default(&look);
    look.quiet_zone = 2;
    look.invert = true;
    s = qrsign_qr_render(qr_symbol, sizeof qr_symbol, QRSIGN_RENDER_TERMINAL, &look, screen,
                         sizeof screen, &shown_len, &err);
    if (s != QRSIGN_OK) return fail("QR terminal", s);
    fw_out(screen, shown_len);

    qrsign_render_options_default(&print);
    print.scale = PRINT_SCALE;
    s = qrsign_qr_render(qr_symbol, sizeof qr_symbol, QRSIGN_RENDER_ESCPOS, &print, raster,
                         sizeof raster, &raster_len, &err);
    if (s != QRSIGN_OK) return fail("QR ESC/POS", s);
    fd = fw_open(argv[2], 1);
    if (fd < 0 || fw_write(fd, raster, raster_len) != (long)raster_len) {
        fw_err("pos_offline: cannot write the raster\n");
        return 1;
    }
    fw_close(fd);
    fw_puts("   ESC/POS raster (GS v 0, ");
    fw_putu(PRINT_SCALE);
    fw_puts(" dots per module): ");
    fw_putu(raster_len);
    fw_puts(" bytes -> ");
    fw_puts(argv[2]);
    fw_puts("\n");

    qrsign_key_clear(&key);
    return 0;
}
