"""Every page as every role in a real browser: it loads without an exception box, shows its heading and
the role's sidebar, and axe-core finds no serious or critical WCAG 2.1 AA violation in what the project
controls (tests/e2e/axe.py), nor is any text inside a chart below AA contrast (tests/e2e/chart_contrast.py); one screenshot per page, role and section tab goes to screenshots/e2e/ (not in git). Each
of a page's section tabs is opened and checked too."""

from __future__ import annotations

import re

import pytest

from monitor.session import ROLE_LABELS
from tests.e2e.axe import assert_accessible
from tests.e2e.chart_contrast import assert_chart_text_legible
from tests.e2e.harness import open_as, other_tabs, screenshot, selected
from tests.e2e.pages import COMPANY, page_specs, visits

# The key heading each page must show (its st.title, a regular expression); a page added to dashboard.PAGES without an entry
# here fails, so every page gets a heading check.
HEADINGS = {
    "overzicht": "^Cluster 6 in één oogopslag",
    "kaart": "^Kaart: waar zitten de Cluster 6-bedrijven",
    "sectoren": r"^Sectoren: wie beweegt, wie blijft achter\?",
    "routes": "^Routes: wat gebeurt er",
    "actielijnen": "^Actielijnen: voortgang Actieplan",
    "watals": "^Wat als",
    "ranglijsten": "^Ranglijsten",
    "profiel": "^Profiel$",
    "signalen": "^Signalen",
    "casussen": "^Casussen",
    "subsidies": "^Subsidies",
    "rapportage": r"^Rapportage: kerncijfers \d{4}$",
    "benchmark": "^Benchmark",
    "laden": "^Bestand laden",
    "bronnen": "^Bronnen en kwaliteit",
}


def test_every_page_has_a_heading_entry():
    assert {spec["url_path"] for spec in page_specs()} == set(HEADINGS)


@pytest.mark.parametrize(("role", "url_path"), visits())
def test_page_loads_for_role(app_server, page, screenshot_dir, role, url_path):
    company = COMPANY if role == "bedrijf" else None
    heading = HEADINGS[url_path]
    if url_path == "profiel" and company:  # a company opens on its own profile, titled with its name
        heading = "^" + re.escape(company) + "$"
    open_as(page, app_server, url_path, role, company, heading=heading)
    # The demo picker shows the role the URL asked for; a company sees its own name.
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert "Demomodus" in sidebar.inner_text()
    assert selected(page, "Rol") == ROLE_LABELS[role]
    if company:
        assert selected(page, "Bedrijf") == company
    # The navigation offers only the role's pages (Streamlit folds a long list behind "View more", so the
    # links shown are a subset; the pages of other roles must never be among them).
    nav = {a.inner_text().strip().splitlines()[-1] for a in page.locator('[data-testid="stSidebarNav"] a').all()}
    wanted = {spec["title"] for spec in page_specs() if role in spec["roles"]}
    assert nav and nav <= wanted, (nav, wanted)
    screenshot(page, screenshot_dir / f"{url_path}-{role}.png")
    assert_accessible(page)
    assert_chart_text_legible(page)  # the text inside the charts' SVG, which axe does not check
    # Every section tab: its content runs only when opened (monitor.sections), so each is checked on its own.
    for label in other_tabs(page, heading):
        tab_name = re.sub(r"\W+", "_", label.lower())
        screenshot(page, screenshot_dir / f"{url_path}-{role}-{tab_name}.png")
        assert_accessible(page)
        assert_chart_text_legible(page)
