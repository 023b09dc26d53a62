/* A POS terminal's Click QR sale, firmware style: C99, one header, the static library, and
 * only stack and static buffers (no malloc anywhere).
 *
 *   pos_terminal RESPONSE.json [RASTER.escpos]                          offline
 *   pos_terminal --http PLATFORM MERCHANT PAYMENT_ID AMOUNT [RASTER.escpos]   online
 *
 * 1. The cashier types the amount ("150000.00" UZS offline, AMOUNT online): parsed into minor
 *    units, checked against the Click QR limits.
 * 2. The Gate sale body (POST /v2/payment/sbp-qr/sale) is signed: general.signature is added.
 *    Online, the payment is first registered (pending) at the merchant back-end, then the body
 *    is sent to the platform; an unreachable platform is retried with back-off.
 * 3. The platform's answer carrying display_data is "received" from RESPONSE.json ("-" reads
 *    stdin), or online fetched from the merchant back-end, which the platform sent it to as a
 *    callback. Its signature is verified here before anything in it is trusted.
 * 4. display_data is extracted (each field is a pointer + length into the response buffer).
 * 5. The qr_data link is encoded as a QR code, drawn on the terminal, and written as an ESC/POS
 *    raster (GS v 0) for the receipt printer to RASTER.escpos.
 * 6. Online: the final callback (success or decline), polled from the merchant back-end and
 *    verified here too.
 *
 * PLATFORM and MERCHANT are HOST:PORT (plain HTTP, e.g. the local sandbox of tests/sandbox/).
 * The HTTP client is a few POSIX socket calls in this file: the library itself does no I/O.
 *
 * The demo secret is "pos-demo-secret"; examples/c/click-qr-response.json is a simulated
 * platform response signed with it (checked independently with Python's hmac when it was made).
 */
#define _POSIX_C_SOURCE 200112L
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

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

static qrsign_key key;
static qrsign_error_detail err;

/* A display_data text as the platform wrote it (JSON escapes, if any, shown as written). */
static void print_text(const char *label, const qrsign_text *t) {
    if (t->ptr != NULL) printf("   %-9s %.*s\n", label, (int)t->len, (const char *)t->ptr);
}

