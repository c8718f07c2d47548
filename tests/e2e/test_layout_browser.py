"""Nothing cut off at 1024 px (a laptop with the sidebar open): no metric, button or page-link text ends in
'…', the wrapping tables (ui.table(wrap=True)) need no sideways scrolling, no chart legend scrolls and every
page's section tabs fit in one row.
Measured in Chromium on the drawn page (monitor/layout.py, monitor/ui.py, monitor/charts/style.py)."""

from __future__ import annotations

import pytest

from monitor.layout import METRIC_ROW
from tests.e2e.harness import TIMEOUT_MS, open_as
from tests.e2e.pages import COMPANY

# Text that Streamlit cuts with an ellipsis when it does not fit: wider than its box means cut.
CLIPPED_JS = """() => {
  const scopes = '[data-testid=stMetric], [data-testid=stDownloadButton], [data-testid=stPageLink]';
  return [...document.querySelectorAll(scopes)].flatMap((scope) =>
    [...scope.querySelectorAll('.stMarkdownEllipsis, .stMarkdownEllipsis p, p, span')]
      .filter((el) => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
      .map((el) => el.innerText.trim()).filter((text) => text.length > 1));
}"""
# A table (monitor.html_table) wider than the page scrolls sideways inside its region.
SCROLLING_TABLES_JS = """() => [...document.querySelectorAll('[data-testid=stMain] .c6-table')]
  .map((region, index) => [index, region])
  .filter(([, region]) => region.scrollWidth > region.clientWidth + 2)
  .map(([index]) => index)"""
# Plotly draws a scroll bar in a legend that does not fit.
SCROLLING_LEGENDS_JS = """() => [...document.querySelectorAll('.js-plotly-plot .legend .scrollbar')]
  .filter((bar) => { const box = bar.getBBox(); return box.height > 0 && box.width > 0; }).length"""


@pytest.fixture
def narrow_page(browser):
    context = browser.new_context(viewport={"width": 1024, "height": 900}, locale="nl-NL")
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def drawn(page) -> None:
    page.wait_for_function("!document.querySelector('[data-testid=stSkeleton]')", polling=250)
    page.wait_for_timeout(1500)


@pytest.mark.parametrize(
    ("path", "role", "company"),
    [
        ("subsidies", "ministerie", None),  # four euro metrics in a row, download pairs, two legends
        ("overzicht", "ministerie", None),  # the signals link, a legend of 13 entries
        ("benchmark", "bedrijf", COMPANY),  # long metric labels, three download pairs in one row
    ],
)
def test_no_text_cut_off_at_1024_px(app_server, narrow_page, path, role, company):
    open_as(narrow_page, app_server, path, role, company)
    drawn(narrow_page)
    assert narrow_page.evaluate(CLIPPED_JS) == []
    assert narrow_page.evaluate(SCROLLING_LEGENDS_JS) == 0


def test_wrapping_tables_fit_1024_px(app_server, narrow_page):
    open_as(narrow_page, app_server, "bronnen", "ministerie", heading="^Bronnen")
    drawn(narrow_page)
    # the sources table and the table of loads under it are the first two on the page
    assert [i for i in narrow_page.evaluate(SCROLLING_TABLES_JS) if i < 2] == []


# A page's section tabs (monitor.sections) in one row: Streamlit scrolls a tab bar that is too wide, hiding labels.
TABS_OVERFLOW_JS = """() => [...document.querySelectorAll('[data-testid=stMain] [data-testid=stTabs] [role=tablist]')]
  .filter((bar) => bar.scrollWidth > bar.clientWidth + 1).map((bar) => bar.innerText.replace(/\\n/g, ' | '))"""


@pytest.mark.parametrize(
    ("path", "role", "company"),
    [
        ("kaart", "ministerie", None),
        ("sectoren", "ministerie", None),
        ("routes", "ministerie", None),
        ("actielijnen", "ministerie", None),
        ("watals", "ministerie", None),
        ("casussen", "ministerie", None),
        ("subsidies", "ministerie", None),
        ("rapportage", "ministerie", None),
        ("benchmark", "bedrijf", COMPANY),
    ],
)
def test_section_tabs_fit_1024_px(app_server, narrow_page, path, role, company):
    open_as(narrow_page, app_server, path, role, company)
    assert narrow_page.locator("[data-testid=stMain] [data-testid=stTabs]").count(), f"{path} has no section tabs"
    assert narrow_page.evaluate(TABS_OVERFLOW_JS) == []


# Plotly does not wrap an annotation (the source line under a chart): one wider than its chart runs past the edge.
ANNOTATIONS_PAST_EDGE_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap((plot) => {
  const edge = plot.getBoundingClientRect().right;
  return [...plot.querySelectorAll('.annotation-text')]
    .filter((text) => text.getBoundingClientRect().right > edge + 1)
    .map((text) => text.textContent.slice(0, 60));
})"""


@pytest.mark.parametrize(
    ("path", "role", "params"),
    [
        ("overzicht", "ministerie", {}),
        ("rapportage", "regisseur", {"deel": "Grafieken"}),  # the report's charts: wide y labels, long sources
        ("sectoren", "ministerie", {}),
    ],
)
def test_chart_source_lines_stay_inside_their_chart_at_1024_px(app_server, narrow_page, path, role, params):
    open_as(narrow_page, app_server, path, role, **params)
    drawn(narrow_page)
    assert narrow_page.locator(".js-plotly-plot").count()
    assert narrow_page.evaluate(ANNOTATIONS_PAST_EDGE_JS) == []


# The boxes of each row of key figures (ui.metric_row), as [left, top, width] per figure.
METRIC_ROWS_JS = """() => [...document.querySelectorAll('[data-testid=stMain] [class*="st-key-__ROW__-"]')].map((row) =>
  [...row.querySelectorAll('[data-testid=stMetric]')].map((metric) => {
    const box = metric.getBoundingClientRect();
    return [Math.round(box.left), Math.round(box.top), Math.round(box.width)];
  }))""".replace("__ROW__", METRIC_ROW)


@pytest.mark.parametrize(("width", "per_line"), [(1440, 4), (1024, 4), (390, 2)])
def test_key_figures_share_a_row_in_equal_columns(app_server, browser, width, per_line):
    """Overzicht's rows of four key figures: equal columns side by side on a laptop, two by two on a phone,
    no text cut off (a row is one flex container made a grid by monitor/layout.py, not st.columns)."""
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    try:
        page = context.new_page()
        open_as(page, app_server, "overzicht", "ministerie")
        drawn(page)
        rows = page.evaluate(METRIC_ROWS_JS)
        assert [len(row) for row in rows] == [4, 4]  # the emissions and the case approach rows
        for row in rows:
            lines = sorted({top for _, top, _ in row})
            assert len(lines) == 4 // per_line, row
            assert max(w for *_, w in row) - min(w for *_, w in row) <= 1, row  # equal columns
            first_line = sorted(left for left, top, _ in row if top == lines[0])
            assert len(first_line) == per_line, row
        assert page.evaluate(CLIPPED_JS) == []
    finally:
        context.close()
