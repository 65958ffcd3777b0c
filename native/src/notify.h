/*
 * callpop-notify: the pieces that do not touch the operating system, so that the self-test
 * executable can check them on any platform (including the Windows quoting rules on Linux).
 */
#ifndef CALLPOP_NOTIFY_H
#define CALLPOP_NOTIFY_H

#include <stddef.h>
#include <stdint.h>

/* A growable byte buffer; every function keeps `data` NUL-terminated. */
typedef struct {
  char *data;
  size_t len;
  size_t cap;
  int failed; /* an allocation failed: the content is incomplete */
} cp_buf;

void cp_buf_init(cp_buf *b);
void cp_buf_free(cp_buf *b);
void cp_buf_append(cp_buf *b, const char *bytes, size_t n);
void cp_buf_puts(cp_buf *b, const char *s);
void cp_buf_putc(cp_buf *b, char c);

/*
 * Appends `s` (UTF-8) as a JSON string literal: quotes, backslashes and control characters
 * escaped, valid UTF-8 passed through, each invalid byte replaced by U+FFFD (what Node does
 * when it decodes such an argv).
 */
void cp_json_string(cp_buf *out, const char *s);

/* The forwarder's message: {"argv":[...],"cwd":"..."} and a newline. */
void cp_request_line(cp_buf *out, int argc, const char *const *argv, const char *cwd);

/*
 * The same 16 hex digit name hash as hashText() in electron/host/forward.ts: FNV-1a, twice,
 * over the UTF-16 code units of `utf8`. `hex` receives 17 bytes.
 */
void cp_hash_text(const char *utf8, char hex[17]);

/*
 * path.posix.resolve(cwd, p): absolute, no "." or ".." or empty segments, no trailing slash.
 */
void cp_posix_resolve(cp_buf *out, const char *cwd, const char *p);

/* The Windows pipe name for an absolute data directory (forward.ts socketPathFor, win32). */
void cp_pipe_name(cp_buf *out, const char *abs_data_dir);

/* Appends one argument quoted so that CommandLineToArgvW gives it back unchanged. */
void cp_win_quote_arg(cp_buf *out, const char *arg);

/* A whole command line: every argument quoted, separated by single spaces. */
void cp_win_command_line(cp_buf *out, int argc, const char *const *argv);

/* Where the endpoint for an absolute data directory is on Unix. */
typedef struct {
  cp_buf path; /* the socket file */
  cp_buf dir;  /* the directory that holds it: must belong to the user */
  int private_dir; /* 1: dir is a runtime dir that must be 0700 (not the data dir itself) */
} cp_unix_endpoint;

/* A socket path longer than this does not fit sun_path on every platform (104 on macOS). */
#define CP_MAX_UNIX_SOCKET_PATH 100

/*
 * `xdg_runtime_dir` may be NULL or empty; `tmp_dir` is os.tmpdir(). Mirrors socketPathFor():
 * <dataDir>/callpop.sock when it fits, else callpop-<hash>.sock in $XDG_RUNTIME_DIR, else in
 * <tmp>/callpop-<uid>.
 */
void cp_unix_endpoint_for(cp_unix_endpoint *ep, const char *abs_data_dir,
                          const char *xdg_runtime_dir, const char *tmp_dir, unsigned long uid);
void cp_unix_endpoint_free(cp_unix_endpoint *ep);

/*
 * The data directory from the command line: the value of the last `--data-dir D` or
 * `--data-dir=D` (option name in any case), or NULL. A bare `--data-dir` followed by another
 * option or a 3CX flag is not a directory.
 */
const char *cp_data_dir_arg(int argc, const char *const *argv);

/*
 * Reads the reply line: 1 when it says {"ok":true ...}, 0 when it is a refusal, -1 when it is
 * not a reply at all.
 */
int cp_reply_ok(const char *line, size_t len);

#endif
