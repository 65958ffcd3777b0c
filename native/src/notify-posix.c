/* callpop-notify on Linux and macOS: a Unix socket client and a detached fork/exec. */
#ifndef _WIN32
#define _GNU_SOURCE 1
#include "notify-common.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __APPLE__
#include <mach-o/dyld.h>
#endif

int64_t os_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void os_iso_time(char *out, size_t size) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  struct tm tm;
  gmtime_r(&ts.tv_sec, &tm);
  snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900, tm.tm_mon + 1,
           tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000);
}

static char *g_argv0;

int os_get_args(os_args *args, int argc, char **argv) {
  g_argv0 = argc > 0 ? argv[0] : NULL;
  args->argc = argc;
  args->argv = argv;
  return 0;
}

static int file_exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

static void find_exe_dir(cp_buf *out, const char *argv0) {
  char path[4096];
  path[0] = '\0';
#ifdef __APPLE__
  uint32_t size = sizeof path;
  if (_NSGetExecutablePath(path, &size) != 0) path[0] = '\0';
#else
  ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
  path[n > 0 ? n : 0] = '\0';
#endif
  if (!path[0] && argv0 && strchr(argv0, '/')) snprintf(path, sizeof path, "%s", argv0);
  char *slash = strrchr(path, '/');
  if (slash) *slash = '\0';
  char cwd[4096];
  cp_posix_resolve(out, getcwd(cwd, sizeof cwd) ? cwd : "/", path[0] ? path : ".");
}

static const char *home_dir(void) {
  const char *home = getenv("HOME");
  if (home && home[0]) return home;
  struct passwd *pw = getpwuid(getuid());
  return pw && pw->pw_dir ? pw->pw_dir : "/";
}

void os_context_init(os_context *ctx, const char *given) {
  cp_buf_init(&ctx->cwd);
  char cwd[4096];
  cp_buf_puts(&ctx->cwd, getcwd(cwd, sizeof cwd) ? cwd : "");
  cp_buf_init(&ctx->exe_dir);
  find_exe_dir(&ctx->exe_dir, g_argv0);

  cp_buf probe;
  cp_buf_init(&probe);
  cp_buf_puts(&probe, ctx->exe_dir.data);
  cp_buf_puts(&probe, "/resources/app.asar");
  ctx->desktop = file_exists(probe.data);
  cp_buf_free(&probe);

  cp_buf dir;
  cp_buf_init(&dir);
  const char *env = getenv("CALLPOP_DATA_DIR");
  if (given) {
    cp_buf_puts(&dir, given);
  } else if (env && env[0]) {
    cp_buf_puts(&dir, env);
  } else if (ctx->desktop) {
    /* The desktop app's userData: Electron's appData (XDG config) plus the app's name, which
     * is package.json's "name" (the packed package.json has no productName). */
    const char *config = getenv("XDG_CONFIG_HOME");
    if (config && config[0] == '/') {
      cp_buf_puts(&dir, config);
    } else {
      cp_buf_puts(&dir, home_dir());
      cp_buf_puts(&dir, "/.config");
    }
    cp_buf_puts(&dir, "/callpop");
  } else {
    cp_buf_puts(&dir, home_dir());
    cp_buf_puts(&dir, "/.callpop");
  }
  cp_posix_resolve(&ctx->data_dir, ctx->cwd.data, dir.data ? dir.data : ".");
  cp_buf_free(&dir);
}

/*
 * 1: the endpoint's directory is the user's and nobody else may write to it, so a socket in it
 * can be trusted once its owner is checked. 0: nothing to talk to (missing; or the data
 * directory is the user's but writable by others: CallPop closes it when it starts). -1: not
 * the user's (or a runtime directory open to others): refused.
 */
static int trusted_dir(const char *dir, int must_be_private, char *detail, size_t size) {
  struct stat st;
  if (lstat(dir, &st) != 0) return errno == ENOENT ? 0 : -1;
  if (!S_ISDIR(st.st_mode)) {
    cp_detail(detail, size, "not a directory (or a symbolic link):", dir, 0);
    return -1;
  }
  if (st.st_uid != geteuid()) {
    cp_detail(detail, size, "the endpoint directory belongs to another user:", dir, 0);
    return -1;
  }
  if (must_be_private && (st.st_mode & 077) != 0) {
    cp_detail(detail, size, "others may use the endpoint directory", dir, 0);
    return -1;
  }
  return (st.st_mode & 022) != 0 ? 0 : 1;
}

static int wait_fd(int fd, short events, int64_t deadline) {
  for (;;) {
    int64_t left = deadline - os_now_ms();
    if (left <= 0) return 0;
    struct pollfd p = {fd, events, 0};
    int r = poll(&p, 1, (int)left);
    if (r > 0) return 1;
    if (r == 0) return 0;
    if (errno != EINTR) return -1;
  }
}

