/*
 * callpop-notify: what the 3CX Assistant starts 2-3 times per call. It hands its argv to the
 * running CallPop over the per-user local endpoint (the message the Node forwarder sends: one
 * JSON line {argv, cwd}; one JSON line back once the event is journaled) and exits 0. When
 * nothing listens it starts CallPop itself with the same arguments, detached and without a
 * shell, and exits. It never waits longer than two seconds: then it exits non-zero and
 * appends one line to <dataDir>/logs/notify.log.
 *
 * Exit codes: 0 delivered or CallPop started; 1 refused, timed out or failed; 2 the endpoint
 * belongs to another user (nothing was sent).
 */
#ifndef _WIN32
#define _GNU_SOURCE 1
#endif
#include "notify.h"
#include "notify-os.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEADLINE_MS 2000
#define LOG_ARGV_CHARS 300

/* The first LOG_ARGV_CHARS bytes of the argv as JSON, cut on a character boundary. */
static void shortened_argv(cp_buf *out, int argc, const char *const *argv) {
  cp_buf all;
  cp_buf_init(&all);
  cp_buf_putc(&all, '[');
  for (int i = 0; i < argc; i++) {
    if (i > 0) cp_buf_putc(&all, ',');
    cp_json_string(&all, argv[i]);
  }
  cp_buf_putc(&all, ']');
  if (all.failed) {
    cp_buf_puts(out, "(argv too large to show)");
  } else if (all.len <= LOG_ARGV_CHARS) {
    cp_buf_append(out, all.data, all.len);
  } else {
    size_t cut = LOG_ARGV_CHARS;
    while (cut > 0 && ((unsigned char)all.data[cut] & 0xC0) == 0x80) cut--;
    cp_buf_append(out, all.data, cut);
    cp_buf_puts(out, "...");
  }
  cp_buf_free(&all);
}

static void log_line(const char *data_dir, const char *message, int argc,
                     const char *const *argv) {
  cp_buf line;
  cp_buf_init(&line);
  char stamp[40];
  os_iso_time(stamp, sizeof stamp);
  cp_buf_puts(&line, stamp);
  cp_buf_puts(&line, " callpop-notify: ");
  cp_buf_puts(&line, message);
  cp_buf_puts(&line, "; argv ");
  shortened_argv(&line, argc, argv);
  cp_buf_putc(&line, '\n');
  if (!line.failed) os_append_log(data_dir, line.data, line.len);
  fprintf(stderr, "callpop-notify: %s\n", message);
  cp_buf_free(&line);
}

int main(int argc, char **argv) {
  int64_t deadline = os_now_ms() + DEADLINE_MS;
  os_args args;
  if (os_get_args(&args, argc, argv) != 0) {
    fprintf(stderr, "callpop-notify: cannot read the command line\n");
    return 1;
  }
  /* argv[0] is this program; CallPop gets the rest, unchanged. */
  int n = args.argc - 1;
  const char *const *rest = (const char *const *)args.argv + 1;

  os_context ctx;
  os_context_init(&ctx, cp_data_dir_arg(n, rest));

  cp_buf request;
  cp_buf_init(&request);
  cp_request_line(&request, n, rest, ctx.cwd.data);
  if (request.failed) {
    log_line(ctx.data_dir.data, "out of memory building the request", n, rest);
    return 1;
  }

  char detail[512] = "";
  int result = os_deliver(&ctx, request.data, request.len, deadline, detail, sizeof detail);
  int code;
  char message[768];
  switch (result) {
  case OS_DELIVERED:
    code = 0;
    break;
  case OS_REFUSED:
    snprintf(message, sizeof message, "CallPop refused the event: %s", detail);
    log_line(ctx.data_dir.data, message, n, rest);
    code = 1;
    break;
  case OS_NOT_LISTENING:
    if (os_start_callpop(&ctx, n, rest, detail, sizeof detail) == 0) {
      code = 0;
    } else {
      snprintf(message, sizeof message, "no CallPop runs and starting one failed: %s", detail);
      log_line(ctx.data_dir.data, message, n, rest);
      code = 1;
    }
    break;
  case OS_FOREIGN:
    snprintf(message, sizeof message, "not sent: %s", detail);
    log_line(ctx.data_dir.data, message, n, rest);
    code = 2;
    break;
  default:
    snprintf(message, sizeof message, "%s", detail[0] ? detail : "delivery failed");
    log_line(ctx.data_dir.data, message, n, rest);
    code = 1;
    break;
  }
  cp_buf_free(&request);
  return code;
}
