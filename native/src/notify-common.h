/*
 * callpop-notify: the exchange with CallPop that is the same on every platform: send the
 * request line whole, then read until the reply line and judge it. Each platform supplies only
 * its two I/O primitives (a Unix socket in notify-posix.c, a named pipe in notify-win.c).
 */
#ifndef CALLPOP_NOTIFY_COMMON_H
#define CALLPOP_NOTIFY_COMMON_H

#include "notify-os.h"

/* The longest reply line read (forward.ts MAX_REPLY_BYTES). */
#define CP_MAX_REPLY (64 * 1024)

/* What an I/O primitive returns besides a byte count (> 0; 0 means the peer closed). */
#define CP_IO_ERROR (-1)
#define CP_IO_TIMEOUT (-2)

typedef struct cp_transport cp_transport;
struct cp_transport {
  void *handle;
  /* The endpoint as messages name it (socket path or pipe name). */
  const char *name;
  /* The system's error number for the last CP_IO_ERROR, told in the message; 0: none. */
  int error;
  /* Each moves at most `len` bytes before `deadline`; both wait for readiness themselves. */
  long (*send)(cp_transport *t, const char *buf, size_t len, int64_t deadline);
  long (*recv)(cp_transport *t, char *buf, size_t len, int64_t deadline);
};

/* "WHAT PATH", or "WHAT PATH: strerror(err)" when err is not 0. */
void cp_detail(char *detail, size_t size, const char *what, const char *path, int err);

/*
 * Sends `request` (the whole line) and reads the reply line. OS_DELIVERED when CallPop
 * confirmed; OS_REFUSED with its reply in `detail`; OS_FAILED with the reason in `detail`.
 */
int cp_exchange(cp_transport *t, const char *request, size_t len, int64_t deadline,
                char *detail, size_t size);

#endif
