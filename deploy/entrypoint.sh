#!/bin/sh
# Cluster 6 Monitor: the container's entrypoint (installed as /usr/local/bin/c6 in the image).
# It runs outside a container too (tests/test_deploy.py): C6_APP_DIR and C6_PYTHON say where.
#
#   c6 serve [streamlit options]   start the dashboard (default); needs the database in $C6_DB
#   c6 health                      exit 0 when the dashboard answers on /_stcore/health (the health check)
#   c6 etl [args]                  python -m etl [args]: build, load KIND FILE, update FILE, backup DIR, restore DIR
#   c6 build|load|update|backup|restore ...   the same, shorter
set -eu

app_dir=${C6_APP_DIR:-/app}
py=${C6_PYTHON:-python}
port=${C6_PORT:-8501}
db=${C6_DB:-$app_dir/data/cluster6.duckdb}
export C6_DB="$db"
cd "$app_dir"

command=${1:-serve}
[ $# -gt 0 ] && shift

case "$command" in
serve)
    if [ ! -f "$db" ]; then
        echo "Database $db ontbreekt. Bouw hem eerst met de eenmalige opdracht:" >&2
        echo "  docker compose run --rm etl build     (of buiten een container: python -m etl)" >&2
        exit 1
    fi
    exec "$py" -m streamlit run "$app_dir/dashboard.py" \
        --server.port "$port" --server.address "${C6_ADDRESS:-0.0.0.0}" --server.headless true \
        --server.fileWatcherType none --browser.gatherUsageStats false "$@"
    ;;
health)
    exec "$py" -c "import sys, urllib.request
try:
    sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:$port/_stcore/health', timeout=5).status == 200 else 1)
except OSError as error:
    print(f'dashboard antwoordt niet op poort $port: {error}', file=sys.stderr)
    sys.exit(1)"
    ;;
etl)
    exec "$py" -m etl "$@"
    ;;
build | load | update | backup | restore)
    exec "$py" -m etl "$command" "$@"
    ;;
*)
    exec "$command" "$@"
    ;;
esac
