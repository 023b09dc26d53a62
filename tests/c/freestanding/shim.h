/* The freestanding test programs' whole "libc": a _start, four Linux x86-64 system calls and
 * text output helpers. No libc is linked (-nostdlib -nostartfiles -static), so everything the
 * firmware library needs beyond this shows up as an undefined symbol (tests/c/freestanding/). */
#ifndef QRSIGN_FREESTANDING_SHIM_H
#define QRSIGN_FREESTANDING_SHIM_H

#include <stddef.h>
#include <stdint.h>

/* The program's entry, called by _start with the process's arguments; returns the exit code. */
int fw_main(int argc, char **argv);

long fw_read(int fd, void *buf, size_t len);
long fw_write(int fd, const void *buf, size_t len);
/* open(2) for reading (`write` 0) or for writing, created/truncated with mode 0644 (`write` 1). */
int fw_open(const char *path, int write);
int fw_close(int fd);
/* exit_group(2). */
__attribute__((noreturn)) void fw_exit(int code);

/* Buffered standard output (flushed by fw_flush and at exit). */
void fw_out(const void *p, size_t n);
void fw_puts(const char *s);
void fw_putu(uint64_t v);
/* `s` left-aligned in a field of `width` characters (printf's "%-9s"). */
void fw_put_padded(const char *s, size_t width);
void fw_flush(void);
/* A message on standard error. */
void fw_err(const char *s);
size_t fw_strlen(const char *s);
int fw_streq(const char *a, const char *b);

#endif
