#!/usr/bin/env bash
# Run the whole test suite (installs the pinned test tools first). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure_env.sh requirements-dev.txt
scripts/ensure_chromium.sh  # Debian's Chromium for tests/e2e (installed with apt-get where missing)
exec .venv/bin/python -m pytest -q -n 2 --dist loadgroup "$@"  # loadgroup: browser tests share one worker
