#!/usr/bin/env bash
# Restart the dashboard on port 8599 for screenshots (python tools/screenshot.py PATH OUT.png).
cd "$(dirname "$0")/.."
pkill -f "streamlit run dashboard.py --server.port 8599" 2>/dev/null
sleep 1
nohup .venv/bin/streamlit run dashboard.py --server.port 8599 --server.headless true --browser.gatherUsageStats false > /tmp/c6_streamlit.log 2>&1 &
for _ in $(seq 30); do curl -fs http://localhost:8599/_stcore/health >/dev/null && exit 0; sleep 0.5; done
echo "server did not start" >&2; exit 1
