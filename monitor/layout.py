"""Nothing cut off: Streamlit ends a metric's label, value and delta and a button's label in '…' when
they do not fit their column (at 1024 px, four metrics side by side cut "€ 207,3 mln" to "€ 207,…").
One stylesheet, added by the frame on every run, lets them wrap instead, lets a metric's value
shrink a little on a narrow screen before it wraps, and gives the page narrower margins up to 1280 px. Checked in Chromium at 1440 and 1024 px
(tests/e2e/test_layout_browser.py measures that no metric or button text is clipped).
"""

from __future__ import annotations

import streamlit as st

from monitor import html_table

METRIC_ROW = "c6-metrics"  # key prefix of a row of key figures (monitor.ui.metric_row)

# Streamlit draws these texts in a `.stMarkdownEllipsis` block (nowrap + hidden overflow + ellipsis).
WRAPPED = (
    '[data-testid="stMetricLabel"]',
    '[data-testid="stMetricValue"]',
    '[data-testid="stMetricDelta"]',
    '[data-testid="stDownloadButton"]',
    '[data-testid="stButton"]',
    '[data-testid="stPageLink"]',
)
STYLE = (
    "<style>\n"
    + ",\n".join(f"{scope} .stMarkdownEllipsis, {scope} .stMarkdownEllipsis *" for scope in WRAPPED)
    + " { white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }\n"
    + '[data-testid="stPageLink"] a, [data-testid="stPageLink"] span { white-space: normal !important; height: auto !important; }\n'
    + '[data-testid="stMetricLabel"] { height: auto !important; min-height: 1.5rem; }\n'
    + '[data-testid="stMetricValue"] { font-size: clamp(1.5rem, 2.6vw, 2.25rem) !important; line-height: 1.2; }\n'
    + '[data-testid="stMetricValue"] > div { height: auto !important; }\n'
    # a row of key figures (ui.metric_row): equal columns like st.columns, each at least 7rem wide (three fit
    # in Profiel's figures column at 1024 px, five in the page's width); what does not fit goes to a next
    # line, in the same columns
    + f'[class*="st-key-{METRIC_ROW}-"] {{ display: grid !important; grid-template-columns: repeat(auto-fit, minmax(7rem, 1fr)); }}\n'
    # The page's side padding (5rem each side) shrinks on screens up to 1280 px: 100 px more for every
    # table and chart at 1024 px, where the sidebar already takes 300 px.
    + '@media (max-width: 1280px) { [data-testid="stMainBlockContainer"] { padding-left: 2rem !important; '
    + "padding-right: 2rem !important; } }\n"
    # the page-language element (page_language) shows nothing: no gap for it either
    + '[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > script:only-child) { display: none; }\n'
    + html_table.CSS
    + "</style>"
)


# WCAG 3.1.1 (level A): a screen reader reads the page in the language that <html lang> names. Streamlit's
# index.html says "en" and has no setting for it; every text the project writes is Dutch.
LANGUAGE = "nl"
_LANGUAGE_SCRIPT = f"<script>document.documentElement.lang = '{LANGUAGE}';</script>"


def page_language() -> None:
    """Set the page's language. apply() calls it, first thing in every run, so the pages a run stops at
    (the sign-in page, no access, a missing database) are Dutch too."""
    st.html(_LANGUAGE_SCRIPT, unsafe_allow_javascript=True)


def apply() -> None:
    # st.html, not a Markdown element with unsafe_allow_html: that loads a 188 KB HTML parser (rehype-raw)
    # where st.html's renderer and sanitiser are 31 KB
    st.html(STYLE)
    page_language()