static int fail(const char *step, qrsign_status s, const qrsign_error_detail *d) {
    fprintf(stderr, "pos_terminal: %s: %s (status %u", step, qrsign_status_str(s), (unsigned)s);
    if (d != NULL && (s == QRSIGN_ERR_MALFORMED_JSON || s == QRSIGN_ERR_INVALID_AMOUNT ||
                      s == QRSIGN_ERR_DUPLICATE_KEY || s == QRSIGN_ERR_INVALID_UTF8 ||
                      s == QRSIGN_ERR_FIELD_NOT_FOUND))
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

/* 1. The typed amount, in minor units, within the Click QR limits. */
static int check_amount(const char *typed, uint64_t *amount) {
    qrsign_status s;
    printf("== 1. Amount typed: %s UZS\n", typed);
    s = qrsign_currency_parse_amount(QRSIGN_LIT("UZS"), (const uint8_t *)typed, strlen(typed), amount, &err);
    if (s != QRSIGN_OK) return fail("amount", s, &err);
    s = qrsign_click_qr_check_amount(*amount, &err);
    if (s != QRSIGN_OK) return fail("Click QR limits", s, &err);
    printf("   %llu minor units, within Click QR limits %llu..%llu\n", (unsigned long long)*amount,
           (unsigned long long)QRSIGN_CLICK_QR_MIN_AMOUNT, (unsigned long long)QRSIGN_CLICK_QR_MAX_AMOUNT);
    return 0;
}

/* 2. gate_body (len bytes) signed into signed_body. */
static int sign_gate_body(int len, size_t *signed_len) {
    qrsign_status s;
    if (len < 0 || (size_t)len >= sizeof gate_body) return fail("gate body", QRSIGN_ERR_BUFFER_TOO_SMALL, NULL);
    s = qrsign_key_sign_gate_body(&key, gate_body, (size_t)len, signed_body, sizeof signed_body, signed_len, &err);
    if (s != QRSIGN_OK) return fail("sign Gate body", s, &err);
    return 0;
}

/* 3. The response's signature, checked before anything in it is trusted. */
static int verify_response(size_t response_len) {
    uint32_t location = 0;
    qrsign_status s = qrsign_key_verify_callback(&key, response, response_len, &location, &err);
    if (s != QRSIGN_OK) return fail("verify response", s, &err);
    printf("   signature OK (%s)\n",
           location == QRSIGN_SIGNATURE_TOP_LEVEL ? "top-level signature" : "general.signature");
    return 0;
}

/* 4. display_data: zero-copy fields of the response; qr_data decoded into qr_link. */
static int show_display_data(size_t response_len, size_t *qr_link_len) {
    qrsign_display_data shown;
    qrsign_status s = qrsign_display_data_parse(response, response_len, &shown, &err);
    if (s != QRSIGN_OK) return fail("display_data", s, &err);
    printf("\n== 4. display_data\n");
    print_text("receiver", &shown.receiver_name);
    print_text("account", &shown.receiver_account);
    print_text("bank", &shown.bank_name);
    print_text("amount", &shown.amount);
    print_text("currency", &shown.currency);
    if (shown.has_lifetime) printf("   %-9s %lu s\n", "lifetime", (unsigned long)shown.lifetime);
    s = qrsign_display_data_field(response, response_len, QRSIGN_DISPLAY_QR_DATA, qr_link,
                                  sizeof qr_link, qr_link_len, &err);
    if (s != QRSIGN_OK) return fail("qr_data", s, &err);
    printf("   %-9s %.*s\n", "qr_data", (int)*qr_link_len, (const char *)qr_link);
    return 0;
}

/* 5. The QR code: encoded into static buffers sized for version 10 (enough for a Click QR
 *    link at ECC M), drawn on the terminal, written as an ESC/POS raster for the printer. */
static int render_qr(size_t qr_link_len, const char *raster_path) {
    qrsign_qr_info info;
    qrsign_render_options look;
    size_t shown_len = 0, raster_len = 0;
    qrsign_status s = qrsign_qr_encode_text(qr_link, qr_link_len, NULL, qr_tmp, sizeof qr_tmp, qr_symbol,
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
    if (raster_path != NULL) {
        FILE *f;
        qrsign_render_options print;
        qrsign_render_options_default(&print);
        print.scale = PRINT_SCALE;
        s = qrsign_qr_render(qr_symbol, sizeof qr_symbol, QRSIGN_RENDER_ESCPOS, &print, raster,
                             sizeof raster, &raster_len, &err);
        if (s != QRSIGN_OK) return fail("QR ESC/POS", s, &err);
        f = fopen(raster_path, "wb");
        if (f == NULL || fwrite(raster, 1, raster_len, f) != raster_len) {
            fprintf(stderr, "pos_terminal: cannot write %s\n", raster_path);
            if (f != NULL) fclose(f);
            return 1;
        }
        fclose(f);
        printf("   ESC/POS raster (GS v 0, %u dots per module): %lu bytes -> %s\n",
               (unsigned)PRINT_SCALE, (unsigned long)raster_len, raster_path);
    }
    return 0;
}

/* The offline sale: the platform's response read from a file. */
static int offline(const char *response_path, const char *raster_path) {
    static const char typed[] = "150000.00";
    uint64_t amount = 0;
    size_t signed_len = 0, response_len, qr_link_len = 0;
    int len;

    if (check_amount(typed, &amount) != 0) return 1;

    /* 2. Gate sale request */
    len = snprintf((char *)gate_body, sizeof gate_body,
                   "{\"general\":{\"project_id\":%d,\"payment_id\":\"%s\"},"
                   "\"customer\":{\"id\":\"walk-in-0001\",\"ip_address\":\"10.20.30.40\"},"
                   "\"payment\":{\"amount\":%llu,\"currency\":\"UZS\"}}",
                   PROJECT_ID, PAYMENT_ID, (unsigned long long)amount);
    if (sign_gate_body(len, &signed_len) != 0) return 1;
    printf("\n== 2. POST /v2/payment/sbp-qr/sale\n   %.*s\n", (int)signed_len, (const char *)signed_body);

    /* 3. The platform's response: verify before trusting anything in it */
    response_len = read_response(response_path);
    if (response_len == 0 || response_len == sizeof response) {
        fprintf(stderr, "pos_terminal: cannot read the response (or larger than %lu bytes)\n",
                (unsigned long)sizeof response);
        return 1;
    }
    printf("\n== 3. Response received: %lu bytes\n", (unsigned long)response_len);
    if (verify_response(response_len) != 0) return 1;
    if (show_display_data(response_len, &qr_link_len) != 0) return 1;
    return render_qr(qr_link_len, raster_path);
}

/* ---- online: a minimal HTTP/1.0 client over POSIX sockets --------------------------------- */
static uint8_t http_buf[16384]; /* one whole HTTP answer */
static uint8_t order[256];      /* the registration sent to the merchant back-end */
static char http_error[160];

static void sleep_ms(long ms) {
    struct timespec t;
    t.tv_sec = ms / 1000;
    t.tv_nsec = (ms % 1000) * 1000000L;
    nanosleep(&t, NULL);
}

/* One request to HOST:PORT; the answer's body is copied into `response` (*body_len bytes).
 * Returns the HTTP status, or -1 with the reason in http_error (not reachable, timeout...). */
static int http(const char *hostport, const char *method, const char *path, const uint8_t *body,
                size_t body_len, size_t *out_len) {
    char host[128], head[512];
    const char *colon = strrchr(hostport, ':');
    struct addrinfo hints, *addrs = NULL, *a;
    struct timeval timeout;
    size_t got = 0, i;
    int fd = -1, rc, status, n;
    const uint8_t *sep = NULL;

    if (colon == NULL || (size_t)(colon - hostport) >= sizeof host) {
        snprintf(http_error, sizeof http_error, "%s is not HOST:PORT", hostport);
        return -1;
    }
    memcpy(host, hostport, (size_t)(colon - hostport));
    host[colon - hostport] = '\0';
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    rc = getaddrinfo(host, colon + 1, &hints, &addrs);
    if (rc != 0) {
        snprintf(http_error, sizeof http_error, "%s: %s", hostport, gai_strerror(rc));
        return -1;
    }
    errno = 0;
    for (a = addrs; a != NULL && fd < 0; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
        if (fd >= 0 && connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(addrs);
    if (fd < 0) {
        snprintf(http_error, sizeof http_error, "cannot connect to %s: %s", hostport, strerror(errno));
        return -1;
    }
    timeout.tv_sec = 10;
    timeout.tv_usec = 0;
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    n = snprintf(head, sizeof head,
                 "%s %s HTTP/1.0\r\nHost: %s\r\nContent-Type: application/json\r\n"
                 "Content-Length: %lu\r\nConnection: close\r\n\r\n",
                 method, path, hostport, (unsigned long)body_len);
    if (n < 0 || (size_t)n >= sizeof head || write(fd, head, (size_t)n) != n ||
        (body_len > 0 && write(fd, body, body_len) != (ssize_t)body_len)) {
        snprintf(http_error, sizeof http_error, "sending to %s failed: %s", hostport, strerror(errno));
        close(fd);
        return -1;
    }
    for (;;) { /* HTTP/1.0: the answer ends when the server closes the connection */
        ssize_t r = read(fd, http_buf + got, sizeof http_buf - got);
        if (r == 0) break;
        if (r < 0 || (got += (size_t)r) == sizeof http_buf) {
            snprintf(http_error, sizeof http_error, "reading from %s: %s", hostport,
                     r < 0 ? strerror(errno) : "answer too large");
            close(fd);
            return -1;
        }
    }
    close(fd);
    for (i = 0; i + 4 <= got; i++)
        if (memcmp(http_buf + i, "\r\n\r\n", 4) == 0) {
            sep = http_buf + i + 4;
            break;
        }
    if (sep == NULL || got < 12 || memcmp(http_buf, "HTTP/1.", 7) != 0 ||
        (size_t)(http_buf + got - sep) > sizeof response) {
        snprintf(http_error, sizeof http_error, "%s: not an HTTP answer this terminal can hold", hostport);
        return -1;
    }
    status = atoi((const char *)http_buf + 9);
    *out_len = (size_t)(http_buf + got - sep);
    memcpy(response, sep, *out_len);
    return status;
}

/* GET a callback the merchant back-end stored (404 until it has arrived), polled every 200 ms
 * for up to `seconds`. Returns its length, 0 on timeout or error. */
static size_t poll_callback(const char *merchant, const char *payment_id, const char *kind, int seconds) {
    char path[256];
    size_t len = 0;
    int i, status;
    snprintf(path, sizeof path, "/payments/%s/callbacks/%s", payment_id, kind);
    for (i = 0; i < seconds * 5; i++) {
        status = http(merchant, "GET", path, NULL, 0, &len);
        if (status == 200) return len;
        if (status != 404) {
            fprintf(stderr, "pos_terminal: merchant back-end: %s\n",
                    status < 0 ? http_error : "unexpected answer");
            return 0;
        }
        sleep_ms(200);
    }
    fprintf(stderr, "pos_terminal: no %s callback for %s within %d s\n", kind, payment_id, seconds);
    return 0;
}

/* A verified callback's payment.status, read in place (its JSON escapes decoded) into `out` as
 * a NUL-terminated string. */
static int payment_status(size_t response_len, char *out, size_t out_len) {
    uint32_t kind = 0;
    size_t n = 0;
    qrsign_status s = qrsign_json_field(response, response_len, QRSIGN_LIT("payment.status"), &kind,
                                        (uint8_t *)out, out_len - 1, &n, &err);
    if (s != QRSIGN_OK) return fail("payment.status", s, &err);
    if (kind != QRSIGN_JSON_STRING || memchr(out, '\0', n) != NULL) {
        fprintf(stderr, "pos_terminal: the final callback's payment.status is not a plain string\n");
        return 1;
    }
    out[n] = '\0';
    return 0;
}

#define SALE_ATTEMPTS 8

/* The online sale: registered at the merchant, sent to the platform, QR from the display_data
 * callback, then the final callback. */
static int online(const char *platform, const char *merchant, const char *payment_id, const char *typed,
                  const char *raster_path) {
    char status_text[64];
    uint64_t amount = 0;
    size_t signed_len = 0, len = 0, qr_link_len = 0;
    long delay_ms = 500;
    int n, status = -1, attempt;
    const char *c;

    for (c = payment_id; *c != '\0'; c++) /* it goes into JSON and a URL path unescaped */
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '-' ||
              *c == '_')) {
            fprintf(stderr, "pos_terminal: a payment id is letters, digits, '-' and '_'\n");
            return 2;
        }
    if (strlen(payment_id) > 64 || strlen(typed) > 32 || strlen(merchant) > 64) {
        fprintf(stderr, "pos_terminal: payment id, amount or merchant address too long\n");
        return 2;
    }
    if (check_amount(typed, &amount) != 0) return 1;

    /* 2. The payment, pending at the merchant back-end; then the signed Gate sale */
    n = snprintf((char *)order, sizeof order,
                 "{\"method\":\"pos\",\"payment_id\":\"%s\",\"amount\":\"%s\",\"currency\":\"UZS\"}",
                 payment_id, typed);
    status = http(merchant, "POST", "/payments", order, (size_t)n, &len);
    if (status != 201) {
        fprintf(stderr, "pos_terminal: the merchant back-end did not register %s: %s%.*s\n", payment_id,
                status < 0 ? http_error : "", status < 0 ? 0 : (int)len, (const char *)response);
        return 1;
    }
    printf("\n== 2. Payment %s registered at the merchant back-end (%s): pending\n", payment_id, merchant);
    n = snprintf((char *)gate_body, sizeof gate_body,
                 "{\"general\":{\"project_id\":%d,\"payment_id\":\"%s\","
                 "\"merchant_callback_url\":\"http://%s/callbacks\"},"
                 "\"customer\":{\"id\":\"walk-in-0001\",\"ip_address\":\"10.20.30.40\","
                 "\"email\":\"walk-in@example.com\",\"first_name\":\"Walk-in\",\"last_name\":\"Customer\"},"
                 "\"payment\":{\"amount\":%llu,\"currency\":\"UZS\"}}",
                 PROJECT_ID, payment_id, merchant, (unsigned long long)amount);
    if (sign_gate_body(n, &signed_len) != 0) return 1;
    printf("   POST http://%s/v2/payment/sbp-qr/sale\n   %.*s\n", platform, (int)signed_len,
           (const char *)signed_body);
    fflush(stdout);
    for (attempt = 1; attempt <= SALE_ATTEMPTS; attempt++) {
        status = http(platform, "POST", "/v2/payment/sbp-qr/sale", signed_body, signed_len, &len);
        if (status >= 0) break;
        fprintf(stderr, "pos_terminal: platform unreachable (%s); payment %s kept pending, attempt %d of %d,"
                        " retrying in %ld ms\n", http_error, payment_id, attempt, SALE_ATTEMPTS, delay_ms);
        if (attempt < SALE_ATTEMPTS) sleep_ms(delay_ms);
        delay_ms = delay_ms * 2 > 4000 ? 4000 : delay_ms * 2;
    }
    if (status < 0) {
        fprintf(stderr, "pos_terminal: the platform stayed unreachable; payment %s is still pending\n", payment_id);
        return 1;
    }
    printf("   platform answered %d: %.*s\n", status, (int)len, (const char *)response);
    if (status != 200) {
        fprintf(stderr, "pos_terminal: the platform refused the sale (HTTP %d)\n", status);
        return 1;
    }

    /* 3. The callback carrying display_data, as the merchant back-end received it */
    len = poll_callback(merchant, payment_id, "display_data", 30);
    if (len == 0) return 1;
    printf("\n== 3. display_data callback, forwarded by the merchant back-end: %lu bytes\n", (unsigned long)len);
    if (verify_response(len) != 0) return 1;
    if (show_display_data(len, &qr_link_len) != 0) return 1;
    if (render_qr(qr_link_len, raster_path) != 0) return 1;

    /* 6. The final callback: the customer scanned and paid (or declined) */
    printf("\n== 6. Waiting for the customer (final callback through the merchant back-end)\n");
    fflush(stdout);
    len = poll_callback(merchant, payment_id, "final", 120);
    if (len == 0) return 1;
    printf("   final callback: %lu bytes\n", (unsigned long)len);
    if (verify_response(len) != 0 || payment_status(len, status_text, sizeof status_text) != 0) return 1;
    printf("   payment %s: %s\n", payment_id, status_text);
    return strcmp(status_text, "success") == 0 ? 0 : 3;
}

int main(int argc, char **argv) {
    qrsign_status s;
    int rc;
    if (argc >= 2 && strcmp(argv[1], "--http") == 0 && (argc == 6 || argc == 7)) {
        setvbuf(stdout, NULL, _IOLBF, 0);
    } else if (argc < 2 || strcmp(argv[1], "--http") == 0) {
        fprintf(stderr,
                "usage: %s RESPONSE.json|- [RASTER.escpos]\n"
                "       %s --http PLATFORM MERCHANT PAYMENT_ID AMOUNT [RASTER.escpos]\n",
                argv[0], argv[0]);
        return 2;
    }

    /* The key context: derived from the secret once, reused for every message. */
    s = qrsign_key_init(&key, QRSIGN_LIT(SECRET), QRSIGN_SORT_NATURAL, &err);
    if (s != QRSIGN_OK) return fail("key", s, &err);
    if (strcmp(argv[1], "--http") == 0)
        rc = online(argv[2], argv[3], argv[4], argv[5], argc == 7 ? argv[6] : NULL);
    else
        rc = offline(argv[1], argc >= 3 ? argv[2] : NULL);
    qrsign_key_clear(&key);
    return rc;
}
