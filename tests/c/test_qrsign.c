/* The C API tests: compiled with -std=c99 -Wall -Wextra -Wpedantic -Werror against
 * include/qrsign.h and the static library; run plain, under ASan+UBSan, and under valgrind. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <qrsign.h>

#include "harness.h"
#include "test_qr.h"
#include "vectors.h"

#define CANARY 0xA5

static int all_canary(const uint8_t *p, size_t n) {
    size_t i;
    for (i = 0; i < n; i++)
        if (p[i] != CANARY) return 0;
    return 1;
}

/* ---- status values and messages --------------------------------------------------------- */
static void test_status(void) {
    uint32_t v;
    harness_case = "status";
    /* The ABI record: these values never change. */
    CHECK(QRSIGN_OK == 0);
    CHECK(QRSIGN_ERR_MALFORMED_JSON == 100);
    CHECK(QRSIGN_ERR_UNEXPECTED_TYPE == 107);
    CHECK(QRSIGN_ERR_BUFFER_TOO_SMALL == 200);
    CHECK(QRSIGN_ERR_SIGNATURE_MISMATCH == 205);
    CHECK(QRSIGN_ERR_UNKNOWN_CURRENCY == 300);
    CHECK(QRSIGN_ERR_AMOUNT_OUT_OF_RANGE == 302);
    CHECK(QRSIGN_ERR_DATA_TOO_LONG == 400);
    CHECK(QRSIGN_ERR_INVALID_DATA_URI == 403);
    CHECK(QRSIGN_ERR_NULL_ARGUMENT == 900);
    CHECK(QRSIGN_ERR_INVALID_ARGUMENT == 901);
    CHECK(QRSIGN_ERR_PANIC == 999);
    CHECK(sizeof(qrsign_status) == 4);
    /* A message for every value, unknown ones included. */
    for (v = 0; v < 1100; v++) {
        const char *m = qrsign_status_str(v);
        CHECK(m != NULL && m[0] != '\0');
    }
    CHECK(strcmp(qrsign_status_str(QRSIGN_OK), "success") == 0);
    CHECK(strcmp(qrsign_status_str(12345), "unknown qrsign status") == 0);
    CHECK(strcmp(qrsign_status_str(UINT32_MAX), "unknown qrsign status") == 0);
    CHECK(strstr(qrsign_status_str(QRSIGN_ERR_SIGNATURE_MISMATCH), "does not match") != NULL);
}

/* ---- version ----------------------------------------------------------------------------- */
static void test_version(void) {
    char want[32];
    harness_case = "version";
    sprintf(want, "%d.%d.%d", QRSIGN_VERSION_MAJOR, QRSIGN_VERSION_MINOR, QRSIGN_VERSION_PATCH);
    CHECK(qrsign_version() != NULL);
    CHECK(strcmp(qrsign_version(), want) == 0);
}


