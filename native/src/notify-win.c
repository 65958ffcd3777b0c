/*
 * callpop-notify on Windows: a named-pipe client that checks the pipe server runs as this
 * very user before sending anything, and CreateProcessW (no shell) to start CallPop.exe.
 */
#ifdef _WIN32
#include "notify-common.h"

#include <windows.h>
#include <shellapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int64_t os_now_ms(void) { return (int64_t)GetTickCount64(); }

void os_iso_time(char *out, size_t size) {
  SYSTEMTIME t;
  GetSystemTime(&t);
  snprintf(out, size, "%04u-%02u-%02uT%02u:%02u:%02u.%03uZ", t.wYear, t.wMonth, t.wDay, t.wHour,
           t.wMinute, t.wSecond, t.wMilliseconds);
}

static char *to_utf8(const wchar_t *w) {
  int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
  if (n <= 0) return NULL;
  char *s = (char *)malloc((size_t)n);
  if (s && WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL) <= 0) {
    free(s);
    return NULL;
  }
  return s;
}

static wchar_t *to_wide(const char *s) {
  int n = MultiByteToWideChar(CP_UTF8, 0, s, -1, NULL, 0);
  if (n <= 0) return NULL;
  wchar_t *w = (wchar_t *)malloc((size_t)n * sizeof(wchar_t));
  if (w && MultiByteToWideChar(CP_UTF8, 0, s, -1, w, n) <= 0) {
    free(w);
    return NULL;
  }
  return w;
}

/* The C runtime's argv is in the ANSI code page: take the real UTF-16 command line. */
int os_get_args(os_args *args, int argc, char **argv) {
  (void)argc;
  (void)argv;
  int n = 0;
  wchar_t **wide = CommandLineToArgvW(GetCommandLineW(), &n);
  if (!wide) return -1;
  args->argc = n;
  args->argv = (char **)calloc((size_t)n + 1, sizeof(char *));
  if (!args->argv) return -1;
  for (int i = 0; i < n; i++) {
    args->argv[i] = to_utf8(wide[i]);
    if (!args->argv[i]) return -1;
  }
  LocalFree(wide);
  return 0;
}

static char *env_utf8(const wchar_t *name) {
  wchar_t buf[32768];
  DWORD n = GetEnvironmentVariableW(name, buf, 32768);
  if (n == 0 || n >= 32768) return NULL;
  return to_utf8(buf);
}

static int file_exists_w(const wchar_t *path) {
  return GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES;
}

static int is_sep(wchar_t c) { return c == L'\\' || c == L'/'; }

/*
 * The length of a root that Node's resolve ends with a separator, counting that separator
 * whether it is there or not: 3 for C:\ and 12 for \\fs\agent1 (or \\fs\agent1\ ), else 0.
 */
static DWORD root_length(const wchar_t *p) {
  if (p[0] && p[1] == L':' && is_sep(p[2])) return 3;
  if (!is_sep(p[0]) || !is_sep(p[1]) || p[2] == L'?' || p[2] == L'.') return 0;
  const wchar_t *q = p + 2;
  while (*q && !is_sep(*q)) q++; /* the server */
  if (q == p + 2 || !*q) return 0;
  const wchar_t *share = ++q;
  while (*q && !is_sep(*q)) q++;
  return q == share ? 0 : (DWORD)(q - p) + 1;
}

/* path.win32.resolve, as far as the data directory needs it: GetFullPathNameW. */
static void full_path(cp_buf *out, const char *path) {
  cp_buf_init(out);
  wchar_t *w = to_wide(path);
  wchar_t full[32768];
  DWORD n = w ? GetFullPathNameW(w, 32767, full, NULL) : 0;
  free(w);
  if (n == 0 || n >= 32767) {
    cp_buf_puts(out, path);
    return;
  }
  /* Node's resolve drops a trailing separator except after a root (C:\ or \\fs\share\ ),
   * and adds the one a share root lacks: the pipe's name must be the one Node computes. */
  DWORD root = root_length(full);
  while (n > (root ? root : 3) && is_sep(full[n - 1])) full[--n] = 0;
  if (root == n + 1) {
    full[n++] = L'\\';
    full[n] = 0;
  }
  char *u = to_utf8(full);
  cp_buf_puts(out, u ? u : path);
  free(u);
}

