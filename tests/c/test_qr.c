/* C API tests for QR symbols: encoding with options, reading modules, every error path.
 * The symbols themselves are checked against qrcodegen and a real decoder by the Rust tests;
 * here the checks are about the ABI: sizes, options, buffers, NULLs, and structural facts
 * every QR symbol has (finder patterns, timing pattern, format information). */
#include <string.h>

#include <qrsign.h>

#include "harness.h"
#include "qr_data.h"
#include "test_qr.h"

#define CANARY_QR 0x5A

static const char URL[] = "https://pay.example.com/qr/3f9c2a7b-1d4e-4c8a-9f6b-2e5d7c1a0b3e";

static int module(const uint8_t *qr, uint32_t x, uint32_t y) {
    bool dark = false;
    CHECK_STATUS(qrsign_qr_get_module(qr, QRSIGN_QR_BUFFER_LEN_MAX, x, y, &dark, NULL), QRSIGN_OK);
    return dark ? 1 : 0;
}

/* The 7x7 finder pattern with its top-left corner at (x0, y0): dark ring, light ring, 3x3 core. */
static int finder_at(const uint8_t *qr, uint32_t x0, uint32_t y0) {
    uint32_t dx, dy;
    for (dy = 0; dy < 7; dy++)
        for (dx = 0; dx < 7; dx++) {
            int ring = (dx == 0 || dy == 0 || dx == 6 || dy == 6);
            int core = (dx >= 2 && dx <= 4 && dy >= 2 && dy <= 4);
            if (module(qr, x0 + dx, y0 + dy) != (ring || core)) return 0;
        }
    return 1;
}

static void test_encode_structure(void) {
    static uint8_t tmp[QRSIGN_QR_BUFFER_LEN_MAX], qr[QRSIGN_QR_BUFFER_LEN_MAX];
    qrsign_qr_info info;
    uint32_t i;
    harness_case = "qrsign_qr_encode_text (defaults)";
    CHECK_STATUS(qrsign_qr_encode_text(QRSIGN_LIT(URL), NULL, tmp, sizeof tmp, qr, sizeof qr, NULL),
                 QRSIGN_OK);
    CHECK_STATUS(qrsign_qr_get_info(qr, sizeof qr, &info, NULL), QRSIGN_OK);
    CHECK(info.size == 4 * info.version + 17);
    CHECK(info.version >= 3 && info.version <= 5);
    CHECK(info.mask <= 7);
    CHECK(info.ecc >= QRSIGN_QR_ECC_MEDIUM); /* boosted or not, never below the requested M */
    CHECK(finder_at(qr, 0, 0));
    CHECK(finder_at(qr, info.size - 7, 0));
    CHECK(finder_at(qr, 0, info.size - 7));
    for (i = 8; i < info.size - 8; i++) { /* timing patterns alternate, dark on even positions */
        CHECK(module(qr, i, 6) == (int)(i % 2 == 0));
        CHECK(module(qr, 6, i) == (int)(i % 2 == 0));
    }
    CHECK(module(qr, 8, info.size - 8) == 1);                  /* the dark module */
    CHECK(module(qr, info.size, 0) == 0);                      /* outside: light */
    CHECK(module(qr, 0xFFFFFFFFu, 0xFFFFFFFFu) == 0);
}