/* ---- keys --------------------------------------------------------------------------------- */
static void test_key_lifecycle(void) {
    qrsign_key key, copy;
    struct {
        char c;
        qrsign_key k; /* at offset 8: the Rust state inside is not 16-byte aligned here */
    } shifted;
    qrsign_error_detail d;
    uint8_t sig[QRSIGN_SIGNATURE_LEN], sig2[QRSIGN_SIGNATURE_LEN];
    size_t n = 0;
    uint32_t order = 99;
    static const uint8_t body[] = "{\"payment\":{\"id\":\"000049\",\"status\":\"success\"}}";
    static const char want[] =
        "/3TrhHVz9BHaLfgLyhoxO7dsQNzbzZa/TdO3pxQocXWwgVM6tGlzMLVfpOxFNTnkR9iiFVK/77ZedMcbkCjmng==";
    harness_case = "key lifecycle";

    CHECK(sizeof(qrsign_key) == QRSIGN_KEY_SIZE);
    /* Uninitialised (zeroed) key: refused, not undefined. */
    memset(&key, 0, sizeof key);
    CHECK_STATUS(qrsign_key_sign_json(&key, body, sizeof body - 1, sig, sizeof sig, &n, &d),
                 QRSIGN_ERR_INVALID_ARGUMENT);
    CHECK(d.status == QRSIGN_ERR_INVALID_ARGUMENT);
    /* Failures leave the key untouched. */
    memset(&key, CANARY, sizeof key);
    CHECK_STATUS(qrsign_key_init(&key, (const uint8_t *)"", 0, QRSIGN_SORT_NATURAL, &d),
                 QRSIGN_ERR_EMPTY_SECRET);
    CHECK(d.status == QRSIGN_ERR_EMPTY_SECRET);
    CHECK(all_canary((const uint8_t *)&key, sizeof key));
    CHECK_STATUS(qrsign_key_init(&key, QRSIGN_LIT("secret"), 3, NULL), QRSIGN_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(qrsign_key_init(&key, QRSIGN_LIT("secret"), UINT32_MAX, NULL),
                 QRSIGN_ERR_INVALID_ARGUMENT);
    CHECK(all_canary((const uint8_t *)&key, sizeof key));
    CHECK_STATUS(qrsign_key_init(NULL, QRSIGN_LIT("secret"), 0, NULL), QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_key_init(&key, NULL, 6, 0, NULL), QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_key_init(&key, NULL, 0, 0, NULL), QRSIGN_ERR_EMPTY_SECRET);
    CHECK(all_canary((const uint8_t *)&key, sizeof key));
    /* Initialise once, use many times. */
    CHECK_STATUS(qrsign_key_init(&key, QRSIGN_LIT("secret"), QRSIGN_SORT_NATURAL, &d), QRSIGN_OK);
    CHECK(d.status == QRSIGN_OK);
    CHECK_STATUS(qrsign_key_order(&key, &order, NULL), QRSIGN_OK);
    CHECK(order == QRSIGN_SORT_NATURAL);
    CHECK_STATUS(qrsign_key_order(&key, NULL, NULL), QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_key_sign_json(&key, body, sizeof body - 1, sig, sizeof sig, &n, NULL),
                 QRSIGN_OK);
    CHECK(n == QRSIGN_SIGNATURE_LEN);
    CHECK_BYTES("signature", sig, n, want, sizeof want - 1);
    /* A key may be moved with memcpy, also to a differently aligned place. */
    memcpy(&copy, &key, sizeof key);
    memcpy(&shifted.k, &key, sizeof key);
    shifted.c = 1;
    CHECK_STATUS(qrsign_key_sign_json(&shifted.k, body, sizeof body - 1, sig2, sizeof sig2, &n, NULL),
                 QRSIGN_OK);
    CHECK_BYTES("signature via moved key", sig2, n, want, sizeof want - 1);
    CHECK_STATUS(qrsign_key_sign_json(&copy, body, sizeof body - 1, sig2, sizeof sig2, &n, NULL),
                 QRSIGN_OK);
    CHECK_BYTES("signature via copied key", sig2, n, want, sizeof want - 1);
    /* Other orders. */
    CHECK_STATUS(qrsign_key_init(&copy, QRSIGN_LIT("secret"), QRSIGN_SORT_LINE_BYTEWISE, NULL),
                 QRSIGN_OK);
    CHECK_STATUS(qrsign_key_order(&copy, &order, NULL), QRSIGN_OK);
    CHECK(order == QRSIGN_SORT_LINE_BYTEWISE);
    /* Clear wipes every byte; a cleared key is refused. */
    CHECK_STATUS(qrsign_key_clear(&key), QRSIGN_OK);
    {
        size_t i;
        int zero = 1;
        for (i = 0; i < sizeof key; i++)
            if (((const uint8_t *)&key)[i] != 0) zero = 0;
        CHECK(zero);
    }
    CHECK_STATUS(qrsign_key_sign_json(&key, body, sizeof body - 1, sig, sizeof sig, &n, NULL),
                 QRSIGN_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(qrsign_key_clear(&key), QRSIGN_OK);
    CHECK_STATUS(qrsign_key_clear(NULL), QRSIGN_ERR_NULL_ARGUMENT);
    qrsign_key_clear(&copy);
    qrsign_key_clear(&shifted.k);
}

/* ---- strict mode: the canonical string's ambiguity (SECURITY.md) ------------------------------ */
static void test_strict(void) {
    /* the customer's name holds a second canonical line */
    static const uint8_t body[] =
        "{\"general\":{\"project_id\":1,\"payment_id\":\"p\"},"
        "\"customer\":{\"first_name\":\"Ann;customer:id:x\"}}";
    static const uint8_t split[] =
        "{\"general\":{\"project_id\":1,\"payment_id\":\"p\"},"
        "\"customer\":{\"first_name\":\"Ann\",\"id\":\"x\"}}";
    const qrsign_param params[] = {QRSIGN_PARAM_STR("payment_description", "a;b:c")};
    uint8_t sig[QRSIGN_SIGNATURE_LEN], out[512];
    size_t n = 0;
    uint32_t strict = 7;
    qrsign_key key;
    qrsign_error_detail d;
    harness_case = "strict mode";
    CHECK_STATUS(qrsign_key_init(&key, QRSIGN_LIT("secret"), QRSIGN_SORT_NATURAL, NULL), QRSIGN_OK);
    CHECK_STATUS(qrsign_key_is_strict(&key, &strict, NULL), QRSIGN_OK);
    CHECK(strict == 0);
    /* lax (the default): the signature over the body verifies the re-split document too */
    CHECK_STATUS(qrsign_key_sign_json(&key, body, sizeof body - 1, sig, sizeof sig, &n, NULL), QRSIGN_OK);
    CHECK_STATUS(qrsign_key_verify_json(&key, split, sizeof split - 1, sig, sizeof sig, NULL), QRSIGN_OK);
    CHECK_STATUS(qrsign_key_set_strict(&key, 1, NULL), QRSIGN_OK);
    CHECK_STATUS(qrsign_key_is_strict(&key, &strict, NULL), QRSIGN_OK);
    CHECK(strict == 1);
    /* strict: refused at the source, with the value's offset; nothing written */
    memset(sig, CANARY, sizeof sig);
    CHECK_STATUS(qrsign_key_sign_json(&key, body, sizeof body - 1, sig, sizeof sig, &n, &d),
                 QRSIGN_ERR_AMBIGUOUS_VALUE);
    CHECK(d.status == QRSIGN_ERR_AMBIGUOUS_VALUE && d.offset == 71);
    CHECK(all_canary(sig, sizeof sig));
    CHECK_STATUS(qrsign_key_sign_gate_body(&key, body, sizeof body - 1, out, sizeof out, &n, NULL),
                 QRSIGN_ERR_AMBIGUOUS_VALUE);
    CHECK_STATUS(qrsign_key_sign_params(&key, params, 1, sig, sizeof sig, &n, &d),
                 QRSIGN_ERR_AMBIGUOUS_VALUE);
    CHECK(d.offset == 0);
    CHECK_STATUS(qrsign_key_payment_page_url(&key, QRSIGN_LIT(QRSIGN_ECOMMPAY_PAYMENT_PAGE), params, 1,
                                             out, sizeof out, &n, NULL),
                 QRSIGN_ERR_AMBIGUOUS_VALUE);
    CHECK(strcmp(qrsign_status_str(QRSIGN_ERR_AMBIGUOUS_VALUE), "unknown qrsign status") != 0);
    /* off again */
    CHECK_STATUS(qrsign_key_set_strict(&key, 0, NULL), QRSIGN_OK);
    CHECK_STATUS(qrsign_key_sign_json(&key, body, sizeof body - 1, sig, sizeof sig, &n, NULL), QRSIGN_OK);
    CHECK_STATUS(qrsign_key_set_strict(NULL, 1, NULL), QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_key_is_strict(&key, NULL, NULL), QRSIGN_ERR_NULL_ARGUMENT);
    qrsign_key_clear(&key);
    CHECK_STATUS(qrsign_key_set_strict(&key, 1, NULL), QRSIGN_ERR_INVALID_ARGUMENT);
}

/* ---- a length far past the buffer: refused before anything is read (ASan/valgrind watch) ---- */
static void test_oversized_lengths(void) {
    static const uint8_t small[] = "{\"a\":1}";
    const size_t claimed = (size_t)1 << 30; /* 1 GB claimed over an 8-byte buffer */
    uint8_t sig[QRSIGN_SIGNATURE_LEN], out[64], tmp[64];
    size_t n = 0;
    uint32_t location = 9;
    qrsign_key key;
    qrsign_error_detail d;
    qrsign_param p = QRSIGN_PARAM_STR("a", "b");
    harness_case = "oversized lengths";
    CHECK_STATUS(qrsign_key_init(&key, QRSIGN_LIT("secret"), QRSIGN_SORT_NATURAL, NULL), QRSIGN_OK);
    CHECK_STATUS(qrsign_key_verify_callback(&key, small, claimed, &location, &d), QRSIGN_ERR_INPUT_TOO_LONG);
    CHECK(d.limit == ((size_t)16 << 20) && location == 9);
    CHECK_STATUS(qrsign_key_sign_json(&key, small, claimed, sig, sizeof sig, &n, NULL), QRSIGN_ERR_INPUT_TOO_LONG);
    CHECK_STATUS(qrsign_key_verify_json(&key, small, sizeof small - 1, small, claimed, NULL),
                 QRSIGN_ERR_INPUT_TOO_LONG);
    CHECK_STATUS(qrsign_canonical_json(small, claimed, 0, out, sizeof out, &n, NULL), QRSIGN_ERR_INPUT_TOO_LONG);
    CHECK_STATUS(qrsign_key_sign_gate_body(&key, small, claimed, out, sizeof out, &n, NULL),
                 QRSIGN_ERR_INPUT_TOO_LONG);
    CHECK_STATUS(qrsign_key_init(&key, small, claimed, QRSIGN_SORT_NATURAL, NULL), QRSIGN_ERR_INPUT_TOO_LONG);
    p.str_len = claimed;
    CHECK_STATUS(qrsign_key_sign_params(&key, &p, 1, sig, sizeof sig, &n, NULL), QRSIGN_ERR_INPUT_TOO_LONG);
    CHECK_STATUS(qrsign_qr_encode_text(small, claimed, NULL, tmp, sizeof tmp, out, sizeof out, NULL),
                 QRSIGN_ERR_INPUT_TOO_LONG);
    /* exactly at the limit is not refused for its length (NULL then says what is wrong) */
    CHECK_STATUS(qrsign_key_sign_json(&key, NULL, (size_t)16 << 20, sig, sizeof sig, &n, NULL),
                 QRSIGN_ERR_NULL_ARGUMENT);
    qrsign_key_clear(&key);
}

/* ---- shared signing vectors ------------------------------------------------------------------ */
static void test_signing_vectors(void) {
    static uint8_t buf[16384], canon[3][16384];
    size_t canon_len[3];
    uint8_t sig[QRSIGN_SIGNATURE_LEN];
    size_t i, n, checked_orders = 0, flat = 0, passed = 0;
    qrsign_key key, order_key;
    qrsign_error_detail d;
    for (i = 0; i < SIGNING_VECTORS_COUNT; i++) {
        const sv_vector *v = &SIGNING_VECTORS[i];
        unsigned failures_before = harness_failures;
        uint32_t o;
        harness_case = v->id;
        CHECK_STATUS(qrsign_key_init(&key, v->secret, v->secret_len, QRSIGN_SORT_NATURAL, NULL),
                     QRSIGN_OK);
        /* canonical string, natural order */
        CHECK_STATUS(qrsign_canonical_json(v->json, v->json_len, QRSIGN_SORT_NATURAL, buf,
                                           sizeof buf, &n, NULL),
                     QRSIGN_OK);
        CHECK_BYTES("canonical_json", buf, n, v->canonical, v->canonical_len);
        /* sign and verify */
        CHECK_STATUS(qrsign_key_sign_json(&key, v->json, v->json_len, sig, sizeof sig, &n, &d),
                     QRSIGN_OK);
        CHECK_BYTES("sign_json", sig, n, v->signature, v->signature_len);
        CHECK_STATUS(qrsign_key_verify_json(&key, v->json, v->json_len, v->signature,
                                            v->signature_len, &d),
                     QRSIGN_OK);
        CHECK_STATUS(qrsign_key_sign_canonical(&key, v->canonical, v->canonical_len, sig,
                                               sizeof sig, &n, NULL),
                     QRSIGN_OK);
        CHECK_BYTES("sign_canonical", sig, n, v->signature, v->signature_len);
        /* a signature over other data does not verify */
        memcpy(sig, v->signature, QRSIGN_SIGNATURE_LEN);
        sig[0] = (uint8_t)(sig[0] == 'A' ? 'B' : 'A');
        CHECK_STATUS(qrsign_key_verify_json(&key, v->json, v->json_len, sig, sizeof sig, NULL),
                     QRSIGN_ERR_SIGNATURE_MISMATCH);
        /* Every order's canonical string (checked against the file where it gives one); then,
         * for a signature made under each order the file knows, the diagnosis names exactly the
         * orders whose canonical string is the signed one (PathBytewise and LineBytewise, the
         * Python and the Java/Go SDKs, often give the same string), the first of them in
         * `order`, and shows that string. */
        for (o = 0; o <= 2; o++) {
            CHECK_STATUS(qrsign_canonical_json(v->json, v->json_len, o, canon[o], sizeof canon[o],
                                               &canon_len[o], NULL),
                         QRSIGN_OK);
            if (o > 0 && v->by_order[o - 1].bytes != NULL) {
                checked_orders++;
                CHECK_BYTES(o == 1 ? "canonical path-bytewise" : "canonical line-bytewise",
                            canon[o], canon_len[o], v->by_order[o - 1].bytes,
                            v->by_order[o - 1].len);
            }
        }
        for (o = 0; o <= 2; o++) {
            qrsign_diagnosis diag;
            uint8_t sig_o[QRSIGN_SIGNATURE_LEN];
            unsigned want_bits = 0;
            uint32_t p, first = 3;
            if (o > 0 && v->by_order[o - 1].bytes == NULL) continue;
            for (p = 0; p <= 2; p++) {
                if (canon_len[p] == canon_len[o] && memcmp(canon[p], canon[o], canon_len[o]) == 0) {
                    want_bits |= QRSIGN_SORT_BIT(p);
                    if (first == 3) first = p;
                }
            }
            CHECK_STATUS(qrsign_key_init(&order_key, v->secret, v->secret_len, o, NULL), QRSIGN_OK);
            CHECK_STATUS(qrsign_key_sign_json(&order_key, v->json, v->json_len, sig_o, sizeof sig_o,
                                              &n, NULL),
                         QRSIGN_OK);
            CHECK_STATUS(qrsign_key_sign_canonical(&key, canon[o], canon_len[o], sig, sizeof sig,
                                                   &n, NULL),
                         QRSIGN_OK);
            CHECK_BYTES("sign_json with order key", sig_o, n, sig, QRSIGN_SIGNATURE_LEN);
            CHECK_STATUS(qrsign_key_diagnose_json(&key, v->json, v->json_len, sig_o, sizeof sig_o,
                                                  &diag, buf, sizeof buf, &n, NULL),
                         QRSIGN_OK);
            CHECK(diag.matched);
            CHECK(!diag.has_location);
            CHECK(diag.matching_orders & QRSIGN_SORT_BIT(o));
            CHECK(diag.matching_orders == want_bits);
            CHECK(diag.order == first);
            CHECK_BYTES("diagnose_json canonical", buf, n, canon[o], canon_len[o]);
        }
        /* flat parameters: the same data through the parameter API */
        if (v->flat) {
            qrsign_diagnosis diag;
            flat++;
            CHECK_STATUS(qrsign_canonical_params(v->params, v->nparams, QRSIGN_SORT_NATURAL, buf,
                                                 sizeof buf, &n, NULL),
                         QRSIGN_OK);
            CHECK_BYTES("canonical_params", buf, n, v->canonical, v->canonical_len);
            CHECK_STATUS(qrsign_key_sign_params(&key, v->params, v->nparams, sig, sizeof sig, &n,
                                                NULL),
                         QRSIGN_OK);
            CHECK_BYTES("sign_params", sig, n, v->signature, v->signature_len);
            CHECK_STATUS(qrsign_key_verify_params(&key, v->params, v->nparams, v->signature,
                                                  v->signature_len, NULL),
                         QRSIGN_OK);
            CHECK_STATUS(qrsign_key_diagnose_params(&key, v->params, v->nparams, v->signature,
                                                    v->signature_len, &diag, buf, sizeof buf, &n,
                                                    NULL),
                         QRSIGN_OK);
            CHECK(diag.matched && diag.order == QRSIGN_SORT_NATURAL);
            CHECK(diag.matching_orders & QRSIGN_SORT_BIT(QRSIGN_SORT_NATURAL));
            CHECK_BYTES("diagnose_params canonical", buf, n, v->canonical, v->canonical_len);
        }
        if (harness_failures == failures_before) passed++;
    }
    printf("%lu passed, %lu failed\n", (unsigned long)passed,
           (unsigned long)(SIGNING_VECTORS_COUNT - passed));
    harness_case = "signing vectors";
    CHECK(SIGNING_VECTORS_COUNT > 0);
    printf("signing vectors: %u from %s (%lu flat, %lu compatibility-order expectations)\n",
           SIGNING_VECTORS_COUNT, VECTORS_SOURCE, (unsigned long)flat,
           (unsigned long)checked_orders);
    qrsign_key_clear(&key);
    qrsign_key_clear(&order_key);
}

/* ---- callbacks ------------------------------------------------------------------------------ */
static void test_callbacks(void) {
    static uint8_t body[8192], buf[8192];
    size_t i, n;
    qrsign_key key;
    for (i = 0; i < CALLBACK_CASES_COUNT; i++) {
        const sv_callback *c = &CALLBACK_CASES[i];
        uint32_t location = 99;
        qrsign_diagnosis diag;
        qrsign_error_detail d;
        harness_case = c->id;
        CHECK_STATUS(qrsign_key_init(&key, c->secret, c->secret_len, QRSIGN_SORT_NATURAL, NULL),
                     QRSIGN_OK);
        CHECK_STATUS(qrsign_key_verify_callback(&key, c->body, c->body_len, &location, &d),
                     QRSIGN_OK);
        CHECK(location == c->location);
        CHECK_STATUS(qrsign_key_verify_callback(&key, c->body, c->body_len, NULL, NULL), QRSIGN_OK);
        CHECK_STATUS(qrsign_key_diagnose_callback(&key, c->body, c->body_len, &diag, buf,
                                                  sizeof buf, &n, NULL),
                     QRSIGN_OK);
        CHECK(diag.matched && diag.order == QRSIGN_SORT_NATURAL);
        CHECK(diag.matching_orders & QRSIGN_SORT_BIT(QRSIGN_SORT_NATURAL));
        CHECK(diag.has_location && diag.location == c->location);
        /* the canonical string the diagnosis shows is the callback's canonical string */
        {
            size_t m;
            static uint8_t canon[8192];
            CHECK_STATUS(qrsign_canonical_callback(c->body, c->body_len, QRSIGN_SORT_NATURAL,
                                                   canon, sizeof canon, &m, NULL),
                         QRSIGN_OK);
            CHECK_BYTES("diagnose_callback canonical", buf, n, canon, m);
        }
        /* a wrong secret: mismatch, location untouched */
        CHECK_STATUS(qrsign_key_init(&key, QRSIGN_LIT("not the secret"), 0, NULL), QRSIGN_OK);
        location = 77;
        CHECK_STATUS(qrsign_key_verify_callback(&key, c->body, c->body_len, &location, NULL),
                     QRSIGN_ERR_SIGNATURE_MISMATCH);
        CHECK(location == 77);
        CHECK_STATUS(qrsign_key_diagnose_callback(&key, c->body, c->body_len, &diag, buf,
                                                  sizeof buf, &n, NULL),
                     QRSIGN_OK);
        CHECK(!diag.matched && diag.matching_orders == 0);
        /* tampering: change one byte of a value ("success" -> "suckess" or the project id) */
        CHECK_STATUS(qrsign_key_init(&key, c->secret, c->secret_len, QRSIGN_SORT_NATURAL, NULL),
                     QRSIGN_OK);
        if (c->body_len < sizeof body) {
            uint8_t *p;
            memcpy(body, c->body, c->body_len);
            memcpy(buf, body, c->body_len);
            buf[c->body_len] = 0;
            p = (uint8_t *)strstr((char *)buf, "12345");
            if (p != NULL) {
                body[p - buf] = '9';
                CHECK_STATUS(qrsign_key_verify_callback(&key, body, c->body_len, NULL, NULL),
                             QRSIGN_ERR_SIGNATURE_MISMATCH);
            }
        }
    }
    qrsign_key_clear(&key);
}

/* Form-encodes a signature (the only bytes base64 has that need it: + / =). */
static size_t form_encode_sig(const uint8_t *sig, size_t n, char *out) {
    size_t i, k = 0;
    for (i = 0; i < n; i++) {
        if (sig[i] == '+') k += (size_t)sprintf(out + k, "%%2B");
        else if (sig[i] == '/') k += (size_t)sprintf(out + k, "%%2F");
        else if (sig[i] == '=') k += (size_t)sprintf(out + k, "%%3D");
        else out[k++] = (char)sig[i];
    }
    out[k] = '\0';
    return k;
}

/* ---- one field of a JSON document ------------------------------------------------------------ */
/* `path` of `json` (both string literals): the status, and in `out`/`*n` the value. */
static qrsign_status field_of(const char *json, const char *path, uint32_t *kind, uint8_t *out, size_t out_len,
                              size_t *n, qrsign_error_detail *d) {
    return qrsign_json_field((const uint8_t *)json, strlen(json), (const uint8_t *)path, strlen(path), kind, out,
                             out_len, n, d);
}

static void test_json_field(void) {
    static const char doc[] =
        "{\"payment\":{\"id\":\"ORD-1\",\"status\":\"success\",\"sum\":{\"amount\":4100000}},"
        "\"name\":\"\\u0410\\u043d\\u043d\\u0430 \\\"A\\\" \\/\",\"ops\":[{\"code\":\"0\"},{\"code\":\"3028\"}],"
        "\"ok\":true,\"no\":false,\"nil\":null,\"e\":-1.5e3}";
    static const struct {
        const char *path;
        uint32_t kind;
        const char *want;
    } found[] = {
        {"payment.status", QRSIGN_JSON_STRING, "success"},
        {"payment.sum.amount", QRSIGN_JSON_NUMBER, "4100000"},
        {"payment.sum", QRSIGN_JSON_OBJECT, "{\"amount\":4100000}"},
        {"name", QRSIGN_JSON_STRING, "\xd0\x90\xd0\xbd\xd0\xbd\xd0\xb0 \"A\" /"},
        {"ops.1.code", QRSIGN_JSON_STRING, "3028"},
        {"ops.0", QRSIGN_JSON_OBJECT, "{\"code\":\"0\"}"},
        {"ok", QRSIGN_JSON_TRUE, "true"},
        {"no", QRSIGN_JSON_FALSE, "false"},
        {"nil", QRSIGN_JSON_NULL, "null"},
        {"e", QRSIGN_JSON_NUMBER, "-1.5e3"},
        {"", QRSIGN_JSON_OBJECT, doc},
    };
    uint8_t out[512];
    size_t i, n, m;
    uint32_t kind;
    qrsign_error_detail d;
    harness_case = "json_field";
    CHECK(QRSIGN_ERR_FIELD_NOT_FOUND == 108);
    for (i = 0; i < sizeof found / sizeof found[0]; i++) {
        size_t want_len = strlen(found[i].want);
        harness_case = found[i].path;
        /* the size query is exact, and writes only *out_written */
        n = 0;
        kind = 99;
        CHECK_STATUS(field_of(doc, found[i].path, &kind, NULL, 0, &n, &d), QRSIGN_ERR_BUFFER_TOO_SMALL);
        CHECK(n == want_len && d.needed == want_len && kind == 99);
        memset(out, CANARY, sizeof out);
        CHECK_STATUS(field_of(doc, found[i].path, &kind, out, want_len - 1, &m, NULL), QRSIGN_ERR_BUFFER_TOO_SMALL);
        CHECK(m == want_len && all_canary(out, sizeof out) && kind == 99);
        CHECK_STATUS(field_of(doc, found[i].path, &kind, out, want_len, &m, &d), QRSIGN_OK);
        CHECK(kind == found[i].kind && d.status == QRSIGN_OK);
        CHECK_BYTES("json_field value", out, m, found[i].want, want_len);
        CHECK(out[want_len] == CANARY);
        /* kind_out is optional */
        CHECK_STATUS(field_of(doc, found[i].path, NULL, out, sizeof out, &m, NULL), QRSIGN_OK);
        CHECK(m == want_len);
    }
    harness_case = "json_field errors";
    memset(out, CANARY, sizeof out);
    n = 77;
    kind = 99;
#define FIELD_FAILS(json, path, want, off)                                                    \
    do {                                                                                        \
        memset(&d, 0, sizeof d);                                                                \
        CHECK_STATUS(field_of((json), (path), &kind, out, sizeof out, &n, &d), (want));       \
        CHECK(d.status == (uint32_t)(want) && d.offset == (off));                             \
        CHECK(n == 77 && kind == 99 && all_canary(out, sizeof out));                            \
    } while (0)
    FIELD_FAILS(doc, "payment.amount", QRSIGN_ERR_FIELD_NOT_FOUND, 11);
    FIELD_FAILS(doc, "ops.2", QRSIGN_ERR_FIELD_NOT_FOUND, (size_t)(strstr(doc, "[{") - doc));
    FIELD_FAILS(doc, "ops.01", QRSIGN_ERR_FIELD_NOT_FOUND, (size_t)(strstr(doc, "[{") - doc));
    FIELD_FAILS(doc, "payment.status.code", QRSIGN_ERR_UNEXPECTED_TYPE, (size_t)(strstr(doc, "\"success") - doc));
    FIELD_FAILS("{\"payment\":{\"status\":\"decline\",\"status\":\"success\"}}", "payment.status",
                QRSIGN_ERR_DUPLICATE_KEY, 32);
    FIELD_FAILS("{\"payment\":{\"status\":\"ok\"},\"x\":}", "payment.status", QRSIGN_ERR_MALFORMED_JSON, 31);
    FIELD_FAILS("{\"a\":\"\\x\"}", "a", QRSIGN_ERR_INVALID_ESCAPE, 6);
    FIELD_FAILS("{\"a\":\"\xff\"}", "a", QRSIGN_ERR_INVALID_UTF8, 6);
    FIELD_FAILS("{\"a\":1}", "\xff", QRSIGN_ERR_INVALID_UTF8, 0);
    {
        char deep[2 * QRSIGN_MAX_DEPTH + 3];
        memset(deep, '[', QRSIGN_MAX_DEPTH + 1);
        memset(deep + QRSIGN_MAX_DEPTH + 1, ']', QRSIGN_MAX_DEPTH + 1);
        deep[2 * QRSIGN_MAX_DEPTH + 2] = '\0';
        FIELD_FAILS(deep, "0", QRSIGN_ERR_TOO_DEEP, 0);
        CHECK(d.limit == QRSIGN_MAX_DEPTH);
    }
    CHECK_STATUS(qrsign_json_field((const uint8_t *)doc, (size_t)1 << 30, QRSIGN_LIT("a"), &kind, out, sizeof out,
                                   &n, &d),
                 QRSIGN_ERR_INPUT_TOO_LONG);
    CHECK(d.limit == ((size_t)16 << 20));
    CHECK_STATUS(qrsign_json_field(NULL, 5, QRSIGN_LIT("a"), &kind, out, sizeof out, &n, &d), QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_json_field(QRSIGN_LIT("{\"a\":1}"), NULL, 1, &kind, out, sizeof out, &n, &d),
                 QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(field_of(doc, "ok", &kind, out, sizeof out, NULL, &d), QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(field_of(doc, "ok", &kind, NULL, 4, &n, &d), QRSIGN_ERR_NULL_ARGUMENT);
    CHECK(n == 77 && kind == 99);
    /* outputs overlapping the inputs */
    {
        static uint32_t words[16]; /* aligned for the uint32_t kind_out inside it */
        uint8_t *both = (uint8_t *)words;
        memcpy(both, "{\"a\":\"value\"}", 13);
        CHECK_STATUS(qrsign_json_field(both, 13, QRSIGN_LIT("a"), &kind, both + 4, 16, &n, &d),
                     QRSIGN_ERR_INVALID_ARGUMENT);
        CHECK_STATUS(qrsign_json_field(both, 13, QRSIGN_LIT("a"), (uint32_t *)(void *)(both + 8), out, sizeof out,
                                       &n, &d),
                     QRSIGN_ERR_INVALID_ARGUMENT);
        CHECK(n == 77 && kind == 99);
    }
    /* every callback case: the library's payment.status is the one in its canonical string */
    for (i = 0; i < CALLBACK_CASES_COUNT; i++) {
        const sv_callback *c = &CALLBACK_CASES[i];
        static uint8_t canon[8192];
        const char *line;
        qrsign_status s;
        harness_case = c->id;
        CHECK_STATUS(qrsign_canonical_callback(c->body, c->body_len, QRSIGN_SORT_NATURAL, canon, sizeof canon - 1,
                                               &m, NULL),
                     QRSIGN_OK);
        canon[m] = '\0';
        line = strstr((const char *)canon, "payment:status:");
        s = qrsign_json_field(c->body, c->body_len, QRSIGN_LIT("payment.status"), &kind, out, sizeof out, &n, &d);
        if (line == NULL) {
            CHECK(s == QRSIGN_ERR_FIELD_NOT_FOUND);
        } else {
            size_t len = strcspn(line + 15, ";");
            CHECK_STATUS(s, QRSIGN_OK);
            CHECK(kind == QRSIGN_JSON_STRING);
            CHECK_BYTES("payment.status vs the canonical string", out, n, line + 15, len);
        }
    }
#undef FIELD_FAILS
}

/* ---- Gate bodies and Payment Page URLs ------------------------------------------------------- */
static void test_gate_and_url(void) {
    static const uint8_t sale[] =
        "{\"general\":{\"project_id\":1234,\"payment_id\":\"pos-0001\"},"
        "\"customer\":{\"id\":\"c1\",\"ip_address\":\"10.0.0.1\"},"
        "\"payment\":{\"amount\":15000000,\"currency\":\"UZS\"}}";
    static const char prefix[] = "{\"general\":{\"signature\":\"";
    uint8_t out[1024], sig[QRSIGN_SIGNATURE_LEN];
    char want[1024], enc[3 * QRSIGN_SIGNATURE_LEN + 1];
    size_t n = 0, needed = 0;
    uint32_t location = 9;
    qrsign_key key;
    qrsign_error_detail d;
    static const qrsign_param params[] = {
        QRSIGN_PARAM_STR("project_id", "100"),
        QRSIGN_PARAM_STR("payment_description", "B&W x/y"),
        QRSIGN_PARAM_INT("payment_amount", 15000000),
        QRSIGN_PARAM_BOOL("close_on_missclick", 1),
        QRSIGN_PARAM_STR("frame_mode", "popup"),
    };
    harness_case = "gate body";
    CHECK_STATUS(qrsign_key_init(&key, QRSIGN_LIT("secret"), QRSIGN_SORT_NATURAL, NULL), QRSIGN_OK);
    /* size query */
    CHECK_STATUS(qrsign_key_sign_gate_body(&key, sale, sizeof sale - 1, NULL, 0, &needed, &d),
                 QRSIGN_ERR_BUFFER_TOO_SMALL);
    CHECK(d.needed == needed);
    CHECK(needed == sizeof sale - 1 + strlen("\"signature\":\"\",") + QRSIGN_SIGNATURE_LEN);
    CHECK(needed <= QRSIGN_GATE_BODY_LEN(sizeof sale - 1));
    memset(out, CANARY, sizeof out);
    CHECK_STATUS(qrsign_key_sign_gate_body(&key, sale, sizeof sale - 1, out, needed - 1, &n, NULL),
                 QRSIGN_ERR_BUFFER_TOO_SMALL);
    CHECK(n == needed);
    CHECK(all_canary(out, sizeof out));
    CHECK_STATUS(qrsign_key_sign_gate_body(&key, sale, sizeof sale - 1, out, needed, &n, NULL),
                 QRSIGN_OK);
    CHECK(n == needed);
    CHECK(memcmp(out, prefix, sizeof prefix - 1) == 0);
    /* the platform checks it like a callback: general.signature over the rest */
    CHECK_STATUS(qrsign_key_verify_callback(&key, out, n, &location, NULL), QRSIGN_OK);
    CHECK(location == QRSIGN_SIGNATURE_GENERAL);
    CHECK_STATUS(qrsign_key_sign_json(&key, sale, sizeof sale - 1, sig, sizeof sig, &n, NULL), QRSIGN_OK);
    CHECK(memcmp(out + sizeof prefix - 1, sig, QRSIGN_SIGNATURE_LEN) == 0);
    /* not an object */
    CHECK_STATUS(qrsign_key_sign_gate_body(&key, QRSIGN_LIT("[1,2]"), out, sizeof out, &n, &d),
                 QRSIGN_ERR_UNEXPECTED_TYPE);
    /* output overlapping the input */
    memcpy(out, sale, sizeof sale - 1);
    CHECK_STATUS(qrsign_key_sign_gate_body(&key, out, sizeof sale - 1, out, sizeof out, &n, NULL),
                 QRSIGN_ERR_INVALID_ARGUMENT);

    harness_case = "payment page url";
    CHECK_STATUS(qrsign_key_sign_params(&key, params, 5, sig, sizeof sig, &n, NULL), QRSIGN_OK);
    form_encode_sig(sig, n, enc);
    sprintf(want, "%s?project_id=100&payment_description=B%%26W+x%%2Fy&payment_amount=15000000"
                  "&close_on_missclick=1&signature=%s",
            QRSIGN_ECOMMPAY_PAYMENT_PAGE, enc);
    CHECK_STATUS(qrsign_key_payment_page_url(&key, QRSIGN_LIT(QRSIGN_ECOMMPAY_PAYMENT_PAGE), params,
                                             5, NULL, 0, &needed, NULL),
                 QRSIGN_ERR_BUFFER_TOO_SMALL);
    CHECK(needed == strlen(want));
    memset(out, CANARY, sizeof out);
    CHECK_STATUS(qrsign_key_payment_page_url(&key, QRSIGN_LIT(QRSIGN_ECOMMPAY_PAYMENT_PAGE), params,
                                             5, out, needed - 1, &n, NULL),
                 QRSIGN_ERR_BUFFER_TOO_SMALL);
    CHECK(all_canary(out, sizeof out));
    CHECK_STATUS(qrsign_key_payment_page_url(&key, QRSIGN_LIT(QRSIGN_ECOMMPAY_PAYMENT_PAGE), params,
                                             5, out, sizeof out, &n, NULL),
                 QRSIGN_OK);
    CHECK_BYTES("payment page url", out, n, want, strlen(want));
    /* JetPay generate-qr: same parameters, other base */
    CHECK_STATUS(qrsign_key_payment_page_url(&key, QRSIGN_LIT(QRSIGN_JETPAY_GENERATE_QR), params, 5,
                                             out, sizeof out, &n, NULL),
                 QRSIGN_OK);
    CHECK(n > strlen(QRSIGN_JETPAY_GENERATE_QR) &&
          memcmp(out, QRSIGN_JETPAY_GENERATE_QR "?project_id=100&",
                 strlen(QRSIGN_JETPAY_GENERATE_QR) + 16) == 0);
    /* every flat vector's URL ends with its own signature */
    {
        size_t i;
        for (i = 0; i < SIGNING_VECTORS_COUNT; i++) {
            const sv_vector *v = &SIGNING_VECTORS[i];
            size_t m;
            if (!v->flat) continue;
            harness_case = v->id;
            CHECK_STATUS(qrsign_key_init(&key, v->secret, v->secret_len, 0, NULL), QRSIGN_OK);
            CHECK_STATUS(qrsign_key_payment_page_url(&key, QRSIGN_LIT(QRSIGN_JETPAY_PAYMENT_PAGE),
                                                     v->params, v->nparams, out, sizeof out, &n, NULL),
                         QRSIGN_OK);
            m = form_encode_sig(v->signature, v->signature_len, enc);
            CHECK(n > m + 11 && memcmp(out + n - m - 11, "&signature=", 11) == 0);
            CHECK_BYTES("url signature", out + n - m, m, enc, m);
        }
    }
    qrsign_key_clear(&key);
}

/* ---- amounts -------------------------------------------------------------------------------- */
static void test_amounts(void) {
    uint64_t minor = 7;
    uint32_t digits = 9;
    qrsign_error_detail d;
    harness_case = "amounts";
    CHECK_STATUS(qrsign_currency_minor_digits(QRSIGN_LIT("UZS"), &digits, NULL), QRSIGN_OK);
    CHECK(digits == 2);
    CHECK_STATUS(qrsign_currency_minor_digits(QRSIGN_LIT("JPY"), &digits, NULL), QRSIGN_OK);
    CHECK(digits == 0);
    digits = 9;
    CHECK_STATUS(qrsign_currency_minor_digits(QRSIGN_LIT("XXX"), &digits, &d),
                 QRSIGN_ERR_UNKNOWN_CURRENCY);
    CHECK(digits == 9 && d.status == QRSIGN_ERR_UNKNOWN_CURRENCY);
    CHECK_STATUS(qrsign_currency_minor_digits(QRSIGN_LIT("UZS"), NULL, NULL), QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_currency_parse_amount(QRSIGN_LIT("UZS"), QRSIGN_LIT("150000.00"), &minor, NULL),
                 QRSIGN_OK);
    CHECK(minor == 15000000u);
    CHECK_STATUS(qrsign_currency_parse_amount(QRSIGN_LIT("UZS"), QRSIGN_LIT("200,000.00"), &minor, NULL),
                 QRSIGN_OK);
    CHECK(minor == 20000000u);
    CHECK_STATUS(qrsign_currency_parse_amount(QRSIGN_LIT("KZT"), QRSIGN_LIT("1 500.5"), &minor, NULL),
                 QRSIGN_OK);
    CHECK(minor == 150050u);
    minor = 7;
    CHECK_STATUS(qrsign_currency_parse_amount(QRSIGN_LIT("UZS"), QRSIGN_LIT("150000.001"), &minor, &d),
                 QRSIGN_ERR_INVALID_AMOUNT);
    CHECK(d.offset == 9);
    CHECK_STATUS(qrsign_currency_parse_amount(QRSIGN_LIT("UZS"), QRSIGN_LIT("15x"), &minor, &d),
                 QRSIGN_ERR_INVALID_AMOUNT);
    CHECK(d.offset == 2 && minor == 7);
    CHECK_STATUS(qrsign_currency_parse_amount(QRSIGN_LIT("UZS"), QRSIGN_LIT("\xff"), &minor, &d),
                 QRSIGN_ERR_INVALID_UTF8);
    CHECK_STATUS(qrsign_currency_parse_amount(QRSIGN_LIT("ABC"), QRSIGN_LIT("1"), &minor, NULL),
                 QRSIGN_ERR_UNKNOWN_CURRENCY);
    CHECK_STATUS(qrsign_currency_parse_amount(NULL, 3, QRSIGN_LIT("1"), &minor, NULL),
                 QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_currency_parse_amount(QRSIGN_LIT("UZS"), QRSIGN_LIT("1"), NULL, NULL),
                 QRSIGN_ERR_NULL_ARGUMENT);
    CHECK(minor == 7);
    CHECK_STATUS(qrsign_click_qr_check_amount(15000000u, &d), QRSIGN_OK);
    CHECK_STATUS(qrsign_click_qr_check_amount(QRSIGN_CLICK_QR_MIN_AMOUNT, NULL), QRSIGN_OK);
    CHECK_STATUS(qrsign_click_qr_check_amount(QRSIGN_CLICK_QR_MAX_AMOUNT, NULL), QRSIGN_OK);
    CHECK_STATUS(qrsign_click_qr_check_amount(QRSIGN_CLICK_QR_MIN_AMOUNT - 1, &d),
                 QRSIGN_ERR_AMOUNT_OUT_OF_RANGE);
    CHECK(d.amount == QRSIGN_CLICK_QR_MIN_AMOUNT - 1 && d.min == 5000000u && d.max == 2000000000u);
    CHECK_STATUS(qrsign_click_qr_check_amount(QRSIGN_CLICK_QR_MAX_AMOUNT + 1, NULL),
                 QRSIGN_ERR_AMOUNT_OUT_OF_RANGE);
}

/* ---- error paths: NULLs, short buffers, malformed input, bad arguments ------------------------ */
static void test_error_paths(void) {
    static const uint8_t json[] = "{\"a\":1,\"b\":[true,null]}";
    static const char canon[] = "a:1;b:0:1;b:1:";
    uint8_t out[256], sig[QRSIGN_SIGNATURE_LEN];
    size_t n = 12345;
    qrsign_key key;
    qrsign_error_detail d;
    qrsign_diagnosis diag;
    static qrsign_param many[QRSIGN_MAX_PARAMS + 1];
    qrsign_param bad[2] = {QRSIGN_PARAM_INT("a", 1), QRSIGN_PARAM_INT("b", 2)};
    static const qrsign_param reserved[] = {QRSIGN_PARAM_STR("signature", "x")};
    size_t i;
    harness_case = "error paths";
    CHECK_STATUS(qrsign_key_init(&key, QRSIGN_LIT("secret"), 0, NULL), QRSIGN_OK);

    /* NULL / 0 asks for the size; nothing else written */
    CHECK_STATUS(qrsign_canonical_json(json, sizeof json - 1, 0, NULL, 0, &n, &d),
                 QRSIGN_ERR_BUFFER_TOO_SMALL);
    CHECK(n == sizeof canon - 1 && d.needed == n);
    memset(out, CANARY, sizeof out);
    n = 0;
    CHECK_STATUS(qrsign_canonical_json(json, sizeof json - 1, 0, out, sizeof canon - 2, &n, NULL),
                 QRSIGN_ERR_BUFFER_TOO_SMALL);
    CHECK(n == sizeof canon - 1);
    CHECK(all_canary(out, sizeof out));
    CHECK_STATUS(qrsign_canonical_json(json, sizeof json - 1, 0, out, sizeof canon - 1, &n, NULL),
                 QRSIGN_OK);
    CHECK_BYTES("exact-size canonical", out, n, canon, sizeof canon - 1);
    /* signature buffers */
    memset(sig, CANARY, sizeof sig);
    CHECK_STATUS(qrsign_key_sign_json(&key, json, sizeof json - 1, sig, QRSIGN_SIGNATURE_LEN - 1, &n, &d),
                 QRSIGN_ERR_BUFFER_TOO_SMALL);
    CHECK(n == QRSIGN_SIGNATURE_LEN && d.needed == QRSIGN_SIGNATURE_LEN);
    CHECK(all_canary(sig, sizeof sig));
    CHECK_STATUS(qrsign_key_sign_json(&key, json, sizeof json - 1, NULL, 0, &n, NULL),
                 QRSIGN_ERR_BUFFER_TOO_SMALL);
    CHECK_STATUS(qrsign_key_sign_json(&key, json, sizeof json - 1, NULL, 88, &n, NULL),
                 QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_key_sign_json(&key, json, sizeof json - 1, sig, sizeof sig, NULL, NULL),
                 QRSIGN_ERR_NULL_ARGUMENT);
    CHECK(all_canary(sig, sizeof sig));

    /* NULL required pointers, one function at a time */
    CHECK_STATUS(qrsign_key_sign_json(NULL, json, sizeof json - 1, sig, sizeof sig, &n, &d),
                 QRSIGN_ERR_NULL_ARGUMENT);
    CHECK(d.status == QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_key_sign_json(&key, NULL, 5, sig, sizeof sig, &n, NULL), QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_key_verify_json(NULL, json, sizeof json - 1, sig, sizeof sig, NULL),
                 QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_key_verify_json(&key, json, sizeof json - 1, NULL, 88, NULL),
                 QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_key_verify_json(&key, json, sizeof json - 1, NULL, 0, NULL),
                 QRSIGN_ERR_INVALID_SIGNATURE_ENCODING);
    CHECK_STATUS(qrsign_key_verify_callback(NULL, json, sizeof json - 1, NULL, NULL),
                 QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_key_verify_callback(&key, NULL, 3, NULL, NULL), QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_key_sign_params(NULL, bad, 2, sig, sizeof sig, &n, NULL), QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_key_sign_params(&key, NULL, 2, sig, sizeof sig, &n, NULL), QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_key_verify_params(&key, bad, 2, NULL, 88, NULL), QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_key_sign_canonical(&key, NULL, 1, sig, sizeof sig, &n, NULL), QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_canonical_params(NULL, 1, 0, out, sizeof out, &n, NULL), QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_canonical_callback(NULL, 1, 0, out, sizeof out, &n, NULL), QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_key_sign_gate_body(&key, NULL, 1, out, sizeof out, &n, NULL), QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_key_payment_page_url(&key, NULL, 4, bad, 2, out, sizeof out, &n, NULL),
                 QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_key_diagnose_json(&key, json, sizeof json - 1, sig, sizeof sig, NULL, out,
                                          sizeof out, &n, NULL),
                 QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_key_diagnose_callback(&key, json, sizeof json - 1, &diag, out, sizeof out,
                                              NULL, NULL),
                 QRSIGN_ERR_NULL_ARGUMENT);
    CHECK_STATUS(qrsign_key_diagnose_params(&key, bad, 2, NULL, 88, &diag, out, sizeof out, &n, NULL),
                 QRSIGN_ERR_NULL_ARGUMENT);
    /* a parameter with a NULL name and a non-zero length */
    bad[1].name = NULL;
    CHECK_STATUS(qrsign_key_sign_params(&key, bad, 2, sig, sizeof sig, &n, NULL), QRSIGN_ERR_NULL_ARGUMENT);
    bad[1].name = (const uint8_t *)"b";
    /* empty inputs: NULL with length 0 */
    CHECK_STATUS(qrsign_key_sign_params(&key, NULL, 0, sig, sizeof sig, &n, NULL), QRSIGN_OK);
    CHECK_STATUS(qrsign_canonical_params(NULL, 0, 0, NULL, 0, &n, NULL), QRSIGN_OK);
    CHECK(n == 0);
    CHECK_STATUS(qrsign_key_sign_json(&key, NULL, 0, sig, sizeof sig, &n, &d), QRSIGN_ERR_MALFORMED_JSON);
    CHECK(d.offset == 0);

    /* malformed input, with the byte offset in the detail */
    CHECK_STATUS(qrsign_key_sign_json(&key, QRSIGN_LIT("{\"a\":1,}"), sig, sizeof sig, &n, &d),
                 QRSIGN_ERR_MALFORMED_JSON);
    CHECK(d.status == QRSIGN_ERR_MALFORMED_JSON && d.offset == 7);
    CHECK_STATUS(qrsign_key_sign_json(&key, QRSIGN_LIT("{\"a\":1,\"a\":2}"), sig, sizeof sig, &n, &d),
                 QRSIGN_ERR_DUPLICATE_KEY);
    CHECK(d.offset == 8); /* the second key's text */
    {
        static const qrsign_param dup[] = {QRSIGN_PARAM_INT("a", 1), QRSIGN_PARAM_INT("b", 1),
                                           QRSIGN_PARAM_INT("a", 2)};
        CHECK_STATUS(qrsign_key_sign_params(&key, dup, 3, sig, sizeof sig, &n, &d),
                     QRSIGN_ERR_DUPLICATE_KEY);
        CHECK(d.offset == 2); /* for parameters: the index of the second one */
    }
    CHECK_STATUS(qrsign_key_sign_json(&key, QRSIGN_LIT("{\"a\":\"\\q\"}"), sig, sizeof sig, &n, &d),
                 QRSIGN_ERR_INVALID_ESCAPE);
    CHECK(d.offset == 6);
    CHECK_STATUS(qrsign_key_sign_json(&key, QRSIGN_LIT("{\"a\":\"\xc3\"}"), sig, sizeof sig, &n, &d),
                 QRSIGN_ERR_INVALID_UTF8);
    CHECK(d.offset == 6);
    CHECK_STATUS(qrsign_canonical_json(QRSIGN_LIT("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"),
                                       0, out, sizeof out, &n, &d),
                 QRSIGN_ERR_TOO_DEEP);
    CHECK(d.limit == QRSIGN_MAX_DEPTH);
    CHECK_STATUS(qrsign_key_verify_callback(&key, QRSIGN_LIT("{\"a\":1}"), NULL, NULL),
                 QRSIGN_ERR_MISSING_SIGNATURE);
    CHECK_STATUS(qrsign_key_verify_callback(&key, QRSIGN_LIT("{\"a\":1,\"signature\":\"abc\"}"), NULL, NULL),
                 QRSIGN_ERR_INVALID_SIGNATURE_ENCODING);
    CHECK_STATUS(qrsign_key_verify_json(&key, json, sizeof json - 1, QRSIGN_LIT("not base64"), NULL),
                 QRSIGN_ERR_INVALID_SIGNATURE_ENCODING);

    /* parameters: reserved key, unknown kind, invalid UTF-8, too many */
    CHECK_STATUS(qrsign_key_sign_params(&key, reserved, 1, sig, sizeof sig, &n, &d),
                 QRSIGN_ERR_RESERVED_KEY);
    bad[0].kind = 4;
    CHECK_STATUS(qrsign_key_sign_params(&key, bad, 2, sig, sizeof sig, &n, NULL), QRSIGN_ERR_INVALID_ARGUMENT);
    bad[0].kind = UINT32_MAX;
    CHECK_STATUS(qrsign_canonical_params(bad, 2, 0, out, sizeof out, &n, NULL), QRSIGN_ERR_INVALID_ARGUMENT);
    bad[0].kind = QRSIGN_VALUE_STR;
    bad[0].str = (const uint8_t *)"ok\xff";
    bad[0].str_len = 3;
    CHECK_STATUS(qrsign_key_sign_params(&key, bad, 2, sig, sizeof sig, &n, &d), QRSIGN_ERR_INVALID_UTF8);
    CHECK(d.offset == 2);
    for (i = 0; i < QRSIGN_MAX_PARAMS + 1; i++) {
        many[i].name = (const uint8_t *)"p";
        many[i].name_len = 1;
        many[i].kind = QRSIGN_VALUE_NULL;
    }
    CHECK_STATUS(qrsign_key_sign_params(&key, many, QRSIGN_MAX_PARAMS + 1, sig, sizeof sig, &n, &d),
                 QRSIGN_ERR_TOO_MANY_VALUES);
    CHECK(d.limit == QRSIGN_MAX_PARAMS);

    /* enumerations from C are checked */
    CHECK_STATUS(qrsign_canonical_json(json, sizeof json - 1, 3, out, sizeof out, &n, NULL),
                 QRSIGN_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(qrsign_canonical_callback(json, sizeof json - 1, 0x80000000u, out, sizeof out, &n, NULL),
                 QRSIGN_ERR_INVALID_ARGUMENT);

    /* output overlapping an input */
    memcpy(out, json, sizeof json - 1);
    CHECK_STATUS(qrsign_canonical_json(out, sizeof json - 1, 0, out + 4, 100, &n, NULL),
                 QRSIGN_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(qrsign_key_sign_json(&key, out, sizeof json - 1, out + 10, 88, &n, NULL),
                 QRSIGN_ERR_INVALID_ARGUMENT);

    /* detail is optional everywhere, and reset on success */
    CHECK_STATUS(qrsign_key_sign_json(&key, json, sizeof json - 1, sig, sizeof sig, &n, NULL), QRSIGN_OK);
    memset(&d, 0xff, sizeof d);
    CHECK_STATUS(qrsign_key_sign_json(&key, json, sizeof json - 1, sig, sizeof sig, &n, &d), QRSIGN_OK);
    CHECK(d.status == QRSIGN_OK && d.offset == 0 && d.needed == 0);
    qrsign_key_clear(&key);
}

/* ---- threads: one shared key, distinct outputs ------------------------------------------------ */
#define THREADS 4
#define ROUNDS 50
static qrsign_key shared_key;
static void *sign_many(void *arg) {
    size_t t = (size_t)arg, r;
    uintptr_t bad = 0;
    for (r = 0; r < ROUNDS; r++) {
        const sv_vector *v = &SIGNING_VECTORS[(t * ROUNDS + r) % SIGNING_VECTORS_COUNT];
        uint8_t sig[QRSIGN_SIGNATURE_LEN], want[QRSIGN_SIGNATURE_LEN];
        size_t n, m;
        if (qrsign_key_sign_json(&shared_key, v->json, v->json_len, sig, sizeof sig, &n, NULL) != QRSIGN_OK ||
            qrsign_key_sign_canonical(&shared_key, v->canonical, v->canonical_len, want, sizeof want, &m,
                                      NULL) != QRSIGN_OK ||
            n != m || memcmp(sig, want, n) != 0)
            bad++;
    }
    return (void *)bad;
}

static void test_threads(void) {
    pthread_t th[THREADS];
    size_t t;
    harness_case = "threads";
    CHECK_STATUS(qrsign_key_init(&shared_key, QRSIGN_LIT("secret"), 0, NULL), QRSIGN_OK);
    for (t = 0; t < THREADS; t++) CHECK(pthread_create(&th[t], NULL, sign_many, (void *)t) == 0);
    for (t = 0; t < THREADS; t++) {
        void *bad = NULL;
        CHECK(pthread_join(th[t], &bad) == 0);
        CHECK(bad == NULL);
    }
    qrsign_key_clear(&shared_key);
}

int main(void) {
    test_status();
    test_version();
    test_key_lifecycle();
    test_strict();
    test_oversized_lengths();
    test_signing_vectors();
    test_callbacks();
    test_json_field();
    test_gate_and_url();
    test_amounts();
    test_error_paths();
    test_threads();
    test_qr();
    return harness_report("test_qrsign");
}
