#!/usr/bin/env bash
# (Re)start the dashboard on port $C6_PORT (default 8599) for screenshots: python tools/screenshot.py PATH OUT.png
# Uses $C6_DB if set, so a developer can point it at their own copy of the database.
cd "$(dirname "$0")/.."
port=${C6_PORT:-8599}
pkill -f "streamlit run dashboard.py --server.port $port" 2>/dev/null
sleep 1
nohup .venv/bin/streamlit run dashboard.py --server.port "$port" --server.headless true --browser.gatherUsageStats false > "/tmp/c6_streamlit_$port.log" 2>&1 &
for _ in $(seq 40); do curl -fs "http://localhost:$port/_stcore/health" >/dev/null && exit 0; sleep 0.5; done
echo "server did not start; see /tmp/c6_streamlit_$port.log" >&2; exit 1
