// The header compiles as C++ with -Wall -Wextra -Wpedantic -Werror, and the extern "C"
// declarations link against the static library (`make test-cxx`).
#include <qrsign.h>

#include <cstdio>
#include <cstring>

int main() {
    const char *v = qrsign_version();
    char want[32];
    std::snprintf(want, sizeof want, "%d.%d.%d", QRSIGN_VERSION_MAJOR, QRSIGN_VERSION_MINOR,
                  QRSIGN_VERSION_PATCH);
    if (std::strcmp(v, want) != 0) return 1;
    qrsign_status s = QRSIGN_ERR_BUFFER_TOO_SMALL;
    if (std::strlen(qrsign_status_str(s)) == 0) return 1;
    qrsign_error_detail d = qrsign_error_detail();
    if (d.status != QRSIGN_OK) return 1;
    std::printf("cxx_header: qrsign %s usable from C++\n", v);
    return 0;
}