/* Checks the peer's uid on the connected socket where the kernel tells it. */
static int peer_is_us(int fd) {
#if defined(SO_PEERCRED)
  struct ucred cred;
  socklen_t len = sizeof cred;
  if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0) return 0;
  return cred.uid == geteuid();
#elif defined(__APPLE__) || defined(__FreeBSD__) || defined(__OpenBSD__) || defined(__NetBSD__)
  uid_t uid;
  gid_t gid;
  if (getpeereid(fd, &uid, &gid) != 0) return 0;
  return uid == geteuid();
#else
  (void)fd;
  return 1; /* the socket file's owner was checked before connecting */
#endif
}

static long sock_send(cp_transport *t, const char *buf, size_t len, int64_t deadline) {
  int fd = *(int *)t->handle;
  for (;;) {
    ssize_t w = send(fd, buf, len, 0);
    if (w > 0) return (long)w;
    if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
      if (wait_fd(fd, POLLOUT, deadline) <= 0) return CP_IO_TIMEOUT;
      continue;
    }
    t->error = errno;
    return CP_IO_ERROR;
  }
}

static long sock_recv(cp_transport *t, char *buf, size_t len, int64_t deadline) {
  int fd = *(int *)t->handle;
  for (;;) {
    ssize_t r = recv(fd, buf, len, 0);
    if (r >= 0) return (long)r;
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
      if (wait_fd(fd, POLLIN, deadline) <= 0) return CP_IO_TIMEOUT;
      continue;
    }
    t->error = errno;
    return CP_IO_ERROR;
  }
}

int os_deliver(os_context *ctx, const char *request, size_t len, int64_t deadline, char *detail,
               size_t size) {
  signal(SIGPIPE, SIG_IGN);
  cp_unix_endpoint ep;
  const char *tmp = getenv("TMPDIR");
  if (!tmp || !tmp[0]) tmp = getenv("TMP");
  if (!tmp || !tmp[0]) tmp = getenv("TEMP");
  cp_buf tmp_dir;
  cp_posix_resolve(&tmp_dir, "/", tmp && tmp[0] ? tmp : "/tmp");
  cp_unix_endpoint_for(&ep, ctx->data_dir.data, getenv("XDG_RUNTIME_DIR"), tmp_dir.data,
                       (unsigned long)geteuid());
  cp_buf_free(&tmp_dir);
  int result = OS_FAILED;
  int fd = -1;

  int dir_ok = trusted_dir(ep.dir.data, ep.private_dir, detail, size);
  if (dir_ok == 0) {
    result = OS_NOT_LISTENING;
    goto done;
  }
  if (dir_ok < 0) {
    result = OS_FOREIGN;
    goto done;
  }
  struct stat st;
  if (lstat(ep.path.data, &st) != 0) {
    result = OS_NOT_LISTENING;
    goto done;
  }
  if (!S_ISSOCK(st.st_mode) || st.st_uid != geteuid()) {
    /* Not ours (squatted, or a leftover of something else): never talk to it. CallPop, once
     * started, removes it from our own directory and listens there itself. */
    result = OS_NOT_LISTENING;
    goto done;
  }

  struct sockaddr_un addr;
  memset(&addr, 0, sizeof addr);
  addr.sun_family = AF_UNIX;
  if (ep.path.len >= sizeof addr.sun_path) {
    cp_detail(detail, size, "endpoint path too long:", ep.path.data, 0);
    goto done;
  }
  memcpy(addr.sun_path, ep.path.data, ep.path.len + 1);

  for (;;) {
    fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0) {
      cp_detail(detail, size, "socket() failed for", ep.path.data, errno);
      goto done;
    }
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) == 0) break;
    int err = errno;
    if (err == EINPROGRESS) {
      if (wait_fd(fd, POLLOUT, deadline) <= 0) {
        cp_detail(detail, size, "timed out connecting to", ep.path.data, 0);
        goto done;
      }
      socklen_t l = sizeof err;
      if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &l) != 0) err = errno;
      if (err == 0) break;
    }
    close(fd);
    fd = -1;
    if (err == ENOENT || err == ECONNREFUSED) {
      result = OS_NOT_LISTENING; /* nothing listens, or a socket left by a crash */
      goto done;
    }
    if (err != EAGAIN && err != EINTR) {
      cp_detail(detail, size, "cannot connect to", ep.path.data, err);
      goto done;
    }
    /* EAGAIN: the listener's backlog is full; it is busy, not gone. */
    if (os_now_ms() + 10 >= deadline) {
      cp_detail(detail, size, "CallPop is too busy to accept at", ep.path.data, 0);
      goto done;
    }
    struct timespec pause = {0, 10 * 1000000};
    nanosleep(&pause, NULL);
  }

  if (!peer_is_us(fd)) {
    cp_detail(detail, size, "the process listening on the endpoint is another user's:",
               ep.path.data, 0);
    result = OS_FOREIGN;
    goto done;
  }

  {
    cp_transport t = {&fd, ep.path.data, 0, sock_send, sock_recv};
    result = cp_exchange(&t, request, len, deadline, detail, size);
  }

