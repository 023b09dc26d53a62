/* Built by `make test-pkgconfig` with `cc $(pkg-config --cflags --libs qrsign)` against an
 * installed copy of the library: the header is found, the library links and answers. */
#include <qrsign.h>
#include <stdio.h>
#include <string.h>

int main(void) {
    char want[32];
    snprintf(want, sizeof want, "%d.%d.%d", QRSIGN_VERSION_MAJOR, QRSIGN_VERSION_MINOR,
             QRSIGN_VERSION_PATCH);
    if (strcmp(qrsign_version(), want) != 0) {
        fprintf(stderr, "pkgconfig_smoke: version %s, header says %s\n", qrsign_version(), want);
        return 1;
    }
    printf("pkgconfig_smoke: qrsign %s linked\n", qrsign_version());
    return 0;
}
