/* A POS terminal's Click QR sale, firmware style: C99, one header, the static library, and
 * only stack and static buffers (no malloc anywhere).
 *
 *   pos_terminal RESPONSE.json [RASTER.escpos]
 *
 * 1. The cashier types the amount "150000.00" (UZS): parsed into minor units, checked against
 *    the Click QR limits.
 * 2. The Gate sale body (POST /v2/payment/sbp-qr/sale) is signed: general.signature is added.
 * 3. The platform's response is "received" from RESPONSE.json ("-" reads stdin): its signature
 *    is verified before anything in it is trusted.
 * 4. display_data is extracted (each field is a pointer + length into the response buffer).
 * 5. The qr_data link is encoded as a QR code, drawn on the terminal, and written as an ESC/POS
 *    raster (GS v 0) for the receipt printer to RASTER.escpos.
 *
 * The demo secret is "pos-demo-secret"; examples/c/click-qr-response.json is a simulated
 * platform response signed with it (checked independently with Python's hmac when it was made).
 */
#include <stdio.h>
#include <string.h>

#include <qrsign.h>

#define SECRET "pos-demo-secret"
#define PROJECT_ID 1234
#define PAYMENT_ID "pos-0001-000047"

/* Everything large lives in static storage, sized at compile time. */
static uint8_t response[8192];
static uint8_t gate_body[512];
static uint8_t signed_body[QRSIGN_GATE_BODY_LEN(sizeof gate_body)];

static uint8_t qr_link[1024];
#define QR_MAX_VERSION 10
#define PRINT_SCALE 6 /* dots per module: (57 + 8) * 6 = 390 dots, fits 80 mm paper */
static uint8_t qr_tmp[QRSIGN_QR_BUFFER_LEN(QR_MAX_VERSION)];
static uint8_t qr_symbol[QRSIGN_QR_BUFFER_LEN(QR_MAX_VERSION)];
static uint8_t screen[8192];
static uint8_t raster[QRSIGN_ESCPOS_LEN(4 * QR_MAX_VERSION + 17, PRINT_SCALE, 4)];

/* A display_data text as the platform wrote it (JSON escapes, if any, shown as written). */
static void print_text(const char *label, const qrsign_text *t) {
    if (t->ptr != NULL) printf("   %-9s %.*s\n", label, (int)t->len, (const char *)t->ptr);
}

static int fail(const char *step, qrsign_status s, const qrsign_error_detail *d) {
    fprintf(stderr, "pos_terminal: %s: %s (status %u", step, qrsign_status_str(s), (unsigned)s);
    if (d != NULL && (s == QRSIGN_ERR_MALFORMED_JSON || s == QRSIGN_ERR_INVALID_AMOUNT ||
                      s == QRSIGN_ERR_DUPLICATE_KEY || s == QRSIGN_ERR_INVALID_UTF8))
        fprintf(stderr, ", at byte %lu", (unsigned long)d->offset);
    fprintf(stderr, ")\n");
    return 1;
}

static size_t read_response(const char *path) {
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    size_t n;
    if (f == NULL) return 0;
    n = fread(response, 1, sizeof response, f);
    if (f != stdin) fclose(f);
    return n;
}