done:
  if (fd >= 0) close(fd);
  cp_unix_endpoint_free(&ep);
  return result;
}

int os_start_callpop(os_context *ctx, int argc, const char *const *argv, char *detail,
                     size_t size) {
  /* Browser mode: node <cli> ARGS; the desktop package: the app binary beside us. */
  cp_buf cli, app;
  cp_buf_init(&cli);
  cp_buf_init(&app);
  const char *cli_env = getenv("CALLPOP_NOTIFY_CLI");
  if (cli_env && cli_env[0]) {
    cp_buf_puts(&cli, cli_env);
  } else {
    cp_buf_puts(&cli, ctx->exe_dir.data);
    cp_buf_puts(&cli, "/../cli/callpop.mjs");
    if (!file_exists(cli.data)) cp_buf_free(&cli);
  }
  if (!cli.len) {
    cp_buf_puts(&app, ctx->exe_dir.data);
    cp_buf_puts(&app, "/callpop");
    if (!ctx->desktop || access(app.data, X_OK) != 0) {
      snprintf(detail, size, "found neither %s/../cli/callpop.mjs nor the CallPop app beside it",
               ctx->exe_dir.data);
      cp_buf_free(&app);
      return -1;
    }
  }
  const char *node = getenv("CALLPOP_NODE");
  if (!node || !node[0]) node = "node";

  const char **child_argv = (const char **)calloc((size_t)argc + 3, sizeof(char *));
  if (!child_argv) return -1;
  int k = 0;
  if (cli.len) {
    child_argv[k++] = node;
    child_argv[k++] = cli.data;
  } else {
    child_argv[k++] = app.data;
  }
  for (int i = 0; i < argc; i++) child_argv[k++] = argv[i];
  child_argv[k] = NULL;

  /* The exec result travels back through a close-on-exec pipe: EOF means exec worked. */
  int report[2];
  if (pipe(report) != 0) {
    snprintf(detail, size, "pipe() failed: %s", strerror(errno));
    free(child_argv);
    return -1;
  }
  fcntl(report[0], F_SETFD, FD_CLOEXEC);
  fcntl(report[1], F_SETFD, FD_CLOEXEC);

  pid_t first = fork();
  if (first < 0) {
    snprintf(detail, size, "fork() failed: %s", strerror(errno));
    close(report[0]);
    close(report[1]);
    free(child_argv);
    return -1;
  }
  if (first == 0) {
    /* Detached: a new session, then a grandchild that init adopts. */
    close(report[0]);
    setsid();
    pid_t second = fork();
    if (second != 0) _exit(second < 0 ? 1 : 0);
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
      dup2(null, 0);
      dup2(null, 1);
      dup2(null, 2);
      if (null > 2) close(null);
    }
    signal(SIGPIPE, SIG_DFL);
    if (cli.len)
      execvp(child_argv[0], (char *const *)child_argv);
    else
      execv(child_argv[0], (char *const *)child_argv);
    int err = errno;
    ssize_t ignored = write(report[1], &err, sizeof err);
    (void)ignored;
    _exit(127);
  }
  close(report[1]);
  int status = 0;
  while (waitpid(first, &status, 0) < 0 && errno == EINTR) {
  }
  int err = 0;
  ssize_t r;
  do {
    r = read(report[0], &err, sizeof err);
  } while (r < 0 && errno == EINTR);
  close(report[0]);
  int rc = 0;
  if (r == (ssize_t)sizeof err) {
    snprintf(detail, size, "cannot run %s: %s", child_argv[0], strerror(err));
    rc = -1;
  } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    snprintf(detail, size, "fork() failed in the detached child");
    rc = -1;
  }
  free(child_argv);
  cp_buf_free(&cli);
  cp_buf_free(&app);
  return rc;
}

void os_append_log(const char *data_dir, const char *line, size_t len) {
  cp_buf path;
  cp_buf_init(&path);
  cp_buf_puts(&path, data_dir);
  cp_buf_puts(&path, "/logs");
  /* The data directory may not exist yet (nothing has started CallPop there): create every
   * missing level, private, as CallPop itself would, so the line is never lost. */
  if (path.data) {
    for (char *p = path.data + 1; *p; p++) {
      if (*p != '/') continue;
      *p = '\0';
      mkdir(path.data, 0700);
      *p = '/';
    }
    mkdir(path.data, 0700);
  }
  cp_buf_puts(&path, "/notify.log");
  int fd = open(path.data, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd >= 0) {
    ssize_t ignored = write(fd, line, len);
    (void)ignored;
    close(fd);
  }
  cp_buf_free(&path);
}

#endif
