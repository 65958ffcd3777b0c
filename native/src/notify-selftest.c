/*
 * The trampoline's pure functions as a command, so tests can compare them with the Node side
 * on any platform (the Windows quoting included):
 *   callpop-notify-selftest quote ARG...        the CommandLineToArgvW command line
 *   callpop-notify-selftest request CWD ARG...  the request line
 *   callpop-notify-selftest hash TEXT           hashText(TEXT)
 *   callpop-notify-selftest resolve CWD PATH    path.posix.resolve(CWD, PATH)
 *   callpop-notify-selftest pipe ABSDIR         the Windows pipe name
 *   callpop-notify-selftest unix ABSDIR XDG TMP UID   the Unix socket path ("" for no XDG)
 *   callpop-notify-selftest data-dir ARG...     the --data-dir value, or nothing
 *   callpop-notify-selftest reply LINE          1, 0 or -1
 * Arguments may be given as hex (prefix "hex:") to carry bytes a command line cannot.
 */
#include "notify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *decode(const char *arg) {
  if (strncmp(arg, "hex:", 4) != 0) return (char *)arg;
  const char *h = arg + 4;
  size_t n = strlen(h) / 2;
  char *out = (char *)malloc(n + 1);
  if (!out) exit(1);
  for (size_t i = 0; i < n; i++) {
    unsigned v;
    if (sscanf(h + 2 * i, "%2x", &v) != 1) exit(1);
    out[i] = (char)v;
  }
  out[n] = '\0';
  return out;
}

static void emit(cp_buf *b) {
  if (b->failed) exit(1);
  fwrite(b->data ? b->data : "", 1, b->len, stdout);
  cp_buf_free(b);
}

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  const char *cmd = argv[1];
  int n = argc - 2;
  char **args = (char **)calloc((size_t)n + 1, sizeof(char *));
  if (!args) return 1;
  for (int i = 0; i < n; i++) args[i] = decode(argv[i + 2]);
  cp_buf out;
  cp_buf_init(&out);
  if (strcmp(cmd, "quote") == 0) {
    cp_win_command_line(&out, n, (const char *const *)args);
  } else if (strcmp(cmd, "request") == 0 && n >= 1) {
    cp_request_line(&out, n - 1, (const char *const *)args + 1, args[0]);
  } else if (strcmp(cmd, "hash") == 0 && n == 1) {
    char hex[17];
    cp_hash_text(args[0], hex);
    cp_buf_puts(&out, hex);
  } else if (strcmp(cmd, "resolve") == 0 && n == 2) {
    cp_posix_resolve(&out, args[0], args[1]);
  } else if (strcmp(cmd, "pipe") == 0 && n == 1) {
    cp_pipe_name(&out, args[0]);
  } else if (strcmp(cmd, "unix") == 0 && n == 4) {
    cp_unix_endpoint ep;
    cp_unix_endpoint_for(&ep, args[0], args[1], args[2], strtoul(args[3], NULL, 10));
    cp_buf_puts(&out, ep.path.data);
    cp_buf_putc(&out, '\n');
    cp_buf_puts(&out, ep.dir.data);
    cp_buf_putc(&out, '\n');
    cp_buf_puts(&out, ep.private_dir ? "private" : "data-dir");
    cp_unix_endpoint_free(&ep);
  } else if (strcmp(cmd, "data-dir") == 0) {
    const char *d = cp_data_dir_arg(n, (const char *const *)args);
    if (d) cp_buf_puts(&out, d);
  } else if (strcmp(cmd, "reply") == 0 && n == 1) {
    char r[4];
    snprintf(r, sizeof r, "%d", cp_reply_ok(args[0], strlen(args[0])));
    cp_buf_puts(&out, r);
  } else {
    fprintf(stderr, "unknown self-test command %s\n", cmd);
    return 2;
  }
  emit(&out);
  return 0;
}
