/* callpop-notify: the request/reply exchange both platforms share (see notify-common.h). */
#include "notify-common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cp_detail(char *detail, size_t size, const char *what, const char *path, int err) {
  if (err)
    snprintf(detail, size, "%s %s: %s", what, path, strerror(err));
  else
    snprintf(detail, size, "%s %s", what, path);
}

static int send_all(cp_transport *t, const char *request, size_t len, int64_t deadline,
                    char *detail, size_t size) {
  size_t sent = 0;
  while (sent < len) {
    long w = t->send(t, request + sent, len - sent, deadline);
    if (w > 0) {
      sent += (size_t)w;
      continue;
    }
    if (w == CP_IO_TIMEOUT)
      cp_detail(detail, size, "timed out sending to", t->name, 0);
    else
      cp_detail(detail, size, "sending failed on", t->name, t->error);
    return -1;
  }
  return 0;
}

int cp_exchange(cp_transport *t, const char *request, size_t len, int64_t deadline,
                char *detail, size_t size) {
  if (send_all(t, request, len, deadline, detail, size) != 0) return OS_FAILED;

  int result = OS_FAILED;
  char *reply = (char *)malloc(CP_MAX_REPLY + 1);
  size_t got = 0;
  if (!reply) return OS_FAILED;
  for (;;) {
    char *nl = got ? (char *)memchr(reply, '\n', got) : NULL;
    if (nl) {
      int ok = cp_reply_ok(reply, (size_t)(nl - reply));
      if (ok == 1) {
        result = OS_DELIVERED;
      } else {
        *nl = '\0';
        snprintf(detail, size, "%s", reply);
        result = ok == 0 ? OS_REFUSED : OS_FAILED;
      }
      break;
    }
    if (got >= CP_MAX_REPLY) {
      snprintf(detail, size, "oversized reply from CallPop");
      break;
    }
    long r = t->recv(t, reply + got, CP_MAX_REPLY - got, deadline);
    if (r > 0) {
      got += (size_t)r;
      continue;
    }
    if (r == 0) {
      snprintf(detail, size, "CallPop closed the connection without confirming the event");
    } else if (r == CP_IO_TIMEOUT) {
      snprintf(detail, size, "CallPop did not confirm the event within %d ms", 2000);
    } else {
      cp_detail(detail, size, "reading the reply failed on", t->name, t->error);
    }
    break;
  }
  free(reply);
  return result;
}
