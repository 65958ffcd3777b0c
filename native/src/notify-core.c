/* callpop-notify: pure functions (no I/O), shared by the trampoline and its self-test. */
#include "notify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cp_buf_init(cp_buf *b) {
  b->data = NULL;
  b->len = 0;
  b->cap = 0;
  b->failed = 0;
}

void cp_buf_free(cp_buf *b) {
  free(b->data);
  cp_buf_init(b);
}

static int cp_buf_reserve(cp_buf *b, size_t extra) {
  if (b->failed) return 0;
  if (b->len + extra + 1 <= b->cap) return 1;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + extra + 1) cap *= 2;
  char *next = (char *)realloc(b->data, cap);
  if (!next) {
    b->failed = 1;
    return 0;
  }
  b->data = next;
  b->cap = cap;
  return 1;
}

void cp_buf_append(cp_buf *b, const char *bytes, size_t n) {
  if (!cp_buf_reserve(b, n)) return;
  memcpy(b->data + b->len, bytes, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void cp_buf_puts(cp_buf *b, const char *s) { cp_buf_append(b, s, strlen(s)); }

void cp_buf_putc(cp_buf *b, char c) { cp_buf_append(b, &c, 1); }

/*
 * Length of the valid UTF-8 sequence at s (1-4), or 0 when the bytes there are not one
 * (overlong forms, surrogates and values above U+10FFFF are invalid). *cp gets the value.
 */
static size_t utf8_sequence(const unsigned char *s, uint32_t *cp) {
  unsigned char c = s[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  size_t n;
  uint32_t v, min;
  if ((c & 0xE0) == 0xC0) {
    n = 2, v = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, v = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, v = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  for (size_t i = 1; i < n; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0; /* also stops at the terminating NUL */
    v = (v << 6) | (s[i] & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  *cp = v;
  return n;
}

void cp_json_string(cp_buf *out, const char *s) {
  static const char hex[] = "0123456789abcdef";
  const unsigned char *p = (const unsigned char *)s;
  cp_buf_putc(out, '"');
  while (*p) {
    uint32_t cp;
    size_t n = utf8_sequence(p, &cp);
    if (n == 0) {
      cp_buf_puts(out, "\\ufffd");
      p++;
      continue;
    }
    if (n > 1) {
      cp_buf_append(out, (const char *)p, n);
    } else if (cp == '"') {
      cp_buf_puts(out, "\\\"");
    } else if (cp == '\\') {
      cp_buf_puts(out, "\\\\");
    } else if (cp == '\n') {
      cp_buf_puts(out, "\\n");
    } else if (cp == '\r') {
      cp_buf_puts(out, "\\r");
    } else if (cp == '\t') {
      cp_buf_puts(out, "\\t");
    } else if (cp < 0x20 || cp == 0x7F) {
      char esc[7] = {'\\', 'u', '0', '0', hex[(cp >> 4) & 0xF], hex[cp & 0xF], 0};
      cp_buf_puts(out, esc);
    } else {
      cp_buf_putc(out, (char)cp);
    }
    p += n;
  }
  cp_buf_putc(out, '"');
}

void cp_request_line(cp_buf *out, int argc, const char *const *argv, const char *cwd) {
  cp_buf_puts(out, "{\"argv\":[");
  for (int i = 0; i < argc; i++) {
    if (i > 0) cp_buf_putc(out, ',');
    cp_json_string(out, argv[i]);
  }
  cp_buf_puts(out, "],\"cwd\":");
  cp_json_string(out, cwd ? cwd : "");
  cp_buf_puts(out, "}\n");
}

void cp_hash_text(const char *utf8, char hex[17]) {
  uint32_t a = 0x811c9dc5u;
  uint32_t b = 0x01000193u ^ 0x5bd1e995u;
  const uint32_t pa = 0x01000193u;
  const uint32_t pb = 0x01000193u + 0x3c6ef372u;
  const unsigned char *p = (const unsigned char *)utf8;
  while (*p) {
    uint32_t cp;
    size_t n = utf8_sequence(p, &cp);
    if (n == 0) {
      cp = 0xFFFD;
      n = 1;
    }
    uint32_t units[2];
    int count = 1;
    if (cp >= 0x10000) {
      units[0] = 0xD800 + ((cp - 0x10000) >> 10);
      units[1] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
      count = 2;
    } else {
      units[0] = cp;
    }
    for (int i = 0; i < count; i++) {
      a = (a ^ units[i]) * pa;
      b = (b ^ units[i]) * pb;
    }
    p += n;
  }
  snprintf(hex, 17, "%08lx%08lx", (unsigned long)a, (unsigned long)b);
}

/* Appends the segments of p to the segment stack in out (which holds "/a/b" or ""). */
static void resolve_segments(cp_buf *out, const char *p) {
  while (*p) {
    while (*p == '/') p++;
    const char *start = p;
    while (*p && *p != '/') p++;
    size_t n = (size_t)(p - start);
    if (n == 0 || (n == 1 && start[0] == '.')) continue;
    if (n == 2 && start[0] == '.' && start[1] == '.') {
      while (out->len > 0 && out->data[out->len - 1] != '/') out->len--;
      if (out->len > 0) out->len--; /* the slash */
      if (out->data) out->data[out->len] = '\0';
      continue;
    }
    cp_buf_putc(out, '/');
    cp_buf_append(out, start, n);
  }
}

void cp_posix_resolve(cp_buf *out, const char *cwd, const char *p) {
  cp_buf_init(out);
  cp_buf_puts(out, "");
  if (p[0] != '/' && cwd) resolve_segments(out, cwd);
  resolve_segments(out, p);
  if (out->len == 0) cp_buf_putc(out, '/');
}

void cp_pipe_name(cp_buf *out, const char *abs_data_dir) {
  /* Windows paths are case-insensitive: the name hashes the path with A-Z lowered. */
  cp_buf lower;
  cp_buf_init(&lower);
  cp_buf_puts(&lower, abs_data_dir);
  for (size_t i = 0; i < lower.len; i++) {
    char c = lower.data[i];
    if (c >= 'A' && c <= 'Z') lower.data[i] = (char)(c - 'A' + 'a');
  }
  char hex[17];
  cp_hash_text(lower.failed ? "" : lower.data, hex);
  cp_buf_free(&lower);
  cp_buf_puts(out, "\\\\.\\pipe\\callpop-");
  cp_buf_puts(out, hex);
}

/*
 * CommandLineToArgvW: inside or outside quotes, 2n backslashes before a quote are n
 * backslashes and the quote is special; 2n+1 are n and a literal quote; backslashes not
 * before a quote are literal. So: double the backslashes that precede a quote (or the
 * closing quote), escape each quote, wrap the whole argument in quotes when it is empty or
 * holds a space or tab (or always: that is harmless and simpler to reason about).
 */
void cp_win_quote_arg(cp_buf *out, const char *arg) {
  cp_buf_putc(out, '"');
  size_t backslashes = 0;
  for (const char *p = arg;; p++) {
    if (*p == '\\') {
      backslashes++;
      continue;
    }
    if (*p == '\0') {
      for (size_t i = 0; i < backslashes * 2; i++) cp_buf_putc(out, '\\');
      break;
    }
    if (*p == '"') {
      for (size_t i = 0; i < backslashes * 2 + 1; i++) cp_buf_putc(out, '\\');
      cp_buf_putc(out, '"');
    } else {
      for (size_t i = 0; i < backslashes; i++) cp_buf_putc(out, '\\');
      cp_buf_putc(out, *p);
    }
    backslashes = 0;
  }
  cp_buf_putc(out, '"');
}

void cp_win_command_line(cp_buf *out, int argc, const char *const *argv) {
  for (int i = 0; i < argc; i++) {
    if (i > 0) cp_buf_putc(out, ' ');
    cp_win_quote_arg(out, argv[i]);
  }
}

void cp_unix_endpoint_for(cp_unix_endpoint *ep, const char *abs_data_dir,
                          const char *xdg_runtime_dir, const char *tmp_dir, unsigned long uid) {
  cp_buf_init(&ep->path);
  cp_buf_init(&ep->dir);
  ep->private_dir = 0;
  size_t n = strlen(abs_data_dir);
  int root = n == 1 && abs_data_dir[0] == '/';
  if (n + (root ? 0 : 1) + strlen("callpop.sock") <= CP_MAX_UNIX_SOCKET_PATH) {
    cp_buf_puts(&ep->dir, abs_data_dir);
    cp_buf_puts(&ep->path, abs_data_dir);
    if (!root) cp_buf_putc(&ep->path, '/');
    cp_buf_puts(&ep->path, "callpop.sock");
    return;
  }
  ep->private_dir = 1;
  if (xdg_runtime_dir && xdg_runtime_dir[0] == '/') {
    cp_buf_puts(&ep->dir, xdg_runtime_dir);
  } else {
    char name[48];
    snprintf(name, sizeof name, "/callpop-%lu", uid);
    cp_buf_puts(&ep->dir, tmp_dir && tmp_dir[0] ? tmp_dir : "/tmp");
    cp_buf_puts(&ep->dir, name);
  }
  char hex[17];
  cp_hash_text(abs_data_dir, hex);
  cp_buf_puts(&ep->path, ep->dir.data ? ep->dir.data : "");
  cp_buf_puts(&ep->path, "/callpop-");
  cp_buf_puts(&ep->path, hex);
  cp_buf_puts(&ep->path, ".sock");
}

void cp_unix_endpoint_free(cp_unix_endpoint *ep) {
  cp_buf_free(&ep->path);
  cp_buf_free(&ep->dir);
}

static int ascii_ieq_prefix(const char *s, const char *prefix) {
  for (; *prefix; s++, prefix++) {
    char c = *s;
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (c != *prefix) return 0;
  }
  return 1;
}

static int is_3cx_flag(const char *s) {
  if (s[0] != '/') return 0;
  char c = s[1];
  if (c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
  return (c == 'N' || c == 'C' || c == 'T' || c == 'I') && (s[2] == ':' || s[2] == '=');
}

const char *cp_data_dir_arg(int argc, const char *const *argv) {
  const char *found = NULL;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    if (!ascii_ieq_prefix(a, "--data-dir")) continue;
    const char *rest = a + strlen("--data-dir");
    if (*rest == '=') {
      if (rest[1]) found = rest + 1;
    } else if (*rest == '\0' && i + 1 < argc) {
      const char *next = argv[i + 1];
      if (next[0] && next[0] != '-' && !is_3cx_flag(next)) found = next;
    }
  }
  return found;
}

int cp_reply_ok(const char *line, size_t len) {
  static const char yes[] = "{\"ok\":true";
  static const char no[] = "{\"ok\":false";
  if (len >= sizeof yes - 1 && memcmp(line, yes, sizeof yes - 1) == 0) return 1;
  if (len >= sizeof no - 1 && memcmp(line, no, sizeof no - 1) == 0) return 0;
  return -1;
}
