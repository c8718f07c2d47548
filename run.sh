#!/usr/bin/env bash
# Start Cluster 6 Monitor on the shipped data: installs what is needed, builds the database if missing.
# Extra arguments go to `streamlit run` (e.g. ./run.sh --server.port 8502).
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure_env.sh requirements.txt
scripts/ensure_chromium.sh
db=${C6_DB:-data/cluster6.duckdb}
if [ ! -f "$db" ]; then
    echo "Database $db ontbreekt: bouwen uit data/ ..."
    .venv/bin/python -m etl
fi
exec .venv/bin/streamlit run dashboard.py --browser.gatherUsageStats false "$@"
