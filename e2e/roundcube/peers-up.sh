#!/usr/bin/env bash
# Starts the real mail stack for the Roundcube e2e specs, on loopback only:
#   Postfix (SMTP 127.0.0.1:25) -> Dovecot LMTP (127.0.0.1:24) -> Maildirs <- Dovecot IMAP (127.0.0.1:143)
#   <- Roundcube (Debian's package, sqlite) on PHP's built-in server (127.0.0.1:$PORT, default 8080)
#   <- SOGo (Debian's package, PostgreSQL, behind Apache on 127.0.0.1:$SOGO_PORT, default 8090): e2e/sogo/sogo-up.sh.
# Users alice and bob on $DOMAIN (passwords alice-pass, bob-pass). Run as root on Debian 12.
# Idempotent: installs only what is missing, rewrites its config, keeps healthy daemons of a previous run
# (reloading them when their config changed), replaces stale ones. `--restart` stops ours first.
# Writes KEY=value lines to $STATE (default /run/lockpane-peers/state); the last stdout line is the URL.
set -euo pipefail

DOMAIN=${DOMAIN:-example.test}
PORT_ASKED=${PORT:-}
PORT=${PORT:-8080}
USERS=${USERS:-alice bob}
STATE=${STATE:-/run/lockpane-peers/state}
RUN=$(dirname "$STATE")
DOVECOT_CONF=/etc/dovecot/lockpane-peers.conf
DOVECOT_BASE=/run/lockpane-dovecot
MAIL_ROOT=/var/mail/vhosts
RC_ROOT=/var/lib/roundcube/public_html
RC_CONF=/etc/roundcube/config.inc.php
LOG_DIR=/var/log/lockpane-peers
PACKAGES=(postfix dovecot-imapd dovecot-lmtpd roundcube-core roundcube-sqlite3 roundcube-skin-larry php-cli sqlite3)
RESTART=0
[ "${1:-}" = "--restart" ] && RESTART=1

die() { echo "peers-up: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root (it installs and starts Postfix, Dovecot and Roundcube)"
[ -f /etc/debian_version ] || die "needs Debian (apt packages roundcube-core, dovecot, postfix)"
t0=$(date +%s%N)
ms() { echo $(( ($(date +%s%N) - t0) / 1000000 )); }
install -d -m 755 "$RUN" "$LOG_DIR"
# One peers-up/down at a time (a test worker's exit may stop the rig while the next worker starts it).
# Daemons are started with fd 9 closed, or they would hold the lock forever.
if [ -z "${PEERS_LOCKED:-}" ]; then
  exec 9>"$RUN/lock"
  flock -w 120 9 || die "another peers-up/peers-down did not finish within 120 s"
  export PEERS_LOCKED=1
fi

# --- helpers --------------------------------------------------------------------------------------
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
# stderr is redirected before the input: the shell itself reports a missing input file, on the stderr in force then.
cmd_of() { tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline" || true; }
pid_in() { tr -d ' \n' 2>/dev/null <"$1" || true; }
who_listens() { command -v ss >/dev/null && ss -ltnpH "sport = :$1" 2>/dev/null | sed 's/.*users://' | head -1 || true; }
wait_gone() { for _ in $(seq 50); do alive "$1" || return 0; sleep 0.1; done; kill -KILL "$1" 2>/dev/null || true; }
http_ok() { # a GET of the login page answers 200 (no curl needed)
  local line
  line=$( { exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET /?_task=login HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && head -1 <&3; } 2>/dev/null ) || return 1
  [[ $line == *" 200 "* ]]
}
declare -A OLD=()
if [ -f "$STATE" ]; then
  while IFS='=' read -r k v; do [ -n "$k" ] && OLD[$k]=$v; done <"$STATE"
fi

# --- install (only what is missing) ---------------------------------------------------------------
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "peers-up: installing ${missing[*]} (log: $LOG_DIR/apt.log)"
  export DEBIAN_FRONTEND=noninteractive
  debconf-set-selections <<SEL
postfix postfix/main_mailer_type select Local only
postfix postfix/mailname string $DOMAIN
roundcube-core roundcube/dbconfig-install boolean true
roundcube-core roundcube/database-type select sqlite3
roundcube-core roundcube/restart-webserver boolean false
roundcube-core roundcube/reconfigure-webserver multiselect
SEL
  apt-cache show roundcube-core >/dev/null 2>&1 || apt-get update -q >"$LOG_DIR/apt.log" 2>&1 \
    || die "apt-get update failed (see $LOG_DIR/apt.log)"
  apt-get install -y -q --no-install-recommends "${missing[@]}" >>"$LOG_DIR/apt.log" 2>&1 \
    || die "apt-get install failed (see $LOG_DIR/apt.log)"
  # On a systemd host the packages start their own daemons with their own config: we run ours instead.
  if [ -d /run/systemd/system ]; then
    systemctl disable --now dovecot.service dovecot.socket postfix.service >/dev/null 2>&1 || true
  fi
  echo "peers-up: installed in $(ms) ms"
fi

# --- configure ------------------------------------------------------------------------------------
id vmail >/dev/null 2>&1 || useradd -r -u 5000 -U -d "$MAIL_ROOT" -s /usr/sbin/nologin vmail 2>/dev/null
install -d -o vmail -g vmail "$MAIL_ROOT"

# Dovecot: a standalone config (no conf.d, PAM or TLS) with its own base_dir, so it never mixes with a
# system Dovecot. mail_save_crlf keeps stored files byte-identical to what IMAP serves.
cat >"$DOVECOT_CONF.new" <<CONF
base_dir = $DOVECOT_BASE
protocols = imap lmtp
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:$MAIL_ROOT/%d/%n
mail_save_crlf = yes
mail_uid = vmail
mail_gid = vmail
first_valid_uid = 5000
log_path = $LOG_DIR/dovecot.log
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u /etc/dovecot/lockpane-peers.users
}
userdb {
  driver = static
  args = uid=vmail gid=vmail home=$MAIL_ROOT/%d/%n
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = 143
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = 24
  }
}
namespace inbox {
  inbox = yes
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
}
CONF
for u in $USERS; do echo "$u@$DOMAIN:{PLAIN}$u-pass"; done >/etc/dovecot/lockpane-peers.users
chown root:dovecot /etc/dovecot/lockpane-peers.users
chmod 640 /etc/dovecot/lockpane-peers.users
dovecot_changed=1
if cmp -s "$DOVECOT_CONF.new" "$DOVECOT_CONF"; then dovecot_changed=0; rm "$DOVECOT_CONF.new"; else mv "$DOVECOT_CONF.new" "$DOVECOT_CONF"; fi

