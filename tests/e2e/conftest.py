"""Fixtures for real-browser tests: a `streamlit run` server on the fixture database and Debian's Chromium.

    def test_x(app_server, page):
        open_as(page, app_server, "kaart", "ministerie")

- `app_server`: one demo-mode server per test worker (no secrets file), against the fixture database.
- `server_factory(env=..., secrets=...)`: another server, e.g. with a secrets.toml that has [auth] and a
  roles file in `env={"C6_ROLES": ...}`; stopped at the end of the session.
- `browser`: one Chromium per worker; `page`: a fresh context (own cookies and Streamlit session) per test.
Chromium missing: the tests are skipped on a developer's machine and fail under CI (CI=true), where
scripts/ensure_chromium.sh (run by ./test.sh) installs it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.e2e.harness import CHROMIUM, ROOT, TIMEOUT_MS, launch_browser, start_server

SCREENSHOTS = ROOT / "screenshots" / "e2e"


def pytest_configure(config):
    config.addinivalue_line("markers", "e2e: real-browser test (Chromium + streamlit run); deselect with -m 'not e2e'")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)
            # one worker runs every browser test (one server, one Chromium); the other runs the rest
            item.add_marker(pytest.mark.xdist_group("e2e"))


@pytest.fixture(scope="session")
def chromium() -> str:
    if not Path(CHROMIUM).exists():
        message = f"Chromium ontbreekt op {CHROMIUM}: scripts/ensure_chromium.sh installeert het (Debian 'chromium')."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def server_factory(fixture_db, tmp_path_factory):
    """start(env=None, secrets=None, db=None) -> Server; every server started is stopped at session end."""
    started = []
    log_dir = tmp_path_factory.mktemp("e2e_logs")

    def start(env: dict[str, str] | None = None, secrets: Path | None = None, db: Path | None = None):
        server = start_server(db or fixture_db, log_dir, env=env, secrets=secrets)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="session")
def app_server(server_factory, chromium):
    """The dashboard in demo mode on the fixture database (one per test worker)."""
    return server_factory()


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        yield browser
        browser.close()


@pytest.fixture
def context(browser, tmp_path):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL", accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
