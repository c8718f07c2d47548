#!/usr/bin/env bash
# Start Cluster 6 Monitor on the shipped data: installs what is needed, builds the database if missing.
# Extra arguments go to `streamlit run` (e.g. ./run.sh --server.port 8502).
# It listens on localhost only; to serve others put a reverse proxy with TLS in front (README: Security),
# or set C6_ADDRESS (e.g. C6_ADDRESS=0.0.0.0) when the proxy runs on another host.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure_env.sh requirements.txt
scripts/ensure_chromium.sh
db=${C6_DB:-data/cluster6.duckdb}
if [ ! -f "$db" ]; then
    echo "Database $db ontbreekt: bouwen uit data/ ..."
    .venv/bin/python -m etl
fi
exec .venv/bin/streamlit run dashboard.py --server.address "${C6_ADDRESS:-127.0.0.1}" --browser.gatherUsageStats false "$@"