# Postfix: the domain is virtual (leaves mydestination), delivered over LMTP; mail elsewhere bounces.
postfix_before=$(md5sum </etc/postfix/main.cf)
postconf -e "myhostname = mail.$DOMAIN" "mydestination = localhost" "virtual_mailbox_domains = $DOMAIN" \
  "virtual_transport = lmtp:inet:127.0.0.1:24" "inet_interfaces = loopback-only" "inet_protocols = ipv4" \
  "mynetworks = 127.0.0.0/8" "smtpd_tls_security_level = none" "maillog_file = $LOG_DIR/postfix.log" \
  "message_size_limit = 104857600"
[ -f /etc/aliases.db ] || newaliases
postfix_changed=0
[ "$postfix_before" = "$(md5sum </etc/postfix/main.cf)" ] || postfix_changed=1

# Roundcube: our block between markers, rewritten each run; the enigma plugin (and every other) stays off.
sed -i '/^\/\/ lockpane-peers begin/,/^\/\/ lockpane-peers end/d' "$RC_CONF"
cat >>"$RC_CONF" <<RC
// lockpane-peers begin (written by e2e/roundcube/peers-up.sh)
\$config['imap_host'] = '127.0.0.1:143';
\$config['smtp_host'] = '127.0.0.1:25';
\$config['smtp_user'] = '';
\$config['smtp_pass'] = '';
\$config['username_domain'] = '$DOMAIN';
\$config['mail_domain'] = '$DOMAIN';
\$config['plugins'] = [];
\$config['skin'] = getenv('LOCKPANE_RC_SKIN') ?: 'elastic';
\$config['log_dir'] = '$LOG_DIR/';
// lockpane-peers end
RC
install -d -o www-data -g adm /var/log/roundcube
chown www-data "$LOG_DIR"
[ -n "$(ls /var/lib/dbconfig-common/sqlite3/roundcube/ 2>/dev/null)" ] || die "Roundcube's sqlite database is missing (dbconfig-common did not create it; see $LOG_DIR/apt.log)"

# --- start (or keep) the daemons ---------------------------------------------------------------------
if [ $RESTART = 1 ]; then STATE=$STATE bash "$(dirname "$0")/peers-down.sh"; OLD=(); fi

# --- Dovecot --------------------------------------------------------------------------------------
dpid=$(cat "$DOVECOT_BASE/master.pid" 2>/dev/null || true)
if alive "$dpid" && [[ $(cmd_of "$dpid") == *dovecot* ]]; then
  [ $dovecot_changed = 0 ] || doveadm -c "$DOVECOT_CONF" reload </dev/null >>"$LOG_DIR/daemons.log" 2>&1 9>&-
else dpid=""; fi
if [ -z "$dpid" ]; then
  for p in 143 24; do port_open $p && die "port $p is busy but not by our Dovecot: $(who_listens $p)"; done
  # Daemons get no inherited stdio: a caller waiting for our output must not wait for them too.
  dovecot -c "$DOVECOT_CONF" </dev/null >>"$LOG_DIR/daemons.log" 2>&1 9>&- || die "dovecot did not start (see $LOG_DIR/dovecot.log)"
  for _ in $(seq 50); do [ -s "$DOVECOT_BASE/master.pid" ] && break; sleep 0.1; done
  dpid=$(cat "$DOVECOT_BASE/master.pid" 2>/dev/null || true)
