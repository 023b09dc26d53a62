/* The freestanding test programs' start-up and system calls (x86-64 Linux): see shim.h. */
#include "shim.h"

/* _start: argc at (%rsp), argv after it; the stack is realigned before the call and the
 * result of fw_main becomes the exit status (exit_group). */
__asm__(".text\n"
        ".global _start\n"
        "_start:\n"
        "  xor %rbp, %rbp\n"
        "  mov (%rsp), %rdi\n"
        "  lea 8(%rsp), %rsi\n"
        "  and $-16, %rsp\n"
        "  call fw_start\n"
        "  hlt\n");

static long sys3(long n, long a, long b, long c) {
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
    return r;
}

long fw_read(int fd, void *buf, size_t len) { return sys3(0, fd, (long)buf, (long)len); }
long fw_write(int fd, const void *buf, size_t len) { return sys3(1, fd, (long)buf, (long)len); }
int fw_open(const char *path, int write) {
    return (int)sys3(2, (long)path, write ? 01 | 0100 | 01000 : 0, 0644);
}
int fw_close(int fd) { return (int)sys3(3, fd, 0, 0); }

static char out_buf[4096];
static size_t out_len;

void fw_flush(void) {
    size_t done = 0;
    while (done < out_len) {
        long n = fw_write(1, out_buf + done, out_len - done);
        if (n <= 0) break;
        done += (size_t)n;
    }
    out_len = 0;
}

void fw_out(const void *p, size_t n) {
    const char *c = (const char *)p;
    while (n > 0) {
        size_t room = sizeof out_buf - out_len, k = n < room ? n : room, i;
        for (i = 0; i < k; i++) out_buf[out_len + i] = c[i];
        out_len += k;
        c += k;
        n -= k;
        if (out_len == sizeof out_buf) fw_flush();
    }
}

size_t fw_strlen(const char *s) {
    size_t n = 0;
    while (s[n] != '\0') n++;
    return n;
}

int fw_streq(const char *a, const char *b) {
    while (*a != '\0' && *a == *b) a++, b++;
    return *a == *b;
}

void fw_puts(const char *s) { fw_out(s, fw_strlen(s)); }

void fw_putu(uint64_t v) {
    char d[20];
    size_t i = sizeof d;
    do {
        d[--i] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0);
    fw_out(d + i, sizeof d - i);
}

void fw_put_padded(const char *s, size_t width) {
    size_t n = fw_strlen(s);
    fw_out(s, n);
    while (n++ < width) fw_out(" ", 1);
}

void fw_err(const char *s) { fw_write(2, s, fw_strlen(s)); }

void fw_exit(int code) {
    sys3(231, code, 0, 0);
    for (;;) {
    }
}

__attribute__((noreturn, used)) void fw_start(long argc, char **argv) {
    int code = fw_main((int)argc, argv);
    fw_flush();
    fw_exit(code);
}
