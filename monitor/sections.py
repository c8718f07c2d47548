"""Sections that are built only when a reader opens them: lazy tabs and expanders.

A page leads with what most readers come for (its key figures and one chart); the rest sits in tabs or
expanders whose content runs, and is sent to the browser, only once it is opened. That keeps a page's
first paint close to Streamlit's own cost, whatever the page holds (issue 13: browser time to content).

    lead, detail = sections.tabs(["Per jaar", "Per provincie"], key="deel")
    if lead:
        with lead:
            ...

A tab's choice lives in the URL (`?deel=Per+provincie`), so a shared link opens the same tab; an unknown
label falls back to the first tab. Opening a closed section reruns the page (its data is cached).
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

# Tests set this (tests/conftest.py): AppTest then sees every section's content, as a reader who opens
# them all, so the page walks keep checking every table and chart. The app never sets it.
OPEN_ALL = False

TAB_PARAM = "deel"  # the URL parameter of a page's tabs; one set of tabs per page


def tabs(labels: Sequence[str], key: str = TAB_PARAM, default: str | None = None) -> list:
    """One tab container per label, or None for a tab that is not open (its content must not run).
    `default`: the tab opened when the URL names none (else the first)."""
    boxes = st.tabs(list(labels), key=key, on_change="rerun", bind="query-params", default=default)
    return [box if (box.open or OPEN_ALL) else None for box in boxes]


def expander(label: str, key: str, *, icon: str | None = None):
    """A closed expander whose content runs only when opened: the container when open, else None."""
    box = st.expander(label, key=key, on_change="rerun", icon=icon)
    return box if (box.open or OPEN_ALL) else None
