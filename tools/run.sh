#!/usr/bin/env bash
# Builds and starts the whole thing: the web app in build/web/dist, served with the
# endpoint on its embedded SQLite database (demo data loaded on first start).
#   tools/run.sh            # http://127.0.0.1:8080/
#   PORT=9000 tools/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tools/bootstrap.sh
tools/build.sh all
port=${PORT:-8080}
server=build/native/src/server/liaoxiu-server
if [ -x "$server" ]; then
  mkdir -p build/data
  echo "Liaoxiu: http://127.0.0.1:$port/  (API under /api/v1; database build/data/liaoxiu.db; Ctrl-C stops)"
  exec "$server" serve --addr "127.0.0.1:$port" --db "sqlite:build/data/liaoxiu.db" --web build/web/dist --demo
fi
echo "Liaoxiu: http://127.0.0.1:$port/  (static app only; Ctrl-C stops)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory build/web/dist
