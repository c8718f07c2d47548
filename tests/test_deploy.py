"""The deployment: the container's entrypoint runs here outside a container, against the fixture data.

No container engine runs in CI, so the image itself is not built here (README, "Operating it", says
what was tried); what the image runs is: deploy/entrypoint.sh, the same script, with C6_APP_DIR and
C6_PYTHON pointing at this checkout.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from tests.conftest import FIXTURE_IDS, ROOT

ENTRYPOINT = ROOT / "deploy/entrypoint.sh"
PYTHON = ROOT / ".venv/bin/python"


def run(env: dict, *args: str, timeout: int = 180) -> subprocess.CompletedProcess:
    return subprocess.run(["sh", str(ENTRYPOINT), *args], env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def env(fixture_data, tmp_path) -> dict:
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "C6_APP_DIR": str(ROOT),
        "C6_PYTHON": str(PYTHON),
        "C6_DATA": str(fixture_data),
        "C6_DB": str(tmp_path / "data" / "cluster6.duckdb"),
        "C6_DEMO": "1",
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_without_a_database_says_how_to_build_it(env):
    result = run(env, "serve")
    assert result.returncode == 1
    assert "ontbreekt" in result.stderr and "docker compose run --rm etl build" in result.stderr


def test_one_shot_build_then_serve_and_health(env, tmp_path):
    Path(env["C6_DB"]).parent.mkdir()
    built = run(env, "build")
    assert built.returncode == 0, built.stderr
    con = duckdb.connect(env["C6_DB"], read_only=True)
    assert con.execute("SELECT count(*) FROM installations").fetchone()[0] == len(FIXTURE_IDS)
    con.close()
    env = {**env, "C6_PORT": str(free_port()), "C6_ADDRESS": "127.0.0.1"}
    assert run(env, "health", timeout=30).returncode == 1  # nothing listens yet
    server = subprocess.Popen(
        ["sh", str(ENTRYPOINT), "serve"], env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 90
        while run(env, "health", timeout=30).returncode != 0:
            assert server.poll() is None, server.stderr.read().decode()
            assert time.monotonic() < deadline, "dashboard did not become healthy"
            time.sleep(1)
        with urllib.request.urlopen(f"http://127.0.0.1:{env['C6_PORT']}/", timeout=10) as response:
            assert response.status == 200
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(20)


def test_etl_commands_pass_through(env, tmp_path):
    Path(env["C6_DB"]).parent.mkdir()
    assert run(env, "etl", "build").returncode == 0
    result = run(env, "backup", str(tmp_path / "backups"))
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "backups").iterdir())) == 1
    refused = run(env, "load", "emissions", str(ROOT / "tests/fixtures/broken/emissions_negative.csv"))
    assert refused.returncode == 1 and "negatief" in refused.stderr


def test_image_recipe_runs_as_non_root_with_a_health_check():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    users = re.findall(r"^USER\s+(\S+)", dockerfile, flags=re.M)
    assert users and users[-1].split(":")[0] not in ("root", "0")
    assert re.search(r'^HEALTHCHECK .*CMD \["c6", "health"\]', dockerfile, flags=re.M)
    assert 'ENTRYPOINT ["c6"]' in dockerfile and "COPY deploy/entrypoint.sh /usr/local/bin/c6" in dockerfile
    compose = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    app = compose.split("\n  etl:")[0]
    assert "c6data:/data:ro" in app and 'C6_DEMO: "0"' in app and "target: /app/.streamlit/secrets.toml" in app
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {"data/*.duckdb", "data/user", ".streamlit/secrets.toml", ".venv"} <= set(ignored)
