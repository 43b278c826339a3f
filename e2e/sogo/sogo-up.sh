#!/usr/bin/env bash
# SOGo (Debian's package) beside Roundcube, for the same Dovecot/Postfix users, on loopback only:
#   Apache (127.0.0.1:$SOGO_PORT, default 8090; /SOGo proxied, static files served) -> sogod (127.0.0.1:20000)
#   sogod -> PostgreSQL (own cluster, 127.0.0.1:5433) for profiles, folders, sessions and the user table
#         -> memcached (unix socket) -> Dovecot IMAP 127.0.0.1:143, Postfix SMTP 127.0.0.1:25
# Called by e2e/roundcube/peers-up.sh (under its lock, after Dovecot and Postfix are up), never alone.
# Idempotent: installs what is missing, rewrites its config, keeps healthy daemons of a previous run (restarting
# sogod when its config changed), replaces stale ones. Prints KEY=value lines for the rig's state file on stdout.
set -euo pipefail

DOMAIN=${DOMAIN:?} USERS=${USERS:?} LOG_DIR=${LOG_DIR:?} STATE=${STATE:?}
SOGO_PORT_ASKED=${SOGO_PORT:-}
SOGO_PORT=${SOGO_PORT:-8090}
SOGOD_PORT=${SOGOD_PORT:-20000}
PG_PORT=${SOGO_PG_PORT:-5433}
RUN=/run/lockpane-sogo
BASE=/var/lib/lockpane-sogo
PGDATA=$BASE/pg
CONF_DIR=/etc/lockpane-sogo
# media-types: /etc/mime.types, which the Apache config names; apache2-bin does not depend on it (on this
# machine it came with PHP for Roundcube, a fresh Debian 12 has no such file and Apache would refuse to start).
PACKAGES=(sogo postgresql apache2-bin memcached media-types)

