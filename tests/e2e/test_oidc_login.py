"""Sign-in tested for real: a local OpenID Connect provider (oidc-provider-mock, on localhost) and the
dashboard under `streamlit run`, driven by Debian's Chromium through Playwright. Four people log in through
st.login end to end: a ministry user, a company user, an address not in the roles file, and the ministry's
address with `email_verified: false` (which once got full ministry access).

The fixtures here (a free port, the app server, the browser) are minimal on purpose; they can move to the
shared harness in tests/e2e/ once it exists. No network: every request off localhost is aborted.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

oidc_provider_mock = pytest.importorskip("oidc_provider_mock")
playwright_api = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_MS = 180_000
CHROMIUM = "/usr/bin/chromium"
MINISTRY, COMPANY, STRANGER, UNVERIFIED = "ministerie-1", "bedrijf-1", "vreemde-1", "onbevestigd-1"
USERS = {
    MINISTRY: {"email": "min@test.invalid", "email_verified": True},
    COMPANY: {"email": "oi@test.invalid", "email_verified": True},
    STRANGER: {"email": "vreemde@test.invalid", "email_verified": True},
    UNVERIFIED: {"email": "min@test.invalid", "email_verified": False},  # the ministry's address, not verified
}
ROLES = "email;role;company;note\nmin@test.invalid;ministerie;;\noi@test.invalid;bedrijf;O-I Netherlands B.V.;\n"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed (apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, timeout_s: float = 180) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - localhost only
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@pytest.fixture(scope="module")
def provider():
    users = [oidc_provider_mock.User(sub=sub, claims=claims) for sub, claims in USERS.items()]
    with oidc_provider_mock.run_server_in_thread(port=free_port(), user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def app(provider, fixture_db, tmp_path_factory):
    """`streamlit run dashboard.py` with sign-in against the local provider, on a free localhost port."""
    folder = tmp_path_factory.mktemp("oidc")
    port = free_port()
    secrets = folder / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://localhost:{port}/oauth2callback"\n'
        'cookie_secret = "e2e-test-only-cookie-secret"\n'
        'client_id = "c6-monitor"\n'
        'client_secret = "e2e-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    roles = folder / "roles.csv"
    roles.write_text(ROLES, encoding="utf-8")
    env = {**os.environ, "C6_DB": str(fixture_db), "C6_ROLES": str(roles), "STREAMLIT_SECRETS_FILES": str(secrets)}
    log = open(folder / "streamlit.log", "wb")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "dashboard.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(f"http://localhost:{port}/_stcore/health")
        yield f"http://localhost:{port}"
    finally:
        server.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=10)
        if server.poll() is None:
            server.kill()
        log.close()


# The browser is the shared session fixture of tests/e2e/conftest.py: a second sync Playwright in the
# same worker cannot start while that one runs.


def log_in(browser, app: str, sub: str):
    """A fresh browser context (no cookies) that signs in as `sub` at the provider; returns the page."""
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith("http://localhost") else route.abort(),
    )
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)  # generous: CI and a busy machine are slow, a real failure still fails
    page.goto(app, wait_until="domcontentloaded")
    expect_text(page, "Log in om het dashboard te openen")
    playwright_api.expect(page.locator("html")).to_have_attribute("lang", "nl")  # a page the run stops at is Dutch too
    for attempt in range(6):  # a click on a page whose session is not yet connected is lost: click again
        page.get_by_role("button", name="Inloggen").click()
        try:
            page.wait_for_url("**/oauth2/authorize**", timeout=30_000)
            break
        except playwright_api.TimeoutError:
            if attempt == 5:
                raise
    page.get_by_placeholder("sub").fill(sub)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{app}/**")
    return page


def expect_text(page, text: str, timeout_ms: int = 180_000) -> None:
    playwright_api.expect(page.get_by_text(text, exact=False).first).to_be_visible(timeout=timeout_ms)


def nav_text(page) -> str:
    """The whole sidebar navigation: Streamlit folds a long list behind 'View more', so unfold it first."""
    # Poll: the list (and its button) may render, or fold again on a rerun, well after sign-in under load.
    page.wait_for_function(
        """() => {
          const more = document.querySelector("[data-testid='stSidebarNavViewButton']");
          if (more && /more/i.test(more.innerText)) { more.click(); return false; }
          return !!document.querySelector("[data-testid='stSidebarNav'] a");
        }""",
        polling=500,
    )
    return page.locator("[data-testid='stSidebarNav']").inner_text()


def body(page) -> str:
    return page.locator("body").inner_text()


def test_ministry_user_signs_in_and_sees_the_case_pages(app, browser):
    page = log_in(browser, app, MINISTRY)
    expect_text(page, "Ingelogd: min@test.invalid · ministerie")
    navigation = nav_text(page)
    assert "Casussen" in navigation and "Subsidies" in navigation
    assert "Bestand laden" not in navigation  # the ministry reads, the regisseur loads
    assert "Demomodus" not in body(page)
    page.context.close()


def test_company_user_sees_only_its_own_pages(app, browser):
    page = log_in(browser, app, COMPANY)
    expect_text(page, "Ingelogd: oi@test.invalid · bedrijf · O-I Netherlands B.V.")
    navigation = nav_text(page)
    assert "Benchmark" in navigation
    assert "Casussen" not in navigation and "Subsidies" not in navigation and "Bestand laden" not in navigation
    page.context.close()


def test_address_not_in_the_roles_file_gets_no_access(app, browser):
    page = log_in(browser, app, STRANGER)
    expect_text(page, "Het adres vreemde@test.invalid heeft geen toegang tot dit dashboard.")
    playwright_api.expect(page.locator("html")).to_have_attribute("lang", "nl")
    assert page.locator("[data-testid='stSidebarNav']").count() == 0
    assert "Uitstoot" not in body(page)
    page.context.close()


def test_unverified_ministry_address_gets_no_access(app, browser):
    page = log_in(browser, app, UNVERIFIED)
    expect_text(page, "Het adres min@test.invalid is bij uw inlogdienst niet geverifieerd (email_verified is niet waar).")
    assert page.locator("[data-testid='stSidebarNav']").count() == 0
    assert "Ingelogd:" not in body(page)
    page.context.close()