void os_context_init(os_context *ctx, const char *given) {
  cp_buf_init(&ctx->cwd);
  wchar_t cwd[32768];
  DWORD n = GetCurrentDirectoryW(32768, cwd);
  char *u = n > 0 && n < 32768 ? to_utf8(cwd) : NULL;
  cp_buf_puts(&ctx->cwd, u ? u : "");
  free(u);

  cp_buf_init(&ctx->exe_dir);
  wchar_t exe[32768];
  n = GetModuleFileNameW(NULL, exe, 32768);
  if (n > 0 && n < 32768) {
    wchar_t *slash = wcsrchr(exe, L'\\');
    if (slash) *slash = 0;
    u = to_utf8(exe);
    cp_buf_puts(&ctx->exe_dir, u ? u : ".");
    free(u);
    /* Installed beside the desktop app: CallPop.exe next to us. */
    wcscat_s(exe, 32768, L"\\CallPop.exe");
    ctx->desktop = file_exists_w(exe);
  } else {
    cp_buf_puts(&ctx->exe_dir, ".");
    ctx->desktop = 0;
  }

  cp_buf dir;
  cp_buf_init(&dir);
  char *env = env_utf8(L"CALLPOP_DATA_DIR");
  if (given) {
    cp_buf_puts(&dir, given);
  } else if (env && env[0]) {
    cp_buf_puts(&dir, env);
  } else if (ctx->desktop) {
    /* Electron's userData for the packaged app: %APPDATA%\callpop (package.json's name; the
     * packed package.json has no productName; Windows ignores the case anyway). */
    char *appdata = env_utf8(L"APPDATA");
    cp_buf_puts(&dir, appdata ? appdata : ".");
    cp_buf_puts(&dir, "\\callpop");
    free(appdata);
  } else {
    /* Browser mode (npx callpop): os.homedir() is %USERPROFILE%. */
    char *home = env_utf8(L"USERPROFILE");
    cp_buf_puts(&dir, home ? home : ".");
    cp_buf_puts(&dir, "\\.callpop");
    free(home);
  }
  free(env);
  full_path(&ctx->data_dir, dir.data ? dir.data : ".");
  cp_buf_free(&dir);
}

static PSID token_user(HANDLE token, BYTE *buf, DWORD size) {
  DWORD needed = 0;
  if (!GetTokenInformation(token, TokenUser, buf, size, &needed)) return NULL;
  return ((TOKEN_USER *)buf)->User.Sid;
}

/* 1 when the process serving the pipe runs as the same user as we do. */
static int server_is_us(HANDLE pipe) {
  ULONG pid = 0;
  if (!GetNamedPipeServerProcessId(pipe, &pid)) return 0;
  HANDLE process = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid);
  if (!process) return 0;
  HANDLE theirs = NULL, ours = NULL;
  int same = 0;
  if (OpenProcessToken(process, TOKEN_QUERY, &theirs) &&
      OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &ours)) {
    BYTE a[256], b[256];
    PSID sa = token_user(theirs, a, sizeof a);
    PSID sb = token_user(ours, b, sizeof b);
    same = sa && sb && EqualSid(sa, sb);
  }
  if (theirs) CloseHandle(theirs);
  if (ours) CloseHandle(ours);
  CloseHandle(process);
  return same;
}

