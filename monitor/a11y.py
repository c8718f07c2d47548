"""Accessibility fixes for what the project controls in Streamlit's look (WCAG 2.1 AA, checked with
axe-core in tests/e2e/test_accessibility_browser.py). One stylesheet, added by the frame on every run.

- Captions (st.caption: sources, definitions, notes) are drawn at 60 % opacity of the text colour:
  3.9:1 on white, under the 4.5:1 that AA asks of normal text. Drawn at full strength of a dark grey
  here (7.0:1).
- The selected option of pills and segmented controls (map layers, colour choice) is drawn in the
  theme's red on a light red (4.47:1); a darker red of the same hue reaches 6.4:1.
"""

from __future__ import annotations

import streamlit as st

CAPTION_COLOUR = "#595959"  # 7.0:1 on white
SELECTED_COLOUR = "#a61b2b"  # on Streamlit's selected-pill background #f9ebed

STYLE = f"""
<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * {{ color: {CAPTION_COLOUR} !important; opacity: 1 !important; }}
[data-testid="stButtonGroup"] [data-selected="true"], [data-testid="stButtonGroup"] [data-selected="true"] * {{
  color: {SELECTED_COLOUR} !important;
}}
</style>
"""


def apply() -> None:
    st.html(STYLE)