die() { echo "sogo-up: $*" >&2; exit 1; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
cmd_of() { tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline" || true; }
first_line() { head -1 "$1" 2>/dev/null | tr -d ' \n' || true; }
stop_pid() { # TERM, wait up to $2 tenths of a second (default 100), then KILL (a pid, or -pgid for a group)
  kill -- "$1" 2>/dev/null || return 0
  for _ in $(seq "${2:-100}"); do kill -0 -- "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL -- "$1" 2>/dev/null || true
}
http_status() { # status line of GET $2 on 127.0.0.1:$1 (no curl needed)
  { exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1:%s\r\n\r\n' "$2" "$1" >&3 && head -1 <&3; } 2>/dev/null || true
}
declare -A OLD=()
if [ -f "$STATE" ]; then
  while IFS='=' read -r k v; do [ -n "$k" ] && OLD[$k]=$v; done <"$STATE"
fi
t0=$(date +%s%N)
ms() { echo $(( ($(date +%s%N) - t0) / 1000000 )); }

# --- install (only what is missing) ---------------------------------------------------------------
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "sogo-up: installing ${missing[*]} (log: $LOG_DIR/apt.log)" >&2
  export DEBIAN_FRONTEND=noninteractive
  # We run our own PostgreSQL cluster: the package's default one on 5432 is neither made nor started.
  install -d /etc/postgresql-common
  [ -f /etc/postgresql-common/createcluster.conf ] || echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.conf
  apt-cache show sogo >/dev/null 2>&1 || apt-get update -q >>"$LOG_DIR/apt.log" 2>&1 || die "apt-get update failed"
  # confold: our createcluster.conf above predates the package's, and must stay without a prompt.
  apt_install() {
    apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
      "${missing[@]}" >>"$LOG_DIR/apt.log" 2>&1
  }
  # Package lists that exist but are stale (a machine image) name versions the mirror no longer has: update once, retry.
  apt_install || { apt-get update -q >>"$LOG_DIR/apt.log" 2>&1 && apt_install; } \
    || die "apt-get install ${missing[*]} failed (see $LOG_DIR/apt.log)"
  # The packages may start their own sogod and memcached with their own config: we run ours instead.
  if [ -d /run/systemd/system ]; then
    systemctl disable --now sogo.service memcached.service >/dev/null 2>&1 || true
  else
    for s in sogo memcached; do [ ! -x "/etc/init.d/$s" ] || "/etc/init.d/$s" stop </dev/null >/dev/null 2>&1 9>&- || true; done
  fi
  echo "sogo-up: installed in $(ms) ms" >&2
fi
PGBIN=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d | sort -V | tail -1)
[ -x "$PGBIN/pg_ctl" ] || die "no PostgreSQL server binaries under /usr/lib/postgresql"

install -d -m 755 "$RUN" "$CONF_DIR" "$BASE"
install -d -o postgres -g postgres -m 700 "$PGDATA"
install -d -o postgres -g postgres -m 755 "$RUN/pg"
install -d -o sogo -g sogo -m 755 "$RUN/sogod" "$BASE/home"
install -d -o memcache -g sogo -m 750 "$RUN/memcached"
touch "$LOG_DIR/postgres.log" "$LOG_DIR/sogo.log"
chown postgres "$LOG_DIR/postgres.log"
chown sogo "$LOG_DIR/sogo.log"

# --- PostgreSQL: an own cluster, trust on loopback (test rig), no fsync ------------------------------
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --no-sync >>"$LOG_DIR/postgres.log" 2>&1 \
    || die "initdb failed (see $LOG_DIR/postgres.log)"
fi
pg_pid=$(first_line "$PGDATA/postmaster.pid")
if alive "$pg_pid" && [[ $(cmd_of "$pg_pid") == *postgres* ]]; then
  PG_PORT=$(sed -n 4p "$PGDATA/postmaster.pid")
else
  pg_pid=""
  while port_open "$PG_PORT"; do PG_PORT=$((PG_PORT + 1)); done
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -l "$LOG_DIR/postgres.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$RUN/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    </dev/null >/dev/null 2>&1 9>&- || die "PostgreSQL did not start (see $LOG_DIR/postgres.log)"
  pg_pid=$(first_line "$PGDATA/postmaster.pid")
fi
psql_() { runuser -u postgres -- psql -h "$RUN/pg" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
[ "$(psql_ -d postgres -c "select 1 from pg_roles where rolname='sogo'")" = 1 ] || psql_ -d postgres -c "create role sogo login password 'sogo'"
[ "$(psql_ -d postgres -c "select 1 from pg_database where datname='sogo'")" = 1 ] || psql_ -d postgres -c "create database sogo owner sogo"
# The user source: SOGo authenticates here (plain passwords, as in Dovecot's file), then logs in to IMAP
# with the mail address and the same password. SOGo makes its own tables on first use.
{
  echo "set client_min_messages = warning;"
  echo "create table if not exists sogo_users (c_uid varchar(128) primary key, c_name varchar(128) not null,"
  echo "  c_password varchar(128) not null, c_cn varchar(128), mail varchar(128));"
  echo "alter table sogo_users owner to sogo;"
  for u in $USERS; do
    cn="$(tr '[:lower:]' '[:upper:]' <<<"${u:0:1}")${u:1} Example"
    echo "insert into sogo_users values ('$u', '$u', '$u-pass', '$cn', '$u@$DOMAIN')"
    echo "  on conflict (c_uid) do update set c_password = excluded.c_password, c_cn = excluded.c_cn, mail = excluded.mail;"
  done
} | psql_ -d sogo >/dev/null

# --- memcached on a unix socket (SOGo's session cache) ------------------------------------------------
mc_pid=$(first_line "$RUN/memcached/pid")
if ! { alive "$mc_pid" && [[ $(cmd_of "$mc_pid") == *memcached* ]] && [ -S "$RUN/memcached/sock" ]; }; then
  rm -f "$RUN/memcached/sock" # the socket is 0777 inside a directory only memcache and sogo may enter
  setsid memcached -u memcache -s "$RUN/memcached/sock" -a 0777 -m 32 -P "$RUN/memcached/pid" \
    </dev/null >>"$LOG_DIR/memcached.log" 2>&1 9>&- &
  for _ in $(seq 50); do [ -S "$RUN/memcached/sock" ] && break; sleep 0.1; done
  [ -S "$RUN/memcached/sock" ] || die "memcached did not start (see $LOG_DIR/memcached.log)"
  mc_pid=$(first_line "$RUN/memcached/pid")
fi

# --- sogod -------------------------------------------------------------------------------------------
db="postgresql://sogo:sogo@127.0.0.1:$PG_PORT/sogo"
cat >"$CONF_DIR/sogo.conf.new" <<CONF
/* written by e2e/sogo/sogo-up.sh */
{
  WOPort = "127.0.0.1:$SOGOD_PORT";
  WOWorkersCount = 3;
  WONoDetach = YES;
  WOPidFile = "$RUN/sogod/pid";
  WOLogFile = "$LOG_DIR/sogo.log";
  SOGoProfileURL = "$db/sogo_user_profile";
  OCSFolderInfoURL = "$db/sogo_folder_info";
  OCSSessionsFolderURL = "$db/sogo_sessions_folder";
  OCSEMailAlarmsFolderURL = "$db/sogo_alarms_folder";
  OCSAdminURL = "$db/sogo_admin";
  SOGoUserSources = ({
    type = sql; id = users; viewURL = "$db/sogo_users";
    canAuthenticate = YES; isAddressBook = NO; userPasswordAlgorithm = plain;
  });
  SOGoMailDomain = "$DOMAIN";
  SOGoForceExternalLoginWithEmail = YES;
  SOGoIMAPServer = "imap://127.0.0.1:143";
  SOGoMailingMechanism = smtp;
  SOGoSMTPServer = "smtp://127.0.0.1:25";
  SOGoSentFolderName = Sent;
  SOGoDraftsFolderName = Drafts;
  SOGoTrashFolderName = Trash;
  SOGoJunkFolderName = Junk;
  SOGoMemcachedHost = "$RUN/memcached/sock";
  SOGoLanguage = English;
  SOGoTimeZone = UTC;
  SOGoMailMessageCheck = manually;
  SOGoSieveScriptsEnabled = NO;
  SOGoVacationEnabled = NO;
  SOGoForwardEnabled = NO;
  SOGoMailAuxiliaryUserAccountsEnabled = NO;
  SOGoAppointmentSendEMailNotifications = NO;
  SOGoEnableEMailAlarms = NO;
  SOGoPasswordChangeEnabled = NO;
}
CONF
sogo_changed=1
if cmp -s "$CONF_DIR/sogo.conf.new" /etc/sogo/sogo.conf; then sogo_changed=0; rm "$CONF_DIR/sogo.conf.new"
else mv "$CONF_DIR/sogo.conf.new" /etc/sogo/sogo.conf; fi
chown root:sogo /etc/sogo/sogo.conf
chmod 640 /etc/sogo/sogo.conf

sogod_pgid=${OLD[SOGOD_PGID]:-$(first_line "$RUN/sogod/pid")} # setsid: its pid is its group
if [ -n "$sogod_pgid" ] && kill -0 -- "-$sogod_pgid" 2>/dev/null; then
  if [ $sogo_changed = 1 ] || ! alive "$sogod_pgid" || [[ $(cmd_of "$sogod_pgid") != *sogod* ]]; then
    stop_pid "-$sogod_pgid" 20; sogod_pgid="" # see sogo-down.sh for the short grace
  fi
else sogod_pgid=""; fi
if [ -z "$sogod_pgid" ]; then
  port_open "$SOGOD_PORT" && die "port $SOGOD_PORT is busy but not by our sogod"
  # GNUstep keeps per-user defaults under HOME; sogo's own home (/run/sogo) may not exist.
  setsid setpriv --reuid=sogo --regid=sogo --init-groups env HOME="$BASE/home" /usr/sbin/sogod \
    </dev/null >>"$LOG_DIR/sogo.log" 2>&1 9>&- &
  sogod_pgid=$!
  for _ in $(seq 150); do port_open "$SOGOD_PORT" && break; alive "$sogod_pgid" || break; sleep 0.1; done
  port_open "$SOGOD_PORT" || die "sogod did not listen on 127.0.0.1:$SOGOD_PORT (see $LOG_DIR/sogo.log)"
fi

# --- Apache: a standalone config (Debian's /etc/apache2 is not used), like Debian's sample for SOGo ------
httpd_pid=$(first_line "$RUN/httpd.pid")
old_port=${OLD[SOGO_PORT]:-}
if alive "$httpd_pid" && [[ $(cmd_of "$httpd_pid") == *apache2* ]] \
  && { [ -z "$SOGO_PORT_ASKED" ] || [ "$SOGO_PORT_ASKED" = "$old_port" ]; } && [ -n "$old_port" ]; then
  SOGO_PORT=$old_port
else
  [ -n "$httpd_pid" ] && alive "$httpd_pid" && [[ $(cmd_of "$httpd_pid") == *apache2* ]] && stop_pid "$httpd_pid"
  httpd_pid=""
  first=$SOGO_PORT
  while port_open "$SOGO_PORT"; do
    SOGO_PORT=$((SOGO_PORT + 1))
    [ $SOGO_PORT -lt $((first + 50)) ] || die "no free port in $first..$SOGO_PORT"
  done
fi
M=/usr/lib/apache2/modules
res=/usr/lib/GNUstep/SOGo/WebServerResources/
cat >"$CONF_DIR/httpd.conf" <<HTTPD
# written by e2e/sogo/sogo-up.sh
ServerRoot $CONF_DIR
ServerName 127.0.0.1
Listen 127.0.0.1:$SOGO_PORT
PidFile $RUN/httpd.pid
User www-data
Group www-data
ErrorLog $LOG_DIR/apache-error.log
LogFormat "%h %t \"%r\" %>s %b %D" short
CustomLog $LOG_DIR/apache-access.log short
LoadModule mpm_event_module $M/mod_mpm_event.so
LoadModule authz_core_module $M/mod_authz_core.so
LoadModule alias_module $M/mod_alias.so
LoadModule mime_module $M/mod_mime.so
LoadModule headers_module $M/mod_headers.so
LoadModule setenvif_module $M/mod_setenvif.so
LoadModule env_module $M/mod_env.so
LoadModule proxy_module $M/mod_proxy.so
LoadModule proxy_http_module $M/mod_proxy_http.so
TypesConfig /etc/mime.types
DocumentRoot $res
<Directory />
  Require all denied
</Directory>
Alias /SOGo.woa/WebServerResources/ $res
Alias /SOGo/WebServerResources/ $res
<Directory /usr/lib/GNUstep/SOGo/>
  Require all granted
</Directory>
Header always set Referrer-Policy "same-origin"
<Location /SOGo>
  Header set Cache-Control "max-age=0, no-cache, no-store"
</Location>
ProxyRequests Off
ProxyPreserveHost On
SetEnv proxy-nokeepalive 1
ProxyPass /SOGo/WebServerResources/ !
ProxyPass /SOGo http://127.0.0.1:$SOGOD_PORT/SOGo retry=0 nocanon timeout=120
<Proxy http://127.0.0.1:$SOGOD_PORT/SOGo>
  RequestHeader set "x-webobjects-server-port" "$SOGO_PORT"
  RequestHeader set "x-webobjects-server-name" "127.0.0.1"
  RequestHeader set "x-webobjects-server-url" "http://127.0.0.1:$SOGO_PORT"
  RequestHeader unset "x-webobjects-remote-user"
  RequestHeader set "x-webobjects-server-protocol" "HTTP/1.0"
  AddDefaultCharset UTF-8
  Require all granted
</Proxy>
RedirectMatch ^/$ /SOGo/
HTTPD
/usr/sbin/apache2 -f "$CONF_DIR/httpd.conf" -t >>"$LOG_DIR/apache-error.log" 2>&1 || die "Apache config test failed (see $LOG_DIR/apache-error.log)"
if [ -n "$httpd_pid" ]; then
  kill -USR1 "$httpd_pid" # graceful: rereads the config (the sogod port may have changed)
else
  /usr/sbin/apache2 -f "$CONF_DIR/httpd.conf" -k start </dev/null >>"$LOG_DIR/apache-error.log" 2>&1 9>&- \
    || die "Apache did not start (see $LOG_DIR/apache-error.log)"
  for _ in $(seq 50); do [ -s "$RUN/httpd.pid" ] && break; sleep 0.1; done
  httpd_pid=$(first_line "$RUN/httpd.pid")
fi

# Ready when the login page renders through Apache (sogod's first answer takes a few seconds).
for _ in $(seq 300); do [[ $(http_status "$SOGO_PORT" /SOGo/) == *" 200 "* ]] && break; sleep 0.1; done
line=$(http_status "$SOGO_PORT" /SOGo/)
[[ $line == *" 200 "* ]] || die "SOGo's login page did not answer 200 on 127.0.0.1:$SOGO_PORT/SOGo/ (got: ${line:-nothing}; see $LOG_DIR/sogo.log)"

cat <<ST
SOGO_URL=http://127.0.0.1:$SOGO_PORT/SOGo
SOGO_PORT=$SOGO_PORT
SOGOD_PGID=$sogod_pgid
SOGO_HTTPD_PID=$httpd_pid
SOGO_PG_PID=$pg_pid
SOGO_PG_PORT=$PG_PORT
SOGO_PGDATA=$PGDATA
SOGO_MEMCACHED_PID=$mc_pid
ST
echo "sogo-up: ready in $(ms) ms (http://127.0.0.1:$SOGO_PORT/SOGo)" >&2