/* One overlapped read or write, bounded by the deadline. */
static int pipe_io(HANDLE pipe, int writing, void *buf, DWORD len, DWORD *done, int64_t deadline) {
  OVERLAPPED ov;
  memset(&ov, 0, sizeof ov);
  ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
  if (!ov.hEvent) return -1;
  BOOL ok = writing ? WriteFile(pipe, buf, len, NULL, &ov) : ReadFile(pipe, buf, len, NULL, &ov);
  int rc = 0;
  if (!ok && GetLastError() != ERROR_IO_PENDING) {
    rc = GetLastError() == ERROR_BROKEN_PIPE ? 1 : -1;
  } else {
    int64_t left = deadline - os_now_ms();
    if (WaitForSingleObject(ov.hEvent, left > 0 ? (DWORD)left : 0) != WAIT_OBJECT_0) {
      CancelIoEx(pipe, &ov);
      GetOverlappedResult(pipe, &ov, done, TRUE);
      rc = -2; /* timeout */
    } else if (!GetOverlappedResult(pipe, &ov, done, FALSE)) {
      rc = GetLastError() == ERROR_BROKEN_PIPE ? 1 : -1;
    }
  }
  CloseHandle(ov.hEvent);
  return rc;
}

static long pipe_send(cp_transport *t, const char *buf, size_t len, int64_t deadline) {
  DWORD w = 0;
  int rc = pipe_io(*(HANDLE *)t->handle, 1, (void *)buf, (DWORD)len, &w, deadline);
  if (rc == -2) return CP_IO_TIMEOUT;
  return rc == 0 ? (long)w : CP_IO_ERROR;
}

/* A broken pipe or any other read error means CallPop went away: "closed" (0). */
static long pipe_recv(cp_transport *t, char *buf, size_t len, int64_t deadline) {
  DWORD r = 0;
  int rc = pipe_io(*(HANDLE *)t->handle, 0, buf, (DWORD)len, &r, deadline);
  if (rc == -2) return CP_IO_TIMEOUT;
  return rc == 0 ? (long)r : 0;
}

int os_deliver(os_context *ctx, const char *request, size_t len, int64_t deadline, char *detail,
               size_t size) {
  cp_buf name;
  cp_buf_init(&name);
  cp_pipe_name(&name, ctx->data_dir.data);
  wchar_t *wname = to_wide(name.data);
  int result = OS_FAILED;
  HANDLE pipe = INVALID_HANDLE_VALUE;
  if (!wname) goto done;

  for (;;) {
    /* SECURITY_IDENTIFICATION: the server may learn who we are but never act as us. */
    pipe = CreateFileW(wname, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING,
                       FILE_FLAG_OVERLAPPED | SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION,
                       NULL);
    if (pipe != INVALID_HANDLE_VALUE) break;
    DWORD err = GetLastError();
    if (err == ERROR_FILE_NOT_FOUND) {
      result = OS_NOT_LISTENING;
      goto done;
    }
    if (err != ERROR_PIPE_BUSY) {
      snprintf(detail, size, "cannot open %s (error %lu)", name.data, (unsigned long)err);
      goto done;
    }
    int64_t left = deadline - os_now_ms();
    if (left <= 0 || !WaitNamedPipeW(wname, (DWORD)left)) {
      if (GetLastError() == ERROR_FILE_NOT_FOUND) {
        result = OS_NOT_LISTENING;
      } else {
        snprintf(detail, size, "CallPop is too busy to accept at %s", name.data);
      }
      goto done;
    }
  }

  if (!server_is_us(pipe)) {
    snprintf(detail, size, "the pipe %s is served by another user's process", name.data);
    result = OS_FOREIGN;
    goto done;
  }

  {
    cp_transport t = {&pipe, name.data, 0, pipe_send, pipe_recv};
    result = cp_exchange(&t, request, len, deadline, detail, size);
  }

done:
  if (pipe != INVALID_HANDLE_VALUE) CloseHandle(pipe);
  free(wname);
  cp_buf_free(&name);
  return result;
}

