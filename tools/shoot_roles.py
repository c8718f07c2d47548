"""Full-page screenshots of pages as roles at given widths, in headless Debian Chromium.

    python tools/shoot_roles.py OUT_DIR --pages kaart,subsidies --roles ministerie,bedrijf:O-I\\ Netherlands\\ B.V. \\
        --widths 1440,1024 [--port 8740]

Starts nothing: expects the app on http://127.0.0.1:$C6_PORT (tools/serve.sh). A role is `ministerie`,
`regisseur`, `bedrijf:<company>` or `publiek` (then the server must run with C6_PUBLIC=1; no role in the URL).
Files are named `<page>-<role>-<width>.png`; the page "" (Overzicht) is saved as `overzicht`. Each shot is the
whole page (Streamlit scrolls inside its main block, so the viewport grows to its height first).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e.harness import launch_browser, role_params, screenshot, wait_for_app  # noqa: E402


def _slug(role: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", role.lower()).strip("_")[:24]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", required=True, help="comma-separated url paths ('' or overzicht for the default page)")
    parser.add_argument("--roles", default="ministerie")
    parser.add_argument("--widths", default="1440,1024")
    parser.add_argument("--port", default=os.environ.get("C6_PORT", "8599"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    base = f"http://127.0.0.1:{args.port}"
    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        for role in args.roles.split(","):
            name, _, company = role.partition(":")
            for path in args.pages.split(","):
                url_path = "" if path == "overzicht" else path
                for width in (int(w) for w in args.widths.split(",")):
                    context = browser.new_context(viewport={"width": width, "height": 1000}, locale="nl-NL")
                    page = context.new_page()
                    query = "" if name == "publiek" else "?" + urlencode(role_params(name, company or None))
                    page.goto(f"{base}/{url_path}{query}", wait_until="domcontentloaded", timeout=180_000)
                    wait_for_app(page, heading=".", timeout_ms=180_000, settle_ms=1500)
                    # tables, charts and maps are lazily loaded components: skeletons until their code arrives
                    page.wait_for_function("!document.querySelector('[data-testid=stSkeleton]')", timeout=120_000, polling=250)
                    page.wait_for_timeout(1500)
                    out = args.out / f"{path or 'overzicht'}-{_slug(company or name)}-{width}.png"
                    screenshot(page, out, width=width)
                    print(out, flush=True)
                    context.close()
        browser.close()


if __name__ == "__main__":
    main()
