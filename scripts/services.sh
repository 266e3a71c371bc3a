#!/usr/bin/env bash
# PostgreSQL and Redis on loopback, started only when their port is closed: the one piece of code behind
# `.ci/run` and `make serve` (scripts/serve.sh). Source it for the functions, or run it to start both.
#
#   services_start_postgres [PORT]   # default 5432: the Debian cluster, through pg_ctlcluster
#   services_start_redis [PORT]      # default 6379: a throwaway redis-server (no snapshot, no append-only file)
#
# A server already listening (the machine's own, a container's) is used as it is and never stopped.

services_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

services_wait_port() {
  local _
  for _ in $(seq 1 60); do services_port_open "$1" && return 0; sleep 0.5; done
  echo "Port $1 did not open" >&2
  return 1
}

services_start_postgres() {
  local port=${1:-5432} clusters
  services_port_open "$port" && return 0
  if ! command -v pg_ctlcluster >/dev/null; then
    echo "Nothing listens on 127.0.0.1:$port and PostgreSQL is not installed: apt-get install -y postgresql" >&2
    return 1
  fi
  # One cluster, the one Debian made at installation; with several, the first one listening on this port.
  clusters=$(pg_lsclusters --no-header 2>/dev/null | awk -v port="$port" '$3 == port {print $1 " " $2; exit}')
  if [[ -z "$clusters" ]]; then
    echo "No PostgreSQL cluster is configured for port $port (pg_lsclusters)" >&2
    return 1
  fi
  # shellcheck disable=SC2086 # "version name", split on purpose
  pg_ctlcluster --skip-systemctl-redirect $clusters start
  services_wait_port "$port"
}

services_start_redis() {
  local port=${1:-6379}
  services_port_open "$port" && return 0
  if ! command -v redis-server >/dev/null; then
    echo "Nothing listens on 127.0.0.1:$port and Redis is not installed: apt-get install -y redis-server" >&2
    return 1
  fi
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no
  services_wait_port "$port"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  services_start_postgres
  services_start_redis
fi
