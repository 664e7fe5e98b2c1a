#!/usr/bin/env bash
# Stops or starts the embedded cluster of a parley data dir, as the user
# that owns it (the dbdown suite takes the database away and back).
#   pgctl.sh DATA_DIR stop|start
set -euo pipefail
dir=$1/pg
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as=()
# runuser lives in /usr/sbin, which a stock user PATH lacks
[ "$(id -u)" -ne 0 ] || as=("$(command -v runuser || echo /usr/sbin/runuser)" -u postgres --)
case $2 in
  stop) "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop ;;
  start) "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
           -o "-k $dir -c listen_addresses='' -c max_connections=300" start ;;
esac