int main(int argc, char **argv) {
    static const char typed[] = "150000.00";
    qrsign_key key;
    qrsign_display_data shown;
    qrsign_qr_info info;
    qrsign_render_options look;
    qrsign_error_detail err;
    qrsign_status s;
    uint64_t amount = 0;
    size_t body_len, signed_len = 0, response_len, qr_link_len = 0, shown_len = 0, raster_len = 0;
    uint32_t location = 0;
    int len;

    if (argc < 2) {
        fprintf(stderr, "usage: %s RESPONSE.json|- [RASTER.escpos]\n", argv[0]);
        return 2;
    }

    /* The key context: derived from the secret once, reused for every message. */
    s = qrsign_key_init(&key, QRSIGN_LIT(SECRET), QRSIGN_SORT_NATURAL, &err);
    if (s != QRSIGN_OK) return fail("key", s, &err);

    /* 1. Amount */
    printf("== 1. Amount typed: %s UZS\n", typed);
    s = qrsign_currency_parse_amount(QRSIGN_LIT("UZS"), QRSIGN_LIT(typed), &amount, &err);
    if (s != QRSIGN_OK) return fail("amount", s, &err);
    s = qrsign_click_qr_check_amount(amount, &err);
    if (s != QRSIGN_OK) return fail("Click QR limits", s, &err);
    printf("   %llu minor units, within Click QR limits %llu..%llu\n", (unsigned long long)amount,
           (unsigned long long)QRSIGN_CLICK_QR_MIN_AMOUNT, (unsigned long long)QRSIGN_CLICK_QR_MAX_AMOUNT);

    /* 2. Gate sale request */
    len = snprintf((char *)gate_body, sizeof gate_body,
                   "{\"general\":{\"project_id\":%d,\"payment_id\":\"%s\"},"
                   "\"customer\":{\"id\":\"walk-in-0001\",\"ip_address\":\"10.20.30.40\"},"
                   "\"payment\":{\"amount\":%llu,\"currency\":\"UZS\"}}",
                   PROJECT_ID, PAYMENT_ID, (unsigned long long)amount);
    if (len < 0 || (size_t)len >= sizeof gate_body) return fail("gate body", QRSIGN_ERR_BUFFER_TOO_SMALL, NULL);
    body_len = (size_t)len;
    s = qrsign_key_sign_gate_body(&key, gate_body, body_len, signed_body, sizeof signed_body, &signed_len, &err);
    if (s != QRSIGN_OK) return fail("sign Gate body", s, &err);
    printf("\n== 2. POST /v2/payment/sbp-qr/sale\n   %.*s\n", (int)signed_len, (const char *)signed_body);

    /* 3. The platform's response: verify before trusting anything in it */
    response_len = read_response(argv[1]);
    if (response_len == 0 || response_len == sizeof response) {
        fprintf(stderr, "pos_terminal: cannot read the response (or larger than %lu bytes)\n",
                (unsigned long)sizeof response);
        return 1;
    }
    printf("\n== 3. Response received: %lu bytes\n", (unsigned long)response_len);
    s = qrsign_key_verify_callback(&key, response, response_len, &location, &err);
    if (s != QRSIGN_OK) return fail("verify response", s, &err);
    printf("   signature OK (%s)\n",
           location == QRSIGN_SIGNATURE_TOP_LEVEL ? "top-level signature" : "general.signature");

    /* 4. display_data: zero-copy fields of the response; qr_data decoded into a buffer */
    s = qrsign_display_data_parse(response, response_len, &shown, &err);
    if (s != QRSIGN_OK) return fail("display_data", s, &err);
    printf("\n== 4. display_data\n");
    print_text("receiver", &shown.receiver_name);
    print_text("account", &shown.receiver_account);
    print_text("bank", &shown.bank_name);
    print_text("amount", &shown.amount);
    print_text("currency", &shown.currency);
    if (shown.has_lifetime) printf("   %-9s %lu s\n", "lifetime", (unsigned long)shown.lifetime);
    s = qrsign_display_data_field(response, response_len, QRSIGN_DISPLAY_QR_DATA, qr_link,
                                  sizeof qr_link, &qr_link_len, &err);
    if (s != QRSIGN_OK) return fail("qr_data", s, &err);
    printf("   %-9s %.*s\n", "qr_data", (int)qr_link_len, (const char *)qr_link);

    /* 5. The QR code: encoded into static buffers sized for version 10 (enough for a Click QR
     *    link at ECC M), drawn on the terminal, written as an ESC/POS raster for the printer. */
    s = qrsign_qr_encode_text(qr_link, qr_link_len, NULL, qr_tmp, sizeof qr_tmp, qr_symbol,
                              sizeof qr_symbol, &err);
    if (s != QRSIGN_OK) return fail("QR encode", s, &err);
    s = qrsign_qr_get_info(qr_symbol, sizeof qr_symbol, &info, &err);
    if (s != QRSIGN_OK) return fail("QR info", s, &err);
    printf("\n== 5. QR code: version %u (%ux%u modules), mask %u\n", (unsigned)info.version,
           (unsigned)info.size, (unsigned)info.size, (unsigned)info.mask);
    qrsign_render_options_default(&look);
    look.quiet_zone = 2;
    look.invert = true; /* light modules inked: right for a dark terminal */
    s = qrsign_qr_render(qr_symbol, sizeof qr_symbol, QRSIGN_RENDER_TERMINAL, &look, screen,
                         sizeof screen, &shown_len, &err);
    if (s != QRSIGN_OK) return fail("QR terminal", s, &err);
    fwrite(screen, 1, shown_len, stdout);
    if (argc >= 3) {
        FILE *f;
        qrsign_render_options print;
        qrsign_render_options_default(&print);
        print.scale = PRINT_SCALE;
        s = qrsign_qr_render(qr_symbol, sizeof qr_symbol, QRSIGN_RENDER_ESCPOS, &print, raster,
                             sizeof raster, &raster_len, &err);
        if (s != QRSIGN_OK) return fail("QR ESC/POS", s, &err);
        f = fopen(argv[2], "wb");
        if (f == NULL || fwrite(raster, 1, raster_len, f) != raster_len) {
            fprintf(stderr, "pos_terminal: cannot write %s\n", argv[2]);
            if (f != NULL) fclose(f);
            return 1;
        }
        fclose(f);
        printf("   ESC/POS raster (GS v 0, %u dots per module): %lu bytes -> %s\n",
               (unsigned)PRINT_SCALE, (unsigned long)raster_len, argv[2]);
    }

    qrsign_key_clear(&key);
    return 0;
}
