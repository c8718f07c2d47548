"""The app works with no internet at all: every request a page makes in Chromium goes to the app's own
server (default map layers, basemap off). Before, the favicon (page_icon ":material/factory:") came from
fonts.gstatic.com; with a basemap Streamlit's deck.gl fetched Carto tiles."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.e2e.harness import open_as
from tests.e2e.pages import page_specs

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
# Every page once, as the role that may see it (the ministry sees all but Bestand laden, the regisseur's).
VISITS = [("ministerie" if "ministerie" in spec["roles"] else "regisseur", spec["url_path"]) for spec in page_specs()]


def outside_requests(urls: list[str]) -> list[str]:
    """The URLs that would need the internet: any http(s)/ws(s) request to a host other than this machine."""
    outside = []
    for url in urls:
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob", "about", "chrome-extension"):
            continue
        if parsed.hostname not in LOCAL_HOSTS and parsed.hostname != "::1":
            outside.append(url)
    return outside


def test_outside_requests_recognises_other_hosts():
    urls = [
        "http://127.0.0.1:8501/_stcore/health",
        "ws://127.0.0.1:8501/_stcore/stream",
        "data:image/svg+xml;charset=utf-8,x",
        "blob:http://127.0.0.1:8501/abc",
        "https://fonts.gstatic.com/s/i/short-term/release/materialsymbolsrounded/factory/default/24px.svg",
        "https://basemaps.cartocdn.com/gl/positron-gl-style/style.json",
    ]
    assert outside_requests(urls) == urls[-2:]


@pytest.mark.parametrize(("role", "url_path"), VISITS)
def test_page_makes_no_request_outside_this_machine(app_server, page, role, url_path):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("websocket", lambda socket: requested.append(socket.url))
    open_as(page, app_server, url_path, role)
    # charts, tables and the map are lazily loaded components: wait until they are drawn, then a moment
    # for what they fetch themselves (fonts, tiles, icons)
    page.wait_for_function("!document.querySelector('[data-testid=stSkeleton]')", polling=250)
    page.wait_for_timeout(2000)
    assert requested, "no request recorded"
    assert outside_requests(requested) == [], outside_requests(requested)


def test_public_view_map_makes_no_request_outside_this_machine(server_factory, page, chromium):
    server = server_factory(env={"C6_PUBLIC": "1"})
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(server.url("kaart"), wait_until="domcontentloaded")
    page.locator('[data-testid="stDeckGlJsonChart"] canvas').first.wait_for(state="visible")
    page.wait_for_timeout(2000)
    assert outside_requests(requested) == [], outside_requests(requested)