fi

# --- Postfix --------------------------------------------------------------------------------------
ppid_=$(pid_in /var/spool/postfix/pid/master.pid)
if alive "$ppid_" && [[ $(cmd_of "$ppid_") == *master* ]]; then
  # inet_interfaces changes need a full stop/start; anything else a reload.
  if [ $postfix_changed = 1 ]; then postfix stop </dev/null >>"$LOG_DIR/daemons.log" 2>&1; wait_gone "$ppid_"; ppid_=""; fi
else ppid_=""; fi
if [ -z "$ppid_" ]; then
  port_open 25 && die "port 25 is busy but not by our Postfix: $(who_listens 25)"
  postfix start </dev/null >>"$LOG_DIR/daemons.log" 2>&1 9>&- || die "postfix start failed (see $LOG_DIR/postfix.log)"
  for _ in $(seq 50); do [ -s /var/spool/postfix/pid/master.pid ] && break; sleep 0.1; done
  ppid_=$(pid_in /var/spool/postfix/pid/master.pid)
fi

# --- Roundcube on php -S ----------------------------------------------------------------------------
# Started under setsid: its workers (PHP_CLI_SERVER_WORKERS) survive their parent, so we always stop
# the whole process group. The previous instance is ours when its pid's command line is php -S.
php_pgid=${OLD[PHP_PGID]:-}
old_port=${OLD[PORT]:-}
keep=0
if [ -n "$php_pgid" ] && kill -0 -- "-$php_pgid" 2>/dev/null; then
  if alive "$php_pgid" && [[ $(cmd_of "$php_pgid") == *"-S 127.0.0.1:$old_port"* ]] && http_ok "$old_port" \
    && { [ -z "$PORT_ASKED" ] || [ "$PORT_ASKED" = "$old_port" ]; }; then
    keep=1; PORT=$old_port
  else
    kill -- "-$php_pgid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 -- "-$php_pgid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$php_pgid" 2>/dev/null || true
  fi
fi
if [ $keep = 0 ]; then
  first=$PORT
  while port_open "$PORT"; do # busy by someone else: take the next free port
    PORT=$((PORT + 1))
    [ $PORT -lt $((first + 50)) ] || die "no free port in $first..$PORT"
  done
  cd "$RC_ROOT"
  PHP_CLI_SERVER_WORKERS=4 setsid setpriv --reuid=www-data --regid=www-data --init-groups \
    env LOCKPANE_RC_SKIN="${LOCKPANE_RC_SKIN:-}" \
    php -d upload_max_filesize=64M -d post_max_size=80M -d memory_limit=256M \
    -S "127.0.0.1:$PORT" -t "$RC_ROOT" </dev/null >"$LOG_DIR/php-server.log" 2>&1 9>&- &
  php_pgid=$!
  cd - >/dev/null
  for _ in $(seq 100); do http_ok "$PORT" && break; sleep 0.1; done
  http_ok "$PORT" || die "Roundcube did not answer on 127.0.0.1:$PORT (see $LOG_DIR/php-server.log)"
fi
for p in 143 24 25; do port_open $p || die "port $p does not answer (see $LOG_DIR)"; done

# --- SOGo beside Roundcube (e2e/sogo/sogo-up.sh), same users; SOGO=0 leaves it out ---------------------
# A SOGo that fails is recorded as SOGO_ERROR in the state (its specs fail under CI, skip elsewhere), so a
# broken SOGo never takes Roundcube down with it.
sogo_state=""
if [ "${SOGO:-1}" != 0 ]; then
  sogo_err=$(mktemp)
  if sogo_state=$(DOMAIN=$DOMAIN USERS=$USERS LOG_DIR=$LOG_DIR STATE=$STATE bash "$(dirname "$0")/../sogo/sogo-up.sh" 2>"$sogo_err"); then
    cat "$sogo_err" >&2
  else
    cat "$sogo_err" >&2
    sogo_state="SOGO_ERROR=$(grep . "$sogo_err" | tail -1)"
  fi
  rm -f "$sogo_err"
fi

cat >"$STATE.new" <<ST
URL=http://127.0.0.1:$PORT
PORT=$PORT
DOMAIN=$DOMAIN
USERS=${USERS// /,}
PHP_PGID=$php_pgid
DOVECOT_PID=$dpid
POSTFIX_PID=$ppid_
DOVECOT_CONF=$DOVECOT_CONF
MAIL_ROOT=$MAIL_ROOT
LOG_DIR=$LOG_DIR
$sogo_state
ST
mv "$STATE.new" "$STATE"
echo "peers-up: ready in $(ms) ms (Roundcube $( [ $keep = 1 ] && echo kept || echo started ), SOGo $( [ -n "$sogo_state" ] && { [[ $sogo_state == SOGO_ERROR* ]] && echo failed || echo up; } || echo off ), users: $USERS @ $DOMAIN)" >&2
echo "http://127.0.0.1:$PORT"
