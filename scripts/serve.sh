#!/usr/bin/env bash
# `make serve`: motcua as it runs in production, on one server, in the foreground (docs/operations.md, "The
# production tier on one server"). PostgreSQL and Redis on loopback (started when down), the production settings
# with DEBUG off, then gunicorn, a Celery worker per queue and Celery beat, supervised here: Ctrl-C or SIGTERM
# stops them all; if one of them ends, the others are stopped and this script exits non-zero.
#
# It serves plain HTTP on HOST:PORT (127.0.0.1:8000), so SECURE_SSL is off; put a TLS proxy in front and set
# SECURE_SSL=true to open it beyond this machine. Every variable below may be set in the environment.
#
# The whole script is one block, read before it runs: editing it (a pull) while the tier runs cannot derail it.
{
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=$ROOT/.venv/bin
CPUS=$(nproc)

HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
# Not DATABASE_URL and friends: a developer's shell often exports those for the test suite.
SERVE_DATABASE_URL=${SERVE_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/motcua_serve}
SERVE_CACHE_URL=${SERVE_CACHE_URL:-redis://127.0.0.1:6379/10}
SERVE_BROKER_URL=${SERVE_BROKER_URL:-redis://127.0.0.1:6379/11}
SERVE_WORKERS=${SERVE_WORKERS:-$((2 * CPUS + 1))}                 # gunicorn processes
SERVE_DEFAULT_CONCURRENCY=${SERVE_DEFAULT_CONCURRENCY:-$CPUS}     # Celery processes on the default queue
SERVE_OCR_CONCURRENCY=${SERVE_OCR_CONCURRENCY:-1}                 # OCR jobs at once; each uses every CPU
SERVE_DEMO=${SERVE_DEMO:-1}                                       # 0: never load the demo
SERVE_STOP_SECONDS=${SERVE_STOP_SECONDS:-60}                      # grace before stragglers are killed

export MOTCUA_VAR_DIR=${MOTCUA_VAR_DIR:-$ROOT/var}
export LOG_FORMAT=${LOG_FORMAT:-json}
export LOG_LEVEL=${LOG_LEVEL:-INFO}
VAR=$MOTCUA_VAR_DIR

# --- logs: every line on stdout, labelled with the process it came from -------------------------------------------
# JSON lines get a "process" field; anything else a process prints (a banner, a crash before logging is set up)
# becomes a JSON line of its own. In text mode, a fixed-width prefix.
label() {
  local name=$1
  if [[ $LOG_FORMAT == json ]]; then
    exec sed -u -e "/^{\"time\":/{s/^{/{\"process\":\"$name\",/;b}" \
      -e 's/\\/\\\\/g; s/"/\\"/g; s/\t/\\t/g; s/[[:cntrl:]]//g' \
      -e "s/.*/{\"process\":\"$name\",\"message\":\"&\"}/"
  else
    exec sed -u "s/^/$(printf '%-15s' "$name")| /"
  fi
}
say() { echo "$*" | label serve; }
fail() { say "$*"; exit 1; }
# A setup step whose output goes through the labeller; its status is the step's.
step() { "$@" > >(label setup) 2>&1; }

# --- PostgreSQL and Redis ------------------------------------------------------------------------------------------
is_loopback() { [[ $1 =~ ^[a-z+]+://([^@/]*@)?(127\.0\.0\.1|localhost)(:|/|$) ]]; }
url_port() { [[ $1 =~ ://([^@/]*@)?[^:/]+:([0-9]+) ]] && echo "${BASH_REMATCH[2]}" || echo "$2"; }

source scripts/services.sh
if is_loopback "$SERVE_DATABASE_URL"; then
  step services_start_postgres "$(url_port "$SERVE_DATABASE_URL" 5432)" || fail "PostgreSQL did not start"
fi
for url in "$SERVE_CACHE_URL" "$SERVE_BROKER_URL"; do
  if is_loopback "$url"; then
    step services_start_redis "$(url_port "$url" 6379)" || fail "Redis did not start"
  fi
done

# The database, made when missing (the role in the URL must be allowed to create it).
step "$BIN/python" - "$SERVE_DATABASE_URL" <<'PY' || fail "Could not reach or create the database of SERVE_DATABASE_URL"
import sys
from urllib.parse import urlsplit

import psycopg
from psycopg import sql

url = urlsplit(sys.argv[1])
name = url.path.lstrip("/")
with psycopg.connect(url._replace(path="/postgres").geturl(), autocommit=True) as admin:
    if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        print(f"Made the database {name}")
PY

# --- the production settings ---------------------------------------------------------------------------------------
# A secret key of this machine's, made once; an operator's own SECRET_KEY wins.
if [[ -z "${SECRET_KEY:-}" ]]; then
  mkdir -p "$VAR"
  if [[ ! -s "$VAR/serve-secret-key" ]]; then
    (umask 077 && "$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50))' >"$VAR/serve-secret-key")
  fi
  SECRET_KEY=$(<"$VAR/serve-secret-key")
fi
hosts=127.0.0.1,localhost
[[ $HOST == 0.0.0.0 || $HOST == :: || $HOST == 127.0.0.1 || $HOST == localhost ]] || hosts+=",$HOST"

export SECRET_KEY
export DJANGO_SETTINGS_MODULE=motcua.conf.production
export PYTHONPATH=$ROOT/src${PYTHONPATH:+:$PYTHONPATH}
export PYTHONUNBUFFERED=1
export DATABASE_URL=$SERVE_DATABASE_URL CACHE_URL=$SERVE_CACHE_URL CELERY_BROKER_URL=$SERVE_BROKER_URL
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-$hosts}
export PUBLIC_BASE_URL=${PUBLIC_BASE_URL:-http://$HOST:$PORT}
export SECURE_SSL=${SECURE_SSL:-false}  # plain HTTP on loopback: no secure-only cookies, no HSTS

manage() { "$BIN/python" manage.py "$@"; }

# Translations: compiled when a catalogue is newer than its .mo (make setup has usually done it).
stale=$(find src -name '*.po' -path '*/LC_MESSAGES/*' | while read -r po; do
  [[ "${po%.po}.mo" -nt "$po" ]] || echo "$po"
done)
if [[ -n "$stale" ]]; then
  step manage compilemessages --ignore=.venv --ignore=var -v 0 || fail "compilemessages failed"
fi

step manage migrate --no-input -v 0 || fail "migrate failed"

# `check --deploy` must pass. The demo runs on the built-in payment gateway and identity provider, which the check
# refuses (motcua.E101, motcua.E141): with the demo, those two are reported and allowed; without it, nothing is.
allowed=()
[[ $SERVE_DEMO == 1 ]] && allowed=(motcua.E101 motcua.E141)
report=$(manage check --deploy --fail-level CRITICAL 2>&1) || { echo "$report" | label setup; fail "check failed"; }
echo "$report" | label setup
unexpected=()
for id in $(grep -oE '\([A-Za-z0-9_.]+\.E[0-9]+\)' <<<"$report" | tr -d '()' | sort -u); do
  if [[ " ${allowed[*]} " == *" $id "* ]]; then
    say "check --deploy: $id allowed for the demo's simulators; a real deployment configures the real service"
  else
    unexpected+=("$id")
  fi
done
((${#unexpected[@]} == 0)) || fail "check --deploy found errors: ${unexpected[*]}"

step manage collectstatic --no-input -v 0 || fail "collectstatic failed"

if [[ $SERVE_DEMO == 1 ]]; then
  has_users=$(manage shell --no-imports -c 'from motcua.accounts.models import User; print(int(User.objects.exists()))') ||
    fail "Could not read the database"
  [[ $has_users == [01] ]] || fail "Could not tell whether the database is empty: $has_users"
  if [[ $has_users == 0 ]]; then
    say "Empty database: loading the demo (SERVE_DEMO=0 to skip)"
    step manage load_demo --allow-production ||
      fail "load_demo failed, leaving part of the demo: drop the database to start again from an empty one"
    step manage pki_dev || fail "pki_dev failed"
  fi
fi

# --- the processes, supervised -------------------------------------------------------------------------------------
# Each in its own process group (job control): Ctrl-C reaches this script alone, which stops them one by one.
set -m
declare -A NAME_OF=() LEADER_OF=()
start() {
  local name=$1
  shift
  "$@" 2>&1 | label "$name" &
  NAME_OF[$!]=$name
  LEADER_OF[$!]=$(jobs -p %+)
}

stop_requested=0
trap 'stop_requested=1' INT TERM

# Access lines without the query string, which may carry an ID number (motcua.core.logging).
gunicorn_logging=(--access-logformat '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms "%(a)s"')
[[ $LOG_FORMAT == json ]] && gunicorn_logging=(--logger-class motcua.core.logging.GunicornJsonLogger)
start web "$BIN/gunicorn" motcua.wsgi:application --bind "$HOST:$PORT" --workers "$SERVE_WORKERS" \
  --access-logfile - --error-logfile - --no-control-socket "${gunicorn_logging[@]}"
# `celery` is Celery's default queue (no CELERY_TASK_DEFAULT_QUEUE); CELERY_TASK_ROUTES sends OCR to `ocr`.
start worker-default "$BIN/celery" -A motcua --quiet worker -Q celery -n "default@%h" \
  --concurrency "$SERVE_DEFAULT_CONCURRENCY" -l "$LOG_LEVEL"
start worker-ocr "$BIN/celery" -A motcua --quiet worker -Q ocr -n "ocr@%h" \
  --concurrency "$SERVE_OCR_CONCURRENCY" -l "$LOG_LEVEL"
start beat "$BIN/celery" -A motcua --quiet beat -s "$VAR/celerybeat-schedule" -l "$LOG_LEVEL"
case ${SECURE_SSL,,} in
  1 | true | yes | on) ;;
  *) say "Plain HTTP with SECURE_SSL off: before opening it to a network, put a TLS proxy in front and set" \
    "SECURE_SSL=true (docs/operations.md)" ;;
esac
say "motcua is serving on http://$HOST:$PORT/ (ready when /readyz says so; Ctrl-C to stop)"

# Until a stop is asked for or a process ends by itself.
ended=
rc=0
[[ $stop_requested == 1 ]] || wait -n -p ended || rc=$?
if [[ $stop_requested == 0 && -n "$ended" ]]; then
  say "${NAME_OF[$ended]} ended (status $rc): stopping the others"
fi

# SIGTERM to each process's leader (gunicorn's arbiter, Celery's main process), which stops its own children and
# finishes what it was doing; a process group still there after SERVE_STOP_SECONDS is killed. The group includes
# the process's labeller, which exits once the last line is written.
for leader in "${LEADER_OF[@]}"; do kill -TERM "$leader" 2>/dev/null || true; done
deadline=$((SECONDS + SERVE_STOP_SECONDS))
for leader in "${LEADER_OF[@]}"; do
  while kill -0 -- "-$leader" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  kill -KILL -- "-$leader" 2>/dev/null || true
done
wait || true

if [[ $stop_requested == 1 ]]; then
  say "stopped"
  exit 0
fi
exit 1
}