int os_start_callpop(os_context *ctx, int argc, const char *const *argv, char *detail,
                     size_t size) {
  /* The desktop app beside us, else browser mode: node ..\cli\callpop.mjs. */
  cp_buf program, line;
  cp_buf_init(&program);
  cp_buf_init(&line);
  const char **all = (const char **)calloc((size_t)argc + 2, sizeof(char *));
  if (!all) return -1;
  int k = 0;
  char *node = NULL, *cli = env_utf8(L"CALLPOP_NOTIFY_CLI");
  if (ctx->desktop && !cli) {
    cp_buf_puts(&program, ctx->exe_dir.data);
    cp_buf_puts(&program, "\\CallPop.exe");
    all[k++] = program.data;
  } else {
    if (!cli) {
      cp_buf c;
      cp_buf_init(&c);
      cp_buf_puts(&c, ctx->exe_dir.data);
      cp_buf_puts(&c, "\\..\\cli\\callpop.mjs");
      cli = _strdup(c.data ? c.data : "");
      cp_buf_free(&c);
    }
    node = env_utf8(L"CALLPOP_NODE");
    if (!node) {
      /* CreateProcessW needs the full path: look node.exe up on PATH (no shell). */
      wchar_t found[MAX_PATH];
      if (SearchPathW(NULL, L"node.exe", NULL, MAX_PATH, found, NULL) == 0) {
        snprintf(detail, size, "node.exe is not on PATH and CallPop.exe is not beside %s",
                 ctx->exe_dir.data);
        free(all);
        free(cli);
        return -1;
      }
      node = to_utf8(found);
    }
    cp_buf_puts(&program, node ? node : "");
    all[k++] = program.data;
    all[k++] = cli;
  }
  for (int i = 0; i < argc; i++) all[k++] = argv[i];
  /* Every argument quoted by CommandLineToArgvW's rules: a caller id can never become two. */
  cp_win_command_line(&line, k, all);

  wchar_t *wprogram = to_wide(program.data ? program.data : "");
  wchar_t *wline = to_wide(line.data ? line.data : "");
  int rc = -1;
  if (wprogram && wline && !line.failed) {
    STARTUPINFOW si;
    PROCESS_INFORMATION pi;
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    memset(&pi, 0, sizeof pi);
    DWORD flags = CREATE_UNICODE_ENVIRONMENT | CREATE_NEW_PROCESS_GROUP |
                  (ctx->desktop && !cli ? 0 : CREATE_NO_WINDOW);
    if (CreateProcessW(wprogram, wline, NULL, NULL, FALSE, flags, NULL, NULL, &si, &pi)) {
      CloseHandle(pi.hThread);
      CloseHandle(pi.hProcess);
      rc = 0;
    } else {
      snprintf(detail, size, "CreateProcessW(%s) failed (error %lu)", program.data,
               (unsigned long)GetLastError());
    }
  }
  free(wprogram);
  free(wline);
  free(all);
  free(node);
  free(cli);
  cp_buf_free(&program);
  cp_buf_free(&line);
  return rc;
}

void os_append_log(const char *data_dir, const char *line, size_t len) {
  cp_buf path;
  cp_buf_init(&path);
  cp_buf_puts(&path, data_dir);
  cp_buf_puts(&path, "\\logs");
  /* The data directory may not exist yet: create every missing level so the line is never
   * lost. Levels that cannot be made (a drive, a server, a share root) just fail. */
  wchar_t *w = to_wide(path.data ? path.data : "");
  if (w) {
    for (wchar_t *p = w + 1; *p; p++) {
      if (*p != L'\\' && *p != L'/') continue;
      wchar_t keep = *p;
      *p = 0;
      CreateDirectoryW(w, NULL);
      *p = keep;
    }
    CreateDirectoryW(w, NULL);
  }
  free(w);
  cp_buf_puts(&path, "\\notify.log");
  w = to_wide(path.data);
  HANDLE f = w ? CreateFileW(w, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                             OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL)
               : INVALID_HANDLE_VALUE;
  if (f != INVALID_HANDLE_VALUE) {
    DWORD written = 0;
    WriteFile(f, line, (DWORD)len, &written, NULL);
    CloseHandle(f);
  }
  free(w);
  cp_buf_free(&path);
}
#endif
