#!/usr/bin/env bash
# Stops what sogo-up.sh started, by PID only: Apache's parent, sogod's process group, memcached and our
# PostgreSQL postmaster (fast shutdown). Called by e2e/roundcube/peers-down.sh under its lock with the
# state file's values in the environment; leaves packages, config and the database in place.
set -uo pipefail
RUN=/run/lockpane-sogo
PGDATA=${SOGO_PGDATA:-/var/lib/lockpane-sogo/pg}
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
cmd_of() { tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline" || true; }
first_line() { head -1 "$1" 2>/dev/null | tr -d ' \n' || true; }

targets=()
sogod_group=""
h=$(first_line "$RUN/httpd.pid"); h=${h:-${SOGO_HTTPD_PID:-}}
if alive "$h" && [[ $(cmd_of "$h") == *apache2* ]]; then kill "$h"; targets+=("$h"); fi
g=${SOGOD_PGID:-$(first_line "$RUN/sogod/pid")}
if [ -n "$g" ] && kill -0 -- "-$g" 2>/dev/null && [[ $(cmd_of "$g") == *sogod* ]]; then kill -- "-$g"; sogod_group="-$g"; fi
m=$(first_line "$RUN/memcached/pid"); m=${m:-${SOGO_MEMCACHED_PID:-}}
if alive "$m" && [[ $(cmd_of "$m") == *memcached* ]]; then kill "$m"; targets+=("$m"); fi
p=$(first_line "$PGDATA/postmaster.pid"); p=${p:-${SOGO_PG_PID:-}}
if alive "$p" && [[ $(cmd_of "$p") == *postgres* ]]; then kill -INT "$p"; targets+=("$p"); fi # SIGINT: fast shutdown
# sogod's watchdog often lingers 30 s after its children exited; it holds nothing worth waiting for.
for _ in $(seq 20); do [ -n "$sogod_group" ] && kill -0 -- "$sogod_group" 2>/dev/null && sleep 0.1; done
[ -n "$sogod_group" ] && kill -KILL -- "$sogod_group" 2>/dev/null
left=()
for _ in $(seq 100); do
  left=()
  for t in "${targets[@]}"; do kill -0 -- "$t" 2>/dev/null && left+=("$t"); done
  [ ${#left[@]} -eq 0 ] && break
  sleep 0.1
done
for t in "${left[@]}"; do echo "sogo-down: $t did not stop in 10 s, killing" >&2; kill -KILL -- "$t" 2>/dev/null; done
exit 0
