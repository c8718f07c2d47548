#!/usr/bin/env bash
# Run the whole test suite (installs the pinned test tools first). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure_env.sh requirements-dev.txt
exec .venv/bin/python -m pytest -q -n 2 "$@"
