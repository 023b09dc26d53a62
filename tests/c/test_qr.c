/* C API tests for QR symbols: encoding with options, reading modules, every error path.
 * The symbols themselves are checked against qrcodegen and a real decoder by the Rust tests;
 * here the checks are about the ABI: sizes, options, buffers, NULLs, and structural facts
 * every QR symbol has (finder patterns, timing pattern, format information). */
#include <string.h>

#include <qrsign.h>

#include "harness.h"
#include "test_qr.h"

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

    /* Too much data for any version: the capacity comes back in the detail. */
    memset(big, 'x', sizeof big);
    CHECK_STATUS(qrsign_qr_encode_binary(big, sizeof big, NULL, tmp, sizeof tmp, qr, sizeof qr, &d),
                 QRSIGN_ERR_DATA_TOO_LONG);
    CHECK(d.status == QRSIGN_ERR_DATA_TOO_LONG && d.capacity_bits > 0);
    CHECK(d.needed_bits > d.capacity_bits);

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

void test_qr(void) {
    test_encode_structure();
    test_encode_options();
    test_encode_errors();
}
