"""axe-core (WCAG 2.0/2.1 A and AA) in a real browser: zero serious or critical violations in what the
project controls (tests/e2e/axe.py). Every page as every demo role is checked in test_pages_browser.py
(it opens them anyway); here the public view, that the check does fail on a violation, and that what is
listed as Streamlit's own is still true."""

from __future__ import annotations

import pytest

from tests.e2e.axe import STREAMLIT_CAUSED, assert_accessible, project_violations, streamlit_caused
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


def test_what_is_listed_as_streamlits_own_is_still_found(app_server, page):
    """If Streamlit fixes its navigation, this fails: then drop the entry here and in the README."""
    open_as(page, app_server, "overzicht", "ministerie")
    listed = {rule for rules in STREAMLIT_CAUSED.values() for rule in rules}
    assert streamlit_caused(page) >= listed
