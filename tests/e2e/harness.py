"""Real-browser harness: a `streamlit run` server on a free local port and Debian's Chromium via Playwright.

Used by tests/e2e/conftest.py (fixtures) and benchmarks/ (browser time to content). No tool downloads a
browser: Chromium is the system one (`/usr/bin/chromium`, or `C6_CHROMIUM`), installed by
scripts/ensure_chromium.sh where it is missing.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from monitor.deferred import SLOT_SELECTOR

ROOT = Path(__file__).resolve().parents[2]
# Every chart slot (monitor.deferred) holds its chart or map: they are filled just after the run's end.
SLOTS_FILLED_JS = (
    f"() => [...document.querySelectorAll({json.dumps(SLOT_SELECTOR)})]"
    ".every((slot) => slot.querySelector('[data-testid=\"stElementContainer\"]'))"
)
CHROMIUM = os.environ.get("C6_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# How long a page may take to be ready, in ms. Generous: on a shared 2-core machine under load a cold page
# can take a minute; on an idle one it takes a few seconds. C6_E2E_TIMEOUT_S overrides it.
TIMEOUT_MS = int(float(os.environ.get("C6_E2E_TIMEOUT_S", "300")) * 1000)
# Streamlit marks its root element with the script's run state; "notRunning" = the run has finished.
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
EXCEPTION = '[data-testid="stException"]'


def _die_with_parent() -> None:
    """Linux: the server gets SIGTERM when the test process dies, so an interrupted run leaves no server."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running `streamlit run dashboard.py`; `url(path, **params)` builds addresses on it."""

    port: int
    process: subprocess.Popen
    log: Path
    env: dict[str, str] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "", **params: str) -> str:
        query = f"?{urlencode(params)}" if params else ""
        return f"{self.base}/{path.lstrip('/')}{query}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_server(
    db: Path,
    log_dir: Path,
    env: dict[str, str] | None = None,
    secrets: Path | None = None,
    port: int | None = None,
    timeout_s: float = 60,
    script: Path | None = None,
) -> Server:
    """Start the dashboard on `port` (a free one by default) against the database `db`.

    `secrets` is a secrets.toml file (e.g. with an [auth] section for sign-in mode); without it the
    server reads no secrets file at all, so a developer's own .streamlit/secrets.toml never leaks into
    a test (demo mode). `env` adds or overrides environment variables (C6_ROLES, ...). `script` runs
    another Streamlit script instead of dashboard.py (the benchmark's trivial page).
    """
    port = port or free_port()
    log_dir.mkdir(parents=True, exist_ok=True)
    log = log_dir / f"streamlit_{port}.log"
    secrets_file = secrets or (log_dir / "no-secrets.toml")  # a path that does not exist: demo mode
    full_env = {**os.environ, "C6_DB": str(db), **(env or {})}
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script or ROOT / "dashboard.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        "--secrets.files",
        str(secrets_file),
    ]
    with log.open("w") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=full_env, stdout=out, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent
        )
    server = Server(port, process, log, env or {})
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit stopped with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{server.base}/_stcore/health", timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"streamlit did not answer on port {port} within {timeout_s} s:\n{log.read_text()[-3000:]}")


@contextmanager
def running_server(db: Path, log_dir: Path, **kwargs) -> Iterator[Server]:
    server = start_server(db, log_dir, **kwargs)
    try:
        yield server
    finally:
        server.stop()


