"""What only a real browser shows: the map canvas is drawn, a sidebar filter redraws a chart, a download
arrives, and a company cannot open another company's pages by typing their address."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from tests.e2e.harness import TIMEOUT_MS, open_as, wait_for_app
from tests.e2e.pages import COMPANY, OTHER_COMPANY

PROVINCE_FILL = (244, 243, 238)  # monitor/charts/maps.py: the provinces layer without basemap
PROFILE_PROVINCE_FILL = (245, 245, 245)  # monitor/charts/profile.py: the small map's provinces
MAP_FILE = re.compile(r"/media/[0-9a-f]+\.json$")  # a map layer's data (monitor.map_files)


def plotly_traces(page, index: int = 0) -> list[str]:
    """Names of the traces plotly.js drew in the index-th chart on the page."""
    page.locator(".js-plotly-plot").nth(index).wait_for(state="visible")
    return page.evaluate("(i) => [...document.querySelectorAll('.js-plotly-plot')][i].data.map((t) => t.name || '')", index)


@pytest.mark.parametrize(
    ("path", "params", "heading", "province_fill", "min_side"),
    [
        ("kaart", {}, "^Kaart", PROVINCE_FILL, 400),
        ("profiel", {"installatie": "NL_131"}, "vestiging Leerdam", PROFILE_PROVINCE_FILL, 200),  # drawn last (monitor.deferred)
    ],
)
def test_map_canvas_is_drawn(app_server, page, path, params, heading, province_fill, min_side):
    files = []  # the maps' large layers come as files of their own (monitor.map_files)
    page.on("response", lambda r: files.append((r.status, r.headers.get("content-type"))) if MAP_FILE.search(r.url) else None)
    open_as(page, app_server, path, "ministerie", heading=heading, **params)
    chart = page.locator('[data-testid="stDeckGlJsonChart"]')
    canvas = chart.locator("canvas").first
    canvas.wait_for(state="visible")
    page.wait_for_timeout(1500)  # deck.gl draws after its first animation frames
    image = Image.open(io.BytesIO(canvas.screenshot())).convert("RGB")
    colours = image.getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50, "the map canvas is (nearly) blank"
    assert any(rgb == province_fill for _, rgb in colours), "no province drawn"
    assert files and all(f == (200, "application/json") for f in files), files  # at least the province outlines
    box = canvas.bounding_box()
    assert box["width"] > min_side and box["height"] > min_side


def test_sector_filter_redraws_the_sector_chart(app_server, page):
    open_as(page, app_server, "overzicht", "ministerie", heading="^Cluster 6")
    before = set(plotly_traces(page))
    assert {"glas", "chemie"} <= before
    page.locator('[data-testid="stSidebar"] summary').filter(has_text="Sector, provincie").click()  # the filter expander
    sector = page.get_by_role("combobox", name="Sector", exact=True)
    sector.click()
    page.get_by_role("option", name="glas", exact=True).click()
    page.keyboard.press("Escape")
    # The choice reaches the server only after the click: until the rerun has written it into the address,
    # the page is still idle with the old chart, so wait for the address before waiting for the run's end.
    page.wait_for_url(re.compile(r"[?&]sector=glas"), timeout=TIMEOUT_MS)
    wait_for_app(page, heading="^Cluster 6")
    after = set(plotly_traces(page))
    assert "glas" in after and "chemie" not in after, after
    assert "sector=glas" in page.url  # the filter lives in the address, so the view can be shared


def test_csv_download_arrives(app_server, page, tmp_path):
    open_as(page, app_server, "bronnen", "ministerie", heading="^Bronnen")
    button = page.locator('[data-testid="stDownloadButton"] button').first
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        button.click()
    download = info.value
    assert download.suggested_filename.endswith((".csv", ".xlsx"))
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    assert target.stat().st_size > 100
    if target.suffix == ".csv":
        text = target.read_bytes().decode("utf-8-sig")
        assert ";" in text.splitlines()[0] and len(text.splitlines()) > 2


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("profiel", {"exploitant": OTHER_COMPANY}),
        ("casussen", {}),
        ("subsidies", {}),
        ("rapportage", {}),
        ("laden", {}),
    ],
)
def test_company_cannot_open_another_companys_pages_by_url(app_server, page, path, params):
    page.goto(app_server.url(path, rol="bedrijf", bedrijf=COMPANY, **params), wait_until="domcontentloaded")
    wait_for_app(page, ready='[data-testid="stSidebar"] [data-testid="stSelectbox"]', heading=".")
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert OTHER_COMPANY not in body
    headings = [h.strip() for h in page.locator("h1").all_inner_texts()]
    if path == "profiel":
        assert "U kunt alleen de profielen van uw eigen bedrijf openen." in body
    else:  # not a page of this role: its address answers with a notice naming the page, no data, a way on
        assert not any(h.startswith(path.capitalize()) for h in headings), headings
        assert headings == ["Geen toegang"], headings
        assert page.get_by_text("Page not found").count() == 0  # not Streamlit's English fallback dialog
        assert page.locator('[data-testid="stPageLink"]').filter(has_text="Naar het overzicht").count() == 1
        title = {"casussen": "Casussen", "subsidies": "Subsidies", "rapportage": "Rapportage", "laden": "Bestand laden"}[path]
        notice = page.locator('[data-testid="stAlertContentWarning"]').filter(has_text=f"De pagina '{title}'")
        assert notice.count() == 1, body[:600]
        assert "u heeft er geen toegang toe" in notice.inner_text()
