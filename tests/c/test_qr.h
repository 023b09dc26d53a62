/* The QR part of the C API tests (tests/c/test_qr.c). */
#ifndef QRSIGN_TEST_QR_H
#define QRSIGN_TEST_QR_H

/* Runs every QR check: encoding, symbol properties, renderers, display_data, img_src. */
void test_qr(void);

#endif