static void test_encode_options(void) {
    static uint8_t tmp[QRSIGN_QR_BUFFER_LEN_MAX], qr[QRSIGN_QR_BUFFER_LEN_MAX];
    static uint8_t data[300];
    qrsign_qr_options o;
    qrsign_qr_info info;
    size_t len = 0, i;
    harness_case = "qrsign_qr_options";
    CHECK_STATUS(qrsign_qr_options_default(&o), QRSIGN_OK);
    CHECK(o.ecc == QRSIGN_QR_ECC_MEDIUM && o.min_version == 1 && o.max_version == 40);
    CHECK(o.mask == QRSIGN_QR_MASK_AUTO && o.boost_ecc);

    /* A forced mask and ECC level, no boost: exactly what was asked. */
    o.mask = 5;
    o.ecc = QRSIGN_QR_ECC_LOW;
    o.boost_ecc = false;
    CHECK_STATUS(qrsign_qr_encode_text(QRSIGN_LIT(URL), &o, tmp, sizeof tmp, qr, sizeof qr, NULL),
                 QRSIGN_OK);
    CHECK_STATUS(qrsign_qr_get_info(qr, sizeof qr, &info, NULL), QRSIGN_OK);
    CHECK(info.mask == 5 && info.ecc == QRSIGN_QR_ECC_LOW);

    /* A minimum version is honoured. */
    CHECK_STATUS(qrsign_qr_options_default(&o), QRSIGN_OK);
    o.min_version = 12;
    CHECK_STATUS(qrsign_qr_encode_text(QRSIGN_LIT("1"), &o, tmp, sizeof tmp, qr, sizeof qr, NULL),
                 QRSIGN_OK);
    CHECK_STATUS(qrsign_qr_get_info(qr, sizeof qr, &info, NULL), QRSIGN_OK);
    CHECK(info.version == 12 && info.size == 65);

    /* Binary data, every byte value. */
    for (i = 0; i < sizeof data; i++) data[i] = (uint8_t)(i * 7);
    CHECK_STATUS(qrsign_qr_encode_binary(data, sizeof data, NULL, tmp, sizeof tmp, qr, sizeof qr,
                                         NULL),
                 QRSIGN_OK);
    CHECK_STATUS(qrsign_qr_get_info(qr, sizeof qr, &info, NULL), QRSIGN_OK);
    CHECK(info.version >= 10);

    /* The size macro, the function and the type agree. */
    CHECK_STATUS(qrsign_qr_buffer_len(1, &len), QRSIGN_OK);
    CHECK(len == QRSIGN_QR_BUFFER_LEN(1) && len == 57);
    CHECK_STATUS(qrsign_qr_buffer_len(40, &len), QRSIGN_OK);
    CHECK(len == QRSIGN_QR_BUFFER_LEN_MAX && len == 3918);
    CHECK_STATUS(qrsign_qr_buffer_len(0, &len), QRSIGN_ERR_INVALID_QR_OPTION);
    CHECK_STATUS(qrsign_qr_buffer_len(41, &len), QRSIGN_ERR_INVALID_QR_OPTION);
}

