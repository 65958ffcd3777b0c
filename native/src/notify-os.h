/* callpop-notify: the operating-system half (notify-posix.c, notify-win.c). */
#ifndef CALLPOP_NOTIFY_OS_H
#define CALLPOP_NOTIFY_OS_H

#include "notify.h"

typedef struct {
  int argc;
  char **argv; /* UTF-8 */
} os_args;

typedef struct {
  cp_buf data_dir; /* absolute */
  cp_buf cwd;
  cp_buf exe_dir; /* where this program is: CallPop is found from here */
  int desktop;    /* 1: installed beside the desktop app (resources/app.asar next to us) */
} os_context;

enum {
  OS_DELIVERED = 0,
  OS_REFUSED,       /* CallPop answered {"ok":false} */
  OS_NOT_LISTENING, /* no endpoint, a stale one, or a socket file that is not the user's */
  OS_FOREIGN,       /* the endpoint is held by another user: nothing was sent */
  OS_FAILED         /* timeout, broken connection, unreadable reply */
};

int64_t os_now_ms(void);
void os_iso_time(char *out, size_t size);
int os_get_args(os_args *args, int argc, char **argv);
/* Works out the data directory (`given`, else CALLPOP_DATA_DIR, else the default) and cwd. */
void os_context_init(os_context *ctx, const char *given);
int os_deliver(os_context *ctx, const char *request, size_t len, int64_t deadline, char *detail,
               size_t detail_size);
/* 0 when CallPop was started (detached); else -1 with the reason in detail. */
int os_start_callpop(os_context *ctx, int argc, const char *const *argv, char *detail,
                     size_t detail_size);
void os_append_log(const char *data_dir, const char *line, size_t len);

#endif
