"""Screenshot dashboard pages in headless Debian Chromium: python tools/screenshot.py URL_PATH [OUT.png] [--role ROLE].

Starts nothing: expects the app on http://localhost:$C6_PORT (default 8599), started by tools/serve.sh.
The overview is the default page: its path is "" (not "overzicht").
"""

from __future__ import annotations

import os
import sys

from playwright.sync_api import sync_playwright

BASE = f"http://localhost:{os.environ.get('C6_PORT', '8599')}"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def shoot(path: str, out: str, width: int = 1400, height: int = 2400, wait_ms: int = 6000) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(f"{BASE}/{path.lstrip('/')}", wait_until="networkidle", timeout=60_000)
        page.wait_for_timeout(wait_ms)
        page.screenshot(path=out, full_page=True)
        browser.close()


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else ""
    shoot(target, sys.argv[2] if len(sys.argv) > 2 else "screenshots/page.png")
