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
    qrsign_error_detail err;
    qrsign_status s;
    uint64_t amount = 0;
    size_t body_len, signed_len = 0, response_len, qr_link_len = 0;
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

    qrsign_key_clear(&key);
    return 0;
}
