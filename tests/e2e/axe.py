"""axe-core (WCAG 2.0/2.1 A and AA rules) in a real browser: the serious and critical violations in what the
project controls. What Streamlit itself draws, and the project cannot change, is listed in STREAMLIT_CAUSED
with the reason (and in the README's accessibility section); axe is told to skip only those rules, and only
inside that markup."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeout

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, "resultTypes": ["violations"]}
# CSS selector of Streamlit's own markup -> {axe rule it breaks there: reason}. Outside it every rule applies.
STREAMLIT_NAV = '[data-testid="stSidebarNavItems"]'
STREAMLIT_CAUSED = {
    STREAMLIT_NAV: {
        "list": "Streamlit's page navigation puts the section headers as <div>s directly inside its <ul>",
        "listitem": "the same navigation: the <li>s of a section sit in a <div>, not directly in the <ul>",
    },
}
_axe = Axe()


def _serious(results: list[dict]) -> list[str]:
    return [
        f"{violation['id']} ({violation['impact']}): {node['html'][:160]} · {node.get('failureSummary', '')[:240]}"
        for violation in results
        if violation["impact"] in ("serious", "critical")
        for node in violation["nodes"]
    ]


def project_violations(page) -> list[str]:
    """Serious and critical violations: every rule on the page outside Streamlit's markup listed above, and
    inside that markup every rule but the ones listed. axe scopes the runs itself (include/exclude), so no
    node is matched to Streamlit's markup afterwards by a selector that may point elsewhere by then."""
    excluded = [[selector] for selector in STREAMLIT_CAUSED]
    found = _serious(_axe.run(page, context={"exclude": excluded}, options=WCAG_AA).response["violations"])
    for selector, rules in STREAMLIT_CAUSED.items():
        if page.locator(selector).count():
            options = {**WCAG_AA, "rules": {rule: {"enabled": False} for rule in rules}}
            found += _serious(_axe.run(page, context={"include": [[selector]]}, options=options).response["violations"])
    return found


def streamlit_caused(page) -> set[str]:
    """The rules axe finds inside the markup listed in STREAMLIT_CAUSED (to keep the list true)."""
    context = {"include": [[selector] for selector in STREAMLIT_CAUSED]}
    return {violation["id"] for violation in _axe.run(page, context=context, options=WCAG_AA).response["violations"]}


def assert_accessible(page) -> None:
    """No serious or critical axe violation in what the project controls, and the page says it is Dutch
    (WCAG 3.1.1: axe checks only that <html lang> is a valid language, and Streamlit's "en" is one)."""
    try:  # set by the frame's last element (monitor.layout.page_language), a moment after the heading
        page.wait_for_function("document.documentElement.lang === 'nl'", timeout=10_000)
    except PlaywrightTimeout:
        language = page.evaluate("document.documentElement.lang")
        raise AssertionError(f"{page.url}: <html lang={language!r}>, the page is Dutch") from None
    violations = project_violations(page)
    assert not violations, f"axe on {page.url}:\n" + "\n".join(violations)
