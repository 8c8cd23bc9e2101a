#!/usr/bin/env bash
# Starts a MariaDB server for the tests on 127.0.0.1 without systemd, installing
# mariadb-server from apt when it is missing, and prints the connection string for
# MICROBLOG_TEST_MYSQL on its last line. Idempotent: a server that already accepts connections on
# its socket is reused. The server keeps running after the script ends.
#
# MICROBLOG_MARIADB_PORT (default 3307) and MICROBLOG_MARIADB_DIR (default
# /tmp/microblog-mariadb) choose the port and the folder of the data, socket and log.
set -euo pipefail

port=${MICROBLOG_MARIADB_PORT:-3307}
root=${MICROBLOG_MARIADB_DIR:-/tmp/microblog-mariadb}
socket=$root/mariadb.sock
database=microblog_test
user=microblog_test
password=microblog-test-password

if ! command -v mariadbd >/dev/null && [ ! -x /usr/sbin/mariadbd ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server >/dev/null
fi
PATH=$PATH:/usr/sbin

client() { mariadb --protocol=socket --socket="$socket" -uroot "$@"; }

if ! client -e 'SELECT 1' >/dev/null 2>&1; then
  if [ ! -d "$root/data/mysql" ]; then
    mkdir -p "$root"
    mariadb-install-db --user="$(id -un)" --datadir="$root/data" \
      --auth-root-authentication-method=normal >"$root/install.log" 2>&1
  fi
  nohup mariadbd --user="$(id -un)" --datadir="$root/data" --socket="$socket" \
    --port="$port" --bind-address=127.0.0.1 --pid-file="$root/mariadb.pid" \
    --log-error="$root/error.log" --skip-log-bin --innodb-buffer-pool-size=64M \
    --max-connections=500 >/dev/null 2>&1 &
  for _ in $(seq 1 60); do
    client -e 'SELECT 1' >/dev/null 2>&1 && break
    sleep 0.5
  done
  client -e 'SELECT 1' >/dev/null || { echo "MariaDB did not start; see $root/error.log" >&2; exit 1; }
fi

# The test user creates and drops a database of its own for each test class, hence the
# privileges on every database.
client <<SQL
CREATE DATABASE IF NOT EXISTS $database CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE USER IF NOT EXISTS '$user'@'127.0.0.1' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON *.* TO '$user'@'127.0.0.1';
SQL

echo "Server=127.0.0.1;Port=$port;User ID=$user;Password=$password;Database=$database"
