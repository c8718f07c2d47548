"""axe-core (WCAG 2.0/2.1 A and AA) in a real browser: zero serious or critical violations in what the
project controls (tests/e2e/axe.py). Every page as every demo role is checked in test_pages_browser.py
(it opens them anyway); here the public view, that the check does fail on a violation, and that what is
listed as Streamlit's own is still true; and that the contrast check of the text inside charts (which axe
skips) fails on a light label."""

from __future__ import annotations

import pytest

from tests.e2e.axe import STREAMLIT_CAUSED, assert_accessible, project_violations, streamlit_caused
from tests.e2e.chart_contrast import assert_chart_text_legible, chart_text_contrast, is_large, low_contrast
from tests.e2e.harness import assert_no_exception, open_as, wait_for_app
from tests.e2e.pages import address, page_specs

PUBLIC_PAGES = [spec["url_path"] for spec in page_specs() if "publiek" in spec["roles"]]


@pytest.fixture(scope="module")
def public_server(server_factory, chromium):
    return server_factory(env={"C6_PUBLIC": "1"})


@pytest.mark.parametrize("url_path", PUBLIC_PAGES)
def test_public_view_has_no_serious_accessibility_violations(public_server, page, url_path):
    page.goto(public_server.url(address(url_path)), wait_until="domcontentloaded")
    wait_for_app(page, heading=".")
    assert_no_exception(page)
    assert "Openbare weergave" in page.locator('[data-testid="stMain"]').inner_text()
    assert_accessible(page)
    assert_chart_text_legible(page)


def test_the_check_fails_on_a_violation_in_project_markup(app_server, page):
    open_as(page, app_server, "bronnen", "ministerie")
    assert project_violations(page) == []
    # light grey text in the main area, and an image without alternative text: both serious or critical
    page.evaluate(
        """() => { const main = document.querySelector('[data-testid="stMain"]');
        const p = document.createElement('p'); p.textContent = 'Bron: te licht'; p.style.color = '#b0b0b0';
        const img = document.createElement('img'); img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
        main.prepend(p, img); }"""
    )
    found = project_violations(page)
    assert any(v.startswith("color-contrast") and "te licht" in v for v in found), found
    assert any(v.startswith("image-alt") for v in found), found


def test_the_chart_text_check_fails_on_a_light_label(app_server, page):
    """Text in a chart's SVG is measured against what is drawn under it (white, or the stage a label sits on):
    the page as built passes, a tick label turned light grey is caught."""
    open_as(page, app_server, "casussen", "ministerie")  # its first tab: the funnel, labels on coloured stages
    measured = chart_text_contrast(page)
    assert len(measured) > 5 and all(m.ratio >= m.needed for m in measured), [str(m) for m in measured if m.ratio < m.needed]
    assert any(m.background != "#ffffff" for m in measured)  # text on bars is measured on the bar's colour
    page.evaluate(
        """() => { const tick = document.querySelector('.js-plotly-plot .ytick text');
        tick.style.fill = '#a0a0a0'; tick.textContent = 'te licht'; }"""
    )
    failing = low_contrast(page)
    assert any("'te licht' #a0a0a0 on #ffffff: 2.6" in line for line in failing), failing


def test_large_text_needs_three_to_one():
    assert is_large(24, 400) and is_large(18.7, 700)
    assert not is_large(18.7, 400) and not is_large(13, 700)


def test_what_is_listed_as_streamlits_own_is_still_found(app_server, page):
    """If Streamlit fixes its navigation, this fails: then drop the entry here and in the README."""
    open_as(page, app_server, "overzicht", "ministerie")
    listed = {rule for rules in STREAMLIT_CAUSED.values() for rule in rules}
    assert streamlit_caused(page) >= listed