def launch_browser(playwright):
    """Debian's Chromium, headless; never a browser that Playwright downloaded."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def role_params(role: str, company: str | None = None, **params: str) -> dict[str, str]:
    """Query parameters that seed the demo-mode role picker (monitor/session.py)."""
    seeded = {"rol": role, **params}
    if company:
        seeded["bedrijf"] = company
    return seeded


_READY_JS = """([ready, heading]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.dataset.testScriptState !== 'notRunning' || app.dataset.testConnectionState !== 'CONNECTED') return false;
  if (document.querySelector('[data-stale="true"]')) return false;
  if (ready && !document.querySelector(ready)) return false;
  const visible = (el) => el.offsetParent !== null;
  if (ready === null && heading === null) return true;
  const h1s = [...document.querySelectorAll('h1')].filter(visible);
  return heading === null ? h1s.length > 0 : h1s.some((h) => new RegExp(heading).test(h.innerText));
}"""


def wait_for_app(
    page, ready: str | None = None, heading: str | None = None, timeout_ms: int = TIMEOUT_MS, settle_ms: int = 400
) -> None:
    """Wait until the script run is over, nothing on the page is stale, the CSS selector `ready` (if
    given) exists, a visible h1 matches the regular expression `heading` (any h1 if None) and every chart
    slot is filled; then check that this still holds after `settle_ms`, because the frame may rerun once
    (deep links, role change)."""
    deadline = time.monotonic() + timeout_ms / 1000

    def left() -> int:
        return max(1, int((deadline - time.monotonic()) * 1000))

    while True:
        page.wait_for_function(_READY_JS, arg=[ready, heading], timeout=left(), polling=100)
        page.wait_for_function(SLOTS_FILLED_JS, timeout=left(), polling=100)
        page.wait_for_timeout(settle_ms)
        if page.evaluate(_READY_JS, [ready, heading]):
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"{page.url} kept rerunning")


# The demo-mode role picker in the sidebar: present once the frame (dashboard.py) has drawn.
DEMO_PICKER = '[data-testid="stSidebar"] [data-testid="stSelectbox"]'


def open_as(page, server: Server, path: str, role: str, company: str | None = None, heading: str | None = None, **params):
    """Open `path` (a page's url_path; the default page's is served at "") as `role` in demo mode and wait.

    Waits for the frame (the role picker), a visible h1 (matching the regular expression `heading`) and
    the end of the script run; returns the heading's locator. A page that shows Streamlit's exception
    box fails here with the exception text."""
    from tests.e2e.pages import address  # pages.py imports this module

    page.goto(server.url(address(path), **role_params(role, company, **params)), wait_until="domcontentloaded")
    wait_for_app(page, ready=DEMO_PICKER, heading=heading if heading is not None else ".")
    assert_no_exception(page)
    h1 = page.locator("h1")
    if heading is not None:
        h1 = h1.filter(has_text=re.compile(heading))
    return h1.first


def screenshot(page, path: Path, width: int = 1400, max_height: int = 12_000) -> None:
    """The whole page: Streamlit scrolls inside its main block, so grow the viewport to its height first."""
    height = page.evaluate(
        "Math.max(...[...document.querySelectorAll('[data-testid=stMain], [data-testid=stSidebarContent]')]"
        ".map((el) => el.scrollHeight), 800)"
    )
    original = page.viewport_size
    page.set_viewport_size({"width": width, "height": min(height + 40, max_height)})
    page.wait_for_timeout(300)
    page.screenshot(path=str(path))
    if original:
        page.set_viewport_size(original)


def selected(page, label: str) -> str:
    """The value a selectbox labelled `label` shows (Streamlit draws it as a combobox input)."""
    return page.get_by_role("combobox", name=label, exact=True).first.input_value()


def assert_no_exception(page) -> None:
    """No exception box, and no 'Page not found' dialog (it makes the page under it inert)."""
    missing = page.locator('[role="dialog"]').filter(has_text="Page not found")
    if missing.count():
        raise AssertionError(f"'Page not found' on {page.url}: open the default page at '/'")
    boxes = page.locator(EXCEPTION)
    if boxes.count():
        raise AssertionError(f"exception box on {page.url}:\n" + "\n---\n".join(boxes.all_inner_texts()))


# The tabs of a page's own sections (monitor.sections), not tabs inside a chart or widget.
SECTION_TABS = '[data-testid="stMain"] [data-testid="stTabs"] [role="tablist"] > [role="tab"]'


def other_tabs(page, heading: str = ".") -> Iterator[str]:
    """Open each of the page's section tabs after the one shown, in turn; yields its label once its content
    has run (a lazy tab runs only when opened) and the page is idle again."""
    labels = [tab.inner_text().strip() for tab in page.locator(SECTION_TABS).all()]
    for label in labels[1:]:
        page.locator(SECTION_TABS).filter(has_text=re.compile(f"^{re.escape(label)}$")).first.click()
        page.wait_for_url(re.compile(r"[?&]deel="), timeout=TIMEOUT_MS)
        wait_for_app(page, ready=DEMO_PICKER, heading=heading)
        assert_no_exception(page)
        yield label
