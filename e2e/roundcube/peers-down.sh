#!/usr/bin/env bash
# Stops what peers-up.sh started, by PID only: the php -S process group, our Dovecot master (its own
# base_dir), Postfix's master and SOGo's daemons (e2e/sogo/sogo-down.sh). Leaves the packages, config and Maildirs in place. Run as root.
set -uo pipefail
STATE=${STATE:-/run/lockpane-peers/state}
[ "$(id -u)" = 0 ] || { echo "peers-down: must run as root" >&2; exit 1; }
if [ -z "${PEERS_LOCKED:-}" ]; then # see peers-up.sh
  install -d -m 755 "$(dirname "$STATE")"
  exec 9>"$(dirname "$STATE")/lock"
  flock -w 120 9 || { echo "peers-down: another peers-up/peers-down is still running" >&2; exit 1; }
fi
declare -A S=()
if [ -f "$STATE" ]; then
  while IFS='=' read -r k v; do [ -n "$k" ] && S[$k]=$v; done <"$STATE"
fi
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
# stderr is redirected before the input: the shell itself reports a missing input file, on the stderr in force then.
cmd_of() { tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline" || true; }
pid_in() { tr -d ' \n' 2>/dev/null <"$1" || true; }
# SOGo's daemons (e2e/sogo/sogo-down.sh), stopped alongside ours.
env SOGOD_PGID="${S[SOGOD_PGID]:-}" SOGO_HTTPD_PID="${S[SOGO_HTTPD_PID]:-}" SOGO_MEMCACHED_PID="${S[SOGO_MEMCACHED_PID]:-}" \
  SOGO_PG_PID="${S[SOGO_PG_PID]:-}" SOGO_PGDATA="${S[SOGO_PGDATA]:-}" bash "$(dirname "$0")/../sogo/sogo-down.sh" &
sogo_down=$!
targets=() # TERM everything at once, then wait for all: Dovecot alone takes 1-2 s to go
pg=${S[PHP_PGID]:-}
if [ -n "$pg" ] && kill -0 -- "-$pg" 2>/dev/null; then kill -- "-$pg" 2>/dev/null; targets+=("-$pg"); fi
d=$(cat /run/lockpane-dovecot/master.pid 2>/dev/null || echo "${S[DOVECOT_PID]:-}")
if alive "$d" && [[ $(cmd_of "$d") == *dovecot* ]]; then kill "$d"; targets+=("$d"); fi
p=$(pid_in /var/spool/postfix/pid/master.pid); p=${p:-${S[POSTFIX_PID]:-}}
if alive "$p" && [[ $(cmd_of "$p") == *master* ]]; then kill "$p"; targets+=("$p"); fi
for _ in $(seq 100); do
  left=()
  for t in "${targets[@]}"; do kill -0 -- "$t" 2>/dev/null && left+=("$t"); done
  [ ${#left[@]} -eq 0 ] && break
  sleep 0.1
done
for t in "${left[@]}"; do echo "peers-down: $t did not stop in 10 s, killing" >&2; kill -KILL -- "$t" 2>/dev/null; done
wait "$sogo_down"
rm -f "$STATE"
echo "peers-down: stopped" >&2