static void test_encode_errors(void) {
    static uint8_t tmp[QRSIGN_QR_BUFFER_LEN_MAX], qr[QRSIGN_QR_BUFFER_LEN_MAX];
    static uint8_t big[3000];
    uint8_t small_tmp[QRSIGN_QR_BUFFER_LEN(1)], small_qr[QRSIGN_QR_BUFFER_LEN(1)];
    qrsign_qr_options o;
    qrsign_error_detail d;
    qrsign_qr_info info;
    static const uint8_t bad_utf8[] = {0x68, 0xC3, 0x28};
    bool dark;
    size_t i;
    harness_case = "qrsign_qr_encode errors";

    /* Options out of range, each. */
    CHECK_STATUS(qrsign_qr_options_default(&o), QRSIGN_OK);
    o.mask = 8;
    CHECK_STATUS(qrsign_qr_encode_text(QRSIGN_LIT(URL), &o, tmp, sizeof tmp, qr, sizeof qr, &d),
                 QRSIGN_ERR_INVALID_QR_OPTION);
    CHECK(d.status == QRSIGN_ERR_INVALID_QR_OPTION);
    o.mask = -2;
    CHECK_STATUS(qrsign_qr_encode_text(QRSIGN_LIT(URL), &o, tmp, sizeof tmp, qr, sizeof qr, NULL),
                 QRSIGN_ERR_INVALID_QR_OPTION);
    CHECK_STATUS(qrsign_qr_options_default(&o), QRSIGN_OK);
    o.ecc = 4;
    CHECK_STATUS(qrsign_qr_encode_text(QRSIGN_LIT(URL), &o, tmp, sizeof tmp, qr, sizeof qr, NULL),
                 QRSIGN_ERR_INVALID_QR_OPTION);
    CHECK_STATUS(qrsign_qr_options_default(&o), QRSIGN_OK);
    o.min_version = 0;
    CHECK_STATUS(qrsign_qr_encode_text(QRSIGN_LIT(URL), &o, tmp, sizeof tmp, qr, sizeof qr, NULL),
                 QRSIGN_ERR_INVALID_QR_OPTION);
    o.min_version = 10;
    o.max_version = 9;
    CHECK_STATUS(qrsign_qr_encode_text(QRSIGN_LIT(URL), &o, tmp, sizeof tmp, qr, sizeof qr, NULL),
                 QRSIGN_ERR_INVALID_QR_OPTION);
    o.min_version = 1;
    o.max_version = 41;
    CHECK_STATUS(qrsign_qr_encode_text(QRSIGN_LIT(URL), &o, tmp, sizeof tmp, qr, sizeof qr, NULL),
                 QRSIGN_ERR_INVALID_QR_OPTION);

    /* Too much data for any version: the capacity comes back in the detail, `qr` untouched. */
    memset(big, 'x', sizeof big);
    memset(qr, CANARY_QR, sizeof qr);
    CHECK_STATUS(qrsign_qr_encode_binary(big, sizeof big, NULL, tmp, sizeof tmp, qr, sizeof qr, &d),
                 QRSIGN_ERR_DATA_TOO_LONG);
    CHECK(d.status == QRSIGN_ERR_DATA_TOO_LONG && d.capacity_bits > 0);
    CHECK(d.needed_bits > d.capacity_bits);
    for (i = 0; i < sizeof qr && qr[i] == CANARY_QR; i++) {
    }
    CHECK(i == sizeof qr);

    /* Version 1 buffers: short data fits, a URL needs more (the size needed is reported). */
    CHECK_STATUS(qrsign_qr_encode_text(QRSIGN_LIT("HELLO"), NULL, small_tmp, sizeof small_tmp,
                                       small_qr, sizeof small_qr, NULL),
                 QRSIGN_OK);
    CHECK_STATUS(qrsign_qr_get_info(small_qr, sizeof small_qr, &info, NULL), QRSIGN_OK);
    CHECK(info.version == 1);
    memset(&d, 0, sizeof d);
    {
        uint32_t st = qrsign_qr_encode_text(QRSIGN_LIT(URL), NULL, small_tmp, sizeof small_tmp,
                                            small_qr, sizeof small_qr, &d);
        CHECK(st == QRSIGN_ERR_BUFFER_TOO_SMALL || st == QRSIGN_ERR_DATA_TOO_LONG);
        CHECK(d.status == st);
    }
    CHECK_STATUS(qrsign_qr_encode_text(QRSIGN_LIT("HELLO"), NULL, tmp, 10, qr, sizeof qr, &d),
                 QRSIGN_ERR_BUFFER_TOO_SMALL);
    CHECK(d.needed == QRSIGN_QR_BUFFER_LEN(1));

    /* NULLs, overlaps, bad UTF-8. */
    CHECK_STATUS(qrsign_qr_encode_text(NULL, 5, NULL, tmp, sizeof tmp, qr, sizeof qr, NULL),
                 QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_qr_encode_text(QRSIGN_LIT(URL), NULL, NULL, sizeof tmp, qr, sizeof qr, NULL),
                 QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_qr_encode_text(QRSIGN_LIT(URL), NULL, tmp, sizeof tmp, NULL, sizeof qr, NULL),
                 QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_qr_encode_binary(NULL, 1, NULL, tmp, sizeof tmp, qr, sizeof qr, NULL),
                 QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_qr_encode_text(QRSIGN_LIT(URL), NULL, tmp, sizeof tmp, tmp + 100, 2000, NULL),
                 QRSIGN_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(qrsign_qr_encode_text(bad_utf8, sizeof bad_utf8, NULL, tmp, sizeof tmp, qr,
                                       sizeof qr, &d),
                 QRSIGN_ERR_INVALID_UTF8);
    CHECK(d.offset == 1);
    /* An empty text is a valid (version 1) symbol. */
    CHECK_STATUS(qrsign_qr_encode_text(NULL, 0, NULL, tmp, sizeof tmp, qr, sizeof qr, NULL),
                 QRSIGN_OK);

    /* Reading: not a symbol, too short, NULLs. */
    memset(tmp, 0, sizeof tmp);
    CHECK_STATUS(qrsign_qr_get_info(tmp, sizeof tmp, &info, NULL), QRSIGN_ERR_INVALID_QR_OPTION);
    tmp[0] = 22;
    CHECK_STATUS(qrsign_qr_get_info(tmp, sizeof tmp, &info, NULL), QRSIGN_ERR_INVALID_QR_OPTION);
    tmp[0] = 21;
    CHECK_STATUS(qrsign_qr_get_info(tmp, 56, &info, &d), QRSIGN_ERR_BUFFER_TOO_SMALL);
    CHECK(d.needed == 57);
    CHECK_STATUS(qrsign_qr_get_info(tmp, 57, &info, NULL), QRSIGN_OK);
    CHECK_STATUS(qrsign_qr_get_info(NULL, 57, &info, NULL), QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_qr_get_info(tmp, 57, NULL, NULL), QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_qr_get_module(tmp, 57, 0, 0, NULL, NULL), QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_qr_get_module(NULL, 0, 0, 0, &dark, NULL), QRSIGN_ERR_INVALID_QR_OPTION);
    CHECK_STATUS(qrsign_qr_options_default(NULL), QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_qr_buffer_len(1, NULL), QRSIGN_ERR_NULL_ARGUMENT);
}

/* One display_data field through qrsign_display_data_field: size query, then the value. */
static void check_field(const uint8_t *json, size_t json_len, uint32_t field, const uint8_t *want,
                        size_t want_len) {
    uint8_t out[512];
    size_t written = 12345;
    CHECK_STATUS(qrsign_display_data_field(json, json_len, field, NULL, 0, &written, NULL),
                 want_len ? QRSIGN_ERR_BUFFER_TOO_SMALL : QRSIGN_OK);
    CHECK(written == want_len);
    CHECK_STATUS(qrsign_display_data_field(json, json_len, field, out, sizeof out, &written, NULL),
                 QRSIGN_OK);
    CHECK_BYTES("display_data field", out, written, want, want_len);
}

static void test_display_data(void) {
    qrsign_display_data dd;
    qrsign_error_detail d;
    size_t written = 0;
    uint8_t out[64];
    static const char escaped[] =
        "[{\"type\":\"add_info\",\"title\":\"qr_data\",\"data\":\"https:\\/\\/pay.example\\/\\u0431\"}]";
    static const char want_escaped[] = "https://pay.example/\xd0\xb1";
    static const char wrong_type[] =
        "{\"display_data\":[{\"type\":\"add_info\",\"title\":\"qr_data\",\"data\":42}]}";
    static const char no_qr[] = "{\"display_data\":[{\"type\":\"add_info\",\"title\":\"amount\",\"data\":\"1\"}]}";
    harness_case = "qrsign_display_data_parse";
    CHECK_STATUS(qrsign_display_data_parse(CALLBACK_JSON, CALLBACK_JSON_LEN, &dd, NULL), QRSIGN_OK);
    /* Zero-copy: each field points into the caller's JSON, at its value. */
    CHECK(dd.qr_data.ptr > CALLBACK_JSON && dd.qr_data.ptr < CALLBACK_JSON + CALLBACK_JSON_LEN);
    CHECK(!dd.qr_data.escaped);
    CHECK_BYTES("qr_data", dd.qr_data.ptr, dd.qr_data.len, DISPLAY_QR_DATA, DISPLAY_QR_DATA_LEN);
    CHECK_BYTES("amount", dd.amount.ptr, dd.amount.len, DISPLAY_AMOUNT, DISPLAY_AMOUNT_LEN);
    CHECK_BYTES("currency", dd.currency.ptr, dd.currency.len, DISPLAY_CURRENCY, DISPLAY_CURRENCY_LEN);
    CHECK_BYTES("bank_name", dd.bank_name.ptr, dd.bank_name.len, DISPLAY_BANK_NAME,
                DISPLAY_BANK_NAME_LEN);
    CHECK(dd.has_lifetime && dd.lifetime == DISPLAY_LIFETIME);
    check_field(CALLBACK_JSON, CALLBACK_JSON_LEN, QRSIGN_DISPLAY_QR_DATA, DISPLAY_QR_DATA,
                DISPLAY_QR_DATA_LEN);
    check_field(CALLBACK_JSON, CALLBACK_JSON_LEN, QRSIGN_DISPLAY_RECEIVER_NAME,
                DISPLAY_RECEIVER_NAME, DISPLAY_RECEIVER_NAME_LEN);
    check_field(CALLBACK_JSON, CALLBACK_JSON_LEN, QRSIGN_DISPLAY_RECEIVER_ACCOUNT,
                DISPLAY_RECEIVER_ACCOUNT, DISPLAY_RECEIVER_ACCOUNT_LEN);

    /* A bare array with escapes: flagged, and decoded by qrsign_display_data_field. */
    CHECK_STATUS(qrsign_display_data_parse(QRSIGN_LIT(escaped), &dd, NULL), QRSIGN_OK);
    CHECK(dd.qr_data.escaped && dd.amount.ptr == NULL && dd.amount.len == 0 && !dd.has_lifetime);
    check_field((const uint8_t *)escaped, sizeof escaped - 1, QRSIGN_DISPLAY_QR_DATA,
                (const uint8_t *)want_escaped, sizeof want_escaped - 1);
    /* An absent optional field: nothing, 0 bytes. */
    CHECK_STATUS(qrsign_display_data_field(QRSIGN_LIT(escaped), QRSIGN_DISPLAY_BANK_NAME, out,
                                           sizeof out, &written, NULL),
                 QRSIGN_OK);
    CHECK(written == 0);

    /* Errors. */
    CHECK_STATUS(qrsign_display_data_parse(QRSIGN_LIT(wrong_type), &dd, &d), QRSIGN_ERR_UNEXPECTED_TYPE);
    CHECK(d.offset == sizeof wrong_type - 6); /* at the 42 */
    CHECK_STATUS(qrsign_display_data_parse(QRSIGN_LIT(no_qr), &dd, NULL), QRSIGN_ERR_MISSING_QR_DATA);
    CHECK_STATUS(qrsign_display_data_parse(CALLBACK_JSON, CALLBACK_JSON_LEN / 2, &dd, &d),
                 QRSIGN_ERR_MALFORMED_JSON);
    CHECK(d.offset == CALLBACK_JSON_LEN / 2); /* truncated: the end of the input */
    CHECK_STATUS(qrsign_display_data_parse(NULL, 3, &dd, NULL), QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_display_data_parse(CALLBACK_JSON, CALLBACK_JSON_LEN, NULL, NULL),
                 QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_display_data_field(CALLBACK_JSON, CALLBACK_JSON_LEN, 6, out, sizeof out,
                                           &written, NULL),
                 QRSIGN_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(qrsign_display_data_field(CALLBACK_JSON, CALLBACK_JSON_LEN, 0, out, 4, &written,
                                           &d),
                 QRSIGN_ERR_BUFFER_TOO_SMALL);
    CHECK(written == DISPLAY_QR_DATA_LEN && d.needed == DISPLAY_QR_DATA_LEN);
    CHECK_STATUS(qrsign_display_data_field(CALLBACK_JSON, CALLBACK_JSON_LEN, 0, out, sizeof out,
                                           NULL, NULL),
                 QRSIGN_ERR_NULL_ARGUMENT);
}

static void test_img_src(void) {
    static uint8_t png[4096];
    static uint8_t bad[2048];
    size_t written = 0, i;
    qrsign_error_detail d;
    harness_case = "qrsign_img_src_decode";
    CHECK_STATUS(qrsign_img_src_decode(JETPAY_RESPONSE, JETPAY_RESPONSE_LEN, NULL, 0, &written, NULL),
                 QRSIGN_ERR_BUFFER_TOO_SMALL);
    CHECK(written == JETPAY_PNG_LEN);
    CHECK_STATUS(qrsign_img_src_decode(JETPAY_RESPONSE, JETPAY_RESPONSE_LEN, png, sizeof png,
                                       &written, NULL),
                 QRSIGN_OK);
    CHECK_BYTES("PNG from the response", png, written, JETPAY_PNG, JETPAY_PNG_LEN);
    memset(png, 0, sizeof png);
    CHECK_STATUS(qrsign_img_src_decode(JETPAY_URI, JETPAY_URI_LEN, png, sizeof png, &written, NULL),
                 QRSIGN_OK);
    CHECK_BYTES("PNG from the bare URI", png, written, JETPAY_PNG, JETPAY_PNG_LEN);

    /* A wrong media type, and a corrupted base64 character: nothing written. */
    memcpy(bad, JETPAY_URI, JETPAY_URI_LEN);
    memcpy(bad + 11, "jpeg", 4); /* data:image/jpeg... */
    CHECK_STATUS(qrsign_img_src_decode(bad, JETPAY_URI_LEN, png, sizeof png, &written, &d),
                 QRSIGN_ERR_INVALID_DATA_URI);
    CHECK(d.offset == 5);
    memcpy(bad, JETPAY_URI, JETPAY_URI_LEN);
    bad[40] = '*';
    memset(png, CANARY_QR, sizeof png);
    written = 777;
    CHECK_STATUS(qrsign_img_src_decode(bad, JETPAY_URI_LEN, png, sizeof png, &written, &d),
                 QRSIGN_ERR_INVALID_DATA_URI);
    CHECK(d.offset == 40 && written == 777);
    for (i = 0; i < sizeof png && png[i] == CANARY_QR; i++) {
    }
    CHECK(i == sizeof png);
    /* Not a PNG: valid base64 of other bytes. */
    CHECK_STATUS(qrsign_img_src_decode(QRSIGN_LIT("data:image/png;base64,R0lGODlhAQABAAAAACw="), png,
                                       sizeof png, &written, NULL),
                 QRSIGN_ERR_INVALID_DATA_URI);
    CHECK_STATUS(qrsign_img_src_decode(QRSIGN_LIT("{\"img_src\":42}"), png, sizeof png, &written,
                                       NULL),
                 QRSIGN_ERR_UNEXPECTED_TYPE);
    CHECK_STATUS(qrsign_img_src_decode(QRSIGN_LIT("{\"img_src\":\"data:"), png, sizeof png, &written,
                                       NULL),
                 QRSIGN_ERR_MALFORMED_JSON);
    CHECK_STATUS(qrsign_img_src_decode(JETPAY_RESPONSE, JETPAY_RESPONSE_LEN, NULL, 10, &written, NULL),
                 QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_img_src_decode(JETPAY_URI, JETPAY_URI_LEN, (uint8_t *)JETPAY_URI,
                                       JETPAY_URI_LEN, &written, NULL),
                 QRSIGN_ERR_INVALID_ARGUMENT);
}

/* Every renderer: size query, exact macros, pixels against the modules, errors. */
static void test_render(void) {
    static uint8_t tmp[QRSIGN_QR_BUFFER_LEN_MAX], qr[QRSIGN_QR_BUFFER_LEN_MAX];
    static uint8_t out[QRSIGN_ESCPOS_LEN(177, 2, 4) + 64];
    qrsign_render_options ro;
    qrsign_qr_info info;
    qrsign_error_detail d;
    size_t written = 0, side = 0, row, x, y, n;
    uint32_t f;
    const uint32_t scale = 3, qz = 2;
    harness_case = "qrsign_qr_render";
    CHECK_STATUS(qrsign_qr_encode_text(QRSIGN_LIT(URL), NULL, tmp, sizeof tmp, qr, sizeof qr, NULL),
                 QRSIGN_OK);
    CHECK_STATUS(qrsign_qr_get_info(qr, sizeof qr, &info, NULL), QRSIGN_OK);
    CHECK_STATUS(qrsign_render_options_default(&ro), QRSIGN_OK);
    CHECK(ro.scale == 1 && ro.quiet_zone == 4 && !ro.invert);
    ro.scale = scale;
    ro.quiet_zone = qz;
    CHECK_STATUS(qrsign_render_side_px(info.size, &ro, &side, NULL), QRSIGN_OK);
    CHECK(side == QRSIGN_RENDER_SIDE_PX(info.size, scale, qz) && side == (info.size + 4) * 3);
    row = (side + 7) / 8;

    /* Bitmap: exactly the macro's size; each pixel is its module (quiet zone light). */
    CHECK_STATUS(qrsign_qr_render(qr, sizeof qr, QRSIGN_RENDER_BITMAP, &ro, NULL, 0, &written, NULL),
                 QRSIGN_ERR_BUFFER_TOO_SMALL);
    CHECK(written == QRSIGN_BITMAP_LEN(info.size, scale, qz) && written == row * side);
    CHECK_STATUS(qrsign_qr_render(qr, sizeof qr, QRSIGN_RENDER_BITMAP, &ro, out, sizeof out,
                                  &written, NULL),
                 QRSIGN_OK);
    for (y = 0; y < side; y++)
        for (x = 0; x < side; x++) {
            int px = (out[y * row + x / 8] >> (7 - x % 8)) & 1;
            uint32_t mx = (uint32_t)(x / scale), my = (uint32_t)(y / scale);
            int want = (mx >= qz && my >= qz) ? module(qr, mx - qz, my - qz) : 0;
            if (px != want) {
                CHECK(px == want);
                y = side;
                break;
            }
        }
    /* Inverted: every pixel flips (padding bits stay 0). */
    ro.invert = true;
    {
        static uint8_t inv[sizeof out];
        CHECK_STATUS(qrsign_qr_render(qr, sizeof qr, QRSIGN_RENDER_BITMAP, &ro, inv, sizeof inv,
                                      &written, NULL),
                     QRSIGN_OK);
        for (y = 0, n = 0; y < side; y++)
            for (x = 0; x < side; x++)
                n += ((inv[y * row + x / 8] ^ out[y * row + x / 8]) >> (7 - x % 8)) & 1;
        CHECK(n == side * side);
    }
    ro.invert = false;

    /* ESC/POS: GS v 0 header with the bitmap's dimensions, then the same rows. */
    {
        static uint8_t bitmap[sizeof out];
        size_t bitmap_len = 0;
        CHECK_STATUS(qrsign_qr_render(qr, sizeof qr, QRSIGN_RENDER_BITMAP, &ro, bitmap,
                                      sizeof bitmap, &bitmap_len, NULL),
                     QRSIGN_OK);
        CHECK_STATUS(qrsign_qr_render(qr, sizeof qr, QRSIGN_RENDER_ESCPOS, &ro, out, sizeof out,
                                      &written, NULL),
                     QRSIGN_OK);
        CHECK(written == QRSIGN_ESCPOS_LEN(info.size, scale, qz));
        CHECK(out[0] == 0x1D && out[1] == 0x76 && out[2] == 0x30 && out[3] == 0);
        CHECK(out[4] + 256u * out[5] == row && out[6] + 256u * out[7] == side);
        CHECK_BYTES("ESC/POS raster", out + 8, written - 8, bitmap, bitmap_len);
    }

    /* PBM P4 = header + the bitmap; P1 and SVG and terminal: headers and exact size queries. */
    CHECK_STATUS(qrsign_qr_render(qr, sizeof qr, QRSIGN_RENDER_PBM_BINARY, &ro, out, sizeof out,
                                  &written, NULL),
                 QRSIGN_OK);
    CHECK(memcmp(out, "P4\n", 3) == 0);
    CHECK_STATUS(qrsign_qr_render(qr, sizeof qr, QRSIGN_RENDER_PBM_ASCII, &ro, out, sizeof out,
                                  &written, NULL),
                 QRSIGN_OK);
    CHECK(memcmp(out, "P1\n", 3) == 0);
    CHECK_STATUS(qrsign_qr_render(qr, sizeof qr, QRSIGN_RENDER_SVG, NULL, out, sizeof out, &written,
                                  NULL),
                 QRSIGN_OK);
    CHECK(written > 100 && memcmp(out, "<svg", 4) == 0 && memcmp(out + written - 7, "</svg>", 6) == 0);
    for (f = QRSIGN_RENDER_SVG; f <= QRSIGN_RENDER_PBM_BINARY; f++) {
        size_t need = 0, got = 0;
        CHECK_STATUS(qrsign_qr_render(qr, sizeof qr, f, &ro, NULL, 0, &need, NULL),
                     QRSIGN_ERR_BUFFER_TOO_SMALL);
        memset(out, CANARY_QR, sizeof out);
        got = 999;
        CHECK_STATUS(qrsign_qr_render(qr, sizeof qr, f, &ro, out, need - 1, &got, &d),
                     QRSIGN_ERR_BUFFER_TOO_SMALL);
        CHECK(got == need && d.needed == need && out[0] == CANARY_QR);
        CHECK_STATUS(qrsign_qr_render(qr, sizeof qr, f, &ro, out, need, &got, NULL), QRSIGN_OK);
        CHECK(got == need && out[need] == CANARY_QR);
    }
    /* Terminal text: (size + 2 qz) / 2 rounded up lines, each ending in a newline. */
    ro.scale = 1;
    CHECK_STATUS(qrsign_qr_render(qr, sizeof qr, QRSIGN_RENDER_TERMINAL, &ro, out, sizeof out,
                                  &written, NULL),
                 QRSIGN_OK);
    for (x = 0, n = 0; x < written; x++) n += out[x] == '\n';
    CHECK(n == (info.size + 2 * qz + 1) / 2 && out[written - 1] == '\n');

    /* Errors. */
    ro.scale = 0;
    CHECK_STATUS(qrsign_qr_render(qr, sizeof qr, QRSIGN_RENDER_BITMAP, &ro, out, sizeof out,
                                  &written, NULL),
                 QRSIGN_ERR_INVALID_QR_OPTION);
    CHECK_STATUS(qrsign_render_side_px(21, &ro, &side, NULL), QRSIGN_ERR_INVALID_QR_OPTION);
    ro.scale = 0xFFFFFFFFu;
    ro.quiet_zone = 0xFFFFFFFFu;
    CHECK_STATUS(qrsign_qr_render(qr, sizeof qr, QRSIGN_RENDER_ESCPOS, &ro, out, sizeof out,
                                  &written, NULL),
                 QRSIGN_ERR_INVALID_QR_OPTION);
    CHECK_STATUS(qrsign_qr_render(qr, sizeof qr, 6, NULL, out, sizeof out, &written, NULL),
                 QRSIGN_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(qrsign_qr_render(qr, sizeof qr, QRSIGN_RENDER_SVG, NULL, qr + 10, 100, &written,
                                  NULL),
                 QRSIGN_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(qrsign_qr_render(NULL, 0, QRSIGN_RENDER_SVG, NULL, out, sizeof out, &written, NULL),
                 QRSIGN_ERR_INVALID_QR_OPTION);
    CHECK_STATUS(qrsign_qr_render(qr, sizeof qr, QRSIGN_RENDER_SVG, NULL, out, sizeof out, NULL,
                                  NULL),
                 QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_render_options_default(NULL), QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_render_side_px(21, NULL, NULL, NULL), QRSIGN_ERR_NULL_ARGUMENT);
}

void test_qr(void) {
    test_encode_structure();
    test_encode_options();
    test_encode_errors();
    test_render();
    test_display_data();
    test_img_src();
}
