/* Row types of the tables tests/c/gen_vectors.py generates into build/c/vectors.h. */
#ifndef QRSIGN_TEST_VECTOR_TYPES_H
#define QRSIGN_TEST_VECTOR_TYPES_H

#include <stddef.h>
#include <stdint.h>

#include <qrsign.h>

typedef struct sv_bytes {
    const uint8_t *bytes; /* NULL: no expectation */
    size_t len;
} sv_bytes;

typedef struct sv_vector {
    const char *id;
    const uint8_t *secret;
    size_t secret_len;
    const uint8_t *json; /* params_json, verbatim */
    size_t json_len;
    const uint8_t *canonical;
    size_t canonical_len;
    const uint8_t *signature;
    size_t signature_len;
    sv_bytes by_order[2]; /* canonical with QRSIGN_SORT_PATH_BYTEWISE, QRSIGN_SORT_LINE_BYTEWISE */
    const qrsign_param *params; /* the same data as flat parameters, when it is flat */
    size_t nparams;
    int flat;
} sv_vector;

typedef struct sv_callback {
    const char *id;
    const uint8_t *secret;
    size_t secret_len;
    const uint8_t *body;
    size_t body_len;
    uint32_t location; /* a qrsign_signature_location */
} sv_callback;

#endif
